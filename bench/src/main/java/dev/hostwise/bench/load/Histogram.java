package dev.hostwise.bench.load;

import java.util.Arrays;

/** Latencies of one measured phase, in microseconds; bounded by the phase's request count. */
final class Histogram {

    private long[] micros = new long[1 << 16];
    private int n;

    synchronized void add(long nanos) {
        if (n == micros.length) {
            micros = Arrays.copyOf(micros, n * 2);
        }
        micros[n++] = nanos / 1_000;
    }

    synchronized int count() {
        return n;
    }

    /** The latency at a percentile (0-100), in milliseconds. */
    synchronized double percentileMillis(double p) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(micros, n);
        Arrays.sort(sorted);
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return sorted[i] / 1000.0;
    }
}
