package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.MeasuredThroughput;
import dev.hostwise.knowledge.catalog.MeasuredThroughput.Metric;
import dev.hostwise.knowledge.catalog.MeasuredThroughput.Use;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The estimator against published measurements. Each case is asked the way a user would ask it:
 * the model, the GPU, the GPU count, the workload and the concurrency the measurement was taken at.
 */
class KnownThroughputTest {

    /** The bar: an estimate within 35% of what was measured. */
    private static final double TOLERANCE = 0.35;

    private static final Catalog CATALOG = Catalog.bundled();
    private final ScenarioReader reader = new ScenarioReader(CATALOG);
    private final ThroughputEstimator estimator = new ThroughputEstimator(CATALOG);

    @Test
    void llama2_70bFp16OnTwoA100s80gbAtBatchOneStreamsAbout18TokensPerSecond() {
        MeasuredThroughput row = row("cursor-70b-2xa100-80-b1");
        assertThat(row.value()).isEqualTo(18.45);
        Estimate e = estimateAsAUserWould(row);
        assertThat(e.batch()).isEqualTo(1);
        assertThat(e.gpusPerReplica()).isEqualTo(2);
        assertWithinTolerance(e.decodeTokensPerSecondPerSequence(), row.value());
    }

    @Test
    void llama2_7bFp16OnOneA6000WithVllmAtBatchOneStreamsAbout46TokensPerSecond() {
        MeasuredThroughput row = row("hamel-7b-a6000-vllm-b1");
        assertThat(row.value()).isEqualTo(46.4);
        Estimate e = estimateAsAUserWould(row);
        assertThat(e.batch()).isEqualTo(1);
        assertWithinTolerance(e.decodeTokensPerSecondPerSequence(), row.value());
    }

    @Test
    void llama2_13bFp16OnFourA10gsAtTwentyConcurrentProducesAbout296TokensPerSecond() {
        MeasuredThroughput row = row("hf-13b-4xa10g-c20");
        assertThat(row.value()).isEqualTo(295.6);
        Estimate e = estimateAsAUserWould(row);
        assertThat(e.batch()).isEqualTo(20);
        assertThat(e.batchLimitedBy()).isEqualTo(BatchLimit.MAX_CONCURRENCY);
        assertWithinTolerance(e.aggregateDecodeTokensPerSecond(), row.value());
    }

    @Test
    void theTimeToFirstTokenMatchesCursorsMeasuredPrefill() {
        // Cursor's appendix: 0.217 s to the first token for a 512-token prompt on 2x A100-80GB
        Estimate e = estimateAsAUserWould(row("cursor-70b-2xa100-80-b1"));
        assertWithinTolerance(e.timeToFirstTokenSeconds(), 0.217);
    }

    @Test
    void everyCalibrationAndCheckRowIsWithinToleranceAndEveryOutlierSaysWhy() {
        // every row of the catalog, the 2023 ones and the current ones, asked as a user would ask it
        Map<String, Double> errors = new LinkedHashMap<>();
        for (MeasuredThroughput row : CATALOG.calibration().rows()) {
            if (row.use() == Use.OUTLIER) {
                assertThat(row.note()).as(row.id()).isNotBlank();
                continue;
            }
            errors.put(row.id(), relativeError(measuredFigure(estimateAsAUserWould(row), row.metric()), row.value()));
        }
        assertThat(errors).isNotEmpty().allSatisfy((id, err) -> assertThat(Math.abs(err)).as(id).isLessThanOrEqualTo(TOLERANCE));
        // the accuracy table the error bands come from holds the same figures
        for (EstimatorAccuracy.Row r : estimator.accuracy().rows()) {
            if (errors.containsKey(r.measured().id())) {
                assertThat(r.error()).as(r.measured().id()).isCloseTo(errors.get(r.measured().id()), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void aMeasuredFigureFromTheUserWinsOverTheEstimate() {
        Scenario typed = reader.fromText(Map.of("requestsPerDay", "100000", "openModel", "llama-2-13b",
                "gpuType", "a100-80gb", "requestsPerSecond", "2.5", "throughputMeasured", "true",
                "taskType", "EXTRACTION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        assertThat(estimator.estimateFor(typed)).isEmpty();
        Figures f = new CostModel().price(typed, null);
        assertThat(f.requestsPerSecond()).isEqualTo(2.5);
        assertThat(f.throughputSource()).isEqualTo(ThroughputSource.MEASURED);
        assertThat(f.estimate()).isNull();
    }

    /**
     * The mapping: the row's model, GPU, GPU count, precision and token lengths; a fixed
     * concurrency as maxConcurrency; an offline row at up to 4,096 in flight with a day's latency
     * target, so memory decides the batch.
     */
    private Estimate estimateAsAUserWould(MeasuredThroughput row) {
        String load = row.offline() ? "\"maxConcurrency\": 4096, \"maxSecondsPerRequest\": 86400"
                : "\"maxConcurrency\": " + row.concurrency();
        Scenario s = reader.fromJson(String.format(java.util.Locale.ROOT, """
                {"requestsPerDay": 100000, "openModel": "%s", "gpuType": "%s", "gpusPerReplica": %d,
                 "precision": "%s", "inputTokens": %d, "outputTokens": %d, %s,
                 "taskType": "EXTRACTION", "qualityNeed": "GOOD_ENOUGH", "privacyNeed": "NONE"}""",
                row.model(), row.gpu(), row.gpus(), row.precision(), row.inputTokens(), row.outputTokens(), load));
        Estimate e = estimator.estimateFor(s).orElseThrow();
        assertThat(new CostModel().price(s, e).throughputSource()).isEqualTo(ThroughputSource.ESTIMATED);
        return e;
    }

    private static double measuredFigure(Estimate e, Metric metric) {
        return switch (metric) {
            case DECODE_TOKENS_PER_SECOND_PER_SEQUENCE -> e.decodeTokensPerSecondPerSequence();
            case AGGREGATE_DECODE_TOKENS_PER_SECOND -> e.aggregateDecodeTokensPerSecond();
        };
    }

    private static MeasuredThroughput row(String id) {
        List<MeasuredThroughput> rows = CATALOG.calibration().rows();
        return rows.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static double relativeError(double estimated, double measured) {
        return estimated / measured - 1;
    }

    private static void assertWithinTolerance(double estimated, double measured) {
        assertThat(estimated).isBetween(measured * (1 - TOLERANCE), measured * (1 + TOLERANCE));
    }
}
