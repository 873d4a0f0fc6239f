package dev.hostwise.bench;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.PolicyReloader;
import dev.hostwise.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Save to active: an admin saves a changed rule file in a watched rules directory, and the time until
 * the new revision decides verdicts is measured. Includes the file watch, the 250 ms debounce, the
 * compile and every policy case. Target: at most 2 s for the bundled rules.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 15)
public class ReloadBenchmark {

    static final Duration DEBOUNCE = Duration.ofMillis(250);

    private Path dir;
    private Decider decider;
    private PolicyReloader reloader;
    private int edits;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("hostwise-reload-bench");
        RuleSet bundled = RuleSet.bundled();
        Files.createDirectories(dir.resolve("cases"));
        for (Map.Entry<String, String> e : bundled.drlFiles().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> e : bundled.caseFiles().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        PolicyCompiler compiler = new PolicyCompiler();
        decider = new Decider(Catalog.bundled(), compiler.compile(RuleSet.fromDirectory(dir)));
        reloader = new PolicyReloader(() -> RuleSet.fromDirectory(dir), decider, compiler, Clock.systemUTC(), o -> { });
        reloader.watch(List.of(dir, dir.resolve("cases")), DEBOUNCE);
    }

    @Benchmark
    public String saveToActive() throws Exception {
        String before = decider.activePolicy().revision();
        Path file = dir.resolve("caveats.drl");
        // a comment is enough to change the revision, and the whole gate runs for it
        Files.writeString(file, Files.readString(file) + "\n// edit " + (++edits) + "\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (decider.activePolicy().revision().equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the edited rules were not activated within 30 s");
            }
            Thread.sleep(1);
        }
        return decider.activePolicy().revision();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reloader.close();
    }
}
