package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.ThroughputSource;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.facts.Recommendation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any valid scenario gets a complete verdict, and no estimate ever self-hosts. Fixed seed, so failures reproduce. */
class GeneratedVerdictsTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private static final Decider DECIDER = new Decider(CATALOG, new PolicyCompiler().compile(RuleSet.bundled()));

    @Test
    void everyValidScenarioGetsAVerdictAndEstimatesNeverSelfHost() {
        ScenarioReader reader = new ScenarioReader(CATALOG);
        Random r = new Random(20261129L);
        String[] gpus = {"a10g", "l4", "a6000", "a100-40gb", "a100-80gb", "h100-80gb"};
        String[] models = {"llama-2-7b", "llama-2-13b", "llama-2-70b"};
        String[] precisions = {"FP16", "INT8", "INT4"};
        String[] modes = {"ON_DEMAND", "RESERVED", "AUTOSCALED"};
        int estimated = 0;
        for (int i = 0; i < 300; i++) {
            Map<String, String> m = new HashMap<>(Map.of("taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                    "privacyNeed", "MUST_STAY_IN_HOUSE", "openModel", models[r.nextInt(3)], "gpuType", gpus[r.nextInt(6)],
                    "precision", precisions[r.nextInt(3)], "pricingMode", modes[r.nextInt(3)],
                    "requestsPerDay", String.valueOf((long) Math.pow(10, 3 + 5 * r.nextDouble())),
                    "hostedModel", "gpt-4", "inputTokens", String.valueOf(r.nextInt(3000))));
            m.put("outputTokens", String.valueOf(r.nextInt(1000)));
            m.put("minReplicas", String.valueOf(1 + r.nextInt(3)));
            Scenario s;
            try {
                s = reader.fromText(m);
            } catch (InvalidScenarioException e) {
                continue;
            }
            Verdict v = DECIDER.decide(s, "HW-GEN", Instant.EPOCH);
            assertThat(v.conditions()).as(m.toString()).hasSize(3);
            assertThat(v.sensitivity().inputs()).isNotEmpty();
            if (v.figures().throughputSource() == ThroughputSource.ESTIMATED) {
                estimated++;
                assertThat(v.recommendation()).as(m.toString()).isNotEqualTo(Recommendation.SELF_HOST);
                assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("is estimated"));
            }
        }
        assertThat(estimated).isGreaterThan(200);
    }
}
