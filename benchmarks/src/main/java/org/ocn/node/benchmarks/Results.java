package org.ocn.node.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Every figure of a run, printed as a table and written as JSON. */
final class Results {

    /**
     * One figure.
     *
     * @param baseline   the same figure measured directly against the mock CPO, or NaN when it has none
     * @param ratio      value / baseline (or another ratio the issue names), NaN when there is none
     * @param bareProxy  the same figure measured through the bare proxy ({@link BareProxy}), NaN when it has none
     * @param proxyRatio value / bareProxy, NaN when there is none
     * @param goal       the goal for this figure, or null
     */
    record Figure(String name, double value, String unit, double baseline, double ratio, double bareProxy,
                  double proxyRatio, Goal goal, String note) {

        /** @return what the goal is checked against: the ratio (in percent) when the goal is on one, else the value */
        double checked() {
            if (goal == null) {
                return value;
            }
            return switch (goal.of()) {
                case VALUE -> value;
                case BASELINE -> ratio * 100;
                case BARE_PROXY -> proxyRatio * 100;
            };
        }

        String verdict() {
            if (goal == null) {
                return "";
            }
            return (goal.met(checked()) ? "PASS " : "MISS ") + goal.margin(checked());
        }
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> run = new LinkedHashMap<>();

    /** Something about the run (machine, settings, durations), written with the figures. */
    void describe(String key, Object value) {
        run.put(key, value);
    }

    Figure add(String name, double value, String unit, double baseline, double ratio, Goal goal, String note) {
        return add(name, value, unit, baseline, ratio, Double.NaN, Double.NaN, goal, note);
    }

    /** A figure with the same figure of the bare proxy next to it (its ratio is value / bareProxy). */
    Figure add(String name, double value, String unit, double baseline, double ratio, double bareProxy, Goal goal,
               String note) {
        return add(name, value, unit, baseline, ratio, bareProxy, value / bareProxy, goal, note);
    }

    /** A figure with the bare proxy's figure and a ratio to it of its own (NaN: none, where a ratio means nothing). */
    Figure add(String name, double value, String unit, double baseline, double ratio, double bareProxy,
               double proxyRatio, Goal goal, String note) {
        Figure f = new Figure(name, value, unit, baseline, ratio, bareProxy, proxyRatio, goal, note);
        figures.add(f);
        return f;
    }

    Figure add(String name, double value, String unit, Goal goal) {
        return add(name, value, unit, Double.NaN, Double.NaN, goal, null);
    }

    List<Figure> figures() {
        return figures;
    }

    /** @return the table, one line per figure */
    String table() {
        String format = "%-52s %12s %-6s %12s %8s %12s %8s  %-34s %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "figure", "value", "unit", "baseline", "ratio", "bare proxy",
                "ratio", "goal", "verdict"));
        out.append("-".repeat(172)).append('\n');
        for (Figure f : figures) {
            out.append(String.format(Locale.ROOT, format, f.name(), number(f.value()), f.unit(), number(f.baseline()),
                    percent(f.ratio()), number(f.bareProxy()), percent(f.proxyRatio()),
                    f.goal() == null ? "" : f.goal().text(), f.verdict()));
            if (f.note() != null) {
                out.append("    ").append(f.note()).append('\n');
            }
        }
        return out.toString();
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** @return the run and its figures as JSON (NaN and infinities written as null) */
    String json() throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.set("run", mapper.valueToTree(run));
        ArrayNode list = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode o = list.addObject();
            o.put("name", f.name());
            put(o, "value", f.value());
            o.put("unit", f.unit());
            put(o, "baseline", f.baseline());
            put(o, "ratio", f.ratio());
            put(o, "bare_proxy", f.bareProxy());
            put(o, "bare_proxy_ratio", f.proxyRatio());
            if (f.goal() != null) {
                o.put("goal", f.goal().text());
                o.put("goal_of", f.goal().of().json());
                o.put("goal_limit", f.goal().limit());
                o.put("goal_at_most", f.goal().atMost());
                o.put("met", f.goal().met(f.checked()));
                o.put("margin", f.goal().margin(f.checked()));
            }
            if (f.note() != null) {
                o.put("note", f.note());
            }
        }
        return mapper.writeValueAsString(root);
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json());
    }

    private static void put(ObjectNode o, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }
}
