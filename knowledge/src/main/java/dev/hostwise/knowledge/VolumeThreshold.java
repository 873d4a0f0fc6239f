package dev.hostwise.knowledge;

/**
 * Where the VOLUME condition changes as the daily volume moves, every other input fixed.
 *
 * <p>Self-hosting's daily cost is a step function of volume (whole replicas, plus fixed costs), and
 * the hosted bill is a straight line through zero with slope h, the price of one request. So
 * hosted minus self-hosted rises with slope h between steps and drops at each step. The condition
 * need not change only once: just after a replica is added it can fail again. These searches
 * therefore look for the nearest change in one direction: upward from a volume where it fails,
 * downward from one where it holds.
 *
 * <p>Always-on fleets are solved in closed form. Autoscaled fleets step hour by hour, so they are
 * searched by jumping to where the hosted line reaches the current cost level; each jump is safe
 * (the line cannot cross earlier) and the search stops when a jump crosses no step.
 */
final class VolumeThreshold {

    /** Bounds the autoscaled search; it converges in a handful of jumps unless the margin per request is razor thin. */
    private static final int MAX_JUMPS = 1_000_000;

    private VolumeThreshold() {
    }

    /**
     * The lowest volume at or above the current one past which the condition holds, for a
     * scenario where it fails now; null when no volume makes self-hosting cheaper.
     */
    static Double upward(CostBasis b) {
        double h = b.hostedPerRequest();
        if (h <= 0) {
            return null;
        }
        if (b.pricingMode() != PricingMode.AUTOSCALED) {
            double r = b.replicaPerDay();
            double c = b.alwaysOnCapacityPerDay();
            double margin = h * c - r;
            if (margin <= 0) {
                return null;
            }
            // in the k-replica range it holds above (kR + F) / h, which lies inside the range once k(hC - R) > F
            // (counts stay doubles: a razor-thin margin can call for more replicas than an int holds)
            double k = Math.max(b.alwaysOnReplicas(), Math.floor(b.fixedPerDay() / margin) + 1);
            return (k * r + b.fixedPerDay()) / h;
        }
        if (h <= b.replicaPerHour() / (b.requestsPerSecond() * CostModel.SECONDS_PER_HOUR)) {
            return null;
        }
        return jumpUp(b, b.requestsPerDay());
    }

    /**
     * The highest volume below the current one at which the condition fails, for a scenario where
     * it holds now: it holds from just above there up to the current volume.
     */
    static Double downward(CostBasis b) {
        double h = b.hostedPerRequest();
        if (b.pricingMode() != PricingMode.AUTOSCALED) {
            double r = b.replicaPerDay();
            double margin = h * b.alwaysOnCapacityPerDay() - r;
            // the k-replica range has a failing stretch at its bottom only while (k-1)(hC - R) < F + R
            double kMax = Math.ceil((b.fixedPerDay() + r) / margin);
            double k = Math.max(b.minReplicas(), Math.min(b.alwaysOnReplicas(), kMax));
            return (k * r + b.fixedPerDay()) / h;
        }
        double v = b.requestsPerDay();
        for (int i = 0; i < MAX_JUMPS; i++) {
            double level = b.withRequestsPerDay(v).selfHostPerDay();
            double meet = level / h;
            if (b.withRequestsPerDay(meet).selfHostPerDay() == level) {
                return meet;
            }
            v = meet;
        }
        return v;
    }

    /** The smallest whole daily volume at which an autoscaled fleet costs no more than the hosted API. */
    static Double autoscaledBreakEven(CostBasis b) {
        Double v = upward(b.withRequestsPerDay(0));
        return v == null ? null : Math.ceil(v - 1e-9);
    }

    private static double jumpUp(CostBasis b, double from) {
        double h = b.hostedPerRequest();
        double v = from;
        for (int i = 0; i < MAX_JUMPS; i++) {
            double meet = b.withRequestsPerDay(v).selfHostPerDay() / h;
            if (meet <= v) {
                return v;
            }
            v = meet;
        }
        return v;
    }
}
