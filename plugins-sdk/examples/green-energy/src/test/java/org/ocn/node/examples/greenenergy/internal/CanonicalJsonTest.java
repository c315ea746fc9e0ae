package org.ocn.node.examples.greenenergy.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class CanonicalJsonTest {

    @Test
    public void membersAreSortedAndNothingSeparatesTheTokens() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", true);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("list", Arrays.asList(inner, null, "x"));
        outer.put("issued_at", "2026-11-24T10:00:00Z");
        outer.put("is_green", false);
        outer.put("A", 2L);
        assertEquals("{\"A\":2,\"is_green\":false,\"issued_at\":\"2026-11-24T10:00:00Z\","
                + "\"list\":[{\"a\":true,\"z\":1},null,\"x\"]}", CanonicalJson.write(outer));
    }

    @Test
    public void decimalsArePlainExactAndWithoutTrailingZeros() {
        assertEquals("[15.342,4,0,0,1000,0.0006,-2.5]", CanonicalJson.write(List.of(new BigDecimal("15.3420"),
                new BigDecimal("4.00"), new BigDecimal("0.000"), BigDecimal.ZERO, new BigDecimal("1E+3"),
                new BigDecimal("6E-4"), new BigDecimal("-2.50"))));
    }

    @Test
    public void stringsEscapeOnlyWhatJsonRequires() {
        assertEquals("\"q\\\" b\\\\ n\\n t\\t u\\u0001 é ⚡ /\"", CanonicalJson.write("q\" b\\ n\n t\t u\u0001 é ⚡ /"));
        assertArrayEquals("\"é\"".getBytes(StandardCharsets.UTF_8), CanonicalJson.bytes("é"));
    }

    @Test
    public void valuesWithoutACanonicalFormAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(1.5d));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of(1, "x")));
    }
}
