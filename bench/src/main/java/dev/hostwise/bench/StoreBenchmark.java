package dev.hostwise.bench;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.knowledge.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The verdict store, warm: {@code decideFor} (decide + take an ID + insert the verdict, as every
 * front end does) and reading a verdict back by its link token (what a page view costs before
 * rendering). {@code -p db=postgres} runs it against {@code HOSTWISE_BENCH_PG_URL} (user postgres).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreBenchmark {

    @Param({"h2"})
    public String db;

    private Path dataDir;
    private Hostwise hostwise;
    private Scenario scenario;
    private String token;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("hostwise-bench");
        Env env = "postgres".equals(db)
                ? new Env(Map.of("HOSTWISE_DB_URL", System.getenv("HOSTWISE_BENCH_PG_URL"), "HOSTWISE_DB_USER", "postgres"))
                : new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString()));
        hostwise = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        scenario = hostwise.reader().fromText(Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        RecordedVerdict first = hostwise.decideFor(scenario, Requester.api());
        token = first.linkToken().orElseThrow(() -> new IllegalStateException("the store is not reachable: " + first.saveProblem()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        hostwise.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public RecordedVerdict decideAndSave() {
        return hostwise.decideFor(scenario, Requester.api());
    }

    /**
     * Eight callers at once, as the Slack workers and web threads save under load: verdicts saved at the
     * same moment share one transaction, so the durable commit is paid once per batch.
     */
    @Benchmark
    @Threads(8)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RecordedVerdict decideAndSaveEightAtOnce() {
        return hostwise.decideFor(scenario, Requester.api());
    }

    @Benchmark
    public StoredVerdict readByLink() {
        return hostwise.store().byToken(token).orElseThrow();
    }
}
