package dev.hostwise.knowledge;

import java.util.Locale;
import java.util.Optional;

/**
 * The largest fleet a verdict prices: {@value #MAX_REPLICAS} replicas, far past any real deployment.
 * The scenario fields are bounded one by one ({@link FieldMetadata}), but a fleet is their quotient:
 * a trillion requests a day, a thousandfold peak and a replica that serves one request a day would
 * need more replicas than an int counts. A scenario that needs more is a field error on the volume,
 * naming the throughput it was divided by, instead of a wrapped count and a negative cost.
 */
public final class FleetBound {

    public static final long MAX_REPLICAS = 1_000_000_000L;

    private FleetBound() {
    }

    /** The error when this scenario at this per-replica throughput needs more than {@link #MAX_REPLICAS} replicas. */
    public static Optional<FieldError> check(Scenario s, double requestsPerSecond) {
        CostBasis b = CostBasis.of(s, requestsPerSecond);
        long replicas = b.replicas();
        if (replicas <= MAX_REPLICAS) {
            return Optional.empty();
        }
        return Optional.of(new FieldError(ScenarioField.REQUESTS_PER_DAY.json(), String.format(Locale.ROOT,
                "%s requests a day at %s requests per second per replica need %s replicas, above the limit of %s:"
                        + " check the volume and the throughput (requestsPerSecond, or the model and GPU it is estimated for)",
                FieldMetadata.number(s.requestsPerDay()),
                new java.math.BigDecimal(requestsPerSecond).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString(),
                replicas == Long.MAX_VALUE ? "more than 9,223,372,036,854,775,807" : String.format(Locale.ROOT, "%,d", replicas),
                String.format(Locale.ROOT, "%,d", MAX_REPLICAS))));
    }

    /**
     * A fleet as the figures report it (an int). A verdict's fleet is within {@link #MAX_REPLICAS};
     * a hypothetical volume (the chart's far end, a runner-up configuration) may not be, and is held at
     * {@code Integer.MAX_VALUE} rather than wrapped.
     */
    public static int reported(long replicas) {
        return (int) Math.min(Integer.MAX_VALUE, replicas);
    }
}
