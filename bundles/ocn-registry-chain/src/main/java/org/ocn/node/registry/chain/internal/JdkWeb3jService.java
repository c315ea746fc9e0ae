package org.ocn.node.registry.chain.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.web3j.protocol.Service;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * web3j's JSON-RPC over the JDK's HTTP client, so that the bundle needs neither OkHttp nor Kotlin (web3j's own
 * {@code HttpService}). Owns no threads of its own beyond the client's, which {@link #close()} releases.
 */
final class JdkWeb3jService extends Service {

    private final HttpClient client;
    private final URI endpoint;
    private final Duration timeout;

    JdkWeb3jService(String url, Duration timeout) {
        super(false);
        this.endpoint = URI.create(url);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Writes the JSON-RPC envelope field by field: web3j serializes the whole {@link Request}, whose bean
     * introspection touches RxJava types that this bundle deliberately does not carry.
     */
    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        ObjectNode envelope = objectMapper.createObjectNode();
        envelope.put("jsonrpc", request.getJsonrpc());
        envelope.put("method", request.getMethod());
        envelope.set("params", objectMapper.valueToTree(request.getParams()));
        envelope.put("id", request.getId());
        try (InputStream result = performIO(objectMapper.writeValueAsString(envelope))) {
            return objectMapper.readValue(result, responseType);
        }
    }

    @Override
    protected InputStream performIO(String payload) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("JSON-RPC at " + endpoint + " answered HTTP " + response.statusCode());
            }
            return new ByteArrayInputStream(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        // the JDK client has no close on Java 17; its threads are daemons and end with it once unreferenced
    }
}
