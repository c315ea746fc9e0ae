package org.ocn.node.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for the tests: one call, one answer, JSON parsed when it is JSON. */
final class Http {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer. */
    record Answer(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        int statusCode() {
            return json().path("status_code").asInt(-1);
        }

        String message() {
            return json().path("status_message").asText();
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    private Http() {
    }

    static String base64(String token) {
        return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A routed request as a party sends it: token C, a fresh X-Request-ID, the correlation id and the routing headers
     * of {@code from} and {@code to} ("CC/PID"), plus any extra headers.
     */
    static Answer routed(String method, String url, String tokenC, String from, String to, String body,
                         String correlationId, java.util.Map<String, String> extra) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("X-Request-ID", "req-" + java.util.UUID.randomUUID());
        h.put("X-Correlation-ID", correlationId);
        h.put("OCPI-from-country-code", from.split("/")[0]);
        h.put("OCPI-from-party-id", from.split("/")[1]);
        h.put("OCPI-to-country-code", to.split("/")[0]);
        h.put("OCPI-to-party-id", to.split("/")[1]);
        h.putAll(extra);
        return send(method, url, "Token " + base64(tokenC), body, h);
    }

    static Answer get(String url, String authorization) {
        return send("GET", url, authorization, null);
    }

    static Answer send(String method, String url, String authorization, String body) {
        return send(method, url, authorization, body, java.util.Map.of());
    }

    static Answer send(String method, String url, String authorization, String body, java.util.Map<String, String> headers) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        if (body != null) {
            h.putIfAbsent("Content-Type", "application/json");
        }
        return sendBytes(method, url, authorization, body == null ? null : body.getBytes(StandardCharsets.UTF_8), h);
    }

    /** Sends a body of any kind (its {@code Content-Type} among the headers). */
    static Answer sendBytes(String method, String url, String authorization, byte[] body,
                            java.util.Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
