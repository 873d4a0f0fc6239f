package dev.hostwise.bench;

import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleSet;
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
 * Compiling the bundled policy from DRL text.
 * <ul>
 *   <li>{@code cold}: the first compile in a fresh JVM (one shot per fork), target at most 3 s;</li>
 *   <li>{@code warm}: a rebuild in a JVM that has compiled before, target at most 300 ms.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RulesCompileBenchmark {

    private RuleSet rules;

    @Setup
    public void setUp() {
        rules = RuleSet.bundled();
    }

    @Benchmark
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public CompiledPolicy cold() {
        return new PolicyCompiler().compile(rules);
    }

    @Benchmark
    @Fork(1)
    @Warmup(iterations = 10)
    @Measurement(iterations = 20)
    public CompiledPolicy warm() {
        return new PolicyCompiler().compile(rules);
    }
}
