package dev.hostwise.knowledge.evidence;

import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a load test stands for a scenario's throughput: "comparable", the rule every decision applies.
 *
 * <p>A run is comparable to a decision on a configuration and workload when
 * <ol>
 *   <li>it ran the same open model, on the same GPU type and number of GPUs per replica, at the same
 *       precision (FP16 and BF16 count as one: sized and run the same);</li>
 *   <li>its mean prompt and its mean completion are each within {@value #TOKEN_TOLERANCE_PERCENT}% of the
 *       scenario's (or within {@value #TOKEN_SLACK} tokens, for very short requests): throughput moves
 *       with both, completions most;</li>
 *   <li>the scenario's context per request (its {@code contextTokens}, else prompt + completion) is at
 *       most {@value #TOKEN_TOLERANCE_PERCENT}% longer than the run's prompt + completion: a longer
 *       context holds more KV cache per request, so fewer fit in a batch than in the test;</li>
 *   <li>when the scenario sets {@code maxConcurrency}, the run's requests in flight are within
 *       {@value #TOKEN_TOLERANCE_PERCENT}% of it (without it, the run's own concurrency is what the
 *       throughput was measured at, and its time per request is checked against the latency target).</li>
 * </ol>
 * Among several comparable runs the newest wins (the latest engine and drivers), then the closest in
 * token lengths, then the lowest evidence ID, so the choice never depends on the order they were read.
 */
public final class ComparableRun {

    /** How far prompt, completion, context and concurrency may differ, in percent. */
    public static final int TOKEN_TOLERANCE_PERCENT = 25;
    /** Tokens a short request may differ by whatever the percentage says. */
    public static final int TOKEN_SLACK = 16;
    private static final double TOLERANCE = TOKEN_TOLERANCE_PERCENT / 100.0;

    private ComparableRun() {
    }

    /** The run a decision uses, or empty when none is comparable. */
    public static Optional<LoadTestRun> best(List<LoadTestRun> runs, String model, String gpuType, int gpus,
                                             Precision precision, Workload w) {
        return runs.stream()
                .filter(r -> problems(r, model, gpuType, gpus, precision, w).isEmpty())
                .min(Comparator.comparing(LoadTestRun::measuredOn).reversed()
                        .thenComparingDouble(r -> distance(r, w))
                        .thenComparing(LoadTestRun::evidenceId));
    }

    /**
     * Why a run does not stand for this configuration and workload, one sentence per reason; empty when
     * it is comparable.
     */
    public static List<String> problems(LoadTestRun r, String model, String gpuType, int gpus, Precision precision,
                                        Workload w) {
        List<String> out = new ArrayList<>();
        if (!r.model().equals(model)) {
            out.add("it measured " + r.model() + ", not " + model);
        }
        if (!r.gpuType().equals(gpuType) || r.gpusPerReplica() != gpus) {
            out.add("it ran on " + r.gpusPerReplica() + " x " + r.gpuType() + ", not " + gpus + " x " + gpuType);
        }
        if (precision == null || !r.precision().runsAs(precision)) {
            out.add("it ran at " + r.precision() + ", not " + precision);
        }
        if (!close(r.inputTokens(), w.inputTokens())) {
            out.add(String.format(Locale.ROOT, "its prompts averaged %,.0f tokens, not within %d%% of %,d", r.inputTokens(),
                    TOKEN_TOLERANCE_PERCENT, w.inputTokens()));
        }
        if (!close(r.outputTokens(), w.outputTokens())) {
            out.add(String.format(Locale.ROOT, "its completions averaged %,.0f tokens, not within %d%% of %,d", r.outputTokens(),
                    TOKEN_TOLERANCE_PERCENT, w.outputTokens()));
        }
        double runContext = r.inputTokens() + r.outputTokens();
        if (w.contextTokens() > runContext * (1 + TOLERANCE) + TOKEN_SLACK) {
            out.add(String.format(Locale.ROOT, "the scenario holds %,d tokens of context per request, more than %d%% over the"
                    + " %,.0f the load test held", w.contextTokens(), TOKEN_TOLERANCE_PERCENT, runContext));
        }
        if (w.maxConcurrency() != null && !close(r.concurrency(), w.maxConcurrency())) {
            out.add(String.format(Locale.ROOT, "it ran %d requests in flight, not within %d%% of the %d maxConcurrency asks",
                    r.concurrency(), TOKEN_TOLERANCE_PERCENT, w.maxConcurrency()));
        }
        return out;
    }

    /**
     * The prompt (or completion) lengths a scenario may ask for this measured mean to be comparable:
     * {@code [lowest, highest]} whole tokens.
     */
    public static int[] askedRange(double measured) {
        double low = Math.min(measured / (1 + TOLERANCE), measured - TOKEN_SLACK);
        double high = Math.max(measured / (1 - TOLERANCE), measured + TOKEN_SLACK);
        return new int[] {(int) Math.max(0, Math.ceil(low - 1e-9)), (int) Math.floor(high + 1e-9)};
    }

    private static boolean close(double measured, double asked) {
        return Math.abs(measured - asked) <= Math.max(asked * TOLERANCE, TOKEN_SLACK);
    }

    /** How far a run's token lengths are from the workload's, relatively: the closer run wins a tie on date. */
    private static double distance(LoadTestRun r, Workload w) {
        return Math.abs(r.inputTokens() - w.inputTokens()) / Math.max(1, w.inputTokens())
                + Math.abs(r.outputTokens() - w.outputTokens()) / Math.max(1, w.outputTokens());
    }
}
