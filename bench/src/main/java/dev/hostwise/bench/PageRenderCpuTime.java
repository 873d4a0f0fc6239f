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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict page's render cost in CPU time per page, for a machine too busy for wall-clock numbers:
 * the thread's own CPU time does not count the time other processes hold the cores. Warms up, then
 * prints the median and the best of 15 rounds of 500 renders. Uses only {@code VerdictPage.render}, so
 * the same source runs against an older build's jar:
 * {@code java -cp bench/target/benchmarks.jar bench/src/main/java/dev/hostwise/bench/PageRenderCpuTime.java}.
 */
public final class PageRenderCpuTime {

    private PageRenderCpuTime() {
    }

    public static void main(String[] args) {
        Catalog catalog = Catalog.bundled();
        Decider decider = new Decider(catalog, new PolicyCompiler().compile(RuleSet.bundled()));
        ScenarioReader reader = new ScenarioReader(catalog);
        Map<String, Map<String, String>> scenarios = Map.of(
                "article", Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
                        "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"),
                "searched", Map.of("requestsPerDay", "2000000", "openModel", "llama-3.3-70b",
                        "gpuType", "auto", "hostedModel", "gpt-4o", "inputTokens", "900", "outputTokens", "300",
                        "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        VerdictPage page = new VerdictPage();
        for (String name : List.of("article", "searched")) {
            Verdict v = decider.decide(reader.fromText(scenarios.get(name)), "HW-2026-0001", Instant.parse("2026-11-29T00:00:00Z"));
            VerdictView view = new VerdictView(v, Optional.of("AAAAAAAAAAAAAAAAAAAAAAAA"), Requester.web(), "bench", List.of(),
                    Optional.empty(), List.of(), Optional.empty(), List.of());
            long sink = 0;
            for (int i = 0; i < 3_000; i++) {
                sink += page.render(view, true).length();
            }
            int rounds = 15;
            int perRound = 500;
            double[] micros = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    sink += page.render(view, true).length();
                }
                micros[r] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / perRound;
            }
            Arrays.sort(micros);
            System.out.printf("%-8s CPU µs per page: median %.1f, best %.1f (page %d chars, sink %d)%n", name,
                    micros[rounds / 2], micros[0], page.render(view, true).length(), sink % 10);
        }
    }
}
