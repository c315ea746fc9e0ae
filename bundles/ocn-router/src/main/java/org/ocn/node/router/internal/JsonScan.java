package org.ocn.node.router.internal;

import java.nio.charset.StandardCharsets;

/**
 * One pass over a body's bytes: is it exactly one JSON document (RFC 8259, UTF-8), and where is the string value of
 * one top-level field? Allocates nothing but its result, so that an answer passed on byte for byte costs one read of
 * its bytes (Jackson's parser, which {@link JsonBodies} uses otherwise, interns every field name on the way).
 *
 * <p>Stricter than Jackson's defaults: it says {@link #UNSURE} for what it leaves to Jackson (nesting deeper than
 * {@value #MAX_DEPTH}, numbers longer than {@value #MAX_NUMBER}, a byte-order mark, malformed UTF-8, and a top-level
 * name or the value found written with escapes), so that a document it accepts is one Jackson accepts.
 */
final class JsonScan {

    /** The outcome when the bytes are one document and the field was found or is certainly absent. */
    static final int JSON = 0;
    /** The outcome when the bytes are certainly not one document. */
    static final int NOT_JSON = 1;
    /** The outcome when Jackson must decide (see the class comment). */
    static final int UNSURE = 2;

    static final int MAX_DEPTH = 500;
    static final int MAX_NUMBER = 500;

    /** The bytes a string holds as they are: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];
    private static final boolean[] WHITESPACE = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
        WHITESPACE[' '] = true;
        WHITESPACE['\n'] = true;
        WHITESPACE['\r'] = true;
        WHITESPACE['\t'] = true;
    }

    private final byte[] b;
    private final int n;
    private final byte[] name;
    private int i;
    private boolean escaped;
    private boolean unsure;
    /** The byte range of the field's value, quotes included, when found. */
    private int foundStart = -1;
    private int foundEnd = -1;

    private JsonScan(byte[] body, byte[] name) {
        this.b = body;
        this.n = body.length;
        this.name = name;
    }

    /**
     * @param field the top-level field looked for, or null for none
     * @return the outcome for the body and, when it is {@link #JSON} and the field was found, its value
     */
    static Result scan(byte[] body, String field) {
        JsonScan s = new JsonScan(body, field == null ? null : field.getBytes(StandardCharsets.UTF_8));
        boolean document = s.document();
        if (!document) {
            return new Result(s.unsure ? UNSURE : NOT_JSON, null);
        }
        if (s.unsure) {
            return new Result(UNSURE, null);
        }
        JsonBodies.Found found = s.foundStart < 0 ? null : new JsonBodies.Found(
                new String(body, s.foundStart + 1, s.foundEnd - s.foundStart - 2, StandardCharsets.UTF_8),
                s.foundStart, s.foundEnd);
        return new Result(JSON, found);
    }

    /** @param outcome {@link #JSON}, {@link #NOT_JSON} or {@link #UNSURE}; @param found the field's value (JSON only) */
    record Result(int outcome, JsonBodies.Found found) {
    }

    private boolean document() {
        if (n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            unsure = true; // Jackson skips a byte-order mark
            return false;
        }
        boolean[] inObject = new boolean[16];
        int depth = 0;
        ws();
        if (i >= n) {
            return false;
        }
        boolean match = false; // the value to read is the one of the top-level field looked for
        while (true) {
            byte c = b[i];
            if (c == '{' || c == '[') {
                i++;
                ws();
                if (i < n && b[i] == (c == '{' ? '}' : ']')) {
                    i++;
                } else {
                    if (depth == MAX_DEPTH) {
                        unsure = true;
                        return false;
                    }
                    if (depth == inObject.length) {
                        inObject = java.util.Arrays.copyOf(inObject, depth * 2);
                    }
                    inObject[depth++] = c == '{';
                    int m = element(c == '{', depth);
                    if (m < 0) {
                        return false;
                    }
                    match = m == 1;
                    continue;
                }
            } else if (c == '"') {
                int start = i;
                if (!string()) {
                    return false;
                }
                if (match) {
                    if (escaped) {
                        unsure = true; // Jackson decodes the escapes
                    }
                    foundStart = start;
                    foundEnd = i;
                }
            } else if (c == 't') {
                if (!literal("true")) {
                    return false;
                }
            } else if (c == 'f') {
                if (!literal("false")) {
                    return false;
                }
            } else if (c == 'n') {
                if (!literal("null")) {
                    return false;
                }
            } else if (!number()) {
                return false;
            }
            match = false;
            // after a value: close what ends here, then the next element or member
            while (true) {
                ws();
                if (depth == 0) {
                    return i == n;
                }
                if (i >= n) {
                    return false;
                }
                byte d = b[i];
                if (d == ',') {
                    i++;
                    ws();
                    int m = element(inObject[depth - 1], depth);
                    if (m < 0) {
                        return false;
                    }
                    match = m == 1;
                    break;
                }
                if (d == (inObject[depth - 1] ? '}' : ']')) {
                    i++;
                    depth--;
                    continue;
                }
                return false;
            }
        }
    }

    /**
     * Reads up to the next value of a container: in an object, the member's name and colon.
     *
     * @return -1 when malformed, 1 when the value is the one of the top-level field looked for, 0 otherwise
     */
    private int element(boolean object, int depth) {
        if (object) {
            return member(depth);
        }
        return i < n ? 0 : -1;
    }

    /**
     * Reads a member's name and colon, up to its value.
     *
     * @return -1 when malformed, 1 when it is the top-level field looked for, 0 otherwise
     */
    private int member(int depth) {
        if (i >= n || b[i] != '"') {
            return -1;
        }
        int start = i;
        if (!string()) {
            return -1;
        }
        int end = i;
        boolean match = false;
        if (depth == 1 && foundStart < 0 && name != null) {
            if (escaped) {
                unsure = true; // a name written with escapes may be the field: Jackson decodes it
            } else {
                match = end - start - 2 == name.length
                        && java.util.Arrays.equals(b, start + 1, end - 1, name, 0, name.length);
            }
        }
        ws();
        if (i >= n || b[i] != ':') {
            return -1;
        }
        i++;
        ws();
        if (i >= n) {
            return -1;
        }
        return match && b[i] == '"' ? 1 : 0;
    }

    private void ws() {
        byte[] bytes = b;
        int p = i;
        while (p < n && WHITESPACE[bytes[p] & 0xff]) {
            p++;
        }
        i = p;
    }

    /** Reads a string from its opening quote to after its closing one; notes in {@link #escaped} whether it has escapes. */
    private boolean string() {
        escaped = false;
        byte[] bytes = b;
        int end = n;
        int p = i + 1;
        while (true) {
            while (p < end && PLAIN[bytes[p] & 0xff]) {
                p++;
            }
            if (p >= end) {
                return false;
            }
            int c = bytes[p] & 0xff;
            if (c == '"') {
                i = p + 1;
                return true;
            }
            if (c == '\\') {
                escaped = true;
                if (p + 1 >= end) {
                    return false;
                }
                byte e = bytes[p + 1];
                if (e == 'u') {
                    if (p + 5 >= end) {
                        return false;
                    }
                    for (int k = p + 2; k < p + 6; k++) {
                        if (Character.digit(bytes[k], 16) < 0) {
                            return false;
                        }
                    }
                    p += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                        || e == 't') {
                    p += 2;
                } else {
                    return false;
                }
            } else if (c < 0x20) {
                return false;
            } else {
                i = p;
                if (!utf8(c)) {
                    unsure = true; // Jackson reads some malformed sequences
                    return false;
                }
                p = i;
            }
        }
    }

    /** Steps over one well-formed multi-byte UTF-8 sequence starting with {@code c}. */
    private boolean utf8(int c) {
        int more;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (i + more >= n) {
            return false;
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return false;
        }
        for (int k = 2; k <= more; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        i += more + 1;
        return true;
    }

    private boolean literal(String word) {
        int len = word.length();
        if (i + len > n) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        i += len;
        return true;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
    private boolean number() {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            digits();
        } else {
            return false;
        }
        if (i < n && b[i] == '.') {
            i++;
            if (digits() == 0) {
                return false;
            }
        }
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < n && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        if (i - start > MAX_NUMBER) {
            unsure = true; // Jackson limits the length of numbers
            return false;
        }
        return true;
    }

    private int digits() {
        int start = i;
        while (i < n && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - start;
    }
}
