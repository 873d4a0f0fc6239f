package dev.hostwise.knowledge.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.ConfigurationSearch;
import dev.hostwise.knowledge.ConfigurationSearcher;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.ThroughputEstimator;
import dev.hostwise.knowledge.ThroughputSource;
import dev.hostwise.knowledge.catalog.Catalog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration search with imported load tests: a load-tested configuration is priced on its
 * measurement and counts as the best evidence; an estimate displaces it only when cheaper even at the
 * low end of its error band.
 */
class EvidenceInTheSearchTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private final ThroughputEstimator estimator = new ThroughputEstimator(CATALOG);
    private final ConfigurationSearcher searcher = new ConfigurationSearcher(CATALOG, estimator);
    private final Scenario auto = new ScenarioReader(CATALOG).fromText(new HashMap<>(Map.of("requestsPerDay", "2000000",
            "hostedModel", "gpt-4o", "inputTokens", "900", "outputTokens", "300", "taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE", "openModel", "llama-3.3-70b", "gpuType", "auto")));

    private static LoadTestRun measured(String gpu, int gpus, Precision p, double rps, double seconds) {
        return new LoadTestRun("e" + gpu + gpus + p, LocalDate.of(2026, 11, 20), true, Instant.parse("2026-11-20T12:00:00Z"),
                "llama-3.3-70b", gpu, gpus, p, 100, "max_concurrency", 900, 300, rps, rps * 300, seconds, "mean_e2el_ms", 1000, 0,
                200, null, null, null, null, seconds * 1000, null, "meta-llama/Llama-3.3-70B-Instruct", "vllm", "r.json");
    }

    @Test
    void aLoadTestedConfigurationIsPricedOnItsMeasurementAndKeptWhileNoEstimateBeatsItsBand() {
        ConfigurationSearch without = searcher.search(auto);
        ConfigurationSearch.Configuration estimated = without.chosen();
        // measured a little below the estimate: still cheaper than any estimate at the low end of its band
        double rps = estimated.requestsPerSecond() * 0.9;
        LoadTestRun run = measured(estimated.gpuType(), estimated.gpusPerReplica(), estimated.precision(), rps, 9.0);
        ConfigurationSearch with = searcher.search(auto, ThroughputEvidence.of(List.of(run)));
        ConfigurationSearch.Configuration chosen = with.chosen();
        assertThat(chosen.describe()).isEqualTo(estimated.describe());
        assertThat(chosen.throughputSource()).isEqualTo(ThroughputSource.MEASURED);
        assertThat(chosen.requestsPerSecond()).isEqualTo(rps);
        assertThat(chosen.batch()).isEqualTo(100);
        assertThat(chosen.secondsPerRequest()).isEqualTo(9.0);
        assertThat(chosen.evidence().tier()).isEqualTo(ConfigurationSearch.EvidenceTier.MEASURED);
        assertThat(chosen.evidence().uncertaintyPercent()).isZero();
        assertThat(chosen.evidence().evidenceId()).isEqualTo(run.evidenceId());
        // dearer than the estimate it replaced, and cheaper estimates on other configurations did not displace it
        assertThat(chosen.selfHostPerDay()).isGreaterThan(estimated.selfHostPerDay());
        with.runnersUp().stream().filter(ConfigurationSearch.Configuration::passedOver)
                .forEach(r -> assertThat(r.selfHostPerDayAtBandLow()).isGreaterThanOrEqualTo(chosen.selfHostPerDay()));
    }

    @Test
    void aLoadTestTooExpensiveAgainstAnEstimatesBandLosesToTheEstimate() {
        // 2 x H100 at FP8, measured at 5.9 requests/s: about $2,900 a day, more than 1 x B200 at FP4 even at the low end of its band
        LoadTestRun run = measured("h100-80gb", 2, Precision.FP8, 5.9, 9.3);
        ConfigurationSearch with = searcher.search(auto, ThroughputEvidence.of(List.of(run)));
        assertThat(with.chosen().evidence().tier()).isEqualTo(ConfigurationSearch.EvidenceTier.ESTIMATED);
        assertThat(with.chosen().selfHostPerDayAtBandLow()).isLessThan(2_900);
    }

    @Test
    void aLoadTestSlowerThanTheTargetDoesNotMeetIt() {
        ConfigurationSearch without = searcher.search(auto);
        ConfigurationSearch.Configuration estimated = without.chosen();
        LoadTestRun slow = measured(estimated.gpuType(), estimated.gpusPerReplica(), estimated.precision(), 30, 14.0);
        ConfigurationSearch with = searcher.search(auto, ThroughputEvidence.of(List.of(slow)));
        assertThat(with.chosen().describe()).isNotEqualTo(estimated.describe());
        assertThat(with.lost().tooSlow().examples()).anySatisfy(e -> assertThat(e).startsWith(estimated.describe() + ": 14.0 s"));
    }
}
