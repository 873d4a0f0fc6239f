package dev.hostwise.bot.render.charts;

import dev.hostwise.knowledge.CostModel;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.rules.Verdict;

/**
 * The data behind the break-even chart: cost per day against requests per day for the hosted API and
 * for self-hosting (GPUs only, and GPUs plus fixed costs), sampled finely enough that whole-replica
 * steps show. Every chart format (PNG, SVG) draws from this, so they never disagree.
 *
 * <p>The lines price hypothetical volumes with the cost model, reusing the verdict's own throughput
 * (measured, typed or estimated); the verdict's own figures are read, never recomputed.
 */
public record CostCurves(double[] volumes, double[] hosted, double[] gpuOnly, double[] allIn,
                         double userVolume, Double breakEven, Double gpuOnlyBreakEven, double maxVolume, double maxCost) {

    public static final int SAMPLES = 600;

    public static CostCurves of(Verdict v) {
        CostModel model = new CostModel();
        // the scenario the figures were priced on: for a configuration search, the chosen GPU, count and price
        Scenario s = v.pricedScenario();
        Figures f = v.figures();
        Scenario gpuOnlyScenario = s.withoutFixedCosts();
        Double breakEven = f.breakEvenRequestsPerDayWholeReplicas();
        Double gpuBreakEven = model.price(gpuOnlyScenario, f.estimate(), f.throughputEvidence()).breakEvenRequestsPerDayWholeReplicas();
        double furthest = s.requestsPerDay();
        if (breakEven != null) {
            furthest = Math.max(furthest, breakEven);
        }
        if (gpuBreakEven != null) {
            furthest = Math.max(furthest, gpuBreakEven);
        }
        double maxVolume = niceCeiling(furthest * 1.25);
        double[] vol = new double[SAMPLES + 1];
        double[] hosted = new double[SAMPLES + 1];
        double[] gpu = new double[SAMPLES + 1];
        double[] allIn = new double[SAMPLES + 1];
        double top = 0;
        for (int i = 0; i <= SAMPLES; i++) {
            // start just above zero: a volume of 0 is not a scenario the cost model prices
            vol[i] = Math.max(maxVolume * i / SAMPLES, 1);
            Figures at = model.price(s.withRequestsPerDay(vol[i]), f.estimate(), f.throughputEvidence());
            hosted[i] = at.hostedPerDay();
            allIn[i] = at.selfHostPerDay();
            gpu[i] = model.price(gpuOnlyScenario.withRequestsPerDay(vol[i]), f.estimate(), f.throughputEvidence()).selfHostPerDay();
            top = Math.max(top, Math.max(hosted[i], Math.max(allIn[i], gpu[i])));
        }
        return new CostCurves(vol, hosted, gpu, allIn, s.requestsPerDay(), breakEven, gpuBreakEven, maxVolume,
                niceCeiling(top * 1.05));
    }

    /** 1, 2 or 5 times a power of ten, at or above x: axis ends people can read. */
    static double niceCeiling(double x) {
        if (x <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= x) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
