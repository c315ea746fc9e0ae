package org.ocn.node.notary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stashed earlier signature: the values a node changed (JsonPath to the original value, as text, or {@code null})
 * and the signature that covered them.
 *
 * @param rewrittenFields the original values, by JsonPath, for example {@code $['body']['response_url']}
 * @param hash            the earlier hash
 * @param rsv             the earlier signature
 * @param signatory       the earlier signer
 */
public record Rewrite(Map<String, String> rewrittenFields, String hash, String rsv, String signatory) {

    public Rewrite {
        rewrittenFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rewrittenFields));
    }
}
