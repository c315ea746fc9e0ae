package org.ocn.node.router.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
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

    /** Applied to a recipient's own answer (not to the node's errors), for example a signature check. */
    interface Check {
        /** Passes every answer as it is. */
        Check NONE = (reply, signature) -> reply;

        /**
         * @param signature the answer's top-level {@code ocn_signature}, found while the body was checked, or null
         * @return the reply to pass on
         */
        OcpiReply apply(OcpiReply reply, JsonBodies.Found signature);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    /** Settings of the client. */
    record Settings(long requestTimeoutMs, long connectTimeoutMs, int maxBodyBytes, int maxConnectionsPerRecipient) {
    }

    private final HttpClient client;
    private final JsonBodies json;
    private final Settings settings;
    /**
     * The client's destinations by origin: {@code Request.send} looks its destination up with
     * {@code ConcurrentHashMap.compute} and a lock of the destination, which serializes every request to one
     * recipient. The client never drops a destination (no destination idle timeout is set), so they can be kept.
     */
    private final ConcurrentHashMap<String, Destination> destinations = new ConcurrentHashMap<>();

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
        return send(method, url, headers, body, Check.NONE);
    }

    /**
     * Sends one request.
     *
     * @param check applied to the recipient's own answers (not to the node's errors), for example a signature check
     * @return the reply, never completed exceptionally
     */
    CompletionStage<OcpiReply> send(String method, String url, Map<String, String> headers, byte[] body,
                                    Check check) {
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
        destination(request).send(request, new BodyListener(settings.maxBodyBytes()) {
            @Override
            public void onComplete(Result result) {
                try {
                    reply.complete(toReply(url, result, content(), check));
                } catch (RuntimeException e) {
                    LOG.warn("Reply from {} could not be handled", url, e);
                    reply.complete(OcpiReply.error(200, OcpiStatus.SERVER_ERROR,
                            "The recipient's reply could not be handled: " + e));
                }
            }
        });
        return reply;
    }

    /**
     * Collects an answer's body in one array, sized by its Content-Length when it has one: Jetty's
     * BufferingResponseListener grows a buffer by doubling and copies it once more at the end (for a 92 KB page,
     * about 300 KB copied and allocated per answer). Larger than the limit: the answer is aborted as Jetty's does.
     */
    private abstract static class BodyListener implements Response.Listener {

        private final int maxLength;
        private byte[] body = new byte[0];
        private int size;

        BodyListener(int maxLength) {
            this.maxLength = maxLength;
        }

        @Override
        public void onHeaders(Response response) {
            long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (length > maxLength) {
                response.abort(tooLarge());
            } else if (length > 0 && !HttpMethod.HEAD.is(response.getRequest().getMethod())) {
                body = new byte[(int) length];
            }
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            int length = content.remaining();
            if (length == 0) {
                return;
            }
            if (length > maxLength - size) {
                response.abort(tooLarge());
                return;
            }
            if (length > body.length - size) {
                body = Arrays.copyOf(body, (int) Math.min(Math.max(2L * body.length, (long) size + length), maxLength));
            }
            content.get(body, size, length);
            size += length;
        }

        private IllegalArgumentException tooLarge() {
            return new IllegalArgumentException("Buffering capacity " + maxLength + " exceeded");
        }

        /** @return the body received */
        byte[] content() {
            return size == body.length ? body : Arrays.copyOf(body, size);
        }
    }

    private Destination destination(Request request) {
        String origin = request.getScheme() + "://" + request.getHost() + ":" + request.getPort();
        Destination destination = destinations.get(origin);
        if (destination == null) {
            destination = client.resolveDestination(request);
            destinations.put(origin, destination);
        }
        return destination;
    }

    private OcpiReply toReply(String url, Result result, byte[] content, Check check) {
        if (result.isFailed()) {
            return failureReply(url, result.getFailure());
        }
        int status = result.getResponse().getStatus();
        JsonBodies.Answer answer = json.answer(content, Signatures.RESPONSE_FIELD);
        if (!answer.json()) {
            return OcpiReply.error(200, OcpiStatus.SERVER_ERROR, "The recipient's answer (HTTP " + status + ", "
                    + content.length + " bytes) is not JSON");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : result.getResponse().getHeaders()) {
            String name = field.getLowerCaseName(); // kept by Jetty for the headers it knows
            if (OcpiHeaders.PASSED_BACK.contains(name)) {
                headers.merge(name, field.getValue(), (a, b) -> a + ", " + b);
            }
        }
        return check.apply(new OcpiReply(status, headers, content), answer.field());
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
