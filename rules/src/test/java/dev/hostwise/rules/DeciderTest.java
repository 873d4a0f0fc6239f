package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.Recommendation;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private static final Decider DECIDER = new Decider(CATALOG, new PolicyCompiler().compile(RuleSet.bundled()));
    private final ScenarioReader reader = new ScenarioReader(CATALOG);

    private Verdict decide(Map<String, String> fields) {
        return DECIDER.decide(reader.fromText(fields), "HW-TEST", Instant.parse("2026-11-29T12:00:00Z"));
    }

    @Test
    void theBundledPolicyIsTheOneInRulesPolicy() {
        assertThat(RuleSet.bundled().revision()).isEqualTo(RuleSet.fromDirectory(PolicyCasesTest.POLICY_DIR).revision());
    }

    @Test
    void aVerdictExplainsItself() {
        Verdict v = decide(Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        assertThat(v.recommendation()).isEqualTo(Recommendation.HOSTED_API);
        assertThat(v.condition(Condition.VOLUME).holds()).isFalse();
        assertThat(v.condition(Condition.VOLUME).reason())
                .contains("103,680 requests a day", "$248.83", "$428.80", "190,667 requests a day");
        assertThat(v.reasons().get(0)).contains("2 of the three conditions hold");
        assertThat(v.reasons()).anySatisfy(r -> assertThat(r).contains("data-handling clause"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("4 requests per second", "guess"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("Llama 2 13B"));
        assertThat(v.firedRules()).extracting(FiredRule::file).contains("volume.drl", "quality.drl", "privacy.drl",
                "recommendation.drl", "near-misses.drl", "caveats.drl");
        assertThat(v.firedRules()).extracting(FiredRule::rule)
                .contains("Stay on the hosted API unless all three conditions hold");
        assertThat(v.rulesRevision()).isEqualTo(DECIDER.activePolicy().revision());
        assertThat(v.catalogDate()).isEqualTo(CATALOG.date());
        assertThat(v.id()).isEqualTo("HW-TEST");
    }

    @Test
    void lowUtilisationAndThinOpsBudgetsAreCaveated() {
        Verdict v = decide(Map.of("requestsPerDay", "5000", "opsCostPerMonth", "2000", "taskType", "EXTRACTION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("busy about 1% of the time"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("$2,000.00 a month", "rotation"));
    }

    @Test
    void aMeasuredThroughputTurnsMeasureFirstIntoSelfHost() {
        Map<String, String> base = Map.of("requestsPerDay", "1000000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");
        assertThat(decide(base).recommendation()).isEqualTo(Recommendation.MEASURE_FIRST);
        Map<String, String> measured = new java.util.HashMap<>(base);
        measured.put("throughputMeasured", "true");
        Verdict v = decide(measured);
        assertThat(v.recommendation()).isEqualTo(Recommendation.SELF_HOST);
        assertThat(v.caveats()).noneSatisfy(c -> assertThat(c).contains("is a guess"));
    }
}
