package dev.hostwise.bench;

import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.drools.model.codegen.ExecutableModelProject;
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
 * The same policy built with Drools' executable model ({@code buildAll(ExecutableModelProject.class)}),
 * measured the same ways as the classic build, so the choice of engine rests on numbers.
 */
public class ExecutableModelBenchmark {

    @State(Scope.Benchmark)
    public static class Rules {
        RuleSet rules;

        @Setup
        public void setUp() {
            rules = RuleSet.bundled();
        }
    }

    @State(Scope.Benchmark)
    public static class Decision {
        Decider decider;
        Scenario scenario;

        @Setup
        public void setUp() {
            Catalog catalog = Catalog.bundled();
            decider = new Decider(catalog, new PolicyCompiler(ExecutableModelProject.class).compile(RuleSet.bundled()));
            scenario = new ScenarioReader(catalog).fromText(Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
                    "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(3)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public CompiledPolicy coldCompile(Rules r) {
        return new PolicyCompiler(ExecutableModelProject.class).compile(r.rules);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public CompiledPolicy warmCompile(Rules r) {
        return new PolicyCompiler(ExecutableModelProject.class).compile(r.rules);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Fork(1)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Verdict decide(Decision d) {
        return d.decider.decide(d.scenario, "HW-BENCH", Instant.parse("2026-11-29T00:00:00Z"));
    }
}
