package org.ocn.node.benchmarks;

import java.util.Locale;

/**
 * A goal of issue 6 (or 16) for one figure: the figure must stay at or under a limit (latency, CPU, memory, time) or
 * reach at least one (throughput, ratios).
 *
 * @param text how the issue words it, for the table
 * @param of   what the goal is checked on: the figure's value, or its ratio (in percent) to the direct baseline or to
 *             the bare proxy
 */
record Goal(boolean atMost, double limit, String text, Of of) {

    /** What a goal is checked on. */
    enum Of {
        VALUE, BASELINE, BARE_PROXY;

        /** @return the name the JSON gives it */
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Goal atMost(double limit, String text) {
        return new Goal(true, limit, text, Of.VALUE);
    }

    static Goal atLeast(double limit, String text) {
        return new Goal(false, limit, text, Of.VALUE);
    }

    /** A goal on the ratio: at least this many percent of the baseline. */
    static Goal atLeastPercent(double percent, String text) {
        return new Goal(false, percent, text, Of.BASELINE);
    }

    /** A goal on the ratio to the bare proxy: at least this many percent of its figure. */
    static Goal atLeastPercentOfProxy(double percent, String text) {
        return new Goal(false, percent, text, Of.BARE_PROXY);
    }

    /** A goal on the ratio to the bare proxy: at most this many percent of its figure (120: 1.2 times). */
    static Goal atMostPercentOfProxy(double percent, String text) {
        return new Goal(true, percent, text, Of.BARE_PROXY);
    }

    /** @return whether the goal is on a ratio (in percent) rather than on the value */
    boolean ofRatio() {
        return of != Of.VALUE;
    }

    boolean met(double value) {
        return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
    }

    /**
     * @return how far the value is from the limit: "2.1x under", "35% over" (a miss), relative to the limit
     */
    String margin(double value) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        if (atMost && value <= 0 && limit >= 0) {
            return "met"; // nothing, or less than the baseline: no ratio to speak of
        }
        if (value == 0 || limit == 0) {
            return atMost == value <= limit ? "met" : "missed";
        }
        double ratio = value / limit;
        if (met(value)) {
            double factor = atMost ? 1 / ratio : ratio;
            if (factor >= 1.995) {
                return String.format(Locale.ROOT, "%.1fx %s", factor, atMost ? "under" : "over");
            }
            return percent(Math.abs(ratio - 1)) + (atMost ? " under" : " over");
        }
        double off = atMost ? ratio - 1 : 1 - ratio;
        if (atMost && ratio >= 1.995) {
            return String.format(Locale.ROOT, "%.1fx over", ratio);
        }
        return percent(off) + (atMost ? " over" : " short");
    }

    /** @return a share as a percentage, with a decimal when it is small (0.4%, not 0%) */
    private static String percent(double share) {
        return String.format(Locale.ROOT, share < 0.1 ? "%.1f%%" : "%.0f%%", share * 100);
    }
}
