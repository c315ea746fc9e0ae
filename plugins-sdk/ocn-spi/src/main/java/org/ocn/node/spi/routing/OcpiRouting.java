package org.ocn.node.spi.routing;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the router offers a module handler for one request: forwarding, and the proxies that keep the parties' own
 * URLs away from each other (decisions §14: a proxy is tied to the party that may use it, and kept in the store).
 */
@ProviderType
public interface OcpiRouting {

    /**
     * Forwards the request to the recipient's endpoint for the request's module and interface, with the request's path
     * and query appended, the recipient's token B, a new {@code X-Request-ID} and the same {@code X-Correlation-ID}
     * and routing headers. The body goes as it is.
     *
     * @return the recipient's reply; failures to reach it complete normally with the node's error reply (4002 when
     *         it is too slow, 4003 when it cannot be reached, 3000 when its answer is not JSON)
     */
    CompletionStage<OcpiReply> forward(OcpiRequest request);

    /**
     * Forwards a list request and proxies the pagination of the reply: {@link #forward} then
     * {@link #proxyPagination}.
     */
    default CompletionStage<OcpiReply> forwardPaginated(OcpiRequest request) {
        return forward(request).thenApply(reply -> proxyPagination(request, reply));
    }

    /**
     * Forwards the request to the URL behind a proxy the node handed out (a {@code Location} or a
     * {@code response_url}), with the token B of the party that URL belongs to. The request's path and query are not
     * used.
     *
     * @param kind    which kind of proxy the id must be
     * @param proxyId the id in the node URL
     * @return empty when no such proxy exists, it expired, or the sender is not the party it was handed to (answer
     *         404 with 2003)
     */
    Optional<CompletionStage<OcpiReply>> forwardToProxy(OcpiRequest request, ProxyKind kind, String proxyId);

    /**
     * Replaces the {@code response_url} of an asynchronous request (commands, charging profiles) with a node URL and
     * remembers the original for the recipient's later result: in the body's top-level {@code response_url} field (only
     * that value's bytes change), or in the {@code response_url} query parameter.
     *
     * @param resultPath the node path the result will be posted to, without the proxy id, for example
     *                   {@code /ocpi/sender/2.2.1/commands/START_SESSION}; the router appends {@code /{id}}
     * @return the request to forward; unchanged when it carries no {@code response_url}
     */
    OcpiRequest proxyResponseUrl(OcpiRequest request, boolean inQuery, String resultPath);

    /**
     * Replaces the {@code Link: <url>; rel="next"} of a paginated reply with a node link
     * ({@code /ocpi/{role}/{version}/{module}/page/{id}}) that only the sender may follow; {@code X-Total-Count} and
     * {@code X-Limit} stay. A reply without a next link ends the pagination the request belonged to.
     */
    OcpiReply proxyPagination(OcpiRequest request, OcpiReply reply);

    /**
     * Replaces the {@code Location} header of a reply with a node URL ({@code nodePath/{id}}) that only the sender
     * may use.
     */
    OcpiReply proxyLocation(OcpiRequest request, OcpiReply reply, String nodePath);

    /** The kinds of proxy a handler resolves (next-page links the router answers itself). */
    enum ProxyKind {
        /** The {@code Location} of a created object (a CDR). */
        LOCATION,
        /** The {@code response_url} of an asynchronous request. */
        RESPONSE_URL
    }
}
