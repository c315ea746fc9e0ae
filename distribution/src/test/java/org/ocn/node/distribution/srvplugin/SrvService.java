package org.ocn.node.distribution.srvplugin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.ocn.node.spi.services.OcnService;
import org.ocn.node.spi.services.ServiceKeys;

/**
 * The service of the test plugin that {@code ServicesIT} builds and drops into a running node: a DS component whose
 * descriptor ({@link ServicePlugin}) gives it the identity {@code CH/SRV} and the node's {@link ServiceKeys}. Answers
 * every request with its module, the copies it received so far, and the signature of the module's name by the
 * service's key.
 */
public class SrvService implements OcnService {

    private static final PartyId SELF = PartyId.of("CH", "SRV");

    /** Set by DS (field reference in the descriptor). */
    private ServiceKeys keys;

    private final List<String> copies = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<OcpiReply> handle(OcpiRequest request) {
        StringBuilder copied = new StringBuilder("[");
        for (String c : copies) {
            copied.append(copied.length() > 1 ? "," : "").append('"').append(c).append('"');
        }
        String signature = keys.sign(SELF, request.module().getBytes(StandardCharsets.UTF_8));
        byte[] body = ("{\"status_code\":1000,\"data\":{\"module\":\"" + request.module() + "\",\"copies\":"
                + copied.append(']') + ",\"signature\":\"" + signature + "\"},\"timestamp\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        return CompletableFuture.completedFuture(new OcpiReply(200, Map.of("Content-Type", "application/json"), body));
    }

    @Override
    public void copied(OcpiRequest request) {
        copies.add(request.module() + " " + request.role() + " from " + request.sender());
    }
}
