package dev.hostwise.knowledge.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.Workload;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a load test stands for a scenario's throughput, and which one when several do. */
class ComparableRunTest {

    static LoadTestRun run(String id, String gpu, int gpus, Precision p, double in, double out, int concurrency, LocalDate on) {
        return new LoadTestRun(id, on, true, Instant.parse("2026-11-30T00:00:00Z"), "llama-3.3-70b", gpu, gpus, p, concurrency,
                "max_concurrency", in, out, 6.0, 6.0 * out, 9.5, "mean_e2el_ms", 600, 0, 100, null, null, null, null, 9500.0, null,
                "meta-llama/Llama-3.3-70B-Instruct", "vllm", "r.json");
    }

    private static final Workload ASKED = Workload.of(900, 300, 1200, null, 10, null);

    @Test
    void aRunWithinAQuarterOfThePromptAndCompletionIsComparable() {
        LoadTestRun near = run("a", "h100-80gb", 2, Precision.FP8, 1100, 240, 64, LocalDate.of(2026, 11, 1));
        assertThat(ComparableRun.problems(near, "llama-3.3-70b", "h100-80gb", 2, Precision.FP8, ASKED)).isEmpty();
        LoadTestRun far = run("b", "h100-80gb", 2, Precision.FP8, 1200, 300, 64, LocalDate.of(2026, 11, 1));
        assertThat(ComparableRun.problems(far, "llama-3.3-70b", "h100-80gb", 2, Precision.FP8, ASKED))
                .containsExactly("its prompts averaged 1,200 tokens, not within 25% of 900");
    }

    @Test
    void anotherGpuCountOrPrecisionIsNotTheSameConfigurationButFp16AndBf16Are() {
        LoadTestRun bf16 = run("a", "h100-80gb", 4, Precision.BF16, 900, 300, 64, LocalDate.of(2026, 11, 1));
        assertThat(ComparableRun.problems(bf16, "llama-3.3-70b", "h100-80gb", 4, Precision.FP16, ASKED)).isEmpty();
        assertThat(ComparableRun.problems(bf16, "llama-3.3-70b", "h100-80gb", 2, Precision.BF16, ASKED))
                .containsExactly("it ran on 4 x h100-80gb, not 2 x h100-80gb");
        assertThat(ComparableRun.problems(bf16, "llama-3.3-70b", "h100-80gb", 4, Precision.FP8, ASKED))
                .containsExactly("it ran at BF16, not FP8");
    }

    @Test
    void aLongerContextOrAnotherConcurrencyAskedIsNotComparable() {
        LoadTestRun r = run("a", "h100-80gb", 2, Precision.FP8, 900, 300, 64, LocalDate.of(2026, 11, 1));
        Workload longContext = Workload.of(900, 300, 1200, 8192, 10, null);
        assertThat(ComparableRun.problems(r, "llama-3.3-70b", "h100-80gb", 2, Precision.FP8, longContext)).singleElement()
                .asString().contains("holds 8,192 tokens of context");
        Workload atEight = Workload.of(900, 300, 1200, null, 10, 8);
        assertThat(ComparableRun.problems(r, "llama-3.3-70b", "h100-80gb", 2, Precision.FP8, atEight))
                .containsExactly("it ran 64 requests in flight, not within 25% of the 8 maxConcurrency asks");
    }

    @Test
    void theNewestComparableRunWinsThenTheClosest() {
        LoadTestRun older = run("a", "h100-80gb", 2, Precision.FP8, 900, 300, 64, LocalDate.of(2026, 10, 1));
        LoadTestRun newerFar = run("b", "h100-80gb", 2, Precision.FP8, 1050, 330, 64, LocalDate.of(2026, 11, 1));
        LoadTestRun newerNear = run("c", "h100-80gb", 2, Precision.FP8, 910, 300, 64, LocalDate.of(2026, 11, 1));
        assertThat(ComparableRun.best(List.of(older, newerFar, newerNear), "llama-3.3-70b", "h100-80gb", 2, Precision.FP8, ASKED))
                .map(LoadTestRun::evidenceId).contains("c");
        assertThat(ComparableRun.best(List.of(newerNear, newerFar, older), "llama-3.3-70b", "h100-80gb", 2, Precision.FP8, ASKED))
                .map(LoadTestRun::evidenceId).contains("c");
    }

    @Test
    void theRangeAScenarioMayAskIsWhatTheRuleAccepts() {
        int[] range = ComparableRun.askedRange(761);
        assertThat(range).containsExactly(609, 1014);
        LoadTestRun r = run("a", "h100-80gb", 2, Precision.FP8, 761, 300, 64, LocalDate.of(2026, 11, 1));
        for (int asked : new int[] {range[0], range[1]}) {
            assertThat(ComparableRun.problems(r, "llama-3.3-70b", "h100-80gb", 2, Precision.FP8,
                    Workload.of(asked, 300, asked + 300, null, 10, null))).as("asked " + asked).isEmpty();
        }
        for (int asked : new int[] {range[0] - 1, range[1] + 1}) {
            assertThat(ComparableRun.problems(r, "llama-3.3-70b", "h100-80gb", 2, Precision.FP8,
                    Workload.of(asked, 300, asked + 300, null, 10, null))).as("asked " + asked).isNotEmpty();
        }
    }
}
