package dev.hostwise.rules.facts;

import java.util.Locale;

/**
 * Number formatting for the words rules write. Imported into the DRL files as functions, so a rule's
 * reason shows figures the way every renderer does: money to the cent, per-request costs to three
 * significant figures, volumes as whole requests.
 */
public final class Format {

    private Format() {
    }

    /** Dollars to the cent, with thousands separators: $1,234.56. */
    public static String usd(double dollars) {
        return (dollars < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.2f", Math.abs(dollars));
    }

    /** A small per-request cost to three significant figures: $0.00240. */
    public static String usdPerRequest(double dollars) {
        return "$" + new java.math.BigDecimal(dollars).round(new java.math.MathContext(3)).toPlainString();
    }

    /** A whole count with thousands separators: 103,680. */
    public static String count(double n) {
        return String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    /** A plain number without needless decimals: 4, 4.5, 0.25. */
    public static String num(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? String.valueOf((long) n)
                : new java.math.BigDecimal(n).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** "1 replica", "3 replicas". */
    public static String replicas(int n) {
        return n == 1 ? "1 replica" : n + " replicas";
    }

    /** A fraction as a whole percentage: 0.3 becomes 30%. */
    public static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    /** Seconds to three significant figures: 9.99 s, 29.2 s. */
    public static String seconds(double s) {
        return num(s) + " s";
    }

    /**
     * Where a throughput figure came from, in a clause that follows a semicolon:
     * "you entered 4 (guessed)", "you entered 4 (measured)", "Hostwise estimated 1.2 (not measured)".
     */
    public static String throughputOrigin(dev.hostwise.knowledge.ThroughputSource source, double requestsPerSecond) {
        return switch (source) {
            case MEASURED -> "you entered " + num(requestsPerSecond) + " (measured)";
            case ESTIMATED -> "Hostwise estimated " + num(requestsPerSecond) + " (not measured)";
            case ASSUMED -> "you entered " + num(requestsPerSecond) + " (guessed)";
        };
    }
}
