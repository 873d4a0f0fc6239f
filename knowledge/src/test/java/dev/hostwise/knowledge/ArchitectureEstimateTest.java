package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** What today's architectures and precisions do to an estimate, asked as a user would ask. */
class ArchitectureEstimateTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private final ScenarioReader reader = new ScenarioReader(CATALOG);
    private final ThroughputEstimator estimator = new ThroughputEstimator(CATALOG);

    private Scenario scenario(String... pairs) {
        Map<String, String> m = new HashMap<>(Map.of("requestsPerDay", "100000", "taskType", "EXTRACTION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE", "inputTokens", "1000", "outputTokens", "1000"));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return reader.fromText(m);
    }

    private Estimate estimate(String... pairs) {
        return estimator.estimateFor(scenario(pairs)).orElseThrow();
    }

    @Test
    void aMixtureOfExpertsHoldsEveryExpertButReadsOnlyThoseItsBatchTouches() {
        Estimate one = estimate("openModel", "qwen3-235b-a22b", "gpuType", "h200", "gpusPerReplica", "8", "precision", "FP8",
                "maxConcurrency", "1");
        Estimate many = estimate("openModel", "qwen3-235b-a22b", "gpuType", "h200", "gpusPerReplica", "8", "precision", "FP8",
                "maxConcurrency", "512");
        // memory holds all 235B parameters at 1 byte each
        assertThat(one.weightsGB()).isCloseTo(235, Percentage.withPercentage(0.1));
        // one token reads its 8 experts per layer; 512 tokens read nearly all 128
        assertThat(one.expertsReadPerStep()).isCloseTo(8.0, Percentage.withPercentage(0.1));
        assertThat(many.expertsReadPerStep()).isGreaterThan(127.0);
        // a dense model has no experts to count
        assertThat(estimate("openModel", "llama-3.1-8b", "gpuType", "h100-80gb").expertsReadPerStep()).isNull();
    }

    @Test
    void aMixtureOfExpertsComputesWithItsActiveParameters() {
        // Qwen3 30B-A3B and Qwen3 32B hold about the same weights; only 3B of the former multiply each token
        // (a long prompt, so the first token waits on arithmetic rather than on one read of the weights)
        Estimate moe = estimate("openModel", "qwen3-30b-a3b", "gpuType", "h100-80gb", "precision", "BF16", "maxConcurrency", "1",
                "inputTokens", "8000", "maxSecondsPerRequest", "600");
        Estimate dense = estimate("openModel", "qwen3-32b", "gpuType", "h100-80gb", "precision", "BF16", "maxConcurrency", "1",
                "inputTokens", "8000", "maxSecondsPerRequest", "600");
        assertThat(moe.gpusPerReplica()).isEqualTo(dense.gpusPerReplica());
        assertThat(dense.timeToFirstTokenSeconds() / moe.timeToFirstTokenSeconds()).isGreaterThan(5);
        // and at batch 1 it reads only the shared weights and 8 experts per layer: it streams far faster
        assertThat(moe.decodeTokensPerSecondPerSequence()).isGreaterThan(3 * dense.decodeTokensPerSecondPerSequence());
    }

    @Test
    void latentAttentionCachesTheLatentNotHeadsTimesHeadDim() {
        Estimate e = estimate("openModel", "deepseek-v3", "gpuType", "h200", "gpusPerReplica", "8", "precision", "FP8");
        // 61 layers x (512 + 64) at 1 byte (FP8 compute), per token of 2,000, on each of the 8 GPUs
        assertThat(e.kvCacheGBPerRequest()).isCloseTo(61 * 576 * 1.0 * 2000 * 8 / 1e9, Percentage.withPercentage(0.01));
        // 128 heads x 128 dims of K and V per layer would be 28 times more per GPU
        double perHeadCache = 2.0 * 61 * 128 * 128 * 1.0 * 2000 / 1e9;
        assertThat(perHeadCache / (e.kvCacheGBPerRequest() / 8)).isGreaterThan(25);
    }

    @Test
    void slidingWindowLayersStopGrowingAtTheirWindow() {
        Estimate shortContext = estimate("openModel", "gemma-3-27b", "gpuType", "h100-80gb", "inputTokens", "500", "outputTokens", "500");
        Estimate longContext = estimate("openModel", "gemma-3-27b", "gpuType", "h100-80gb", "inputTokens", "31000", "outputTokens", "1000",
                "maxSecondsPerRequest", "3600");
        // 32 times the context, but 52 of the 62 layers stop at 1,024 tokens: the cache grows about 6 times, not 32
        double growth = longContext.kvCacheGBPerRequest() / shortContext.kvCacheGBPerRequest();
        assertThat(growth).isBetween(4.0, 8.0);
        // gpt-oss: half its layers keep at most 128 tokens
        Estimate oss = estimate("openModel", "gpt-oss-120b", "gpuType", "h100-80gb", "inputTokens", "7000", "outputTokens", "1000");
        double fullAttention = 2.0 * 36 * 8 * 64 * 2 * 8000 / 1e9;
        assertThat(oss.kvCacheGBPerRequest()).isCloseTo(fullAttention / 2 + 2.0 * 18 * 8 * 64 * 2 * 128 / 1e9, Percentage.withPercentage(0.1));
    }

    @Test
    void fp8AndFp4ComputeUseTheGpusPeakForThemAndHoldTheKvCacheAtEightBits() {
        Estimate bf16 = estimate("openModel", "llama-3.3-70b", "gpuType", "h200", "gpusPerReplica", "2", "precision", "BF16",
                "maxConcurrency", "1");
        Estimate fp8 = estimate("openModel", "llama-3.3-70b", "gpuType", "h200", "gpusPerReplica", "2", "precision", "FP8",
                "maxConcurrency", "1");
        assertThat(fp8.compute()).isEqualTo(Precision.Compute.FP8);
        assertThat(fp8.weightsGB()).isCloseTo(bf16.weightsGB() / 2, Percentage.withPercentage(0.01));
        assertThat(fp8.kvCacheGBPerRequest()).isCloseTo(bf16.kvCacheGBPerRequest() / 2, Percentage.withPercentage(0.01));
        // the prompt is arithmetic: twice the peak, about half the time
        assertThat(bf16.timeToFirstTokenSeconds() / fp8.timeToFirstTokenSeconds()).isBetween(1.8, 2.2);
        Estimate fp4 = estimate("openModel", "llama-3.3-70b", "gpuType", "b200", "precision", "FP4");
        assertThat(fp4.compute()).isEqualTo(Precision.Compute.FP4);
        assertThat(fp4.weightsGB()).isCloseTo(70 * 4.5 / 8, Percentage.withPercentage(0.01));
    }

    @Test
    void aComputePrecisionTheGpuLacksIsAFieldErrorNamingBoth() {
        List<FieldError> errors = catchThrowableOfType(InvalidScenarioException.class, () -> scenario(
                "openModel", "llama-3.3-70b", "gpuType", "a100-80gb", "precision", "FP8")).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("precision");
            assertThat(e.message()).contains("FP8 needs FP8 compute", "a100-80gb", "NVIDIA A100 80GB", "BF16", "INT8", "INT4",
                    "a GPU with FP8 such as", "h100-80gb");
        });
        assertThat(catchThrowableOfType(InvalidScenarioException.class, () -> scenario(
                "openModel", "llama-3.3-70b", "gpuType", "h100-80gb", "precision", "FP4")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("FP4 needs FP4 compute", "h100-80gb", "b200"));
    }

    @Test
    void weightOnlyFormatsRunOnSixteenBitArithmeticAndPayForDequantising() {
        // gpt-oss's MXFP4 on an H100 (no FP4 tensor cores): dequantised, 16-bit arithmetic
        Estimate h100 = estimate("openModel", "gpt-oss-120b", "gpuType", "h100-80gb", "precision", "MXFP4");
        assertThat(h100.compute()).isEqualTo(Precision.Compute.SIXTEEN_BIT);
        assertThat(h100.precisionEfficiency()).isLessThan(1);
        assertThat(h100.gpusPerReplica()).isEqualTo(1);
        // on a B200 the same weights are computed natively
        Estimate b200 = estimate("openModel", "gpt-oss-120b", "gpuType", "b200", "precision", "MXFP4");
        assertThat(b200.compute()).isEqualTo(Precision.Compute.FP4);
        assertThat(b200.precisionEfficiency()).isEqualTo(1.0);
        // INT4 on an A100: allowed, weight-only
        Estimate int4 = estimate("openModel", "llama-3.3-70b", "gpuType", "a100-80gb", "precision", "INT4");
        assertThat(int4.compute()).isEqualTo(Precision.Compute.SIXTEEN_BIT);
        assertThat(int4.precisionShipped()).isFalse();
    }

    @Test
    void weightsAreNeverInflatedPastWhatTheModelShipsIn() {
        Estimate e = estimate("openModel", "gpt-oss-120b", "gpuType", "h100-80gb", "precision", "FP8");
        assertThat(e.weightFormat()).isEqualTo(Precision.MXFP4);
        assertThat(e.compute()).isEqualTo(Precision.Compute.FP8);
        assertThat(e.weightsGB()).isBetween(60.0, 68.0);
        assertThat(e.precisionShipped()).isTrue();
        // a precision with fewer bits than shipped means quantising yourself: allowed, and the estimate says so
        assertThat(estimate("openModel", "llama-3.1-8b", "gpuType", "l4", "precision", "INT4").precisionShipped()).isFalse();
        assertThat(estimate("openModel", "llama-3.1-8b", "gpuType", "l4", "precision", "FP8").precisionShipped()).isTrue();
    }

    @Test
    void tensorParallelismCostsMoreOverPcieThanOverNvlink() {
        Estimate nvlink = estimate("openModel", "llama-3.3-70b", "gpuType", "h100-80gb", "gpusPerReplica", "4", "precision", "FP8",
                "maxConcurrency", "64");
        Estimate pcie = estimate("openModel", "llama-3.3-70b", "gpuType", "h100-pcie", "gpusPerReplica", "4", "precision", "FP8",
                "maxConcurrency", "64");
        assertThat(pcie.tensorParallelEfficiency()).isLessThan(nvlink.tensorParallelEfficiency());
        // per unit of bandwidth, the PCIe replica gets less done
        double nvlinkPerBandwidth = nvlink.aggregateDecodeTokensPerSecond() / 3350;
        double pciePerBandwidth = pcie.aggregateDecodeTokensPerSecond() / 2000;
        assertThat(pciePerBandwidth).isLessThan(nvlinkPerBandwidth);
    }

    @Test
    void theErrorBandComesFromTheAccuracyTableAndSaysWhenItRunsPastTheEvidence() {
        ErrorBand hopper = estimate("openModel", "llama-3.3-70b", "gpuType", "h200", "precision", "FP8").errorBand();
        assertThat(hopper.scope()).startsWith("hopper GPUs");
        assertThat(hopper.rows()).isGreaterThanOrEqualTo(3);
        assertThat(hopper.percent()).isBetween(1, 35);
        assertThat(hopper.extrapolated()).isFalse();
        assertThat(hopper.describe()).contains("±" + hopper.percent() + "% against " + hopper.rows() + " measured rows");

        ErrorBand amd = estimate("openModel", "llama-3.3-70b", "gpuType", "mi300x", "precision", "FP8").errorBand();
        assertThat(amd.extrapolated()).isTrue();
        assertThat(amd.outsideEvidence()).anySatisfy(s -> assertThat(s).contains("cdna3", "hopper"));

        ErrorBand gemma = estimate("openModel", "gemma-3-27b", "gpuType", "h100-80gb").errorBand();
        assertThat(gemma.extrapolated()).isTrue();
        assertThat(gemma.outsideEvidence()).anySatisfy(s -> assertThat(s).contains("gemma-3"));
    }

    @Test
    void theBandIsTheLargestMissAmongTheRowsInItsScope() {
        EstimatorAccuracy accuracy = estimator.accuracy();
        ErrorBand band = estimate("openModel", "llama-3.1-8b", "gpuType", "h100-80gb", "precision", "FP8").errorBand();
        double largest = accuracy.rows().stream().filter(EstimatorAccuracy.Row::counted)
                .filter(r -> r.gpuClass().equals("hopper"))
                .filter(r -> band.scope().equals("hopper GPUs") || band.scope().endsWith(r.regime().label()))
                .mapToDouble(r -> Math.abs(r.error())).max().orElseThrow();
        assertThat(band.percent()).isEqualTo((int) Math.ceil(largest * 100 - 1e-9));
        assertThat(accuracy.rows()).allSatisfy(r -> assertThat(r.problem()).as(r.measured().id()).isNull());
    }
}
