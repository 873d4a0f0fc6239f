package dev.hostwise.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formatting for the words rules write. Imported into the DRL files as functions, so a rule's
 * reason shows figures the way every renderer does: money to the cent, per-request costs to three
 * significant figures, volumes as whole requests.
 */
public final class Format {

    private Format() {
    }

    /**
     * Dollars to the cent, with thousands separators: $1,234.56. The same text as
     * {@code String.format(Locale.ROOT, "%,.2f", …)} (the shortest decimal of the double, rounded half
     * up), without a Formatter per figure: every message formats dozens of these.
     */
    public static String usd(double dollars) {
        String sign = dollars < 0 ? "-$" : "$";
        if (!Double.isFinite(dollars)) {
            return sign + String.format(Locale.ROOT, "%,.2f", Math.abs(dollars));
        }
        String cents = new BigDecimal(Double.toString(Math.abs(dollars))).setScale(2, RoundingMode.HALF_UP).toPlainString();
        return sign + grouped(cents);
    }

    /** A small per-request cost to three significant figures: $0.00240. */
    public static String usdPerRequest(double dollars) {
        return "$" + new java.math.BigDecimal(dollars).round(new java.math.MathContext(3)).toPlainString();
    }

    /** A whole count with thousands separators: 103,680. */
    public static String count(double n) {
        String whole = Long.toString(Math.round(n));
        return whole.startsWith("-") ? "-" + grouped(whole.substring(1)) : grouped(whole);
    }

    /** Digits with a comma between thousands, before any decimal point: 1234567.5 becomes 1,234,567.5. */
    private static String grouped(String digits) {
        int point = digits.indexOf('.');
        int end = point < 0 ? digits.length() : point;
        StringBuilder out = new StringBuilder(digits.length() + end / 3);
        for (int i = 0; i < end; i++) {
            if (i > 0 && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.append(digits, end, digits.length()).toString();
    }

    /** A plain number without needless decimals: 4, 4.5, 0.25. */
    public static String num(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? String.valueOf((long) n)
                : new java.math.BigDecimal(n).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** The parts that are not null, as text joined by the separator: "a and b" from ("a", null, "b"). */
    public static String joined(String separator, Object... parts) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part != null) {
                if (out.length() > 0) {
                    out.append(separator);
                }
                out.append(part);
            }
        }
        return out.toString();
    }

    /** "1 replica", "3 replicas". */
    public static String replicas(int n) {
        return n == 1 ? "1 replica" : n + " replicas";
    }

    /** A fraction as a whole percentage: 0.3 becomes 30%. */
    public static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    /** A pass rate to a tenth of a percent, so a score just under its bar never reads as equal: 84.5%, 90%. */
    public static String passRate(double fraction) {
        double tenths = Math.round(fraction * 1000) / 10.0;
        return (tenths == Math.rint(tenths) ? String.valueOf((long) tenths) : String.valueOf(tenths)) + "%";
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
