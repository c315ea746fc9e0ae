package org.ocn.node.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.notary.Notary;
import org.ocn.node.notary.ValuesToSign;

/**
 * A party's OCPI platform as lean as a platform can be, so that the direct baseline measures HTTP and little else:
 * a plain Jetty 12 {@link Handler} (no servlet layer) answering from bytes computed once. It serves what the node
 * reads during the credentials handshake ({@code /ocpi/versions}, {@code /ocpi/2.2.1}) and, as a CPO, the
 * locations Sender interface: {@code .../locations/{id}} answers one location (about 1 KB), {@code .../locations} a
 * page of locations (about 100 KB); the custom module {@code benchmod} answers like one location.
 *
 * <p>Control endpoints for the benchmark (never routed): {@code GET /bench/stats} answers
 * {@code <requests served> <process CPU ns>}, {@code POST /bench/signing/on|off} switches to answers carrying an
 * {@code ocn_signature} (computed once per body).
 */
final class MockParty implements AutoCloseable {

    static final String VERSION = "2.2.1";
    /** Identifier of the custom module the plugin-update phase routes. */
    static final String CUSTOM_MODULE = "benchmod";

    /** What the node needs of a party for the credentials handshake. */
    record Handshake(String versionsUrl, String tokenB) {
    }

    /** The answers of the hot path, plain and signed. */
    private record Bodies(byte[] small, byte[] large) {
    }

    private final Server server;
    private final String tokenB;
    private final String base;
    private final boolean cpo;
    private final String plainAuthorization;
    private final String base64Authorization;
    private final Bodies plain;
    private final Bodies signed;
    private final LongAdder served = new LongAdder();
    private volatile Bodies current;
    private final byte[] versions;
    private final byte[] details;

    /**
     * @param cpo        whether it offers the locations Sender interface (else only what the handshake reads)
     * @param signingKey the party's key for signed answers
     */
    MockParty(int port, String tokenB, boolean cpo, String signingKey) throws Exception {
        this.tokenB = tokenB;
        this.cpo = cpo;
        this.plainAuthorization = "Token " + tokenB;
        this.base64Authorization = "Token " + Base64.getEncoder().encodeToString(tokenB.getBytes(StandardCharsets.UTF_8));
        this.base = "http://127.0.0.1:" + port;
        plain = new Bodies(Payloads.smallLocation(), Payloads.locationPage());
        signed = new Bodies(sign(plain.small(), signingKey), sign(plain.large(), signingKey));
        current = plain;
        versions = Payloads.envelope("[{\"version\":\"" + VERSION + "\",\"url\":\"" + base + "/ocpi/" + VERSION + "\"}]");
        StringBuilder endpoints = new StringBuilder("[{\"identifier\":\"credentials\",\"role\":\"SENDER\",\"url\":\""
                + base + "/ocpi/" + VERSION + "/credentials\"}");
        if (cpo) {
            endpoints.append(",{\"identifier\":\"locations\",\"role\":\"SENDER\",\"url\":\"").append(locationsUrl())
                    .append("\"},{\"identifier\":\"").append(CUSTOM_MODULE).append("\",\"role\":\"SENDER\",\"url\":\"")
                    .append(customModuleUrl()).append("\"}");
        }
        details = Payloads.envelope("{\"version\":\"" + VERSION + "\",\"endpoints\":" + endpoints.append("]") + "}");

        // 2 cores: one selector, one acceptor, a fixed pool (threads never die, so the pool's CPU is all in the process)
        QueuedThreadPool threads = new QueuedThreadPool(16, 16);
        threads.setName("mock-party");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Answers());
        server.start();
    }

    String base() {
        return base;
    }

    String versionsUrl() {
        return base + "/ocpi/versions";
    }

    String tokenB() {
        return tokenB;
    }

    String locationsUrl() {
        return base + "/cpo/" + VERSION + "/locations";
    }

    String customModuleUrl() {
        return base + "/cpo/" + VERSION + "/" + CUSTOM_MODULE;
    }

    /** @return the answer body with an ocn_signature over it (no signed headers: the answers carry none) */
    static byte[] sign(byte[] body, String key) {
        Notary notary = new Notary();
        String signature = notary.serialize(notary.sign(new ValuesToSign(Map.of(), Map.of(), body),
                EthereumKey.fromPrivateKey(key)));
        String text = new String(body, StandardCharsets.UTF_8);
        int close = text.lastIndexOf('}');
        return (text.substring(0, close) + ",\"ocn_signature\":\"" + signature + "\"" + text.substring(close))
                .getBytes(StandardCharsets.UTF_8);
    }

    private final class Answers extends Handler.Abstract.NonBlocking {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            if (path.startsWith("/bench/")) {
                return control(path, response, callback);
            }
            String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (auth == null || !(auth.equals(base64Authorization) || auth.equals(plainAuthorization))) {
                return Payloads.answer(response, HttpStatus.UNAUTHORIZED_401, Payloads.UNAUTHORIZED, callback);
            }
            byte[] body;
            if (cpo && path.startsWith("/cpo/")) {
                Bodies bodies = current;
                body = path.endsWith("/locations") ? bodies.large() : bodies.small();
                served.increment();
            } else if (path.equals("/ocpi/versions")) {
                body = versions;
            } else if (path.equals("/ocpi/" + VERSION)) {
                body = details;
            } else {
                body = Payloads.envelope("null");
            }
            return Payloads.answer(response, HttpStatus.OK_200, body, callback);
        }

        private boolean control(String path, Response response, Callback callback) {
            switch (path) {
                case "/bench/stats" -> {
                    long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime();
                    return Payloads.answer(response, 200, (served.sum() + " " + cpu).getBytes(StandardCharsets.US_ASCII), callback);
                }
                case "/bench/signing/on" -> current = signed;
                case "/bench/signing/off" -> current = plain;
                default -> {
                    return Payloads.answer(response, 404, Payloads.envelope("null"), callback);
                }
            }
            return Payloads.answer(response, 200, Payloads.envelope("null"), callback);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Runs a mock CPO as its own process, so that its CPU is its own: {@code <port> <token B> <signing key>}.
     * Prints {@code READY} once it listens.
     */
    public static void main(String[] args) throws Exception {
        MockParty party = new MockParty(Integer.parseInt(args[0]), args[1], true, args[2]);
        System.out.println("READY " + party.base());
        System.out.flush();
        Thread.currentThread().join();
    }
}
