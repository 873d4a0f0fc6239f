package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every flip point is checked the way a user would check it: type the input just past the flip
 * into the scenario, price it again, and see the VOLUME condition change.
 */
class SensitivityTest {

    /** How far past a flip point to re-evaluate, relative to it. */
    private static final int STEPS_BEFORE_THE_FLIP = 40;

    private static final Catalog CATALOG = Catalog.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScenarioReader reader = new ScenarioReader(CATALOG);
    private final ThroughputEstimator estimator = new ThroughputEstimator(CATALOG);
    private final CostModel costModel = new CostModel();
    private final SensitivityAnalysis analysis = new SensitivityAnalysis();

    private static final String BASE = "\"taskType\": \"EXTRACTION\", \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"NONE\"";

    /** Holding and failing, always-on and autoscaled, blended and split prices, floors of 1 and 2. */
    private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("the article's volume", "\"requestsPerDay\": 103680");
        SCENARIOS.put("a million a day", "\"requestsPerDay\": 1000000");
        SCENARIOS.put("just short of the whole-replica break-even", "\"requestsPerDay\": 180000");
        SCENARIOS.put("just past it", "\"requestsPerDay\": 190667");
        SCENARIOS.put("a floor of two and a peaky day", "\"requestsPerDay\": 400000, \"peakToAverage\": 3, \"minReplicas\": 2");
        SCENARIOS.put("autoscaled with a floor of two", "\"requestsPerDay\": 600000, \"peakToAverage\": 3, \"minReplicas\": 2,"
                + " \"pricingMode\": \"AUTOSCALED\"");
        SCENARIOS.put("autoscaled to working hours", "\"requestsPerDay\": 2000000, \"pricingMode\": \"AUTOSCALED\","
                + " \"hourlyWeights\": [0,0,0,0,0,0,1,2,3,3,3,3,3,3,3,3,3,2,1,0,0,0,0,0]");
        SCENARIOS.put("autoscaled and failing", "\"requestsPerDay\": 150000, \"pricingMode\": \"AUTOSCALED\", \"peakToAverage\": 2");
        SCENARIOS.put("reserved A100-40GB", "\"requestsPerDay\": 300000, \"gpuType\": \"a100-40gb\", \"pricingMode\": \"RESERVED\","
                + " \"requestsPerSecond\": 3");
        SCENARIOS.put("split prices", "\"requestsPerDay\": 300000, \"inputTokens\": 900, \"outputTokens\": 300,"
                + " \"hostedModel\": \"gpt-3.5-turbo\"");
        SCENARIOS.put("an estimated 13B against GPT-4o", "\"requestsPerDay\": 1000000, \"openModel\": \"llama-2-13b\","
                + " \"gpuType\": \"a100-80gb\", \"hostedModel\": \"gpt-4o\", \"inputTokens\": 900, \"outputTokens\": 300");
        SCENARIOS.put("other costs and high utilisation", "\"requestsPerDay\": 250000, \"otherCostPerMonth\": 5000,"
                + " \"utilization\": 0.8");
        SCENARIOS.put("a tiny volume", "\"requestsPerDay\": 5000");
    }

    @Test
    void justPastEveryFlipPointTheVolumeConditionChanges() {
        int checked = 0;
        for (Map.Entry<String, String> sc : SCENARIOS.entrySet()) {
            ObjectNode base = scenarioJson(sc.getValue());
            Sensitivity sensitivity = analyse(base);
            for (InputSensitivity i : sensitivity.inputs()) {
                String what = sc.getKey() + ", " + i.input() + " from " + i.value() + " to " + i.flipAt();
                if (FlipPoints.check(i, v -> volumeHolds(base, i.input(), v), STEPS_BEFORE_THE_FLIP, what)) {
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void whenNothingFlipsNoValueInReachChangesTheCondition() {
        // at 5,000 a day the ops bill alone is bigger than the hosted bill: no throughput, utilisation or GPU price helps
        ObjectNode tiny = scenarioJson(SCENARIOS.get("a tiny volume"));
        Sensitivity s = analyse(tiny);
        assertThat(s.of("requestsPerSecond").orElseThrow().flipAt()).isNull();
        assertThat(s.of("utilization").orElseThrow().flipAt()).isNull();
        assertThat(s.of("gpuDollarsPerHour").orElseThrow().flipAt()).isNull();
        assertThat(s.of("opsCostPerMonth").orElseThrow().flipAt()).isNull();
        assertThat(volumeHolds(tiny, "requestsPerSecond", 4e6)).isFalse();
        assertThat(volumeHolds(tiny, "utilization", 1.0)).isFalse();
        // the least GPU price the bounds allow
        assertThat(volumeHolds(tiny, "gpuDollarsPerHour", 0.001)).isFalse();
        assertThat(volumeHolds(tiny, "opsCostPerMonth", 0)).isFalse();
        // autoscaled fleets do not use the utilisation assumption at all
        assertThat(analyse(scenarioJson(SCENARIOS.get("autoscaled with a floor of two"))).of("utilization").orElseThrow()
                .flipAt()).isNull();
    }

    @Test
    void theThroughputFlipIsWhereTheFleetFitsTheBudget() {
        // a million a day: hosted $2,400/day, ops $400/day, so 69 replicas at $28.80 fit; at 30% one
        // replica serves 25,920 requests a day per request-per-second of throughput
        InputSensitivity rps = analyse(scenarioJson(SCENARIOS.get("a million a day"))).of("requestsPerSecond").orElseThrow();
        assertThat(rps.holdsNow()).isTrue();
        assertThat(rps.flipAt()).isCloseTo(1_000_000 / (0.3 * 86_400 * 69), within(1e-9));
        assertThat(rps.winsAbove()).isTrue();
    }

    @Test
    void theTornadoShowsTheDailySavingAtHalfAndOneAndAHalfTimesEachInput() {
        ObjectNode base = scenarioJson(SCENARIOS.get("a million a day"));
        Sensitivity s = analyse(base);
        InputSensitivity rps = s.of("requestsPerSecond").orElseThrow();
        assertThat(rps.tornado().lowValue()).isEqualTo(2.0);
        assertThat(rps.tornado().highValue()).isEqualTo(6.0);
        assertThat(rps.tornado().low()).isCloseTo(saving(base, "requestsPerSecond", 2.0), within(1e-9));
        assertThat(rps.tornado().high()).isCloseTo(saving(base, "requestsPerSecond", 6.0), within(1e-9));
        assertThat(rps.tornado().high()).isGreaterThan(rps.tornado().low());
        InputSensitivity gpu = s.of("gpuDollarsPerHour").orElseThrow();
        assertThat(gpu.tornado().low()).isGreaterThan(gpu.tornado().high());
        InputSensitivity util = analyse(scenarioJson(SCENARIOS.get("other costs and high utilisation")))
                .of("utilization").orElseThrow();
        assertThat(util.tornado().highValue()).isEqualTo(1.0);
    }

    @Test
    void splitPricesAreAnalysedOneByOne() {
        Sensitivity s = analyse(scenarioJson(SCENARIOS.get("split prices")));
        assertThat(s.byInput().keySet()).containsExactly("requestsPerSecond", "requestsPerDay", "hostedInputPricePer1M",
                "hostedOutputPricePer1M", "gpuDollarsPerHour", "utilization", "opsCostPerMonth");
        assertThat(analyse(scenarioJson(SCENARIOS.get("a million a day"))).byInput()).containsKey("hostedPricePer1kTokens");
    }

    @Test
    void inJsonSensitivityMapsEachInputToItsFlipPointAndTornado() throws Exception {
        JsonNode json = JSON.valueToTree(analyse(scenarioJson(SCENARIOS.get("the article's volume"))));
        assertThat(json.get("requestsPerSecond").get("flipAt").isNull()).isTrue();
        assertThat(json.get("requestsPerDay").get("flipAt").asDouble()).isGreaterThan(103_680);
        assertThat(json.get("requestsPerDay").get("tornado").has("low")).isTrue();
        assertThat(json.get("requestsPerDay").get("tornado").has("high")).isTrue();
        assertThat(json.get("requestsPerDay").has("input")).isFalse();
    }

    private ObjectNode scenarioJson(String fields) {
        try {
            return (ObjectNode) JSON.readTree("{" + BASE + ", " + fields + "}");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Scenario read(ObjectNode json) {
        return reader.fromJson(json);
    }

    private Sensitivity analyse(ObjectNode json) {
        Scenario s = read(json);
        Estimate e = estimator.estimateFor(s).orElse(null);
        return analysis.analyse(s, costModel.price(s, e).requestsPerSecond());
    }

    /** Re-prices the scenario with one input typed in, through the reader and the cost model. */
    private boolean volumeHolds(ObjectNode base, String input, double value) {
        return priced(base, input, value).selfHostCheaper();
    }

    private double saving(ObjectNode base, String input, double value) {
        Figures f = priced(base, input, value);
        return f.hostedPerDay() - f.selfHostPerDay();
    }

    private Figures priced(ObjectNode base, String input, double value) {
        ObjectNode changed = base.deepCopy();
        Scenario original = read(base);
        if (input.equals("requestsPerSecond") && original.throughputToEstimate()) {
            // typing a throughput replaces the estimate; keep the GPUs the estimate was sized for
            changed.put("gpusPerReplica", original.gpusPerReplica());
        }
        if (input.startsWith("hostedInput") || input.startsWith("hostedOutput")) {
            changed.put("hostedInputPricePer1M", original.hostedInputPricePer1M());
            changed.put("hostedOutputPricePer1M", original.hostedOutputPricePer1M());
        }
        changed.put(input, value);
        Scenario s = read(changed);
        return costModel.price(s, estimator.estimateFor(s).orElse(null));
    }
}
