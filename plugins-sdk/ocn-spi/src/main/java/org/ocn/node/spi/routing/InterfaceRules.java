package org.ocn.node.spi.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks a request against the shape of a module interface, so that a handler states its interface in one line:
 *
 * <pre>
 * return InterfaceRules.check(request, "GET, PUT, PATCH", "/{country_code}/{party_id}/{session_id}")
 *         .map(InterfaceRules::reply).orElseGet(() -&gt; routing.forward(request));
 * </pre>
 *
 * <p><b>Path templates.</b> A template is the path after the module's base path ({@code /ocpi/{role}/{version}/{module}},
 * custom modules {@code /ocpi/custom/{role}/{module}}), written as the OCPI specification writes it:
 * <ul>
 * <li>{@code ""}: nothing after the base path (a list, or the endpoint itself);</li>
 * <li>{@code /{name}}: one segment, any value (a segment with a <code>&#123;</code> anywhere in it is a parameter);</li>
 * <li>{@code /word}: one segment that must be exactly {@code word}, for example {@code /{token_uid}/authorize};</li>
 * <li>{@code [...]}: an optional trailing part; nested for parts that need the one before them, for example
 *     {@code /{location_id}[/{evse_uid}[/{connector_id}]]};</li>
 * <li>{@code ?...}: the query, for the error message only (not checked), for example
 *     {@code /{country_code}/{party_id}/{token_uid}[?type={token_type}]}.</li>
 * </ul>
 * The request fits when it has at least the segments outside brackets, at most all of them, and each fixed segment
 * where the template has it. Segments are compared URL-decoded ({@link OcpiRequest#pathSegments()}).
 */
public final class InterfaceRules {

    private InterfaceRules() {
    }

    /**
     * Checks the method and the path of a request; the error message shows the template.
     *
     * @param methods      the methods of the interface, comma separated, for example {@code "GET, PUT"}
     * @param pathTemplate the path after the module's base path, as described in the class documentation, for
     *                     example {@code "/{country_code}/{party_id}/{session_id}"} or {@code ""}
     * @return the error to answer (405 with {@code Allow}, or 2001 for the path), or empty when the request fits
     * @throws IllegalArgumentException when the template is malformed: unbalanced brackets or braces, an empty
     *                                  segment, or a segment after an optional part that does not contain it
     * @since 0.2
     */
    public static Optional<OcpiReply> check(OcpiRequest request, String methods, String pathTemplate) {
        return check(request, methods, pathTemplate, null);
    }

    /**
     * Checks the method and the path of a request, as {@link #check(OcpiRequest, String, String)} does, with a hint
     * after the template in the error message: {@code check(request, "GET", "", "(the list)")} answers a path with
     * "expects the path '' (the list), not '/x'".
     *
     * @param methods      the methods of the interface, comma separated, for example {@code "GET, PUT"}
     * @param pathTemplate the path after the module's base path, as described in the class documentation
     * @param hint         what the error message adds after the template, or {@code null} for nothing
     * @return the error to answer (405 with {@code Allow}, or 2001 for the path), or empty when the request fits
     * @throws IllegalArgumentException when the template is malformed
     * @since 0.2
     */
    public static Optional<OcpiReply> check(OcpiRequest request, String methods, String pathTemplate, String hint) {
        List<TemplateSegment> template = segmentsOf(pathTemplate);
        if (!allows(methods, request.method())) {
            return Optional.of(OcpiReply.methodNotAllowed(request, methods));
        }
        if (!fits(template, request.pathSegments())) {
            String shown = pathTemplate.isEmpty() ? "''" : pathTemplate;
            return Optional.of(OcpiReply.invalidPath(request, hint == null ? shown : shown + " " + hint));
        }
        return Optional.empty();
    }

    /**
     * Checks a request against segment bounds given apart from the path.
     *
     * @param methods      the methods of the interface, comma separated, for example {@code "GET, PUT"}
     * @param minSegments  the fewest path segments after the module's base path
     * @param maxSegments  the most path segments
     * @param expectedPath how the path looks, for the error message
     * @return the error to answer (405, or 2001 for the path), or empty when the request fits
     * @deprecated states the path twice, as bounds and as text; use {@link #check(OcpiRequest, String, String)},
     *             which derives the bounds from the template (and {@link #check(OcpiRequest, String, String, String)}
     *             for a hint in the error message)
     */
    @Deprecated
    public static Optional<OcpiReply> check(OcpiRequest request, String methods, int minSegments, int maxSegments,
                                            String expectedPath) {
        if (!allows(methods, request.method())) {
            return Optional.of(OcpiReply.methodNotAllowed(request, methods));
        }
        int n = request.pathSegments().size();
        if (n < minSegments || n > maxSegments) {
            return Optional.of(OcpiReply.invalidPath(request, expectedPath));
        }
        return Optional.empty();
    }

    /** @return a reply that is already there */
    public static CompletionStage<OcpiReply> reply(OcpiReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** @return the fewest path segments a request may have: those of the template outside brackets */
    static int minSegments(String pathTemplate) {
        return (int) segmentsOf(pathTemplate).stream().filter(s -> !s.optional()).count();
    }

    /** @return the most path segments a request may have: all of the template's */
    static int maxSegments(String pathTemplate) {
        return segmentsOf(pathTemplate).size();
    }

    private static boolean allows(String methods, String method) {
        return Arrays.stream(methods.split(",")).map(String::trim).anyMatch(method::equals);
    }

    private static boolean fits(List<TemplateSegment> template, List<String> path) {
        long required = template.stream().filter(s -> !s.optional()).count();
        if (path.size() < required || path.size() > template.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            String fixed = template.get(i).fixed();
            if (fixed != null && !fixed.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** One segment of a template: a fixed text, or a parameter ({@code fixed} is {@code null}). */
    private record TemplateSegment(String fixed, boolean optional) {
    }

    /** @return the segments of a template, in order */
    private static List<TemplateSegment> segmentsOf(String template) {
        List<TemplateSegment> segments = new ArrayList<>();
        StringBuilder segment = null;
        int depth = 0;
        boolean parameter = false;
        boolean query = false;
        int lastDepth = 0;
        for (int i = 0; i <= template.length(); i++) {
            boolean end = i == template.length();
            char c = end ? '/' : template.charAt(i);
            boolean ends = c == '/' || c == '[' || c == ']' || c == '?';
            if (end && parameter) {
                throw malformed(template, "'{' without '}'");
            }
            if (ends && parameter) {
                throw malformed(template, "'" + c + "' inside a {parameter}");
            }
            if (ends && segment != null) {
                String text = segment.toString();
                if (text.isEmpty()) {
                    throw malformed(template, "an empty segment");
                }
                if (depth < lastDepth) {
                    throw malformed(template, "a segment follows an optional part it is not inside of: optional "
                            + "parts come last");
                }
                segments.add(new TemplateSegment(text.contains("{") ? null : text, depth > 0));
                lastDepth = depth;
                segment = null;
            }
            if (end) {
                break;
            }
            if (query && c != ']') {
                continue;
            }
            switch (c) {
                case '[' -> depth++;
                case ']' -> {
                    if (--depth < 0) {
                        throw malformed(template, "']' without '['");
                    }
                    query = false;
                }
                case '?' -> query = true;
                case '/' -> segment = new StringBuilder();
                case '{' -> {
                    parameter = true;
                    append(template, segment, c);
                }
                case '}' -> {
                    parameter = false;
                    append(template, segment, c);
                }
                default -> append(template, segment, c);
            }
        }
        if (depth != 0) {
            throw malformed(template, "'[' without ']'");
        }
        return segments;
    }

    private static void append(String template, StringBuilder segment, char c) {
        if (segment == null) {
            throw malformed(template, "'" + c + "' outside a segment: segments start with '/'");
        }
        segment.append(c);
    }

    private static IllegalArgumentException malformed(String template, String why) {
        return new IllegalArgumentException("Malformed path template '" + template + "': " + why);
    }
}
