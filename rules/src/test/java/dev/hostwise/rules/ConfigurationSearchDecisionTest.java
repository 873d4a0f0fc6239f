package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hostwise.knowledge.ConfigurationSearch;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.facts.Recommendation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A scenario that asks Hostwise to choose the hardware, decided end to end on the bundled policy. */
class ConfigurationSearchDecisionTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private static final Decider DECIDER = new Decider(CATALOG, new PolicyCompiler().compile(RuleSet.bundled()));
    private final ScenarioReader reader = new ScenarioReader(CATALOG);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    private static final String SEARCH = """
            {"requestsPerDay": 2000000, "openModel": "llama-3.3-70b", "gpuType": "auto", "hostedModel": "gpt-4o",
             "inputTokens": 900, "outputTokens": 300, "taskType": "CLASSIFICATION", "qualityNeed": "GOOD_ENOUGH",
             "privacyNeed": "MUST_STAY_IN_HOUSE"}""";

    private Verdict decide(String scenarioJson) {
        return DECIDER.decide(reader.fromJson(scenarioJson), "HW-TEST", Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void theVerdictDecidesOnTheChosenConfigurationAndKeepsTheQuestionAsAsked() throws Exception {
        Verdict v = decide(SEARCH);
        assertThat(v.recommendation()).isEqualTo(Recommendation.MEASURE_FIRST);
        ConfigurationSearch search = v.figures().configurationSearch();
        assertThat(search).isNotNull();
        assertThat(v.scenario().gpuType()).isEqualTo("auto");
        assertThat(v.scenario().gpusPerReplica()).isNull();
        // the figures are the chosen configuration's
        Scenario priced = v.pricedScenario();
        assertThat(priced.gpuType()).isEqualTo(search.chosen().gpuType());
        assertThat(priced.gpusPerReplica()).isEqualTo(search.chosen().gpusPerReplica());
        assertThat(v.figures().estimate().gpusPerReplica()).isEqualTo(search.chosen().gpusPerReplica());
        assertThat(v.figures().selfHostPerDay()).isEqualTo(search.chosen().selfHostPerDay());
        assertThat(v.figures().replicasNeeded()).isEqualTo(search.chosen().replicas());

        JsonNode node = json.readTree(json.writeValueAsString(v));
        JsonNode cs = node.at("/figures/configurationSearch");
        assertThat(cs.at("/chosen/gpuType").asText()).isEqualTo(search.chosen().gpuType());
        assertThat(cs.get("runnersUp").size()).isGreaterThanOrEqualTo(3);
        for (JsonNode r : cs.get("runnersUp")) {
            assertThat(r.has("selfHostPerDay") && r.has("replicas") && r.has("batch") && r.has("secondsPerRequest")).isTrue();
        }
        assertThat(cs.at("/lost/outOfMemory/count").asInt()).isPositive();
        assertThat(node.at("/figures/estimate/errorBand/percent").asInt()).isPositive();
        assertThat(node.at("/figures/estimate/errorBand/rows").asInt()).isPositive();
        assertThat(node.at("/scenario/gpuType").asText()).isEqualTo("auto");
        assertThat(node.at("/scenario").has("gpusPerReplica")).isFalse();

        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("Hostwise searched", search.chosen().gpuType(),
                "the cheapest that meets the 10 s target", "Next:"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("Estimated, ±", "measured rows"));
    }

    @Test
    void decidingTheStoredScenarioAgainSearchesAgain() throws Exception {
        Verdict first = decide(SEARCH);
        // a stored verdict's scenario is read back through the reader, as replay and rules diff do
        Scenario stored = json.readValue(json.writeValueAsString(first.scenario()), Scenario.class);
        Scenario again = reader.fromJson(json.writeValueAsString(stored));
        Verdict second = DECIDER.decide(again, "HW-TEST", Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(second.figures().configurationSearch()).isEqualTo(first.figures().configurationSearch());
        assertThat(second.scenario()).isEqualTo(first.scenario());
    }

    @Test
    void aNamedGpuDecidesAsBeforeWithoutASearch() {
        Verdict v = decide(SEARCH.replace("\"auto\"", "\"h100-80gb\""));
        assertThat(v.figures().configurationSearch()).isNull();
        assertThat(v.pricedScenario()).isEqualTo(v.scenario());
        assertThat(v.scenario().gpusPerReplica()).isEqualTo(2);
        assertThat(v.caveats()).noneSatisfy(c -> assertThat(c).contains("Hostwise searched"));
    }

    @Test
    void anEstimateOnAGpuNobodyMeasuredSaysItRunsPastTheEvidence() {
        Verdict v = decide(SEARCH.replace("\"auto\"", "\"mi300x\""));
        assertThat(v.figures().estimate().errorBand().extrapolated()).isTrue();
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("runs past the measured evidence", "cdna3"));
    }

    @Test
    void noConfigurationMeetingTheTargetIsSaid() {
        Verdict v = decide(SEARCH.replace("\"inputTokens\": 900", "\"maxSecondsPerRequest\": 0.2, \"inputTokens\": 900"));
        assertThat(v.figures().configurationSearch().chosenMeetsLatencyTarget()).isFalse();
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("serves a request within 0.2 s", "the fastest was chosen"));
    }

    @Test
    void aPrecisionTheModelDoesNotShipIsSizedAndSaid() {
        Verdict v = decide(SEARCH.replace("\"auto\"", "\"h100-80gb\", \"precision\": \"INT4\""));
        assertThat(v.figures().estimate().precisionShipped()).isFalse();
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("No official or widely used INT4 checkpoint of llama-3.3-70b",
                "quantise the weights yourself"));
    }

    @Test
    void weightsThatShipSmallerThanAskedAreKeptAsShippedAndSaid() {
        Verdict v = decide(SEARCH.replace("llama-3.3-70b", "gpt-oss-120b")
                .replace("\"auto\"", "\"h100-80gb\", \"precision\": \"BF16\""));
        assertThat(v.figures().estimate().weightFormat()).hasToString("MXFP4");
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("gpt-oss-120b ships only in MXFP4",
                "does not make the weights larger"));
    }
}
