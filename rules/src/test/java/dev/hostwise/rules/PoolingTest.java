package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finding pools among stored verdicts: candidates, one per team and task, grouped on a model the rules say serves them all. */
class PoolingTest {

    private static Decider decider;
    private static ScenarioReader reader;

    @BeforeAll
    static void compile() {
        Catalog catalog = Catalog.bundled();
        decider = new Decider(catalog, new PolicyCompiler().compile(RuleSet.fromDirectory(Path.of("policy"))));
        reader = new ScenarioReader(catalog);
    }

    private static Pooling.Member member(String id, String team, String fields) {
        Verdict v = decider.decide(reader.fromJson("{" + fields + "}"), id, Instant.EPOCH);
        return new Pooling.Member(id, team, v);
    }

    private static final String IN_HOUSE = "\"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"";

    @Test
    void onlyVerdictsWherePrivacyAndQualityHoldButVolumeFailsAreCandidates() {
        assertThat(Pooling.candidate(member("a", "t", "\"requestsPerDay\": 50000, \"taskType\": \"CLASSIFICATION\", " + IN_HOUSE)
                .verdict())).isTrue();
        // volume holds alone: nothing to pool
        assertThat(Pooling.candidate(member("b", "t", "\"requestsPerDay\": 1000000, \"taskType\": \"CLASSIFICATION\", " + IN_HOUSE)
                .verdict())).isFalse();
        // privacy does not hold: a data clause, not GPUs
        assertThat(Pooling.candidate(member("c", "t", "\"requestsPerDay\": 50000, \"taskType\": \"CLASSIFICATION\","
                + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"CONTRACTUAL\"").verdict())).isFalse();
        // quality does not hold
        assertThat(Pooling.candidate(member("d", "t", "\"requestsPerDay\": 50000, \"taskType\": \"CREATIVE_WRITING\","
                + " \"qualityNeed\": \"QUALITY_IS_THE_PRODUCT\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"").verdict())).isFalse();
    }

    @Test
    void teamsThatNamedDifferentModelsPoolOnOneTheRulesSayServesEveryTask() {
        List<Pooling.Member> members = new ArrayList<>();
        members.add(member("a", "team-a", "\"requestsPerDay\": 40000, \"openModel\": \"llama-3.1-8b\", \"requestsPerSecond\": 4,"
                + " \"taskType\": \"CLASSIFICATION\", " + IN_HOUSE));
        members.add(member("b", "team-b", "\"requestsPerDay\": 40000, \"openModel\": \"qwen3-32b\", \"requestsPerSecond\": 4,"
                + " \"taskType\": \"EXTRACTION\", " + IN_HOUSE));
        assertThat(members).allSatisfy(m -> assertThat(Pooling.candidate(m.verdict())).isTrue());
        List<Pooling.Group> groups = new Pooling(decider).groups(members, decider.active());
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.members()).extracting(Pooling.Member::id).containsExactlyInAnyOrder("a", "b");
            assertThat(g.namedByAll()).isFalse();
            // whichever model it is, the rules say it clears QUALITY for both tasks
            for (Pooling.Member m : g.members()) {
                Verdict asked = decider.decide(reader.fromJson("{\"requestsPerDay\": 40000, \"openModel\": \"" + g.openModel()
                        + "\", \"requestsPerSecond\": 4, \"taskType\": \"" + m.scenario().taskType() + "\", " + IN_HOUSE + "}"),
                        "x", Instant.EPOCH);
                assertThat(asked.condition(dev.hostwise.rules.facts.Condition.QUALITY).holds()).isTrue();
            }
        });
    }

    @Test
    void aTeamThatAskedAgainCountsOnceWithItsLatestVerdict() {
        List<Pooling.Member> members = List.of(
                member("old", "team-a", "\"requestsPerDay\": 40000, \"taskType\": \"CLASSIFICATION\", " + IN_HOUSE),
                member("new", "team-a", "\"requestsPerDay\": 45000, \"taskType\": \"CLASSIFICATION\", " + IN_HOUSE),
                member("b", "team-b", "\"requestsPerDay\": 50000, \"taskType\": \"CLASSIFICATION\", " + IN_HOUSE));
        Pooling pooling = new Pooling(decider);
        List<Pooling.Pool> pools = pooling.pools(members, decider.active(), Instant.EPOCH);
        assertThat(pools).singleElement().satisfies(p -> {
            assertThat(p.verdict().pooledFrom()).containsExactlyInAnyOrder("new", "b");
            assertThat(p.verdict().scenario().requestsPerDay()).isEqualTo(95_000);
            // short of the 190,667 break-even: the pool says how far
            assertThat(p.moreVolumeNeeded()).isEqualTo(190_667 - 95_000.0);
            assertThat(p.verdict().pool().recommended()).isFalse();
            // each team's side: its own hosted bill against its volume's share of the pool's cost
            assertThat(p.savings()).extracting(Pooling.MemberSaving::id).containsExactlyInAnyOrder("new", "b");
            assertThat(p.savings()).allSatisfy(s -> assertThat(s.saving()).isEqualTo(s.hostedPerDay() - s.shareOfPoolPerDay()));
        });
    }
}
