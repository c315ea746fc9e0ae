package org.ocn.node.router.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.spi.routing.OcpiReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to parties with Jetty's asynchronous HTTP client: pooled keep-alive connections, no thread held
 * while a recipient thinks, so that a slow or dead recipient never holds up traffic between other parties. Every
 * failure becomes the node's own error reply: 4002 when the recipient is too slow, 4003 when it cannot be reached,
 * 3000 when its answer is not JSON or too large.
 */
final class Forwarder {

    /** Response headers passed back to the sender (proxied ones are rewritten by the caller). */
    static final List<String> PASSED_BACK = List.of("ocpi-from-country-code", "ocpi-from-party-id",
            "ocpi-to-country-code", "ocpi-to-party-id", "x-total-count", "x-limit", "link", "location");

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    /** Settings of the client. */
    record Settings(long requestTimeoutMs, long connectTimeoutMs, int maxBodyBytes, int maxConnectionsPerRecipient) {
    }

    private final HttpClient client;
    private final JsonBodies json;
    private final Settings settings;

    Forwarder(Settings settings, JsonBodies json) throws Exception {
        this.settings = settings;
        this.json = json;
        QueuedThreadPool threads = new QueuedThreadPool(64, 4, 60_000);
        threads.setName("ocn-router-client");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setConnectTimeout(settings.connectTimeoutMs());
        client.setIdleTimeout(60_000);
        client.setMaxConnectionsPerDestination(settings.maxConnectionsPerRecipient());
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField("User-Agent", "OCN node"));
        // bodies pass byte for byte: ask for no content encoding and decode none
        client.getContentDecoderFactories().clear();
        client.start();
    }

    void stop() throws Exception {
        client.stop();
    }

    /**
     * Sends one request.
     *
     * @param headers the request headers (Authorization, request ids, routing headers, content type, signature)
     * @return the reply, never completed exceptionally
     */
    CompletionStage<OcpiReply> send(String method, String url, Map<String, String> headers, byte[] body) {
        return send(method, url, headers, body, UnaryOperator.identity());
    }

    /**
     * Sends one request.
     *
     * @param check applied to the recipient's own answers (not to the node's errors), for example a signature check
     * @return the reply, never completed exceptionally
     */
    CompletionStage<OcpiReply> send(String method, String url, Map<String, String> headers, byte[] body,
                                    UnaryOperator<OcpiReply> check) {
        CompletableFuture<OcpiReply> reply = new CompletableFuture<>();
        Request request;
        try {
            request = client.newRequest(URI.create(url));
        } catch (IllegalArgumentException e) {
            reply.complete(OcpiReply.error(200, OcpiStatus.CONNECTION_PROBLEM,
                    "The recipient's endpoint URL is not valid: " + url));
            return reply;
        }
        request.method(method).timeout(settings.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        request.headers(h -> headers.forEach(h::put));
        if (body.length > 0) {
            String type = headers.getOrDefault("Content-Type", "application/json");
            request.body(new BytesRequestContent(type, body));
        }
        request.send(new BufferingResponseListener(settings.maxBodyBytes()) {
            @Override
            public void onComplete(Result result) {
                try {
                    reply.complete(toReply(url, result, getContent(), check));
                } catch (RuntimeException e) {
                    LOG.warn("Reply from {} could not be handled", url, e);
                    reply.complete(OcpiReply.error(200, OcpiStatus.SERVER_ERROR,
                            "The recipient's reply could not be handled: " + e));
                }
            }
        });
        return reply;
    }

    private OcpiReply toReply(String url, Result result, byte[] content, UnaryOperator<OcpiReply> check) {
        if (result.isFailed()) {
            return failureReply(url, result.getFailure());
        }
        int status = result.getResponse().getStatus();
        if (!json.isJson(content)) {
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The recipient's answer (HTTP " + status + ", "
                    + content.length + " bytes) is not JSON");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : result.getResponse().getHeaders()) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            if (PASSED_BACK.contains(name)) {
                headers.merge(name, field.getValue(), (a, b) -> a + ", " + b);
            }
        }
        return check.apply(new OcpiReply(status, headers, content));
    }

    private OcpiReply failureReply(String url, Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof TimeoutException) {
                return OcpiReply.error(200, OcpiStatus.TIMEOUT_ON_FORWARDED_REQUEST,
                        "The recipient did not answer within " + settings.requestTimeoutMs() + " ms");
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof UnresolvedAddressException) {
                return OcpiReply.error(200, OcpiStatus.CONNECTION_PROBLEM,
                        "The recipient cannot be reached: " + describe(cause));
            }
            if (cause instanceof IllegalArgumentException && String.valueOf(cause.getMessage()).contains("capacity")) {
                return OcpiReply.error(200, OcpiStatus.SERVER_ERROR,
                        "The recipient's answer is larger than " + settings.maxBodyBytes() + " bytes");
            }
            cause = cause.getCause();
        }
        LOG.debug("Forwarding to {} failed", url, failure);
        return OcpiReply.error(200, OcpiStatus.CONNECTION_PROBLEM,
                "The connection to the recipient failed: " + describe(failure));
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
