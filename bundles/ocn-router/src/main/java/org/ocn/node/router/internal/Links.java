package org.ocn.node.router.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The URL-bearing bits of OCPI messages: {@code Link} headers and {@code response_url} query parameters. */
final class Links {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*?rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);

    private Links() {
    }

    /** @return the URL of {@code rel="next"} in a {@code Link} header, or null */
    static String next(String linkHeader) {
        if (linkHeader == null) {
            return null;
        }
        Matcher m = NEXT.matcher(linkHeader);
        return m.find() ? m.group(1).trim() : null;
    }

    /** @return a {@code Link} header with one next link */
    static String nextHeader(String url) {
        return "<" + url + ">; rel=\"next\"";
    }

    /** A query parameter: its decoded value and the position of its raw value in the query string. */
    record Parameter(String value, int start, int end) {
    }

    /** @return the first parameter with this name in a raw query string, or null */
    static Parameter parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        int pos = 0;
        while (pos <= query.length()) {
            int amp = query.indexOf('&', pos);
            int end = amp < 0 ? query.length() : amp;
            String pair = query.substring(pos, end);
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                int valueStart = eq < 0 ? end : pos + eq + 1;
                return new Parameter(URLDecoder.decode(query.substring(valueStart, end), StandardCharsets.UTF_8),
                        valueStart, end);
            }
            if (amp < 0) {
                break;
            }
            pos = amp + 1;
        }
        return null;
    }

    /** @return the query with the parameter's raw value replaced by {@code value}, URL-encoded; the rest as it was */
    static String replace(String query, Parameter parameter, String value) {
        return query.substring(0, parameter.start()) + URLEncoder.encode(value, StandardCharsets.UTF_8)
                + query.substring(parameter.end());
    }
}
