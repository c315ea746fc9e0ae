package org.ocn.node.spi.routing;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks a request against the shape of a module interface, so that a handler states its interface in one line:
 *
 * <pre>
 * return InterfaceRules.check(request, "GET, PUT, PATCH", 3, 3, "/{country_code}/{party_id}/{session_id}")
 *         .map(InterfaceRules::reply).orElseGet(() -&gt; routing.forward(request));
 * </pre>
 */
public final class InterfaceRules {

    private InterfaceRules() {
    }

    /**
     * @param methods      the methods of the interface, comma separated, for example {@code "GET, PUT"}
     * @param minSegments  the fewest path segments after the module's base path
     * @param maxSegments  the most path segments
     * @param expectedPath how the path looks, for the error message
     * @return the error to answer (405, or 2001 for the path), or empty when the request fits
     */
    public static Optional<OcpiReply> check(OcpiRequest request, String methods, int minSegments, int maxSegments,
                                            String expectedPath) {
        if (Arrays.stream(methods.split(",")).map(String::trim).noneMatch(request.method()::equals)) {
            return Optional.of(OcpiReply.methodNotAllowed(request, methods));
        }
        int n = request.pathSegments().size();
        if (n < minSegments || n > maxSegments) {
            return Optional.of(OcpiReply.invalidPath(request, expectedPath));
        }
        return Optional.empty();
    }

    /** @return a reply that is already there */
    public static CompletionStage<OcpiReply> reply(OcpiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
