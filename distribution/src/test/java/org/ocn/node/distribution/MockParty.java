package org.ocn.node.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A party's OCPI platform, as far as a credentials handshake goes: a versions endpoint and version details, served
 * only to the party's own token B. It records every {@code Authorization} header it receives, can be slow to answer
 * the version details, and tells when it has answered a request.
 */
final class MockParty implements AutoCloseable {

    private final HttpServer server;
    private final String tokenB = "B-" + UUID.randomUUID();
    private final List<String> versions;
    private final boolean credentialsEndpoint;
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> served = new LinkedBlockingQueue<>();
    private volatile long detailsDelayMs;

    /**
     * @param versions            the versions the party offers, for example {@code 2.2.1}
     * @param credentialsEndpoint whether its version details list a credentials endpoint
     */
    MockParty(List<String> versions, boolean credentialsEndpoint) throws IOException {
        this.versions = versions;
        this.credentialsEndpoint = credentialsEndpoint;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static MockParty offering(String... versions) throws IOException {
        return new MockParty(List.of(versions), true);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String versionsUrl() {
        return base() + "/ocpi/versions";
    }

    String tokenB() {
        return tokenB;
    }

    List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    List<String> paths() {
        synchronized (paths) {
            return List.copyOf(paths);
        }
    }

    /** Answers the version details only after this delay (the node waits for them in the middle of a handshake). */
    void delayDetails(long ms) {
        detailsDelayMs = ms;
    }

    /**
     * Waits up to 30 s until it has answered a request to this path (the answer written to the node), forgetting
     * the answers to other paths before it.
     */
    void awaitServed(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String next;
        do {
            next = served.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no answer to " + path + " within 30 s; requests: " + paths());
            }
        } while (!next.equals(path));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        boolean tokenOk = auth != null && (auth.equals("Token " + tokenB)
                || auth.equals("Token " + Base64.getEncoder().encodeToString(tokenB.getBytes(StandardCharsets.UTF_8))));
        if (!tokenOk) {
            send(exchange, 401, "{\"status_code\":2000,\"status_message\":\"unknown token\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");
            return;
        }
        if (path.equals("/ocpi/versions")) {
            StringBuilder data = new StringBuilder("[");
            for (String v : versions) {
                data.append(data.length() > 1 ? "," : "").append("{\"version\":\"").append(v)
                        .append("\",\"url\":\"").append(base()).append("/ocpi/").append(v).append("\"}");
            }
            send(exchange, 200, envelope(data.append("]").toString()));
            served.add(path);
            return;
        }
        for (String v : versions) {
            if (path.equals("/ocpi/" + v)) {
                String endpoints = (credentialsEndpoint ? "{\"identifier\":\"credentials\",\"role\":\"SENDER\",\"url\":\""
                        + base() + "/ocpi/" + v + "/credentials\"}," : "")
                        + "{\"identifier\":\"locations\",\"role\":\"RECEIVER\",\"url\":\"" + base() + "/ocpi/" + v
                        + "/locations\"}";
                if (detailsDelayMs > 0) {
                    try {
                        Thread.sleep(detailsDelayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                send(exchange, 200, envelope("{\"version\":\"" + v + "\",\"endpoints\":[" + endpoints + "]}"));
                served.add(path);
                return;
            }
        }
        send(exchange, 404, "{\"status_code\":2000,\"status_message\":\"not found\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");
    }

    private static String envelope(String data) {
        return "{\"data\":" + data + ",\"status_code\":1000,\"timestamp\":\"2026-01-01T00:00:00Z\"}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
