package org.ocn.node.web.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

import org.ocn.node.api.ocpi.AuthorizationTokens;
import org.ocn.node.api.ocpi.OcpiResponse;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes OCPI answers and reads OCPI requests the same way on every endpoint the node serves itself.
 *
 * <p>Every answer is an OCPI envelope with {@code Content-Type: application/json}, and carries
 * {@code X-Request-ID} and {@code X-Correlation-ID}: the request's own values when it sent them (OCPI: a response
 * echoes them), fresh UUIDs otherwise.
 */
public final class OcpiExchange {

    /** Bodies larger than this are refused; OCPI configuration messages are a few kilobytes. */
    public static final int DEFAULT_MAX_BODY = 1 << 20;

    private final OcpiJson json;

    public OcpiExchange(OcpiJson json) {
        this.json = json;
    }

    public OcpiJson json() {
        return json;
    }

    /** Sends an envelope with the given HTTP status. */
    public void send(HttpServletRequest request, HttpServletResponse response, int httpStatus,
                     OcpiResponse<?> envelope) throws IOException {
        drain(request);
        byte[] bytes = json.write(envelope);
        response.setStatus(httpStatus);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        echoIds(request, response);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Sends {@code 200} with a success envelope carrying {@code data}. */
    public void ok(HttpServletRequest request, HttpServletResponse response, Object data) throws IOException {
        send(request, response, HttpServletResponse.SC_OK, OcpiResponse.success(data));
    }

    /** Sends an error envelope. */
    public void error(HttpServletRequest request, HttpServletResponse response, int httpStatus, OcpiStatus status,
                      String message) throws IOException {
        send(request, response, httpStatus, OcpiResponse.error(status, message));
    }

    /** Sends 401 with status 2000 (decisions §2: a missing or unknown token). */
    public void unauthorized(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Token");
        error(request, response, HttpServletResponse.SC_UNAUTHORIZED, OcpiStatus.CLIENT_ERROR, message);
    }

    /** Sends 405 with status 2000 and the methods that are allowed. */
    public void methodNotAllowed(HttpServletRequest request, HttpServletResponse response, String allow,
                                 String message) throws IOException {
        response.setHeader("Allow", allow);
        error(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, OcpiStatus.CLIENT_ERROR, message);
    }

    /**
     * Reads the request body as JSON.
     *
     * @throws InvalidPayloadException if it is empty, too large or not valid JSON; answer with HTTP 400 / 2001
     */
    public JsonNode readJson(HttpServletRequest request, int maxBytes) throws InvalidPayloadException {
        try {
            return json.parse(readBody(request, maxBytes));
        } catch (IOException e) {
            throw new InvalidPayloadException("the body could not be read: " + e.getMessage(), e);
        }
    }

    /** @return the request body, at most {@code maxBytes} */
    public static byte[] readBody(HttpServletRequest request, int maxBytes) throws IOException, InvalidPayloadException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new InvalidPayloadException("the body is larger than " + maxBytes + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                return in.readNBytes((int) declared); // the server delivers no more than the declared length
            }
            // no length declared (a GET, or a chunked body): most are empty, so look before allocating buffers
            byte[] first = new byte[256];
            int n = in.read(first);
            if (n < 0) {
                return new byte[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            byte[] buffer = first;
            do {
                if (out.size() + n > maxBytes) {
                    throw new InvalidPayloadException("the body is larger than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
                buffer = buffer == first ? new byte[8192] : buffer;
            } while ((n = in.read(buffer)) >= 0);
            return out.toByteArray();
        }
    }

    /**
     * Reads what is left of a request body before an early answer (401, 405, ...), so that the connection stays
     * usable for the client's next request instead of being closed under it; gives up after
     * {@link #DEFAULT_MAX_BODY} bytes (the server then closes the connection).
     */
    static void drain(HttpServletRequest request) {
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long left = DEFAULT_MAX_BODY;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // nothing more to read, or the body was read as a reader: the server decides about the connection
        }
    }

    /** @return the tokens the request's {@code Authorization} header may stand for (see {@link AuthorizationTokens}) */
    public static List<String> tokens(HttpServletRequest request) {
        return AuthorizationTokens.candidates(request.getHeader("Authorization"));
    }

    /**
     * @return whether the request's {@code Authorization} header carries the given key, plain or Base64, with or
     *         without the {@code Token } prefix; compared in constant time
     */
    public static boolean carriesKey(HttpServletRequest request, String key) {
        byte[] expected = key.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String candidate : tokens(request)) {
            match |= MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), expected);
        }
        return match;
    }

    private static void echoIds(HttpServletRequest request, HttpServletResponse response) {
        String requestId = request.getHeader("X-Request-ID");
        String correlationId = request.getHeader("X-Correlation-ID");
        response.setHeader("X-Request-ID", requestId != null && !requestId.isBlank()
                ? requestId : UUID.randomUUID().toString());
        response.setHeader("X-Correlation-ID", correlationId != null && !correlationId.isBlank()
                ? correlationId : UUID.randomUUID().toString());
    }
}
