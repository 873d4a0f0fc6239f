package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.Format;
import dev.hostwise.rules.facts.Recommendation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> m = new java.util.HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static final Map<String, String> PRIVATE_CLASSIFICATION = Map.of("taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");

    @Test
    void anEstimatedThroughputIsMarkedEstimatedEverywhereAndNeverSelfHosts() throws Exception {
        Verdict v = decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "1000000", "openModel", "llama-2-13b",
                "gpuType", "a100-80gb", "hostedModel", "gpt-4o", "inputTokens", "900", "outputTokens", "300"));
        assertThat(v.recommendation()).isEqualTo(Recommendation.MEASURE_FIRST);
        assertThat(v.reasons().get(0)).contains("estimate", "not a load test");
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("is estimated", "MBU) 60%", "MFU) 50%"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("Self-hosting stays cheaper only while",
                "Hostwise estimated"));
        assertThat(v.caveats()).noneSatisfy(c -> assertThat(c).contains("is a guess"));

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules().valueToTree(v);
        assertThat(json.at("/figures/throughputSource").asText()).isEqualTo("estimated");
        for (String field : new String[] {"gpusPerReplica", "batch", "decodeTokensPerSecondPerSequence",
                "aggregateDecodeTokensPerSecond", "timeToFirstTokenSeconds", "requestsPerSecond", "mbu", "mfu"}) {
            assertThat(json.at("/figures/estimate/" + field).isNumber()).as(field).isTrue();
        }
        assertThat(json.at("/sensitivity/requestsPerSecond/flipAt").isNumber()).isTrue();
        assertThat(json.at("/sensitivity/requestsPerDay/tornado/low").isNumber()).isTrue();
        assertThat(json.at("/sensitivity/opsCostPerMonth/tornado/high").isNumber()).isTrue();
        assertThat(json.at("/scenario/requestsPerSecond").isMissingNode()).isTrue();
        assertThat(v.catalogDate()).isEqualTo(CATALOG.date());
        assertThat(json.has("catalogDate")).isTrue();
    }

    @Test
    void withoutAnEstimateTheFiguresSayWhereTheThroughputCameFrom() {
        Verdict guessed = decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "103680"));
        assertThat(guessed.figures().throughputSource()).isEqualTo(dev.hostwise.knowledge.ThroughputSource.ASSUMED);
        assertThat(guessed.figures().estimate()).isNull();
        Verdict measured = decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "103680", "throughputMeasured", "true"));
        assertThat(measured.figures().throughputSource()).isEqualTo(dev.hostwise.knowledge.ThroughputSource.MEASURED);
    }

    @Test
    void theThroughputFlipPointIsSpelledOut() {
        // 180,000 a day needs two replicas at 4 req/s and 30%; at 6.94 req/s one replica would do
        Verdict v = decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "180000"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c)
                .isEqualTo("Self-hosting wins only above 6.94 requests per second per replica; you entered 4 (guessed)."));
        assertThat(v.sensitivity().of("requestsPerSecond").orElseThrow().flipAt())
                .isCloseTo(180_000 / (0.3 * 86_400), org.assertj.core.api.Assertions.within(1e-9));
        // at the article's own volume ops alone outweigh the hosted bill: no throughput helps
        assertThat(decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "103680")).caveats())
                .anySatisfy(c -> assertThat(c).contains("No throughput, however high", "$248.83 a day"));
    }

    @Test
    void theVerdictSaysWhichReplicaFloorItUsed() {
        assertThat(decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000")).caveats())
                .anySatisfy(c -> assertThat(c).contains("floor of 1 replica", "at least 2"));
        assertThat(decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000", "minReplicas", "3")).caveats())
                .anySatisfy(c -> assertThat(c).contains("floor of 3 replicas", "2 an on-call service"));
    }

    @Test
    void reservedPricingWarnsAboutTheCommitmentAndSaysWhenNoReservedRateWasKnown() {
        Verdict reserved = decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000", "gpuType", "a100-40gb",
                "pricingMode", "RESERVED"));
        assertThat(reserved.figures().reservedCommitmentPerYear()).isNotNull();
        assertThat(reserved.caveats()).anySatisfy(c -> assertThat(c).contains("for a year",
                Format.usd(reserved.figures().reservedCommitmentPerYear())));
        assertThat(reserved.caveats()).noneSatisfy(c -> assertThat(c).contains("no reserved price"));
        assertThat(decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000", "gpuType", "a10g",
                "pricingMode", "RESERVED")).caveats())
                .anySatisfy(c -> assertThat(c).contains("catalog has no reserved price for a10g", "$1.01 an hour"));
        assertThat(decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000", "pricingMode", "RESERVED")).caveats())
                .anySatisfy(c -> assertThat(c).contains("No gpuType was named", "$1.20 an hour"));
    }

    @Test
    void aReservedRateTheUserTypedIsNotCalledMissingFromTheCatalog() {
        // the catalog has a reserved H100 price ($4.92); the user quotes their own
        Verdict typed = decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000", "gpuType", "h100-80gb",
                "pricingMode", "RESERVED", "gpuDollarsPerHour", "4.50"));
        assertThat(typed.scenario().gpuDollarsPerHour()).isEqualTo(4.50);
        assertThat(typed.caveats()).anySatisfy(c -> assertThat(c).contains("for a year"));
        assertThat(typed.caveats()).noneSatisfy(c -> assertThat(c).contains("no reserved price"));
        // the catalog has an A100 40GB reservation, so a typed on-demand figure is not the reader's fallback
        assertThat(decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000", "gpuType", "a100-40gb",
                "pricingMode", "RESERVED", "gpuDollarsPerHour", "2.74")).caveats())
                .noneSatisfy(c -> assertThat(c).contains("no reserved price"));
        // no A10G reservation in the catalog, but the user quoted one: that quote is what the caveat asks for
        assertThat(decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000", "gpuType", "a10g",
                "pricingMode", "RESERVED", "gpuDollarsPerHour", "0.70")).caveats())
                .noneSatisfy(c -> assertThat(c).contains("no reserved price"));
    }

    @Test
    void aSnapshotDecidesOnItsOwnRulesAndCatalogAfterAReload(@TempDir Path dir) throws IOException {
        Decider decider = new Decider(CATALOG, DECIDER.activePolicy());
        Decider.Snapshot before = decider.active();
        // edited rules and a newer catalog become active after the snapshot was taken
        for (String name : new String[] {Catalog.OPEN_MODELS, Catalog.HOSTED_MODELS, Catalog.GPUS, Catalog.THROUGHPUT_CALIBRATION}) {
            try (InputStream in = Catalog.class.getResourceAsStream("/hostwise/catalog/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Path gpus = dir.resolve(Catalog.GPUS);
        Files.writeString(gpus, Files.readString(gpus).replaceFirst("(?m)^updated: .*$", "updated: 2099-01-01"));
        Map<String, String> drl = new java.util.TreeMap<>(RuleSet.bundled().drlFiles());
        drl.put("caveats.drl", drl.get("caveats.drl") + "\n// edited\n");
        decider.activate(new PolicyCompiler().compile(RuleSet.of("edited", drl, Map.of())), Catalog.fromDirectory(dir));
        assertThat(decider.active().policy().revision()).isNotEqualTo(before.policy().revision());
        assertThat(decider.active().catalog().catalog().date()).isNotEqualTo(CATALOG.date());

        Verdict v = decider.decide(reader.fromText(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000")), "HW-S",
                Instant.parse("2026-11-29T12:00:00Z"), before);
        assertThat(v.rulesRevision()).isEqualTo(before.policy().revision());
        assertThat(v.catalogDate()).isEqualTo(CATALOG.date());
        Verdict now = decider.decide(reader.fromText(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "500000")), "HW-N",
                Instant.parse("2026-11-29T12:00:00Z"));
        assertThat(now.rulesRevision()).isEqualTo(decider.active().policy().revision());
        assertThat(now.catalogDate()).isEqualTo(java.time.LocalDate.of(2099, 1, 1));
    }

    @Test
    void autoscalingShowsItsSavingAgainstAlwaysOn() {
        Verdict v = decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "2000000", "peakToAverage", "4",
                "pricingMode", "AUTOSCALED", "minReplicas", "2"));
        assertThat(v.figures().autoscaleSavingPerDay()).isPositive();
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("replica-hours a day",
                Format.usd(v.figures().autoscaleSavingPerDay()), "floor of 2"));
    }

    @Test
    void catalogFiguresMarkedVerifyAreFlaggedWithTheirSource() {
        Verdict v = decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "300000", "openModel", "llama-2-7b",
                "gpuType", "l4", "hostedModel", "llama-3.3-70b-groq", "inputTokens", "900", "outputTokens", "300"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("L4", "on-demand price", "unverified"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("L4", "specs", "unverified", "with sparsity"));
        assertThat(v.caveats()).anySatisfy(c -> assertThat(c).contains("Llama 3.3 70B (Groq) price", "unverified"));
        // figures not marked verify are not flagged
        assertThat(decide(with(PRIVATE_CLASSIFICATION, "requestsPerDay", "300000", "gpuType", "a100-80gb")).caveats())
                .noneSatisfy(c -> assertThat(c).contains("unverified"));
    }

    @Test
    void aScenarioPricedBeforeThePolicyIsReadIsDecidedExactlyAsIfDecidedWhole() {
        Decider.CatalogContext context = DECIDER.active().catalog();
        // what `hostwise decide` does while the policy is still being read: a decider with no policy yet prices it
        Decider pricingOnly = new Decider(context, null);
        Instant at = Instant.parse("2026-11-29T12:00:00Z");
        for (Map<String, String> fields : java.util.List.of(
                Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                        "privacyNeed", "MUST_STAY_IN_HOUSE"),
                Map.of("requestsPerDay", "1000000", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                        "privacyNeed", "MUST_STAY_IN_HOUSE"),
                Map.of("requestsPerDay", "2000000", "openModel", "llama-3.3-70b", "gpuType", "auto", "taskType", "EXTRACTION",
                        "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"))) {
            var scenario = reader.fromText(fields);
            Decider.Pricing pricing = pricingOnly.price(scenario, context, dev.hostwise.knowledge.evidence.ThroughputEvidence.NONE,
                    Decider.Draws.SAMPLE);
            Verdict inTwoSteps = DECIDER.decide(pricing, "HW-TEST", at, DECIDER.activePolicy(), java.util.List.of());
            Verdict whole = DECIDER.decide(scenario, "HW-TEST", at);
            assertThat(inTwoSteps).as(fields.toString()).usingRecursiveComparison().isEqualTo(whole);
            // the policy names the conditions the drawn probabilities bear on only when it judges
            assertThat(pricing.probabilities().conditions()).isEmpty();
            assertThat(inTwoSteps.probabilities().conditions()).isNotEmpty();
        }
    }
}
