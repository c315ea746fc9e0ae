package org.ocn.node.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.junit.Test;

public class WrkScriptTest {

    @Test
    public void luaStringsKeepEveryByte() {
        assertEquals("\"Token abc=\"", WrkScript.quote("Token abc="));
        assertEquals("\"a\\\"b\\\\c\"", WrkScript.quote("a\"b\\c"));
        // UTF-8 bytes and control characters as three-digit escapes, so that a digit after one stays a digit
        assertEquals("\"\\226\\130\\1721\"", WrkScript.quote("\u20ac1"));
        assertEquals("\"x\\010\\013\\000\"", WrkScript.quote(new byte[] {'x', '\n', '\r', 0}));
    }

    @Test
    public void theRequestIsSetOnceWithARequestId() {
        HttpFields headers = HttpFields.build().put("Authorization", "Token dG9r")
                .put("X-Correlation-ID", Benchmark.CORRELATION_ID).put("OCPI-to-party-id", "CPO");
        String lua = WrkScript.of(new LoadGenerator.Target("routed\nsmall", URI.create("http://127.0.0.1:1/x"), headers,
                1000));
        assertTrue(lua, lua.startsWith("-- written by the OCN node benchmark for: routed small\n"));
        assertTrue(lua, lua.contains("wrk.method = \"GET\"\n"));
        assertTrue(lua, lua.contains("wrk.headers[\"Authorization\"] = \"Token dG9r\"\n"));
        assertTrue(lua, lua.contains("wrk.headers[\"X-Correlation-ID\"] = \"" + Benchmark.CORRELATION_ID + "\"\n"));
        assertTrue(lua, lua.contains("wrk.headers[\"OCPI-to-party-id\"] = \"CPO\"\n"));
        assertTrue(lua, lua.contains("wrk.headers[\"X-Request-ID\"] = \"bench-wrk\"\n"));
        assertFalse(lua, lua.contains("wrk.body"));
        // no per-request Lua: wrk sends the same bytes every time
        assertFalse(lua, lua.contains("function request"));
        assertFalse(lua, lua.contains("function response"));
        assertTrue(lua, lua.contains("io.write(string.format(\"ocn-bench: requests=%d duration_us=%d"));
        assertTrue(lua, lua.contains(" max_us=%d\\n\", latency.max))"));
    }

    @Test
    public void aBodyGoesInWrkBody() {
        HttpFields headers = HttpFields.build().put("Content-Type", "application/json");
        byte[] body = "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        String lua = WrkScript.of(new LoadGenerator.Target("post", URI.create("http://127.0.0.1:1/x"), "POST", headers,
                body, 10));
        assertTrue(lua, lua.contains("wrk.method = \"POST\"\n"));
        assertTrue(lua, lua.contains("wrk.body = \"{\\\"a\\\":\\\"\\195\\169\\\"}\"\n"));
    }
}
