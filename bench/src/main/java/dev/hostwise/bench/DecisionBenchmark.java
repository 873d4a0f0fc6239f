package dev.hostwise.bench;

import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full decision, warm: the cost model plus a Drools session over the bundled policy.
 * Target: median at most 50 µs on the 2-core reference machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

    private Decider decider;
    private Scenario scenario;
    private final Instant at = Instant.parse("2026-11-29T00:00:00Z");

    @Setup
    public void setUp() {
        Catalog catalog = Catalog.bundled();
        decider = new Decider(catalog, new PolicyCompiler().compile(RuleSet.bundled()));
        scenario = new ScenarioReader(catalog).fromText(Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
    }

    @Benchmark
    public Verdict decide() {
        return decider.decide(scenario, "HW-BENCH", at);
    }
}
