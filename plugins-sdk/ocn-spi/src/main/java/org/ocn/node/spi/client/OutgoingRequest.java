package org.ocn.node.spi.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.VersionNumber;

/**
 * A request a plugin sends into the network.
 *
 * @param from    the sender: the node's own identity or a service running on this node
 * @param to      the recipient: any party of the network, or a service
 * @param module  the module identifier ({@code locations}, or a custom module)
 * @param role    the recipient's interface
 * @param method  the HTTP method
 * @param path    what follows the module's base path, empty or starting with {@code /}, URL-encoded
 * @param query   the query string without {@code ?}, or {@code null}
 * @param body    the JSON body, empty for none
 */
public record OutgoingRequest(PartyId from, PartyId to, String module, InterfaceRole role, String method, String path,
                              String query, byte[] body) {

    public OutgoingRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(method, "method");
        path = path == null ? "" : path;
        body = body == null ? new byte[0] : body.clone();
    }

    /** @return a GET without query */
    public static OutgoingRequest get(PartyId from, PartyId to, String module, InterfaceRole role, String path) {
        return new OutgoingRequest(from, to, module, role, "GET", path, null, null);
    }

    /** @return a request with a JSON body */
    public static OutgoingRequest withJson(PartyId from, PartyId to, String module, InterfaceRole role, String method,
                                           String path, String json) {
        return new OutgoingRequest(from, to, module, role, method, path, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the OCPI version used towards the recipient's node endpoints */
    public VersionNumber version() {
        return VersionNumber.V2_2_1;
    }
}
