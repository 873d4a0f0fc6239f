package dev.hostwise.bench;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.store.Outbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * What the outbox adds to an acknowledgement: claiming the request's key and storing its job in one durable
 * transaction ({@code Outbox.enqueue}), as a Slack command's acknowledgement waits for it. One caller (sample
 * mode, the latency) and eight at once (throughput: acknowledgements at the same moment share a transaction).
 * {@code -p db=postgres} runs it against {@code HOSTWISE_BENCH_PG_URL} (user postgres).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OutboxBenchmark {

    /** A quick-form question as the outbox keeps it: about the size of a real job's JSON. */
    private static final String JOB = "{\"v\":1,\"scenario\":{\"requestsPerDay\":50000.0,\"taskType\":\"CLASSIFICATION\","
            + "\"qualityNeed\":\"GOOD_ENOUGH\",\"privacyNeed\":\"MUST_STAY_IN_HOUSE\",\"inputTokens\":800,\"outputTokens\":200,"
            + "\"hostedModel\":\"gpt-4o-mini\",\"openModel\":\"llama-3.1-8b\",\"gpuType\":\"L4\",\"gpuHourlyPrice\":1.2,"
            + "\"utilization\":0.6,\"opsCostPerMonth\":2000.0,\"hourlyWeights\":null,\"maxConcurrency\":null,"
            + "\"maxSecondsPerRequest\":null,\"precision\":null,\"measuredRequestsPerSecond\":4.0},"
            + "\"who\":{\"platform\":\"slack\",\"workspace\":\"T0BENCH\",\"conversation\":\"C0BENCH\",\"user\":\"U0BENCH\"},"
            + "\"to\":{\"conversation\":\"C0BENCH\",\"responseUrl\":\"https://hooks.slack.com/commands/T0BENCH/1234567890/abcdefABCDEF\","
            + "\"user\":\"U0BENCH\"}}";

    @Param({"h2"})
    public String db;

    private Path dataDir;
    private Hostwise hostwise;
    private Outbox outbox;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong keys = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("hostwise-bench");
        Env env = "postgres".equals(db)
                ? new Env(Map.of("HOSTWISE_DB_URL", System.getenv("HOSTWISE_BENCH_PG_URL"), "HOSTWISE_DB_USER", "postgres"))
                : new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString()));
        hostwise = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        outbox = hostwise.store().outbox();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        hostwise.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Outbox.Enqueued enqueueOne() {
        // a platform name of its own, so the server's own workers (none here) and later runs never take these jobs
        return outbox.enqueue(new Outbox.NewJob("bench", "bench:trigger:" + run + "." + keys.incrementAndGet(), "C0BENCH", "U0BENCH",
                JOB), "bench", Duration.ofHours(1));
    }

    @Benchmark
    public Outbox.Enqueued enqueue() {
        return enqueueOne();
    }

    @Benchmark
    @Threads(8)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Outbox.Enqueued enqueueEightAtOnce() {
        return enqueueOne();
    }
}
