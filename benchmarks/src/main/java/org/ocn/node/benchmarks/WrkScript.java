package org.ocn.node.benchmarks;

import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpField;

/**
 * The Lua script wrk runs for one target: the request (method, headers, body) set once in {@code wrk.method},
 * {@code wrk.headers} and {@code wrk.body}, so that wrk builds it once and sends the same bytes every time (no
 * {@code request()} function, which would run Lua per request), and a {@code done()} that prints the run's exact
 * counts and latency percentiles on one line ({@link WrkReport#EXACT_PREFIX}). No {@code response()} function
 * either: with one, wrk would hand every answer's headers and body to Lua.
 *
 * <p>Every request carries the same {@code X-Request-ID}: the node requires the header to be there and not blank,
 * not to be unique, and gives each forwarded request an id of its own.
 */
final class WrkScript {

    /** The X-Request-ID of every request wrk sends. */
    static final String REQUEST_ID = "bench-wrk";

    private WrkScript() {
    }

    static String of(LoadGenerator.Target target) {
        StringBuilder lua = new StringBuilder("-- written by the OCN node benchmark for: ")
                .append(target.name().replaceAll("[\\r\\n]", " ")).append('\n');
        lua.append("wrk.method = ").append(quote(target.method())).append('\n');
        for (HttpField f : target.headers()) {
            lua.append("wrk.headers[").append(quote(f.getName())).append("] = ").append(quote(f.getValue())).append('\n');
        }
        lua.append("wrk.headers[\"X-Request-ID\"] = ").append(quote(REQUEST_ID)).append('\n');
        if (target.body() != null) {
            // wrk adds Content-Length for a body
            lua.append("wrk.body = ").append(quote(target.body())).append('\n');
        }
        lua.append("""
                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("%s requests=%%d duration_us=%%d bytes=%%d connect=%%d read=%%d write=%%d timeout=%%d status=%%d",
                    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status))
                  for _, p in ipairs({50, 75, 90, 99, 99.9}) do
                    io.write(string.format(" p%%s_us=%%d", tostring(p), latency:percentile(p)))
                  end
                  io.write(string.format(" max_us=%%d\\n", latency.max))
                end
                """.formatted(WrkReport.EXACT_PREFIX));
        return lua.toString();
    }

    static String quote(String s) {
        return quote(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return a Lua string literal of these bytes: Lua strings are bytes, so anything but printable ASCII is written
     *         as a decimal escape ({@code \226}), which also keeps the script one line per statement
     */
    static String quote(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                // three digits, so that a digit after it cannot be read as part of the escape
                out.append('\\').append(String.format("%03d", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }
}
