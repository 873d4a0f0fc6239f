package dev.hostwise.bench;

import dev.hostwise.bot.Requester;
import dev.hostwise.bot.web.VerdictPage;
import dev.hostwise.bot.web.VerdictView;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The verdict page ({@code GET /v/{token}}) rendered to a string, warm, from a decided verdict: what the
 * page route spends besides reading the store and writing the socket. The chart's SVG is part of it.
 * Used to check that rendering through compiled templates is no slower than the hand-built HTML it replaced.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerdictPageBenchmark {

    /** article: the seed article's inputs (typed throughput); searched: gpuType auto, so the page shows a searched configuration. */
    @Param({"article", "searched"})
    public String scenarioName;

    private final VerdictPage page = new VerdictPage();
    private VerdictView view;

    @Setup
    public void setUp() {
        Catalog catalog = Catalog.bundled();
        Decider decider = new Decider(catalog, new PolicyCompiler().compile(RuleSet.bundled()));
        ScenarioReader reader = new ScenarioReader(catalog);
        Map<String, String> fields = switch (scenarioName) {
            case "article" -> Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
                    "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");
            case "searched" -> Map.of("requestsPerDay", "2000000", "openModel", "llama-3.3-70b",
                    "gpuType", "auto", "hostedModel", "gpt-4o", "inputTokens", "900", "outputTokens", "300",
                    "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");
            default -> throw new IllegalArgumentException(scenarioName);
        };
        Verdict v = decider.decide(reader.fromText(fields), "HW-2026-0001", Instant.parse("2026-11-29T00:00:00Z"));
        view = new VerdictView(v, Optional.of("AAAAAAAAAAAAAAAAAAAAAAAA"), Requester.web(), "bench", List.of(),
                Optional.empty(), List.of(), Optional.empty(), List.of());
    }

    @Benchmark
    public String render() {
        return page.render(view, true);
    }
}
