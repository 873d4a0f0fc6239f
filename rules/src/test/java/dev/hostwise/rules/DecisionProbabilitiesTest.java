package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.uncertainty.MonteCarlo;
import dev.hostwise.knowledge.uncertainty.Probabilities;
import dev.hostwise.rules.facts.Condition;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every verdict carries how sure its cost case is, decided on the real rules and catalog. */
class DecisionProbabilitiesTest {

    private static final String NEEDS = "\"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"";
    private static Decider decider;
    private static ScenarioReader reader;

    @BeforeAll
    static void compile() {
        Catalog catalog = Catalog.bundled();
        decider = new Decider(catalog, new PolicyCompiler().compile(RuleSet.fromDirectory(Path.of("policy"))));
        reader = new ScenarioReader(catalog);
    }

    private static Verdict decide(String fields) {
        Scenario s = reader.fromJson("{" + fields + ", " + NEEDS + "}");
        return decider.decide(s, "t", Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void theSameScenarioAlwaysGetsTheSameProbabilitiesToTheLastDigit() {
        Probabilities first = decide("\"requestsPerDay\": 190667, \"throughputMeasured\": true").probabilities();
        Probabilities again = decide("\"requestsPerDay\": 190667, \"throughputMeasured\": true").probabilities();
        assertThat(again).isEqualTo(first);
        assertThat(first.draws()).isEqualTo(MonteCarlo.DEFAULT_DRAWS);
        assertThat(first.histogram().total()).isEqualTo(MonteCarlo.DEFAULT_DRAWS);
        // at the break-even itself the cost case is a coin toss, well short of the policy's 80%
        assertThat(first.selfHostCheaper()).isBetween(0.2, 0.6);
        assertThat(first.savingP10()).isNegative();
        assertThat(first.savingP90()).isPositive();
    }

    @Test
    void theVolumeConditionsProbabilityIsTheShareOfDrawsWhereSelfHostingIsCheaper() {
        Verdict v = decide("\"requestsPerDay\": 250000, \"throughputMeasured\": true, \"ranges\": {\"opsCostPerMonth\": [6000, 30000]}");
        // conditions.yaml says VOLUME follows selfHostCheaper; QUALITY and PRIVACY depend on no number
        assertThat(v.probabilities().conditions()).containsOnlyKeys("VOLUME");
        assertThat(v.probabilities().conditions().get("VOLUME")).isEqualTo(v.probabilities().selfHostCheaper());
        assertThat(v.probabilities().drivers().get(0).input()).isEqualTo("opsCostPerMonth");
        assertThat(v.probabilities().drivers().get(0).rankCorrelation()).isLessThan(-0.9);
    }

    @Test
    void withEveryInputPinnedTheProbabilityIsTheVerdictsOwnVolumeCondition() {
        String pinned = ", \"ranges\": {\"requestsPerSecond\": [4, 4], \"utilization\": [0.3, 0.3], \"gpuDollarsPerHour\": [1.2, 1.2],"
                + " \"hostedPricePer1kTokens\": [0.002, 0.002]}";
        for (int volume : new int[] {100_000, 190_666, 190_667, 1_000_000}) {
            Verdict v = decide("\"requestsPerDay\": " + volume + ", \"throughputMeasured\": true" + pinned);
            boolean volumeHolds = v.condition(Condition.VOLUME).holds();
            assertThat(v.probabilities().selfHostCheaper()).as("at " + volume).isEqualTo(volumeHolds ? 1.0 : 0.0);
            assertThat(v.probabilities().draws()).isEqualTo(1);
            assertThat(v.probabilities().savingP50()).isEqualTo(v.figures().hostedPerDay() - v.figures().selfHostPerDay());
        }
    }

    @Test
    void aPointDecisionTakesEveryInputAtItsValue() {
        Scenario s = reader.fromJson("{\"requestsPerDay\": 190666, \"throughputMeasured\": true, " + NEEDS + "}");
        Verdict v = decider.decide(s, "t", Instant.EPOCH, decider.active(), java.util.List.of(), Decider.Draws.POINT);
        assertThat(v.probabilities().selfHostCheaper()).isZero();
        assertThat(v.probabilities().drivers()).isEmpty();
        assertThat(v.recommendation()).isEqualTo(decide("\"requestsPerDay\": 190666, \"throughputMeasured\": true").recommendation());
    }

    @Test
    void aSearchedScenarioDrawsAroundTheChosenConfiguration() {
        Verdict v = decide("\"requestsPerDay\": 2000000, \"openModel\": \"llama-3.3-70b\", \"hostedModel\": \"gpt-4o\","
                + " \"inputTokens\": 900, \"outputTokens\": 300");
        assertThat(v.figures().configurationSearch()).isNotNull();
        assertThat(v.probabilities().ranges()).anySatisfy(r -> {
            assertThat(r.input()).isEqualTo("requestsPerSecond");
            assertThat(r.value()).isEqualTo(v.figures().requestsPerSecond());
            assertThat(r.basis()).startsWith("the estimate's error band");
        });
        assertThat(v.probabilities().ranges()).anySatisfy(r -> {
            assertThat(r.input()).isEqualTo("gpuDollarsPerHour");
            assertThat(r.value()).isEqualTo(v.figures().configurationSearch().chosen().gpuDollarsPerHour());
        });
    }
}
