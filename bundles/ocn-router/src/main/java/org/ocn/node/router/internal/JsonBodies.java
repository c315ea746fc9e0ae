package org.ocn.node.router.internal;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Reads JSON bodies without re-writing them: the node passes bodies on byte for byte (decisions §7), so it only
 * checks them and, where a rule says so, replaces one value's bytes.
 */
final class JsonBodies {

    private final JsonFactory factory = new JsonFactory();

    /** An answer read once: whether it is one JSON document, and a top-level string field of it (null when absent). */
    record Answer(boolean json, Found field) {
    }

    private static final Answer NOT_JSON = new Answer(false, null);

    /**
     * @return whether the body is one JSON document and, if so, the top-level string field; one pass over the bytes
     *         ({@link JsonScan}) where it can tell, else Jackson's
     */
    Answer answer(byte[] body, String field) {
        JsonScan.Result scan = JsonScan.scan(body, field);
        if (scan.outcome() == JsonScan.JSON) {
            return new Answer(true, scan.found());
        }
        if (scan.outcome() == JsonScan.NOT_JSON) {
            return NOT_JSON;
        }
        return jacksonIsJson(body) ? new Answer(true, topLevelString(body, field)) : NOT_JSON;
    }

    /** @return whether the bytes are exactly one JSON document */
    boolean isJson(byte[] body) {
        int outcome = JsonScan.scan(body, null).outcome();
        return outcome == JsonScan.JSON || outcome == JsonScan.UNSURE && jacksonIsJson(body);
    }

    private boolean jacksonIsJson(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** A string value found in a body: its text and where its bytes are, quotes included. */
    record Found(String value, int start, int end) {
    }

    /** @return the top-level string field of a JSON object body, with its byte range, or null */
    Found topLevelString(byte[] body, String field) {
        if (!mayHoldField(body, field)) {
            return null; // most bodies (every answer without ocn_signature) need no parse at all
        }
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(field) && value == JsonToken.VALUE_STRING) {
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    String text = p.getText();
                    int end = (int) p.currentLocation().getByteOffset();
                    return new Found(text, start, end);
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @return false when the body certainly has no field of that name: neither the quoted name (ASCII) appears nor
     *         a backslash (a name may be written with escapes, which only a parse resolves)
     */
    static boolean mayHoldField(byte[] body, String field) {
        byte[] quoted = ('"' + field + '"').getBytes(StandardCharsets.UTF_8);
        byte first = quoted[0];
        outer:
        for (int i = 0, last = body.length - quoted.length; i < body.length; i++) {
            byte b = body[i];
            if (b == '\\') {
                return true;
            }
            if (b != first || i > last) {
                continue;
            }
            for (int k = 1; k < quoted.length; k++) {
                if (body[i + k] != quoted[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** @return the body with the bytes of {@code found} replaced by the JSON string {@code value} */
    static byte[] replace(byte[] body, Found found, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + value.length());
        out.write(body, 0, found.start());
        out.write('"');
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        out.write(escaped, 0, escaped.length);
        out.write('"');
        out.write(body, found.end(), body.length - found.end());
        return out.toByteArray();
    }

    /**
     * @return the body (a JSON object) with one more top-level string field at its end; the rest of the bytes as
     *         they were
     */
    static byte[] appendField(byte[] body, String field, String value) {
        int close = body.length - 1;
        while (close >= 0 && Character.isWhitespace(body[close])) {
            close--;
        }
        if (close < 0 || body[close] != '}') {
            throw new IllegalArgumentException("not a JSON object");
        }
        int before = close - 1;
        while (before >= 0 && Character.isWhitespace(body[before])) {
            before--;
        }
        boolean empty = before >= 0 && body[before] == '{';
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + value.length() + field.length() + 8);
        out.write(body, 0, close);
        if (!empty) {
            out.write(',');
        }
        out.write('"');
        byte[] name = encoder.quoteAsUTF8(field);
        out.write(name, 0, name.length);
        out.write('"');
        out.write(':');
        out.write('"');
        byte[] escaped = encoder.quoteAsUTF8(value);
        out.write(escaped, 0, escaped.length);
        out.write('"');
        out.write(body, close, body.length - close);
        return out.toByteArray();
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
