package org.ocn.node.api.ocpi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads the token out of an inbound {@code Authorization} header the way parties in the field write it:
 * {@code Token <base64>}, {@code Token <plain>}, or the bare token without the {@code Token } prefix.
 */
public final class AuthorizationTokens {

    private AuthorizationTokens() {
    }

    /**
     * @param header the header value, or {@code null}
     * @return the tokens the header may stand for, in the order to try them: the raw value first, then its Base64
     *         decoding when it decodes to printable ASCII; empty when there is no token
     */
    public static List<String> candidates(String header) {
        List<String> candidates = new ArrayList<>(2);
        if (header == null) {
            return candidates;
        }
        String value = header.trim();
        if (value.toLowerCase(Locale.ROOT).startsWith("token")
                && (value.length() == 5 || Character.isWhitespace(value.charAt(5)))) {
            value = value.substring(5).trim();
        }
        if (value.isEmpty() || !isPrintableAscii(value)) {
            return candidates;
        }
        candidates.add(value);
        try {
            byte[] decoded = Base64.getDecoder().decode(value);
            String text = new String(decoded, StandardCharsets.UTF_8);
            if (!text.isEmpty() && isPrintableAscii(text) && !text.equals(value)) {
                candidates.add(text);
            }
        } catch (IllegalArgumentException notBase64) {
            // a plain token
        }
        return candidates;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
