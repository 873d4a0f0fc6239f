package dev.hostwise.knowledge.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.CostModel;
import dev.hostwise.knowledge.Estimate;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.ThroughputEstimator;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load test a "Measure first" verdict asks for, filled in from the scenario, and that it is comparable by construction. */
class LoadTestPlanTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private final ScenarioReader reader = new ScenarioReader(CATALOG);
    private final ThroughputEstimator estimator = new ThroughputEstimator(CATALOG);

    private Scenario scenario(String... pairs) {
        Map<String, String> m = new HashMap<>(Map.of("requestsPerDay", "2000000", "hostedModel", "gpt-4o", "inputTokens", "900",
                "outputTokens", "300", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return reader.fromText(m);
    }

    private LoadTestPlan plan(Scenario s) {
        Estimate e = s.throughputToEstimate() ? estimator.estimateFor(s).orElseThrow() : null;
        Figures f = new CostModel().price(s, e);
        return LoadTestPlan.of(s, f, CATALOG);
    }

    @Test
    void anEstimatedConfigurationIsLoadTestedAtItsBatchWithTheScenariosLengths() {
        Scenario s = scenario("openModel", "llama-3.3-70b", "gpuType", "h100-80gb", "gpusPerReplica", "2", "precision", "FP8");
        LoadTestPlan plan = plan(s);
        int batch = estimator.estimateFor(s).orElseThrow().batch();
        assertThat(plan.concurrency()).isEqualTo(batch);
        assertThat(plan.prompts()).isEqualTo(10 * batch);
        // the FP8 checkpoint the catalog names is what is served and benchmarked
        assertThat(plan.serveCommand()).isEqualTo("vllm serve nvidia/Llama-3.3-70B-Instruct-FP8 --tensor-parallel-size 2");
        assertThat(plan.benchCommand()).isEqualTo("vllm bench serve --backend vllm --model nvidia/Llama-3.3-70B-Instruct-FP8"
                + " --dataset-name random --random-input-len 900 --random-output-len 300 --ignore-eos --max-concurrency " + batch
                + " --num-prompts " + 10 * batch + " --percentile-metrics ttft,tpot,itl,e2el --save-result"
                + " --result-filename hostwise-llama-3.3-70b-2xh100-80gb-fp8.json");
        assertThat(plan.importCommand()).isEqualTo("./hostwise measure import hostwise-llama-3.3-70b-2xh100-80gb-fp8.json"
                + " --model llama-3.3-70b --gpu h100-80gb --gpus 2 --precision FP8");
        assertThat(plan.notes()).isEmpty();
        // what it would save is comparable to the scenario it came from
        LoadTestRun asPlanned = new LoadTestRun("x", java.time.LocalDate.of(2026, 12, 1), true, java.time.Instant.EPOCH,
                plan.model(), plan.gpuType(), plan.gpusPerReplica(), plan.precision(), plan.concurrency(), "max_concurrency",
                plan.inputTokens(), plan.outputTokens(), 5, 1500, 9, "mean_e2el_ms", plan.prompts(), 0, 100, null, null, null, null,
                9000.0, null, "nvidia/Llama-3.3-70B-Instruct-FP8", "vllm", plan.resultFile());
        assertThat(ComparableRun.problems(asPlanned, s.openModel(), s.gpuType(), s.gpusPerReplica(), s.precision(),
                dev.hostwise.knowledge.Workload.of(s))).isEmpty();
    }

    @Test
    void fp8WithoutACheckpointIsQuantisedAsItLoadsAndMxfp4ServesTheModelsOwnWeights() {
        assertThat(plan(scenario("openModel", "llama-3.1-70b", "gpuType", "h100-80gb", "gpusPerReplica", "2", "precision", "FP8"))
                .serveCommand()).isEqualTo("vllm serve meta-llama/Llama-3.1-70B-Instruct --tensor-parallel-size 2 --quantization fp8");
        assertThat(plan(scenario("openModel", "gpt-oss-120b", "gpuType", "h100-80gb", "precision", "MXFP4")).serveCommand())
                .startsWith("vllm serve openai/gpt-oss-120b --tensor-parallel-size ");
    }

    @Test
    void aTypedThroughputWithoutAGpuLeavesTheGpuToTheTeamAndSaysSo() {
        LoadTestPlan plan = plan(scenario("requestsPerSecond", "4", "maxSecondsPerRequest", "8"));
        assertThat(plan.model()).isEqualTo("llama-2-13b");
        // Little's law: 4 requests/s, each taking up to 8 s, is 32 in flight
        assertThat(plan.concurrency()).isEqualTo(32);
        assertThat(plan.gpuType()).isNull();
        assertThat(plan.importCommand()).contains("--gpu GPU_ID");
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("No open model was named"))
                .anySatisfy(n -> assertThat(n).startsWith("No GPU type was named"));
    }
}
