package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.PricingMode;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * The bounds make a non-finite figure impossible: scenarios drawn from the whole of every field's range,
 * with its two ends far more often than chance would pick them, are read, priced and decided by the
 * real policy. Each is either refused by the reader with field errors, refused for a fleet past
 * {@code FleetBound}, or decided with every figure finite and no count wrapped. Fixed seed (a failure
 * reproduces, and QuickTheories shrinks it to the fewest fields that still fail).
 */
class BoundsMakeFiguresFiniteTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private static final Decider DECIDER = new Decider(CATALOG, new PolicyCompiler().compile(RuleSet.bundled()));
    private static final ScenarioReader READER = new ScenarioReader(CATALOG);

    private static final List<String> GPUS = List.of("l4", "a10g", "h100-80gb", "b200", "mi300x", "auto");
    private static final List<String> MODELS = List.of("llama-3.1-8b", "qwen3-30b-a3b", "llama-3.1-70b", "deepseek-v3");

    @Test
    void everyScenarioInsideTheBoundsIsDecidedWithFiniteFiguresOrRefusedWithAFieldError() {
        AtomicInteger decided = new AtomicInteger();
        AtomicInteger fleets = new AtomicInteger();
        qt().withFixedSeed(20261201L).withExamples(800).withShrinkCycles(200)
                .forAll(scenarios())
                .checkAssert(values -> {
                    Scenario s;
                    try {
                        s = READER.fromText(values);
                    } catch (InvalidScenarioException refused) {
                        assertThat(refused.errors()).as(values.toString()).isNotEmpty();
                        return;
                    }
                    Verdict v;
                    try {
                        v = DECIDER.decide(s, "HW-GEN", Instant.EPOCH);
                    } catch (InvalidScenarioException e) {
                        // the one refusal left for the decision: a fleet past a billion replicas, at an estimated throughput
                        assertThat(e.errors()).as(values.toString()).singleElement().satisfies(err -> {
                            assertThat(err.field()).isEqualTo("requestsPerDay");
                            assertThat(err.message()).contains("replicas, above the limit of 1,000,000,000");
                        });
                        fleets.incrementAndGet();
                        return;
                    }
                    Figures f = v.figures();
                    assertThat(List.of(f.hostedPerRequest(), f.selfHostPerRequest(), f.breakEvenRequestsPerHour(),
                            f.gpuCostPerDay(), f.requestsPerDayAtUtilization(), f.allInPerRequest(), f.hostedPerDay(),
                            f.selfHostPerDay(), f.monthlySavings(), f.actualUtilization(), f.requestsPerSecond(),
                            f.replicaHoursPerDay())).as(values.toString()).allSatisfy(d -> assertThat(d).isFinite());
                    assertThat(f.hostedPerRequest()).as(values.toString()).isPositive();
                    assertThat(f.selfHostPerDay()).as(values.toString()).isPositive();
                    assertThat(f.replicasNeeded()).as(values.toString()).isBetween(s.minReplicas(), 1_000_000_000);
                    v.sensitivity().inputs().forEach(i -> {
                        assertThat(i.value()).as(values + " " + i.input()).isFinite();
                        if (i.flipAt() != null) {
                            assertThat(i.flipAt()).as(values + " " + i.input()).isFinite();
                        }
                    });
                    decided.incrementAndGet();
                });
        // the generator gets most scenarios through the reader, so the property says something about the figures
        assertThat(decided.get()).isGreaterThan(250);
        System.out.printf("decided %d, fleet past the bound %d of 800%n", decided.get(), fleets.get());
    }

    @Test
    void theCornersOfTheBoundsAreDecidedOrRefusedNeverNonFinite() {
        // every numeric field at each end, alone, with the rest at its default: 46 scenarios, all exact
        Map<String, String> base = Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION", "qualityNeed",
                "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");
        int decided = 0;
        for (FieldMetadata m : FieldMetadata.ALL) {
            if (m.min().isEmpty()) {
                continue;
            }
            for (double end : new double[] {m.min().get(), m.max().get()}) {
                Map<String, String> values = new LinkedHashMap<>(base);
                String typed = plain(end);
                switch (m.field()) {
                    case HOURLY_WEIGHTS -> typed = typed + ",1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1";
                    case INPUT_TOKENS, OUTPUT_TOKENS -> {
                        values.put("inputTokens", "900");
                        values.put("outputTokens", "300");
                    }
                    case HOSTED_INPUT_PRICE_PER_1M, HOSTED_OUTPUT_PRICE_PER_1M -> {
                        values.putAll(Map.of("hostedInputPricePer1M", "1", "hostedOutputPricePer1M", "1",
                                "inputTokens", "900", "outputTokens", "300"));
                    }
                    case CONTEXT_TOKENS -> values.put("tokensPerRequest", "1");
                    // the fastest growth over either horizon: the volume it reaches stays inside requestsPerDay's bounds
                    case HORIZON_MONTHS -> values.put("volumeGrowthPerMonth", "1");
                    case QUALITY_EVAL_SCORE, QUALITY_BAR -> values.putAll(Map.of("qualityEvalScore", "0.9", "qualityBar", "0.85",
                            "openModel", "llama-3.1-8b"));
                    default -> { }
                }
                values.put(m.field().json(), typed);
                Scenario s = READER.fromText(values);
                Verdict v = DECIDER.decide(s, "HW-CORNER", Instant.EPOCH);
                assertThat(v.figures().selfHostPerDay()).as(values.toString()).isFinite().isPositive();
                assertThat(v.figures().hostedPerDay()).as(values.toString()).isFinite().isPositive();
                assertThat(List.of(v.probabilities().selfHostCheaper(), v.probabilities().savingP10(), v.probabilities().savingP90()))
                        .as(values.toString()).allSatisfy(d -> assertThat(d).isFinite());
                decided++;
            }
        }
        assertThat(decided).isEqualTo(46);
    }

    /**
     * A scenario as typed text: each numeric field absent, at either end of its range, or anywhere in it
     * on a log scale; the model, GPU, precision and pricing mode from the catalog.
     */
    static Gen<Map<String, String>> scenarios() {
        return in -> {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("taskType", "CLASSIFICATION");
            v.put("qualityNeed", "GOOD_ENOUGH");
            v.put("privacyNeed", "MUST_STAY_IN_HOUSE");
            for (FieldMetadata m : FieldMetadata.ALL) {
                if (m.min().isEmpty()) {
                    continue;
                }
                boolean required = m.field() == ScenarioField.REQUESTS_PER_DAY;
                // half the time absent; shrinks towards absent (0): the fewest fields that still fail
                int pick = (int) in.next(Constraint.between(required ? 4 : 0, 7).withShrinkPoint(required ? 4 : 0));
                if (pick < 4) {
                    continue;
                }
                double value = switch (pick) {
                    case 4 -> m.max().get();
                    case 5 -> m.min().get();
                    default -> logUniform(in, m.min().get(), m.max().get());
                };
                if (m.field() == ScenarioField.HOURLY_WEIGHTS) {
                    StringBuilder w = new StringBuilder(plain(value));
                    for (int h = 1; h < 24; h++) {
                        w.append(',').append(plain(logUniform(in, 0, m.max().get())));
                    }
                    v.put(m.field().json(), w.toString());
                } else {
                    boolean whole = m.field().kind() == ScenarioField.Kind.POSITIVE_INT
                            || m.field().kind() == ScenarioField.Kind.NON_NEGATIVE_INT;
                    v.put(m.field().json(), plain(whole ? Math.rint(value) : value));
                }
            }
            if (in.next(Constraint.between(0, 1)) == 1) {
                v.put("openModel", MODELS.get((int) in.next(Constraint.between(0, MODELS.size() - 1))));
                v.put("gpuType", GPUS.get((int) in.next(Constraint.between(0, GPUS.size() - 1))));
                if (!"auto".equals(v.get("gpuType"))) {
                    // an estimate: the throughput and the GPU count are the estimator's
                    v.remove("requestsPerSecond");
                    v.remove("gpusPerReplica");
                    v.remove("gpuDollarsPerHour");
                } else {
                    List.of("requestsPerSecond", "gpusPerReplica", "gpuDollarsPerHour").forEach(v::remove);
                }
            }
            v.put("pricingMode", PricingMode.values()[(int) in.next(Constraint.between(0, 2))].name());
            // the fields that go together go together, so most scenarios get as far as the cost model
            if (v.containsKey("hostedInputPricePer1M") || v.containsKey("hostedOutputPricePer1M")) {
                v.putIfAbsent("hostedInputPricePer1M", "1");
                v.putIfAbsent("hostedOutputPricePer1M", "4");
            }
            if (v.containsKey("inputTokens") || v.containsKey("outputTokens") || v.containsKey("hostedInputPricePer1M")) {
                v.putIfAbsent("inputTokens", "900");
                v.putIfAbsent("outputTokens", "300");
            }
            // an evaluation's pass rate comes with its bar, on the model it ran
            if (v.containsKey("qualityEvalScore") || v.containsKey("qualityBar")) {
                v.putIfAbsent("qualityEvalScore", "0.9");
                v.putIfAbsent("qualityBar", "0.85");
                v.putIfAbsent("openModel", "llama-2-13b");
            }
            if (v.containsKey("hourlyWeights")) {
                v.remove("peakToAverage");
            }
            if (v.containsKey("horizonMonths")) {
                v.putIfAbsent("volumeGrowthPerMonth", "0.05");
            }
            if (v.containsKey("contextTokens")) {
                long tokens = v.containsKey("inputTokens")
                        ? Long.parseLong(v.get("inputTokens")) + Long.parseLong(v.get("outputTokens"))
                        : Long.parseLong(v.getOrDefault("tokensPerRequest", "1200"));
                if (Long.parseLong(v.get("contextTokens")) < tokens) {
                    v.remove("contextTokens");
                }
            }
            return v;
        };
    }

    /** A value between lo and hi, evenly spread over the powers of ten (0 stands for itself). */
    private static double logUniform(org.quicktheories.core.RandomnessSource in, double lo, double hi) {
        double from = Math.log10(Math.max(lo, hi * 1e-12));
        double to = Math.log10(hi);
        double u = in.next(Constraint.between(0, 1_000_000)) / 1e6;
        double d = Math.pow(10, from + u * (to - from));
        return Math.min(hi, Math.max(lo, d));
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
