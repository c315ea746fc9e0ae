package org.ocn.node.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.ContentSourceRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The second baseline: the least an OCPI hub can do per routed request, on the HTTP stack the node uses (Jetty 12's
 * server and asynchronous client, the project's {@code jetty.version}), and nothing else. It looks the sender's
 * token up in a {@link HashMap}, the recipient ({@code OCPI-to-country-code/party-id}) and its endpoint of the
 * module in another, and forwards: the recipient's token in {@code Authorization}, the routing headers and the
 * body as they came; the answer's status, headers and body streamed back as they come, chunk by chunk, with no
 * thread waiting. No servlet layer, no checks of headers or bodies, no logging, no persistence: what the node does
 * beyond this is what its figures are compared against.
 *
 * <p>Routed paths as the node's: {@code /ocpi/{sender|receiver}/{version}/{module}/{rest}} to {@code {the
 * recipient's endpoint of module}/{rest}}. Runs in a JVM of its own with the node's heap limit, so that its CPU is
 * its own (see {@link #main}).
 */
final class BareProxy implements AutoCloseable {

    /** A recipient: its endpoint URL by module identifier and the Authorization to send it (its token B). */
    record Recipient(Map<String, String> endpoints, String authorization) {
    }

    /** The request headers passed on besides the body's: OCPI's routing headers. */
    private static final Set<String> FORWARDED = Set.of("x-request-id", "x-correlation-id", "ocpi-from-country-code",
            "ocpi-from-party-id", "ocpi-to-country-code", "ocpi-to-party-id", "content-type");
    /** Hop-by-hop answer headers (RFC 9110 section 7.6.1), which a proxy does not pass on. */
    private static final Set<HttpHeader> HOP = Set.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_AUTHORIZATION, HttpHeader.TE, HttpHeader.TRAILER,
            HttpHeader.TRANSFER_ENCODING, HttpHeader.UPGRADE);

    private final Map<String, String> platforms;
    private final Map<String, Recipient> recipients;
    private final HttpClient client;
    private final Server server;
    private final String base;

    /**
     * @param platforms  token C (as sent after {@code Token }) to the sender's platform
     * @param recipients "country code/party id" to recipient
     */
    BareProxy(int port, Map<String, String> platforms, Map<String, Recipient> recipients) throws Exception {
        this.platforms = new HashMap<>(platforms);
        this.recipients = new HashMap<>(recipients);
        this.base = "http://127.0.0.1:" + port;
        client = new HttpClient();
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.setConnectTimeout(5_000);
        client.getContentDecoderFactories().clear();
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Forwarder());
        server.addBean(client);
        server.start();
    }

    String base() {
        return base;
    }

    /**
     * @return the recipient's URL for a routed path and query ({@code /ocpi/sender/2.2.1/locations/LOC1}), or null
     *         when the path is not a routed one or the recipient offers no such module
     */
    static String destination(Recipient recipient, String path, String query) {
        // /ocpi/{role}/{version}/{module}[/{rest}]: the module follows the fourth slash
        int at = 0;
        for (int slash = 1; slash < 4; slash++) {
            at = path.indexOf('/', at + 1);
            if (at < 0) {
                return null;
            }
        }
        int end = path.indexOf('/', at + 1);
        String module = path.substring(at + 1, end < 0 ? path.length() : end);
        String endpoint = recipient.endpoints().get(module);
        if (endpoint == null) {
            return null;
        }
        String url = end < 0 ? endpoint : endpoint + path.substring(end);
        return query == null ? url : url + "?" + query;
    }

    private final class Forwarder extends Handler.Abstract.NonBlocking {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            HttpFields headers = request.getHeaders();
            String auth = headers.get(HttpHeader.AUTHORIZATION);
            if (auth == null || !auth.startsWith("Token ") || !platforms.containsKey(auth.substring(6))) {
                return Payloads.answer(response, HttpStatus.UNAUTHORIZED_401, Payloads.UNAUTHORIZED, callback);
            }
            Recipient recipient = recipients.get(headers.get("OCPI-to-country-code") + "/"
                    + headers.get("OCPI-to-party-id"));
            String url = recipient == null ? null
                    : destination(recipient, request.getHttpURI().getPath(), request.getHttpURI().getQuery());
            if (url == null) {
                return Payloads.answer(response, HttpStatus.NOT_FOUND_404, Payloads.envelope(2001, "null"),
                        callback);
            }
            org.eclipse.jetty.client.Request forward = client.newRequest(url).method(request.getMethod())
                    .timeout(30, TimeUnit.SECONDS).headers(out -> {
                        for (HttpField f : headers) {
                            if (FORWARDED.contains(f.getLowerCaseName())) {
                                out.add(f);
                            }
                        }
                        out.put(HttpHeader.AUTHORIZATION, recipient.authorization());
                    });
            // a request without Content-Length or Transfer-Encoding has no body (RFC 9112 section 6.3)
            if (request.getLength() > 0 || headers.contains(HttpHeader.TRANSFER_ENCODING)) {
                forward.body(new ContentSourceRequestContent(request, headers.get(HttpHeader.CONTENT_TYPE)));
            }
            forward.send(new Relay(response, callback));
            return true;
        }
    }

    /** Streams the recipient's answer back: each chunk written before the next is asked for. */
    private static final class Relay extends Callback.Completable implements org.eclipse.jetty.client.Response.Listener {
        private final Response response;
        private final Callback callback;

        Relay(Response response, Callback callback) {
            this.response = response;
            this.callback = callback;
        }

        @Override
        public void onBegin(org.eclipse.jetty.client.Response answer) {
            response.setStatus(answer.getStatus());
        }

        @Override
        public void onHeaders(org.eclipse.jetty.client.Response answer) {
            for (HttpField f : answer.getHeaders()) {
                if (!HOP.contains(f.getHeader())) {
                    response.getHeaders().add(f);
                }
            }
        }

        @Override
        public void onContent(org.eclipse.jetty.client.Response answer, Content.Chunk chunk, Runnable demand) {
            chunk.retain();
            response.write(false, chunk.getByteBuffer(), new Callback() {
                @Override
                public void succeeded() {
                    chunk.release();
                    demand.run();
                }

                @Override
                public void failed(Throwable x) {
                    chunk.release();
                    answer.abort(x);
                }

                @Override
                public InvocationType getInvocationType() {
                    return InvocationType.NON_BLOCKING;
                }
            });
        }

        @Override
        public void onSuccess(org.eclipse.jetty.client.Response answer) {
            response.write(true, BufferUtil.EMPTY_BUFFER, this);
        }

        @Override
        public void onComplete(Result result) {
            if (result.isSucceeded()) {
                whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        callback.succeeded();
                    } else {
                        callback.failed(failure);
                    }
                });
            } else if (!response.isCommitted()) {
                response.getHeaders().clear();
                Payloads.answer(response, HttpStatus.BAD_GATEWAY_502, Payloads.envelope(3000, "null"), callback);
            } else {
                callback.failed(result.getFailure());
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Runs the bare proxy as its own process: {@code <port> <token C> <recipient CC/ID> <recipient's Authorization>
     * <module>=<url>...}. Prints {@code READY <base URL>} once it listens.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> endpoints = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            endpoints.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        BareProxy proxy = new BareProxy(Integer.parseInt(args[0]), Map.of(args[1], "sender"),
                Map.of(args[2], new Recipient(endpoints, args[3])));
        System.out.println("READY " + proxy.base());
        System.out.flush();
        Thread.currentThread().join();
    }
}
