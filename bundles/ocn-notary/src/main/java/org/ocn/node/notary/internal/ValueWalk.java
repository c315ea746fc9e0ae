package org.ocn.node.notary.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ocn.node.notary.ValuesToSign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The notary's walk over the values to sign: depth first, objects as {@code ['key']}, arrays as {@code [i]}, every
 * scalar that is neither null nor an empty string becomes one field, its text one part of the message. Values are
 * taken as received (decisions §16): a number's text as written, strings as sent, booleans as {@code true}/{@code
 * false}. The body is read from its bytes, so nothing is lost to a typed model.
 */
public final class ValueWalk {

    /** One signed value. */
    public record Entry(String path, String text) {
    }

    private final JsonFactory factory = new JsonFactory();

    /**
     * @param leaveOut top-level body fields not signed (a response's own {@code ocn_signature})
     * @return the entries, in walk order
     * @throws IllegalArgumentException if the body is not JSON
     */
    public List<Entry> walk(ValuesToSign values, Set<String> leaveOut) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> h : values.headers().entrySet()) {
            add(entries, "$['headers']['" + h.getKey() + "']", h.getValue());
        }
        for (Map.Entry<String, String> p : values.params().entrySet()) {
            add(entries, "$['params']['" + p.getKey() + "']", p.getValue());
        }
        byte[] body = values.body();
        if (body.length > 0) {
            try (JsonParser parser = factory.createParser(body)) {
                JsonToken first = parser.nextToken();
                if (first != null) {
                    value(parser, first, "$['body']", entries, leaveOut, true);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("the body is not JSON: " + e.getMessage(), e);
            }
        }
        return entries;
    }

    private static void add(List<Entry> entries, String path, String text) {
        if (text != null && !text.isEmpty()) {
            entries.add(new Entry(path, text));
        }
    }

    private static void value(JsonParser p, JsonToken token, String path, List<Entry> entries, Set<String> leaveOut,
                              boolean top) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (top && leaveOut.contains(key)) {
                        p.skipChildren();
                        continue;
                    }
                    value(p, v, path + "['" + key + "']", entries, leaveOut, false);
                }
            }
            case START_ARRAY -> {
                int i = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    value(p, t, path + "[" + i++ + "]", entries, leaveOut, false);
                }
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> add(entries, path, p.getText());
            case VALUE_TRUE -> entries.add(new Entry(path, "true"));
            case VALUE_FALSE -> entries.add(new Entry(path, "false"));
            default -> {
                // null: not signed
            }
        }
    }
}
