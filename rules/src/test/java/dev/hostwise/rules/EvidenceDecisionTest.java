package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.ThroughputSource;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.knowledge.evidence.ThroughputEvidence;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.Recommendation;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decisions on evidence, with the bundled rules: a comparable load test makes the throughput measured and
 * is named; "Measure first" carries the load test to run; quality measured by the team decides QUALITY and
 * says so, and without it the verdict says quality was judged.
 */
class EvidenceDecisionTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private static Decider decider;
    private final ScenarioReader reader = new ScenarioReader(CATALOG);

    @BeforeAll
    static void compile() {
        decider = new Decider(CATALOG, new PolicyCompiler().compile(RuleSet.fromDirectory(Path.of("policy"))));
    }

    private Scenario scenario(String... pairs) {
        Map<String, String> m = new HashMap<>(Map.of("requestsPerDay", "2000000", "openModel", "llama-3.3-70b", "gpuType",
                "h100-80gb", "gpusPerReplica", "2", "precision", "FP8", "hostedModel", "gpt-4o", "inputTokens", "900"));
        m.putAll(Map.of("outputTokens", "300", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed",
                "MUST_STAY_IN_HOUSE"));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return reader.fromText(m);
    }

    private static LoadTestRun run(double rps) {
        return new LoadTestRun("f".repeat(64), LocalDate.of(2026, 11, 20), true, Instant.parse("2026-11-20T12:00:00Z"),
                "llama-3.3-70b", "h100-80gb", 2, Precision.FP8, 64, "max_concurrency", 900, 300, rps, rps * 300, 9.9, "mean_e2el_ms",
                640, 0, 104, 612.4, 1290.3, 31.2, 34.9, 9900.0, 10900.0, "meta-llama/Llama-3.3-70B-Instruct", "vllm", "r.json");
    }

    private Verdict decide(Scenario s, ThroughputEvidence evidence) {
        return decider.decide(s, "HW-TEST", Instant.parse("2026-12-01T00:00:00Z"), decider.active().withEvidence(evidence));
    }

    @Test
    void aComparableLoadTestIsTheThroughputAndTheVerdictNamesIt() {
        Verdict v = decide(scenario(), ThroughputEvidence.of(List.of(run(6.15))));
        assertThat(v.figures().throughputSource()).isEqualTo(ThroughputSource.MEASURED);
        assertThat(v.figures().requestsPerSecond()).isEqualTo(6.15);
        assertThat(v.figures().throughputEvidence().evidenceId()).isEqualTo("f".repeat(64));
        assertThat(v.figures().estimate()).isNull();
        assertThat(v.recommendation()).isEqualTo(Recommendation.SELF_HOST);
        assertThat(v.loadTest()).isNull();
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).startsWith("Throughput of 6.15 requests per second per replica is"
                + " measured: load test sha256:ffffffffffff of llama-3.3-70b on 2 x h100-80gb at FP8, 2026-11-20 (64 in flight, 900"
                + " prompt and 300 completion tokens on average; this scenario asks 900 and 300)"));
        // without the evidence the same question is an estimate, and "measure first" comes with the load test to run
        Verdict estimated = decide(scenario(), ThroughputEvidence.NONE);
        assertThat(estimated.recommendation()).isEqualTo(Recommendation.MEASURE_FIRST);
        assertThat(estimated.loadTest().importCommand()).contains("--model llama-3.3-70b --gpu h100-80gb --gpus 2 --precision FP8");
    }

    @Test
    void qualityMeasuredByTheTeamDecidesAndSaysSoWithBothNumbers() {
        Verdict below = decide(scenario("qualityEvalScore", "0.845", "qualityBar", "0.85"), ThroughputEvidence.NONE);
        assertThat(below.condition(Condition.QUALITY).holds()).isFalse();
        assertThat(below.condition(Condition.QUALITY).reason()).isEqualTo("Measured: Llama 3.3 70B Instruct passes only 84.5% of your"
                + " own evaluation set for classification, below the 85% the task needs.");
        assertThat(below.recommendation()).isEqualTo(Recommendation.HOSTED_API);
        Verdict at = decide(scenario("qualityEvalScore", "0.85", "qualityBar", "0.85"), ThroughputEvidence.NONE);
        assertThat(at.condition(Condition.QUALITY).reason()).isEqualTo("Measured: Llama 3.3 70B Instruct passes 85% of your own"
                + " evaluation set for classification, and the task needs 85%.");
        Verdict judged = decide(scenario(), ThroughputEvidence.NONE);
        assertThat(judged.condition(Condition.QUALITY).reason()).contains("judged from the catalog");
    }
}
