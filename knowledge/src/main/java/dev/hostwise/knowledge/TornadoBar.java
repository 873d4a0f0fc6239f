package dev.hostwise.knowledge;

/**
 * One bar of a tornado chart: what self-hosting saves per day (hosted minus self-hosted, negative
 * when it costs more) with one input at half and at one and a half times its value, others fixed.
 *
 * @param lowValue  the input at -50% (a fraction stays within its range)
 * @param highValue the input at +50%
 * @param low       daily saving at {@code lowValue}
 * @param high      daily saving at {@code highValue}
 */
public record TornadoBar(double lowValue, double highValue, double low, double high) {

    /** How far the saving swings across the bar: the tornado chart's sort key. */
    public double swing() {
        return Math.abs(high - low);
    }
}
