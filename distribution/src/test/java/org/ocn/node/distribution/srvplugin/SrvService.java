package org.ocn.node.distribution.srvplugin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.services.OcnService;

/**
 * The service of the test plugin that {@code ServicesIT} builds and drops into a running node: a DS component whose
 * descriptor ({@link ServicePlugin}) gives it the identity {@code CH/SRV}. Answers every request with its module.
 */
public class SrvService implements OcnService {

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request) {
        byte[] body = ("{\"status_code\":1000,\"data\":{\"module\":\"" + request.module()
                + "\"},\"timestamp\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        return CompletableFuture.completedFuture(new OcpiReply(200, Map.of("Content-Type", "application/json"), body));
    }
}
