package dev.hostwise.knowledge.uncertainty;

import java.util.Locale;

/**
 * The values one uncertain input may plausibly take, how they are spread, and why: "the estimate's
 * error band", "the catalog's providers", "a default", or "given". A draw that lands outside the
 * input's allowed values (a utilisation above 1) is clamped by the caller's model, not here.
 *
 * @param input  the scenario field it varies, by its JSON name (e.g. {@code requestsPerSecond})
 * @param value  the value the verdict itself used; the spread is centred on it where that matters
 * @param low    the lowest plausible value
 * @param high   the highest plausible value
 * @param spread how draws fall between low and high
 * @param basis  where the range comes from, in words a reviewer can check
 */
public record InputRange(String input, double value, double low, double high, Spread spread, String basis) {

    /** How draws fall between {@code low} and {@code high}. */
    public enum Spread {
        /** Every value equally likely. */
        UNIFORM,
        /** Most likely at the verdict's own value, tapering to the ends: an error band around an estimate. */
        TRIANGULAR,
        /**
         * Uniform in the logarithm: each doubling equally likely. Compound growth over a uniformly
         * drawn month is exactly this, and so is a price that differs two- or three-fold by provider.
         */
        LOG_UNIFORM
    }

    public InputRange {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("a range needs the input it varies");
        }
        if (!(Double.isFinite(low) && Double.isFinite(high) && Double.isFinite(value))) {
            throw new IllegalArgumentException(input + ": a range needs finite bounds, got [" + low + ", " + high + "]");
        }
        if (low > high) {
            throw new IllegalArgumentException(input + ": the low end " + fmt(low) + " is above the high end " + fmt(high));
        }
        if (spread == Spread.LOG_UNIFORM && !(low > 0)) {
            throw new IllegalArgumentException(input + ": a log-uniform range needs a low end above 0, got " + fmt(low));
        }
        if (spread == Spread.TRIANGULAR && (value < low || value > high)) {
            throw new IllegalArgumentException(input + ": the value " + fmt(value) + " lies outside its range ["
                    + fmt(low) + ", " + fmt(high) + "]");
        }
    }

    /** A band of ±{@code fraction} around {@code value}, most likely at the value itself. */
    public static InputRange band(String input, double value, double fraction, String basis) {
        return new InputRange(input, value, value * (1 - fraction), value * (1 + fraction), Spread.TRIANGULAR, basis);
    }

    /** True when the range has no width: the input is not uncertain after all. */
    public boolean fixed() {
        return low == high;
    }

    /** The value for a uniform draw {@code u} in [0, 1): inverse CDF of the spread. */
    double at(double u) {
        return switch (spread) {
            case UNIFORM -> low + u * (high - low);
            case LOG_UNIFORM -> low * Math.exp(u * Math.log(high / low));
            case TRIANGULAR -> triangular(u);
        };
    }

    private double triangular(double u) {
        double width = high - low;
        if (width == 0) {
            return value;
        }
        double split = (value - low) / width;
        return u < split
                ? low + Math.sqrt(u * width * (value - low))
                : high - Math.sqrt((1 - u) * width * (high - value));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
