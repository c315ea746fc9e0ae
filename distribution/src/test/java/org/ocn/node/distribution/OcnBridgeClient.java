package org.ocn.node.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.ocn.node.registry.chain.testing.LocalChain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A demo CPO or eMSP as the OCN's own TypeScript client, the OCN bridge (energywebfoundation/ocn-bridge), runs one:
 * OCPI 2.2 only; plain tokens (it accepts only {@code Authorization: Token <token B>}, and sends its token C bare on
 * requests and with {@code Token } on command results); versions {@code [{"version":"2.2",...}]} and version details
 * without a {@code credentials} endpoint, its modules at {@code /ocpi/{sender|receiver}/2.2/{module}}. It joins the
 * network as the bridge's registration service does: asks the node for its operator ({@code /ocn/registry/node-info}),
 * lists itself in the OCN Registry with its own key and transaction (a CPO as OTHER: the bridge maps CPO, enum 0, to
 * 5), reads the node's versions and 2.2 details with token A and posts its credentials there at once. It keeps the
 * node's endpoints and calls them with the OCPI routing headers, a fresh request and correlation id each time.
 * <p>
 * The CPO serves locations (paginated, with a {@code Link} to its own next page), tariffs, empty session and CDR
 * lists, takes tokens, and answers commands ACCEPTED, then posts the CommandResult to the {@code response_url} with a
 * new correlation id and the routing headers reversed. The eMSP takes sessions, CDRs (answering a {@code Location} of
 * its own, served by GET), locations and tariffs, and command results. Every request it received is kept for the
 * test to look at.
 */
final class OcnBridgeClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String[]> CPO_MODULES = List.of(new String[] {"cdrs", "SENDER"},
            new String[] {"locations", "SENDER"}, new String[] {"sessions", "SENDER"}, new String[] {"tariffs", "SENDER"},
            new String[] {"commands", "RECEIVER"}, new String[] {"tokens", "RECEIVER"});
    private static final List<String[]> EMSP_MODULES = List.of(new String[] {"commands", "SENDER"},
            new String[] {"tokens", "SENDER"}, new String[] {"cdrs", "RECEIVER"}, new String[] {"locations", "RECEIVER"},
            new String[] {"sessions", "RECEIVER"}, new String[] {"tariffs", "RECEIVER"});

    /** A request the client's platform received from its node. */
    record Received(String method, String path, String query, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " " + body;
        }
    }

    private record Reply(int status, Map<String, String> headers, String body, Runnable after) {
    }

    private final String role;
    private final String countryCode;
    private final String partyId;
    private final String key;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String tokenB = UUID.randomUUID().toString();
    private final Map<String, String> nodeEndpoints = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<Http.Answer> resultAnswers = new ArrayList<>();
    private final List<String> locations = new ArrayList<>();
    private final List<String> tariffs = new ArrayList<>();
    private final Map<String, String> cdrs = new ConcurrentHashMap<>();
    private volatile String tokenC;

    private OcnBridgeClient(String role, String party, String key) throws IOException {
        this.role = role;
        this.countryCode = party.split("/")[0];
        this.partyId = party.split("/")[1];
        this.key = key;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A demo CPO serving these locations and tariffs (OCPI example files, see ocpi-examples/NOTICE.md). */
    static OcnBridgeClient cpo(String party, String key, List<String> locationFiles, List<String> tariffFiles)
            throws IOException {
        OcnBridgeClient cpo = new OcnBridgeClient("CPO", party, key);
        locationFiles.forEach(f -> cpo.locations.add(example(f)));
        tariffFiles.forEach(f -> cpo.tariffs.add(example(f)));
        return cpo;
    }

    static OcnBridgeClient emsp(String party, String key) throws IOException {
        return new OcnBridgeClient("EMSP", party, key);
    }

    /** @return the JSON value of an OCPI 2.2.1 example file, bytes unchanged but for the file's final newline */
    static String example(String name) {
        try (InputStream in = OcnBridgeClient.class.getResourceAsStream("/ocpi-examples/2.2.1/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String party() {
        return countryCode + "/" + partyId;
    }

    /** @return the address of its key, which lists it in the registry */
    String address() {
        return LocalChain.address(key);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String tokenC() {
        return tokenC;
    }

    /** @return the module identifiers and roles its version details list (never credentials) */
    List<String[]> modules() {
        return role.equals("CPO") ? CPO_MODULES : EMSP_MODULES;
    }

    /** @return the role number it lists itself with in the OCN Registry: the bridge's {@code roles[str] || 5} */
    int registryRole() {
        return role.equals("EMSP") ? 1 : 5;
    }

    // ------------------------------------------------------------------------------------- joining the network

    /**
     * Lists itself in the registry with the operator the node names, then registers at the node at once.
     *
     * @return the node's answer to the credentials POST
     */
    Http.Answer joinNetwork(LocalChain chain, String nodeUrl, String tokenA) throws Exception {
        Http.Answer info = Http.get(nodeUrl + "/ocn/registry/node-info", null);
        chain.setParty(key, countryCode, partyId, List.of(registryRole()), info.json().get("address").asText());
        return register(nodeUrl, tokenA);
    }

    /** Reads the node's 2.2 endpoints with token A, then posts its credentials (token B, versions URL, role). */
    Http.Answer register(String nodeUrl, String tokenA) {
        String auth = "Token " + tokenA;
        Http.Answer versions = Http.get(nodeUrl + "/ocpi/versions", auth);
        String detailsUrl = null;
        for (JsonNode v : versions.json().path("data")) {
            if (v.path("version").asText().equals("2.2")) {
                detailsUrl = v.path("url").asText();
            }
        }
        if (detailsUrl == null) {
            throw new AssertionError("Could not find 2.2 in OCN node's available OCPI versions: " + versions);
        }
        Http.Answer details = Http.get(detailsUrl, auth);
        for (JsonNode e : details.json().at("/data/endpoints")) {
            nodeEndpoints.put(e.path("identifier").asText() + "/" + e.path("role").asText(), e.path("url").asText());
        }
        ObjectNode credentials = JSON.createObjectNode().put("token", tokenB).put("url", base() + "/ocpi/versions");
        credentials.putArray("roles").addObject().put("role", role).put("party_id", partyId)
                .put("country_code", countryCode).putObject("business_details").put("name", "Demo " + role);
        Http.Answer answer = Http.send("POST", endpoint("credentials", "SENDER"), auth, credentials.toString());
        JsonNode token = answer.json().at("/data/token");
        if (token.isTextual()) {
            tokenC = token.asText();
        }
        return answer;
    }

    /** The bridge's check that it is connected: its credentials at the node, read with token C. */
    Http.Answer credentialsAtNode() {
        return Http.get(endpoint("credentials", "SENDER"), "Token " + tokenC);
    }

    // ------------------------------------------------------------------------------------- calling other parties

    /** @return the node's endpoint for a module and interface, as its version details listed it */
    String endpoint(String module, String interfaceRole) {
        String url = nodeEndpoints.get(module + "/" + interfaceRole);
        if (url == null) {
            throw new AssertionError("the node listed no " + module + " " + interfaceRole + " endpoint: " + nodeEndpoints);
        }
        return url;
    }

    /** A request to another party ("CC/PID") through the node's endpoint for the module, with a path after it. */
    Http.Answer request(String method, String module, String interfaceRole, String suffix, String to, String body) {
        return send(method, endpoint(module, interfaceRole) + suffix, to, body);
    }

    /** A request to a URL the node handed out (a Link, a Location), with token C bare as the bridge sends it. */
    Http.Answer send(String method, String url, String to, String body) {
        return Http.send(method, url, tokenC, body, routingHeaders(to));
    }

    private Map<String, String> routingHeaders(String to) {
        return routingHeaders(countryCode, partyId, to.split("/")[0], to.split("/")[1]);
    }

    /** The bridge's headers: a new request id and a new correlation id every time. */
    private static Map<String, String> routingHeaders(String fromCc, String fromPid, String toCc, String toPid) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Request-ID", UUID.randomUUID().toString());
        h.put("X-Correlation-ID", UUID.randomUUID().toString());
        h.put("OCPI-From-Country-Code", fromCc);
        h.put("OCPI-From-Party-Id", fromPid);
        h.put("OCPI-To-Country-Code", toCc);
        h.put("OCPI-To-Party-Id", toPid);
        return h;
    }

    // ------------------------------------------------------------------------------------- what it received

    /** Waits up to 30 s for a request with this method and path, and takes it out of the record. */
    Received await(String method, String path) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        synchronized (received) {
            while (true) {
                for (Iterator<Received> it = received.iterator(); it.hasNext();) {
                    Received r = it.next();
                    if (r.method().equals(method) && r.path().equals(path)) {
                        it.remove();
                        return r;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError(party() + " received no " + method + " " + path + " within 30 s; received: "
                            + received + "; refused for a wrong token: " + refused);
                }
                received.wait(left);
            }
        }
    }

    /** Waits up to 30 s for the node's answer to the next CommandResult this CPO posted. */
    Http.Answer awaitResultAnswer() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        synchronized (resultAnswers) {
            while (resultAnswers.isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError(party() + " posted no CommandResult within 30 s");
                }
                resultAnswers.wait(left);
            }
            return resultAnswers.remove(0);
        }
    }

    // ------------------------------------------------------------------------------------- its OCPI platform

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        if (!("Token " + tokenB).equals(headers.get("authorization"))) {
            synchronized (received) {
                refused.add(exchange.getRequestMethod() + " " + path + " with " + headers.get("authorization"));
            }
            reply = new Reply(401, Map.of(), envelope(2001, "Unauthorized", null), null);
        } else if (path.equals("/ocpi/versions")) {
            reply = ok("[{\"version\":\"2.2\",\"url\":\"" + base() + "/ocpi/versions/2.2\"}]");
        } else if (path.equals("/ocpi/versions/2.2")) {
            ArrayNode endpoints = JSON.createArrayNode();
            for (String[] m : modules()) {
                endpoints.addObject().put("identifier", m[0]).put("role", m[1])
                        .put("url", base() + "/ocpi/" + m[1].toLowerCase(Locale.ROOT) + "/2.2/" + m[0]);
            }
            reply = ok("{\"version\":\"2.2\",\"endpoints\":" + endpoints + "}");
        } else {
            Received r = new Received(exchange.getRequestMethod(), path, query, headers, body);
            synchronized (received) {
                received.add(r);
                received.notifyAll();
            }
            try {
                reply = role.equals("CPO") ? asCpo(r) : asEmsp(r);
            } catch (IOException | RuntimeException e) {
                reply = new Reply(500, Map.of(), envelope(3000, "client error: " + e, null), null);
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        if (reply.after() != null) {
            reply.after().run();
        }
    }

    private Reply asCpo(Received r) throws IOException {
        String p = r.path();
        if (r.method().equals("GET") && p.equals("/ocpi/sender/2.2/locations")) {
            Map<String, String> q = Notarized.params(r.query());
            int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
            int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
            int end = Math.min(locations.size(), offset + limit);
            Map<String, String> headers = new LinkedHashMap<>(Map.of("X-Total-Count",
                    String.valueOf(locations.size()), "X-Limit", String.valueOf(limit)));
            if (end < locations.size()) {
                headers.put("Link", "<" + base() + p + "?offset=" + end + "&limit=" + limit + ">; rel=\"next\"");
            }
            return new Reply(200, headers, envelope(1000, null,
                    "[" + String.join(",", locations.subList(Math.min(offset, end), end)) + "]"), null);
        }
        if (r.method().equals("GET") && p.startsWith("/ocpi/sender/2.2/locations/")) {
            String id = p.substring("/ocpi/sender/2.2/locations/".length());
            for (String location : locations) {
                if (JSON.readTree(location).path("id").asText().equals(id)) {
                    return ok(location);
                }
            }
            return new Reply(200, Map.of(), envelope(2003, "Unknown location", null), null);
        }
        if (r.method().equals("GET") && p.equals("/ocpi/sender/2.2/tariffs")) {
            return ok("[" + String.join(",", tariffs) + "]");
        }
        if (r.method().equals("GET") && (p.equals("/ocpi/sender/2.2/sessions") || p.equals("/ocpi/sender/2.2/cdrs"))) {
            return ok("[]");
        }
        if (r.method().equals("PUT") && p.startsWith("/ocpi/receiver/2.2/tokens/")) {
            return ok(null);
        }
        if (r.method().equals("POST") && p.startsWith("/ocpi/receiver/2.2/commands/")) {
            String responseUrl = JSON.readTree(r.body()).path("response_url").asText();
            return new Reply(200, Map.of(), envelope(1000, null, "{\"result\":\"ACCEPTED\",\"timeout\":30}"),
                    () -> postResult(responseUrl, r));
        }
        return new Reply(404, Map.of(), envelope(2000, "Cannot " + r.method() + " " + p, null), null);
    }

    /** The charge point accepted: the bridge posts the CommandResult, routing headers reversed, new ids. */
    private void postResult(String responseUrl, Received command) {
        Http.Answer answer = Http.send("POST", responseUrl, "Token " + tokenC, "{\"result\":\"ACCEPTED\"}",
                routingHeaders(command.header("ocpi-to-country-code"), command.header("ocpi-to-party-id"),
                        command.header("ocpi-from-country-code"), command.header("ocpi-from-party-id")));
        synchronized (resultAnswers) {
            resultAnswers.add(answer);
            resultAnswers.notifyAll();
        }
    }

    private Reply asEmsp(Received r) throws IOException {
        String p = r.path();
        if (r.method().equals("POST") && p.equals("/ocpi/receiver/2.2/cdrs")) {
            String id = JSON.readTree(r.body()).path("id").asText();
            cdrs.put(id, r.body());
            return new Reply(200, Map.of("Location", base() + "/ocpi/receiver/2.2/cdrs/" + id),
                    envelope(1000, null, null), null);
        }
        if (r.method().equals("GET") && p.startsWith("/ocpi/receiver/2.2/cdrs/")) {
            String cdr = cdrs.get(p.substring("/ocpi/receiver/2.2/cdrs/".length()));
            return cdr == null ? new Reply(404, Map.of(), envelope(2003, "cdr not found", null), null) : ok(cdr);
        }
        if (r.method().equals("GET") && p.equals("/ocpi/sender/2.2/tokens")) {
            return ok("[" + example("token_example_1_app_user.json") + "]");
        }
        if (p.startsWith("/ocpi/receiver/2.2/") || (r.method().equals("POST") && p.startsWith("/ocpi/sender/2.2/commands/"))) {
            return ok(null); // sessions, locations, tariffs pushed to it; command results
        }
        return new Reply(404, Map.of(), envelope(2000, "Cannot " + r.method() + " " + p, null), null);
    }

    private static Reply ok(String data) {
        return new Reply(200, Map.of(), envelope(1000, null, data), null);
    }

    /** The bridge's OcpiResponse: status_code, optional status_message and data, timestamp. */
    private static String envelope(int statusCode, String message, String data) {
        return "{\"status_code\":" + statusCode + (message == null ? "" : ",\"status_message\":\"" + message + "\"")
                + (data == null ? "" : ",\"data\":" + data) + ",\"timestamp\":\"" + Instant.now() + "\"}";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
