package org.ocn.node.router.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the answer of a routed request or node message: the sender's own {@code X-Request-ID} and
 * {@code X-Correlation-ID}, the reply's status, OCPI headers and body. A reply still under way is written when it
 * comes, without holding the request's thread meanwhile (servlet async); the listeners interested in the exchange are
 * told once it is written.
 */
final class ReplyWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);

    private final Signatures signatures;
    private final ListenerRegistry listeners;
    private final long asyncTimeoutMs;

    /**
     * @param asyncTimeoutMs how long a request may wait for its reply before the node answers 4002 itself (beyond the
     *                       forwarder's own timeouts, which come first)
     */
    ReplyWriter(Signatures signatures, ListenerRegistry listeners, long asyncTimeoutMs) {
        this.signatures = signatures;
        this.listeners = listeners;
        this.asyncTimeoutMs = asyncTimeoutMs;
    }

    /** Writes a reply when it is there, without holding the request's thread meanwhile. */
    void answer(HttpServletRequest req, HttpServletResponse resp, OcpiRequest request, CompletionStage<OcpiReply> reply,
                List<ListenerRegistry.Interested> interested) throws IOException {
        reply = reply.exceptionally(e -> {
            LOG.warn("Module {} failed on {} {}", request.module(), req.getMethod(), req.getRequestURI(), e);
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The node could not process the request: " + e);
        });
        CompletableFuture<OcpiReply> done = reply.toCompletableFuture();
        if (done.isDone()) {
            write(resp, request, done.join());
            listeners.tell(interested, request, done.join());
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(asyncTimeoutMs);
        AtomicBoolean written = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (written.compareAndSet(false, true)) {
                    write((HttpServletResponse) async.getResponse(), request, OcpiReply.error(200,
                            OcpiStatus.TIMEOUT_ON_FORWARDED_REQUEST, "The recipient did not answer in time"));
                    async.complete();
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        done.whenComplete((r, e) -> {
            if (!written.compareAndSet(false, true)) {
                return;
            }
            try {
                write((HttpServletResponse) async.getResponse(), request, r);
            } catch (IOException | RuntimeException ex) {
                LOG.debug("Reply to {} could not be written: {}", request.sender(), ex.toString());
            } finally {
                async.complete();
            }
            listeners.tell(interested, request, r);
        });
    }

    /** Writes a reply; when every message must be signed, the node signs the answers it makes itself. */
    void write(HttpServletResponse resp, OcpiRequest request, OcpiReply answer) throws IOException {
        OcpiReply reply = signatures.signOwn(answer);
        resp.setStatus(reply.status());
        resp.setContentType("application/json");
        resp.setHeader("X-Request-ID", request.requestId());
        resp.setHeader("X-Correlation-ID", request.correlationId());
        reply.headers().forEach((name, value) -> resp.setHeader(OcpiHeaders.wireName(name), value));
        resp.setContentLength(reply.body().length);
        resp.getOutputStream().write(reply.body());
        resp.flushBuffer();
    }
}
