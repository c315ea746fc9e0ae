package org.ocn.node.examples.greenenergy.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.ocn.node.spi.client.OcpiClient;
import org.ocn.node.spi.client.OutgoingRequest;
import org.ocn.node.spi.routing.OcpiReply;

/** The node's client as the plugin sees it: answers programmed by the test, requests recorded. */
final class FakeOcpiClient implements OcpiClient {

    final List<OutgoingRequest> sent = new CopyOnWriteArrayList<>();
    private volatile Function<OutgoingRequest, CompletionStage<OcpiReply>> answers =
            r -> CompletableFuture.completedFuture(envelope(2003, "null"));

    void answer(Function<OutgoingRequest, CompletionStage<OcpiReply>> answers) {
        this.answers = answers;
    }

    /** Answers every request with this envelope. */
    void answerWith(OcpiReply reply) {
        answer(r -> CompletableFuture.completedFuture(reply));
    }

    @Override
    public CompletionStage<OcpiReply> send(OutgoingRequest request) {
        sent.add(request);
        return answers.apply(request);
    }

    static OcpiReply envelope(int statusCode, String data) {
        return new OcpiReply(200, Map.of(), ("{\"data\":" + data + ",\"status_code\":" + statusCode
                + ",\"timestamp\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
    }
}
