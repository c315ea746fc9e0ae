package org.ocn.node.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A party's OCPI platform, connected to a test node with the real credentials handshake (see
 * {@link OcnTestNode#connect}). It serves its versions and version details (to its own token B only) listing the
 * endpoints it was given, records every other request the node sends it, and answers each with what
 * {@link #respond} programmed (by default HTTP 200, status 1000, no data). {@link #send} sends a request through the
 * node as this party, with its token C and the routing headers filled in.
 *
 * <p>Its endpoints are at {@code <url>/ocpi/<version>/<module>/<sender|receiver>}; a request the node forwards keeps
 * the path after the module, so a test can assert on {@link ReceivedRequest#path()}.
 */
public final class MockParty implements AutoCloseable {

    /** How long {@link #await} waits for a request by default. */
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final String nodeUrl;
    private final HttpCalls http;
    private final String countryCode;
    private final String partyId;
    private final PartyRole role;
    private final String version;
    private final List<Endpoint> endpoints;
    private final String tokenB = "B-" + UUID.randomUUID();
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<ReceivedRequest> received = new ArrayList<>();
    private volatile Function<ReceivedRequest, MockResponse> responder = request -> MockResponse.ok();
    private volatile String tokenC;

    MockParty(String nodeUrl, HttpCalls http, String party, PartyRole role, String version, List<Endpoint> endpoints) {
        this.nodeUrl = nodeUrl;
        this.http = http;
        String[] parts = party.split("/");
        if (parts.length != 2 || parts[0].length() != 2 || parts[1].length() != 3) {
            throw new IllegalArgumentException("a party is \"<country code>/<party id>\", for example \"DE/MSP\", "
                    + "not '" + party + "'");
        }
        this.countryCode = parts[0];
        this.partyId = parts[1];
        this.role = Objects.requireNonNull(role, "role");
        if (!version.equals("2.2.1") && !version.equals("2.2")) {
            throw new IllegalArgumentException("the node speaks OCPI 2.2.1 and 2.2, not " + version);
        }
        this.version = version;
        this.endpoints = List.copyOf(endpoints);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mock-party-" + countryCode + "-" + partyId);
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the mock party cannot listen", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return its identity, {@code "CC/PID"} */
    public String id() {
        return countryCode + "/" + partyId;
    }

    public String countryCode() {
        return countryCode;
    }

    public String partyId() {
        return partyId;
    }

    public PartyRole role() {
        return role;
    }

    /** @return the OCPI version it speaks (and registered with) */
    public String ocpiVersion() {
        return version;
    }

    /** @return the base URL of its platform, for example {@code http://127.0.0.1:40123} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return its versions URL, which it gave the node in the handshake */
    public String versionsUrl() {
        return url() + "/ocpi/versions";
    }

    /** @return the URL of one of its endpoints */
    public String endpointUrl(Endpoint endpoint) {
        return url() + "/ocpi/" + version + "/" + endpoint.module() + "/" + endpoint.pathSegment();
    }

    /** @return the token the node uses to call it (token B) */
    public String tokenB() {
        return tokenB;
    }

    /** @return the token it uses to call the node (token C), issued by the node in the handshake */
    public String tokenC() {
        return tokenC;
    }

    /** @return the {@code Authorization} header for its calls to the node: Base64 for 2.2.1, plain for 2.2 */
    public String authorization() {
        return "Token " + (version.equals("2.2.1") ? HttpCalls.base64(tokenC) : tokenC);
    }

    /** Programs its answers from now on (the default answers HTTP 200, status 1000, no data). */
    public void respond(Function<ReceivedRequest, MockResponse> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /**
     * Sends a request through the node as this party, without a body.
     *
     * @param path the node path, for example {@code /ocpi/custom/receiver/hello} or
     *             {@code /ocpi/sender/2.2.1/locations?limit=10}; a full URL (a page link the node handed out) is
     *             used as it is
     * @param to   the recipient, {@code "CC/PID"}: another party or a service
     */
    public OcpiAnswer send(String method, String path, String to) {
        return send(method, path, to, null, Map.of());
    }

    /** Sends a request with a JSON body through the node as this party; see {@link #send(String, String, String)}. */
    public OcpiAnswer send(String method, String path, String to, String jsonBody) {
        return send(method, path, to, jsonBody, Map.of());
    }

    /**
     * Sends a request through the node as this party: {@code Authorization} with its token C, a new
     * {@code X-Request-ID}, a new {@code X-Correlation-ID} (unless {@code headers} has one) and the four routing
     * headers; {@code headers} adds to or replaces these (for example an {@code OCN-Signature}).
     *
     * @param jsonBody the body, or {@code null}
     */
    public OcpiAnswer send(String method, String path, String to, String jsonBody, Map<String, String> headers) {
        if (tokenC == null) {
            throw new IllegalStateException(id() + " is not connected to the node");
        }
        String[] recipient = to.split("/");
        if (recipient.length != 2) {
            throw new IllegalArgumentException("a recipient is \"<country code>/<party id>\", not '" + to + "'");
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", authorization());
        all.put("X-Request-ID", UUID.randomUUID().toString());
        all.put("X-Correlation-ID", UUID.randomUUID().toString());
        all.put("OCPI-from-country-code", countryCode);
        all.put("OCPI-from-party-id", partyId);
        all.put("OCPI-to-country-code", recipient[0]);
        all.put("OCPI-to-party-id", recipient[1]);
        headers.forEach((name, value) -> {
            all.keySet().removeIf(name::equalsIgnoreCase);
            all.put(name, value);
        });
        String url = path.startsWith("http://") || path.startsWith("https://") ? path : nodeUrl + path;
        return http.send(method, url, jsonBody, all);
    }

    /** @return every request received and not yet taken by {@link #await}, oldest first */
    public List<ReceivedRequest> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets the requests received so far. */
    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    /**
     * Waits up to 10 s for a request that matches (one already received counts) and takes it out of
     * {@link #received()}.
     *
     * @throws AssertionError when none came, listing what did
     */
    public ReceivedRequest await(Predicate<ReceivedRequest> which) {
        return await(which, AWAIT);
    }

    /** Waits for a request with this method whose path starts with this prefix; see {@link #await(Predicate)}. */
    public ReceivedRequest await(String method, String pathPrefix) {
        return await(r -> r.method().equals(method) && r.path().startsWith(pathPrefix));
    }

    /** Waits up to the given time for a request that matches; see {@link #await(Predicate)}. */
    public ReceivedRequest await(Predicate<ReceivedRequest> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (Iterator<ReceivedRequest> it = received.iterator(); it.hasNext();) {
                    ReceivedRequest request = it.next();
                    if (which.test(request)) {
                        it.remove();
                        return request;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(id() + " received no matching request within " + timeout
                            + "; it received: " + received);
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** Stops its platform: the node's requests to it then fail to connect. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** The credentials it sends in the handshake (OCPI 2.2.1 Credentials object). */
    String credentials() {
        ObjectNode credentials = Json.object();
        credentials.put("token", tokenB);
        credentials.put("url", versionsUrl());
        ArrayNode roles = credentials.putArray("roles");
        ObjectNode credentialsRole = roles.addObject();
        credentialsRole.put("role", role.name());
        credentialsRole.putObject("business_details").put("name", id() + " (mock party)");
        credentialsRole.put("party_id", partyId);
        credentialsRole.put("country_code", countryCode);
        return Json.write(credentials);
    }

    void connected(String issuedTokenC) {
        this.tokenC = issuedTokenC;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            reply(exchange, answer(exchange));
        } finally {
            exchange.close();
        }
    }

    private MockResponse answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean fromNode = fromNode(exchange.getRequestHeaders().getFirst("Authorization"));
        if (path.equals("/ocpi/versions") || path.equals("/ocpi/" + version)) {
            if (!fromNode) {
                return MockResponse.error(401, 2000, "Unknown token");
            }
            return MockResponse.ok(path.equals("/ocpi/versions") ? versions() : versionDetails());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        ReceivedRequest request = new ReceivedRequest(exchange.getRequestMethod(), path,
                exchange.getRequestURI().getRawQuery(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        MockResponse response;
        try {
            response = fromNode ? responder.apply(request) : MockResponse.error(401, 2000, "Unknown token");
        } catch (RuntimeException e) {
            // answer what a broken platform answers; the test sees why in the body
            response = MockResponse.error(500, 3000, "the mock party's responder failed: " + e);
        }
        synchronized (received) {
            received.add(request);
            received.notifyAll();
        }
        if (!response.delay().isZero()) {
            try {
                Thread.sleep(response.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return response;
    }

    /** The node calls with token B: Base64 towards a 2.2.1 platform, plain towards 2.2 (both are accepted). */
    private boolean fromNode(String authorization) {
        return authorization != null && (authorization.equals("Token " + tokenB)
                || authorization.equals("Token " + HttpCalls.base64(tokenB)));
    }

    private String versions() {
        ArrayNode list = Json.object().arrayNode();
        list.addObject().put("version", version).put("url", url() + "/ocpi/" + version);
        return Json.write(list);
    }

    private String versionDetails() {
        ObjectNode details = Json.object();
        details.put("version", version);
        ArrayNode list = details.putArray("endpoints");
        list.addObject().put("identifier", "credentials").put("role", "SENDER")
                .put("url", url() + "/ocpi/" + version + "/credentials");
        for (Endpoint endpoint : endpoints) {
            list.addObject().put("identifier", endpoint.module()).put("role", endpoint.role().name())
                    .put("url", endpointUrl(endpoint));
        }
        return Json.write(details);
    }

    private static void reply(HttpExchange exchange, MockResponse response) {
        try {
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException gone) {
            // the node stopped waiting (its timeout): nobody to answer
        }
    }

    @Override
    public String toString() {
        return "mock party " + id() + " (" + role + ", OCPI " + version + ") at " + url();
    }
}
