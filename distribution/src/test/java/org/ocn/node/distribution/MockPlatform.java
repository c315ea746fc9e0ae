package org.ocn.node.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A party's OCPI platform for routing tests: versions and version details (with token B only), one endpoint per
 * module and interface it offers at {@code /ocpi/{version}/{module}/{sender|receiver}}, and every other request
 * recorded and answered by a programmable responder (by default 200 with status 1000).
 */
final class MockPlatform implements AutoCloseable {

    /** A request the platform received. */
    record Received(String method, String path, String query, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " " + text();
        }
    }

    /** What the platform answers. */
    record Answer(int status, Map<String, String> headers, String body, long delayMs) {

        static Answer ok(String data) {
            return new Answer(200, Map.of(), envelope(1000, data), 0);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, h, body, delayMs);
        }

        Answer delayed(long ms) {
            return new Answer(status, headers, body, ms);
        }
    }

    static String envelope(int status, String data) {
        return "{\"data\":" + data + ",\"status_code\":" + status + ",\"timestamp\":\"2026-01-01T00:00:00Z\"}";
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String version;
    private final List<String[]> endpoints;
    private final String tokenB = "B-" + UUID.randomUUID();
    private final List<Received> received = new ArrayList<>();
    private volatile Function<Received, Answer> responder = r -> Answer.ok("null");
    private volatile String signingKey;

    /**
     * @param version   the one OCPI version the platform speaks
     * @param endpoints module identifier and role (SENDER or RECEIVER) of each endpoint, besides credentials
     */
    MockPlatform(String version, List<String[]> endpoints) throws IOException {
        this.version = version;
        this.endpoints = endpoints;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static String[] endpoint(String module, String role) {
        return new String[] {module, role};
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String versionsUrl() {
        return base() + "/ocpi/versions";
    }

    /** @return the URL of one of its endpoints */
    String endpointUrl(String module, String role) {
        return base() + "/ocpi/" + version + "/" + module + "/" + role.toLowerCase(Locale.ROOT);
    }

    String tokenB() {
        return tokenB;
    }

    /** @return the Authorization header the node must send it: Base64 for 2.2.1, plain for 2.2 */
    String expectedAuthorization() {
        return version.equals("2.2.1")
                ? "Token " + Base64.getEncoder().encodeToString(tokenB.getBytes(StandardCharsets.UTF_8))
                : "Token " + tokenB;
    }

    /** Signs every answer from now on (ocn_signature in the body), as an OCN client with signing on does. */
    void signWith(String privateKey) {
        this.signingKey = privateKey;
    }

    void respond(Function<Received, Answer> responder) {
        this.responder = responder;
    }

    /** Forgets what it received. */
    void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    /** Waits up to 10 s for a request matching the predicate and takes it out of the record. */
    Received await(Predicate<Received> which) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        synchronized (received) {
            while (true) {
                for (Iterator<Received> it = received.iterator(); it.hasNext();) {
                    Received r = it.next();
                    if (which.test(r)) {
                        it.remove();
                        return r;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no matching request within 10 s; received: " + received);
                }
                received.wait(left);
            }
        }
    }

    /** Waits for the next request to a path starting with the given one. */
    Received await(String method, String pathPrefix) throws InterruptedException {
        return await(r -> r.method().equals(method) && r.path().startsWith(pathPrefix));
    }

    /** @return whether a request matching the predicate arrived (without waiting) */
    boolean saw(Predicate<Received> which) {
        synchronized (received) {
            return received.stream().anyMatch(which);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getRawPath();
        boolean tokenOk = auth != null && (auth.equals("Token " + tokenB) || auth.equals(
                "Token " + Base64.getEncoder().encodeToString(tokenB.getBytes(StandardCharsets.UTF_8))));
        if (path.equals("/ocpi/versions") || path.equals("/ocpi/" + version)) {
            if (!tokenOk) {
                send(exchange, new Answer(401, Map.of(), envelope(2000, "null"), 0));
                return;
            }
            if (path.equals("/ocpi/versions")) {
                send(exchange, Answer.ok("[{\"version\":\"" + version + "\",\"url\":\"" + base() + "/ocpi/" + version + "\"}]"));
            } else {
                StringBuilder list = new StringBuilder("[{\"identifier\":\"credentials\",\"role\":\"SENDER\",\"url\":\""
                        + base() + "/ocpi/" + version + "/credentials\"}");
                for (String[] e : endpoints) {
                    list.append(",{\"identifier\":\"").append(e[0]).append("\",\"role\":\"").append(e[1])
                            .append("\",\"url\":\"").append(endpointUrl(e[0], e[1])).append("\"}");
                }
                send(exchange, Answer.ok("{\"version\":\"" + version + "\",\"endpoints\":" + list.append("]") + "}"));
            }
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Received r = new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), headers,
                exchange.getRequestBody().readAllBytes());
        Answer answer = responder.apply(r);
        String key = signingKey;
        if (key != null && answer.body().trim().endsWith("}")) {
            answer = new Answer(answer.status(), answer.headers(), Notarized.response(answer.headers(), answer.body(), key),
                    answer.delayMs());
        }
        synchronized (received) {
            received.add(r);
            received.notifyAll();
        }
        if (answer.delayMs() > 0) {
            try {
                Thread.sleep(answer.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        send(exchange, answer);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the node gave up (timeout test): nothing to answer
        }
    }

    /** Stops answering: requests to it then fail to connect. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
