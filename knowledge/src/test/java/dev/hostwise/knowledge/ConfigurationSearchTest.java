package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.OpenModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationSearchTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private final ScenarioReader reader = new ScenarioReader(CATALOG);
    private final ThroughputEstimator estimator = new ThroughputEstimator(CATALOG);
    private final ConfigurationSearcher searcher = new ConfigurationSearcher(CATALOG, estimator);

    private static final Map<String, String> BASE = Map.of("requestsPerDay", "2000000", "hostedModel", "gpt-4o",
            "inputTokens", "900", "outputTokens", "300", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
            "privacyNeed", "MUST_STAY_IN_HOUSE");

    private Scenario scenario(String... pairs) {
        Map<String, String> m = new HashMap<>(BASE);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return reader.fromText(m);
    }

    private List<FieldError> errors(String... pairs) {
        return catchThrowableOfType(InvalidScenarioException.class, () -> scenario(pairs)).errors();
    }

    @Test
    void theSearchChoosesTheCheapestConfigurationThatMeetsTheTargetOnTheBestEvidence() {
        Scenario s = scenario("openModel", "llama-3.3-70b", "gpuType", "auto");
        ConfigurationSearch found = searcher.search(s);
        ConfigurationSearch.Configuration chosen = found.chosen();
        assertThat(found.chosenMeetsLatencyTarget()).isTrue();
        assertThat(chosen.meetsLatencyTarget()).isTrue();
        assertThat(chosen.secondsPerRequest()).isLessThanOrEqualTo(10);
        assertThat(found.runnersUp()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(r -> {
            assertThat(r.replicas()).isPositive();
            assertThat(r.batch()).isPositive();
            if (r.passedOver()) {
                // cheaper, but on thinner evidence, and not cheaper once its band is taken
                assertThat(r.selfHostPerDay()).isLessThan(chosen.selfHostPerDay());
                assertThat(r.evidence().tier()).isGreaterThan(chosen.evidence().tier());
                assertThat(r.selfHostPerDayAtBandLow()).isGreaterThanOrEqualTo(chosen.selfHostPerDay());
            } else {
                assertThat(r.selfHostPerDay()).isGreaterThanOrEqualTo(chosen.selfHostPerDay());
            }
        });
        // re-price every catalog configuration the way a user naming it would: any one meeting the target that is
        // cheaper rests on thinner evidence (an extrapolated estimate or an unverified price), and at the low end of
        // its band it costs no less than the one chosen
        OpenModel model = CATALOG.openModel("llama-3.3-70b").orElseThrow();
        for (Gpu gpu : CATALOG.gpus()) {
            for (Precision p : List.of(Precision.BF16, Precision.FP8, Precision.FP4)) {
                for (int n : ReplicaSizing.tensorParallelDegrees()) {
                    if (gpu.computeFor(p) == null || estimator.sizing().maxBatchByMemory(model, gpu, p, n, 1200) < 1) {
                        continue;
                    }
                    Scenario named = scenario("openModel", "llama-3.3-70b", "gpuType", gpu.id(), "gpusPerReplica", String.valueOf(n),
                            "precision", p.name());
                    Estimate e = estimator.estimateFor(named).orElseThrow();
                    Figures f = new CostModel().price(named, e);
                    if (e.meetsLatencyTarget() && f.selfHostPerDay() < chosen.selfHostPerDay() - 1e-6) {
                        boolean thin = e.errorBand().extrapolated() || gpu.defaultOnDemand().orElseThrow().verify();
                        assertThat(thin).as(n + " x " + gpu.id() + " at " + p + " is cheaper on evidence as good").isTrue();
                        double lowEnd = CostBasis.of(named, e.requestsPerSecond() / (1 + e.errorBand().percent() / 100.0)).selfHostPerDay();
                        assertThat(lowEnd).as(n + " x " + gpu.id() + " at " + p)
                                .isGreaterThanOrEqualTo(chosen.selfHostPerDay() - 1e-6);
                    }
                }
            }
        }
        // and the chosen one, named, prices the same
        Scenario named = s.withConfiguration(chosen.gpuType(), chosen.gpusPerReplica(), chosen.precision(), chosen.gpuDollarsPerHour());
        assertThat(new CostModel().price(named, estimator.estimateFor(named).orElseThrow()).selfHostPerDay())
                .isEqualTo(chosen.selfHostPerDay());
    }

    @Test
    void aCheaperConfigurationOnThinEvidenceIsPassedOverAndShownAsSuch() {
        // Llama 3.3 70B: 2 x MI300X at FP8 costs about 5% less than 1 x B200 at FP4, but no measured row covers AMD GPUs
        // and its price is marked unverified; at the low end of its band it would cost more, so the B200 is chosen
        ConfigurationSearch found = searcher.search(scenario("openModel", "llama-3.3-70b", "gpuType", "auto"));
        assertThat(found.chosen().gpuType()).isEqualTo("b200");
        assertThat(found.chosen().evidence().tier()).isEqualTo(ConfigurationSearch.EvidenceTier.ESTIMATED);
        assertThat(found.chosenOnEvidence()).isTrue();
        ConfigurationSearch.Configuration cheapest = found.runnersUp().get(0);
        assertThat(cheapest.gpuType()).isEqualTo("mi300x");
        assertThat(cheapest.passedOver()).isTrue();
        assertThat(cheapest.evidence().tier()).isEqualTo(ConfigurationSearch.EvidenceTier.THIN);
        assertThat(cheapest.evidence().notes()).anySatisfy(n -> assertThat(n).contains("cdna3"))
                .anySatisfy(n -> assertThat(n).contains("unverified"));
        assertThat(found.lost().thinnerEvidence().count()).isEqualTo(found.runnersUp().stream().filter(
                ConfigurationSearch.Configuration::passedOver).count());
        assertThat(found.lost().thinnerEvidence().examples().get(0)).contains("2 x mi300x at FP8", "less", "thin evidence",
                "low end of its band");
        assertThat(found.nextBest().passedOver()).isFalse();
    }

    @Test
    void aThinConfigurationCheaperByMoreThanItsBandStillWins() {
        // DeepSeek-V3's 671 GB: 8 x MI325X costs about a third of the cheapest measured-class configuration, so even
        // at the low end of its band it is cheaper, and it is chosen, thin evidence and all
        ConfigurationSearch found = searcher.search(scenario("openModel", "deepseek-v3", "gpuType", "auto", "requestsPerDay", "3000000"));
        assertThat(found.chosen().evidence().tier()).isEqualTo(ConfigurationSearch.EvidenceTier.THIN);
        assertThat(found.chosenOnEvidence()).isFalse();
        ConfigurationSearch.Configuration bestEstimated = found.runnersUp().stream()
                .filter(r -> r.evidence().tier() == ConfigurationSearch.EvidenceTier.ESTIMATED).findFirst().orElseThrow();
        assertThat(found.chosen().selfHostPerDayAtBandLow()).isLessThan(bestEstimated.selfHostPerDay());
    }

    @Test
    void itSaysWhyTheOthersLost() {
        ConfigurationSearch found = searcher.search(scenario("openModel", "llama-3.3-70b", "gpuType", "auto"));
        ConfigurationSearch.Losses lost = found.lost();
        // 140 GB of BF16 weights do not fit one 80 GB GPU; A100s have no FP8; some fit but are slow; the rest cost more
        assertThat(lost.outOfMemory().count()).isPositive();
        assertThat(lost.outOfMemory().examples()).anySatisfy(e -> assertThat(e).contains("GB of weights in"));
        assertThat(lost.noCompute().examples()).anySatisfy(e -> assertThat(e).contains("a100", "no FP8 compute"));
        assertThat(lost.tooSlow().examples()).allSatisfy(e -> assertThat(e).contains("over the 10.0 s target"));
        assertThat(lost.dearer().count() + lost.thinnerEvidence().count()).isEqualTo(found.meetingTarget() - 1);
        assertThat(lost.outOfMemory().count() + lost.noCompute().count() + lost.tooSlow().count() + lost.dearer().count()
                + lost.thinnerEvidence().count() + 1).isEqualTo(found.considered());
        assertThat(found.precisions()).containsExactly(Precision.BF16, Precision.FP8, Precision.FP4);
    }

    @Test
    void aPrecisionGivenRestrictsTheSearchToIt() {
        ConfigurationSearch found = searcher.search(scenario("openModel", "llama-3.3-70b", "gpuType", "auto", "precision", "BF16"));
        assertThat(found.precisions()).containsExactly(Precision.BF16);
        assertThat(found.chosen().precision()).isEqualTo(Precision.BF16);
    }

    @Test
    void whenNothingMeetsTheTargetTheFastestIsChosenAndTheSearchSaysSo() {
        ConfigurationSearch found = searcher.search(scenario("openModel", "llama-3.1-405b", "gpuType", "auto",
                "maxSecondsPerRequest", "0.5"));
        assertThat(found.chosenMeetsLatencyTarget()).isFalse();
        assertThat(found.meetingTarget()).isZero();
        assertThat(found.runnersUp()).allSatisfy(r -> assertThat(r.secondsPerRequest()).isGreaterThan(0.5));
    }

    @Test
    void leavingGpuTypeOutSearchesOnlyWhenNothingIsSaidAboutTheHardware() {
        assertThat(scenario("openModel", "llama-3.3-70b").gpuType()).isEqualTo("auto");
        // a typed price, GPU count, throughput or load test pins the hardware: no search, the assumed defaults as before
        assertThat(scenario("openModel", "llama-3.3-70b", "gpuDollarsPerHour", "2.21").gpuType()).isNull();
        assertThat(scenario("openModel", "llama-3.3-70b", "gpusPerReplica", "2").gpuType()).isNull();
        assertThat(scenario("openModel", "llama-3.3-70b", "requestsPerSecond", "3").gpuType()).isNull();
        assertThat(scenario("openModel", "llama-3.3-70b", "throughputMeasured", "true").gpuType()).isNull();
        // no open model, no search
        assertThat(scenario().gpuType()).isNull();
    }

    @Test
    void aSearchScenarioKeepsTheQuestionAsAskedAndReadsBackTheSame() throws Exception {
        Scenario s = scenario("openModel", "llama-3.3-70b", "gpuType", "AUTO");
        assertThat(s.searchesConfiguration()).isTrue();
        assertThat(s.gpusPerReplica()).isNull();
        assertThat(s.gpuDollarsPerHour()).isNull();
        assertThat(s.precision()).isNull();
        assertThat(s.requestsPerSecond()).isNull();
        ObjectMapper json = new ObjectMapper();
        String written = json.writeValueAsString(s);
        assertThat(written).contains("\"gpuType\":\"auto\"").doesNotContain("gpusPerReplica", "gpuDollarsPerHour", "\"precision\"");
        assertThat(reader.fromJson(written)).isEqualTo(s);
        // a named GPU behaves exactly as before
        Scenario named = scenario("openModel", "llama-3.3-70b", "gpuType", "h100-80gb");
        assertThat(named.gpusPerReplica()).isEqualTo(2);
        assertThat(named.precision()).isEqualTo(Precision.FP16);
        assertThat(named.gpuDollarsPerHour()).isEqualTo(3.99);
    }

    @Test
    void whatTheSearchChoosesCannotAlsoBeTyped() {
        assertThat(errors("openModel", "llama-3.3-70b", "gpuType", "auto", "gpusPerReplica", "2", "gpuDollarsPerHour", "3"))
                .extracting(FieldError::field).containsExactlyInAnyOrder("gpusPerReplica", "gpuDollarsPerHour");
        assertThat(errors("openModel", "llama-3.3-70b", "gpuType", "auto", "requestsPerSecond", "3")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("cannot be given when gpuType is auto"));
        assertThat(errors("gpuType", "auto")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("openModel");
            assertThat(e.message()).contains("is needed when gpuType is auto");
        });
    }

    @Test
    void aModelNoCatalogConfigurationHoldsIsAFieldError() {
        // 405B at BF16 is 810 GB; with a three-million-token context (1.5 TB of KV cache) nothing in the catalog holds one request
        assertThat(errors("openModel", "llama-3.1-405b", "gpuType", "auto", "precision", "BF16", "contextTokens", "3000000"))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("gpuType");
                    assertThat(e.message()).contains("auto finds no catalog GPU", "llama-3.1-405b", "BF16");
                });
    }

    @Test
    void anUnknownGpuTypeMentionsAuto() {
        assertThat(errors("openModel", "llama-3.3-70b", "gpuType", "h900")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("or auto"));
    }
}
