package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputEstimatorTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private final ScenarioReader reader = new ScenarioReader(CATALOG);
    private final ThroughputEstimator estimator = new ThroughputEstimator(CATALOG);

    private Scenario scenario(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("requestsPerDay", "100000", "taskType", "EXTRACTION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        m.putAll(extra);
        return reader.fromText(m);
    }

    private Estimate estimate(Map<String, String> extra) {
        return estimator.estimateFor(scenario(extra)).orElseThrow();
    }

    @Test
    void naming_a_model_and_a_gpu_without_a_figure_means_the_throughput_is_estimated() {
        Scenario s = scenario(Map.of("openModel", "llama-2-13b", "gpuType", "a100-80gb"));
        assertThat(s.requestsPerSecond()).isNull();
        Estimate e = estimator.estimateFor(s).orElseThrow();
        Figures f = new CostModel().price(s, e);
        assertThat(f.throughputSource()).isEqualTo(ThroughputSource.ESTIMATED);
        assertThat(f.requestsPerSecond()).isEqualTo(e.requestsPerSecond());
        assertThat(f.estimate()).isEqualTo(e);
        assertThat(e.mbu()).isEqualTo(0.6);
        assertThat(e.mfu()).isEqualTo(0.5);
        assertThat(e.secondsPerRequest()).isLessThanOrEqualTo(10.0);
        // only tokensPerRequest was given: a quarter of it is taken to be completion
        assertThat(e.tokenSplitAssumed()).isTrue();
        assertThat(e.inputTokens()).isEqualTo(900);
        assertThat(e.outputTokens()).isEqualTo(300);
    }

    @Test
    void without_a_model_and_gpu_the_default_throughput_is_assumed_and_a_typed_one_too() {
        Scenario none = scenario(Map.of());
        assertThat(none.requestsPerSecond()).isEqualTo(4.0);
        assertThat(new CostModel().price(none).throughputSource()).isEqualTo(ThroughputSource.ASSUMED);
        Scenario typed = scenario(Map.of("openModel", "llama-2-13b", "gpuType", "a100-80gb", "requestsPerSecond", "3"));
        assertThat(estimator.estimateFor(typed)).isEmpty();
        assertThat(new CostModel().price(typed).throughputSource()).isEqualTo(ThroughputSource.ASSUMED);
    }

    @Test
    void a_measured_flag_without_a_figure_cannot_be_estimated() {
        List<FieldError> errors = catchThrowableOfType(InvalidScenarioException.class, () -> scenario(Map.of(
                "openModel", "llama-2-13b", "gpuType", "a100-80gb", "throughputMeasured", "true"))).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("requestsPerSecond");
            assertThat(e.message()).contains("load test", "estimate");
        });
    }

    @Test
    void gpus_per_replica_come_from_memory_unless_given() {
        assertThat(scenario(Map.of("openModel", "llama-2-13b", "gpuType", "a100-80gb")).gpusPerReplica()).isEqualTo(1);
        assertThat(scenario(Map.of("openModel", "llama-2-70b", "gpuType", "a100-80gb")).gpusPerReplica()).isEqualTo(2);
        assertThat(scenario(Map.of("openModel", "llama-2-70b", "gpuType", "a100-40gb")).gpusPerReplica()).isEqualTo(4);
        assertThat(scenario(Map.of("openModel", "llama-2-70b", "gpuType", "a10g")).gpusPerReplica()).isEqualTo(8);
        assertThat(scenario(Map.of("openModel", "llama-2-70b", "gpuType", "a100-80gb", "precision", "int4"))
                .gpusPerReplica()).isEqualTo(1);
        assertThat(scenario(Map.of("openModel", "llama-2-13b", "gpuType", "a100-80gb", "gpusPerReplica", "2"))
                .gpusPerReplica()).isEqualTo(2);
        // also when the throughput is given: the replica still has to hold the model
        assertThat(scenario(Map.of("openModel", "llama-2-70b", "gpuType", "a100-80gb", "requestsPerSecond", "1"))
                .gpusPerReplica()).isEqualTo(2);
    }

    @Test
    void too_few_gpus_for_the_weights_is_an_error_that_says_how_much_memory_is_needed() {
        List<FieldError> errors = catchThrowableOfType(InvalidScenarioException.class, () -> scenario(Map.of(
                "openModel", "llama-2-70b", "gpuType", "a100-80gb", "gpusPerReplica", "1"))).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("gpusPerReplica");
            assertThat(e.message()).contains("80 GB", "138.0 GB", "llama-2-70b");
        });
        List<FieldError> huge = catchThrowableOfType(InvalidScenarioException.class, () -> scenario(Map.of(
                "openModel", "llama-2-70b", "gpuType", "a10g", "contextTokens", "1000000"))).errors();
        assertThat(huge).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("gpuType");
            assertThat(e.message()).contains("does not fit on up to 8 x a10g");
        });
    }

    @Test
    void a_tighter_latency_target_means_a_smaller_batch_fewer_requests_and_faster_streams() {
        Map<String, String> base = Map.of("openModel", "llama-2-13b", "gpuType", "a100-80gb");
        Estimate relaxed = estimate(with(base, "maxSecondsPerRequest", "30"));
        Estimate tight = estimate(with(base, "maxSecondsPerRequest", "8"));
        assertThat(tight.batch()).isLessThan(relaxed.batch());
        assertThat(tight.batchLimitedBy()).isEqualTo(BatchLimit.LATENCY_TARGET);
        assertThat(tight.requestsPerSecond()).isLessThan(relaxed.requestsPerSecond());
        assertThat(tight.decodeTokensPerSecondPerSequence()).isGreaterThan(relaxed.decodeTokensPerSecondPerSequence());
        assertThat(tight.secondsPerRequest()).isLessThanOrEqualTo(8.0);
    }

    @Test
    void with_no_latency_pressure_the_kv_cache_caps_the_batch() {
        Estimate e = estimate(Map.of("openModel", "llama-2-7b", "gpuType", "a10g", "maxSecondsPerRequest", "100000"));
        assertThat(e.batchLimitedBy()).isEqualTo(BatchLimit.MEMORY);
        assertThat(e.batch()).isEqualTo(e.maxBatchByMemory());
        // 24 GB less 10% reserve less 13.5 GB of weights, over 1,200 tokens x 512 KiB per token
        assertThat(e.maxBatchByMemory()).isEqualTo((int) Math.floor((24e9 * 0.9 - 13.5e9) / (1200 * 524288.0)));
    }

    @Test
    void an_unreachable_latency_target_still_estimates_one_request_at_a_time_and_says_so() {
        Estimate e = estimate(Map.of("openModel", "llama-2-70b", "gpuType", "a100-80gb", "inputTokens", "512",
                "outputTokens", "512", "maxSecondsPerRequest", "5"));
        assertThat(e.batch()).isEqualTo(1);
        assertThat(e.meetsLatencyTarget()).isFalse();
        assertThat(e.secondsPerRequest()).isGreaterThan(5);
    }

    @Test
    void max_concurrency_caps_the_batch() {
        Estimate e = estimate(Map.of("openModel", "llama-2-13b", "gpuType", "a100-80gb", "maxConcurrency", "3"));
        assertThat(e.batch()).isEqualTo(3);
        assertThat(e.batchLimitedBy()).isEqualTo(BatchLimit.MAX_CONCURRENCY);
    }

    @Test
    void four_bit_weights_decode_faster_than_sixteen_bit_ones() {
        Map<String, String> base = Map.of("openModel", "llama-2-7b", "gpuType", "a6000", "maxConcurrency", "1");
        Estimate fp16 = estimate(base);
        Estimate int4 = estimate(with(base, "precision", "INT4"));
        assertThat(int4.decodeTokensPerSecondPerSequence()).isGreaterThan(2 * fp16.decodeTokensPerSecondPerSequence());
        assertThat(int4.effectiveMbu()).isLessThan(fp16.effectiveMbu());
    }

    @Test
    void splitting_a_model_over_more_gpus_loses_efficiency_per_gpu() {
        Map<String, String> base = Map.of("openModel", "llama-2-13b", "gpuType", "a100-80gb", "maxConcurrency", "1");
        Estimate one = estimate(base);
        Estimate eight = estimate(with(base, "gpusPerReplica", "8"));
        assertThat(eight.tensorParallelEfficiency()).isLessThan(one.tensorParallelEfficiency());
        assertThat(eight.effectiveMbu()).isLessThan(one.effectiveMbu());
        assertThat(eight.decodeTokensPerSecondPerSequence()).isLessThan(8 * one.decodeTokensPerSecondPerSequence());
    }

    @Test
    void a_scenario_read_back_from_its_own_json_is_the_same_scenario() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Map<String, String> extra : List.<Map<String, String>>of(
                Map.of("openModel", "llama-2-70b", "gpuType", "a100-80gb"),
                Map.of("openModel", "llama-2-13b", "gpuType", "a100-40gb", "pricingMode", "reserved"),
                Map.of("hourlyWeights", "1,1,1,1,1,2,4,6,8,8,8,8,8,8,8,8,6,4,3,2,2,1,1,1", "pricingMode", "AUTOSCALED"),
                Map.of())) {
            Scenario s = scenario(extra);
            Scenario again = reader.fromJson(json.writeValueAsString(s));
            assertThat(again).as(extra.toString()).isEqualTo(s);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
