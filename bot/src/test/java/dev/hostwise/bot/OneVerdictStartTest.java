package dev.hostwise.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.rules.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostwise decide}'s start: the scenario read while the policy is prepared is priced before the policy is
 * ready, and the verdict is the one a plain start gives, saved and numbered the same way.
 */
class OneVerdictStartTest {

    private static final Map<String, String> ARTICLE = Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Env env(String name) {
        return new Env(Map.of("HOSTWISE_DATA_DIR", dir.resolve(name).toString(),
                "HOSTWISE_CACHE_DIR", dir.resolve("cache").toString()));
    }

    @Test
    void aScenarioPricedWhileThePolicyIsReadGetsTheVerdictAPlainStartGives() {
        Env early = env("early");
        Hostwise.Early preparing = Hostwise.prepareEarly(early, Optional.empty());
        Scenario read = new ScenarioReader(preparing.catalog()).fromText(ARTICLE);
        JsonNode pricedAhead;
        try (Hostwise hostwise = Hostwise.startForOneVerdict(early, Optional.empty(), CLOCK, Optional.of(preparing),
                Optional.of(read))) {
            RecordedVerdict recorded = hostwise.decideFor(read, Requester.cli());
            assertThat(recorded.linkToken()).as("saved").isPresent();
            pricedAhead = hostwise.json().mapper().valueToTree(recorded.verdict());
        }
        JsonNode plain;
        try (Hostwise hostwise = Hostwise.start(env("plain"), Optional.empty(), CLOCK)) {
            plain = hostwise.json().mapper().valueToTree(hostwise.decideFor(hostwise.reader().fromText(ARTICLE),
                    Requester.cli()).verdict());
        }
        // the same moment, a fresh store each: even the ID is the same
        assertThat(pricedAhead).isEqualTo(plain);
        assertThat(pricedAhead.get("id").asText()).isEqualTo("HW-2026-0001");
    }

    @Test
    void aScenarioOtherThanTheOneReadEarlyIsDecidedOnItsOwnFigures() {
        Env env = env("other");
        Hostwise.Early preparing = Hostwise.prepareEarly(env, Optional.empty());
        ScenarioReader reader = new ScenarioReader(preparing.catalog());
        Scenario readEarly = reader.fromText(ARTICLE);
        Map<String, String> tenTimes = new java.util.HashMap<>(ARTICLE);
        tenTimes.put("requestsPerDay", "1000000");
        Scenario other = reader.fromText(tenTimes);
        try (Hostwise hostwise = Hostwise.startForOneVerdict(env, Optional.empty(), CLOCK, Optional.of(preparing),
                Optional.of(readEarly))) {
            Verdict v = hostwise.decideFor(other, Requester.cli()).verdict();
            Verdict again = hostwise.decide(other);

            assertThat(v.scenario().requestsPerDay()).isEqualTo(1_000_000);
            assertThat(v.figures()).isEqualTo(again.figures());
            assertThat(v.recommendation()).isEqualTo(again.recommendation());
            // and the one read early, decided after, is decided whole on its own figures
            Verdict early = hostwise.decideFor(readEarly, Requester.cli()).verdict();
            assertThat(early.scenario().requestsPerDay()).isEqualTo(100_000);
            assertThat(early.figures()).isEqualTo(hostwise.decide(readEarly).figures());
        }
    }
}
