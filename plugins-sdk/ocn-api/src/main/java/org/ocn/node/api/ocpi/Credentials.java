package org.ocn.node.api.ocpi;

import java.util.List;
import java.util.Objects;

/**
 * A credentials object ({@code Credentials}): the token the other side must use to call this platform, the URL of
 * this platform's versions endpoint, and the roles it plays.
 *
 * @param token the credentials token, not encoded, at most 64 printable ASCII characters ({@code token})
 * @param url   the versions endpoint URL ({@code url})
 * @param roles the roles, at least one ({@code roles})
 */
public record Credentials(String token, String url, List<CredentialsRole> roles) {

    public Credentials {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(url, "url");
        roles = List.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("roles must not be empty");
        }
    }
}
