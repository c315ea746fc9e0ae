package org.ocn.node.router.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class LinksTest {

    @Test
    public void findsTheNextLink() {
        assertEquals("https://cpo/ocpi/locations?offset=50&limit=50",
                Links.next("<https://cpo/ocpi/locations?offset=50&limit=50>; rel=\"next\""));
        assertEquals("https://cpo/p2", Links.next("<https://cpo/p0>; rel=\"prev\", <https://cpo/p2>; rel=next"));
        assertEquals("https://cpo/p2", Links.next("<https://cpo/p2>;REL=\"NEXT\""));
        assertNull(Links.next("<https://cpo/p0>; rel=\"prev\""));
        assertNull(Links.next(null));
    }

    @Test
    public void replacesAQueryParameterAndKeepsTheRest() {
        String query = "duration=900&response_url=https%3A%2F%2Fmsp%2Fr%3Fa%3D1&x=%20y";
        Links.Parameter p = Links.parameter(query, "response_url");
        assertEquals("https://msp/r?a=1", p.value());
        assertEquals("duration=900&response_url=https%3A%2F%2Fnode%2Fp%2F1&x=%20y",
                Links.replace(query, p, "https://node/p/1"));
        assertNull(Links.parameter(query, "missing"));
        assertNull(Links.parameter(null, "response_url"));
        assertEquals("", Links.parameter("response_url", "response_url").value());
    }
}
