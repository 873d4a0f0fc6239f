package dev.hostwise.knowledge.evidence;

import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.Workload;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The load tests a decision may rest on. A decision is a pure function of the scenario, the rules, the
 * catalog and this evidence: the decider never reads a store, it is handed one of these as part of the
 * decision's snapshot (the bot's store gives the evidence imported up to a moment). Within one decision
 * the same model must always give the same runs.
 */
@FunctionalInterface
public interface ThroughputEvidence {

    /** No load test at all: every throughput is estimated or assumed, as before evidence could be imported. */
    ThroughputEvidence NONE = model -> List.of();

    /** Every run imported for this open model (any GPU, count or precision). */
    List<LoadTestRun> runsFor(String openModel);

    /**
     * The run a decision for this configuration and workload uses: the best of the comparable ones
     * ({@link ComparableRun}); empty when none is.
     */
    default Optional<LoadTestRun> comparable(String openModel, String gpuType, int gpusPerReplica, Precision precision,
                                             Workload workload) {
        if (openModel == null || gpuType == null) {
            return Optional.empty();
        }
        return ComparableRun.best(runsFor(openModel), openModel, gpuType, gpusPerReplica, precision, workload);
    }

    /** Evidence held in memory: a fixed set of runs (tests, policy cases, a snapshot read from a store). */
    static ThroughputEvidence of(Collection<LoadTestRun> runs) {
        Map<String, List<LoadTestRun>> byModel = runs.stream().collect(Collectors.groupingBy(LoadTestRun::model,
                Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
        return model -> byModel.getOrDefault(model, List.of());
    }
}
