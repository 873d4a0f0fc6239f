package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Flip points over many generated scenarios (fixed seed, so a failure reproduces): whatever the
 * mix of volume, prices, floor, pricing mode and traffic shape, just past each flip point the
 * VOLUME condition changes, and nowhere between the input's value and its flip point does it.
 */
class GeneratedScenariosTest {

    private static final long SEED = 20261129L;
    private static final int SCENARIOS = 400;

    private static final Catalog CATALOG = Catalog.bundled();
    private final ScenarioReader reader = new ScenarioReader(CATALOG);
    private final ThroughputEstimator estimator = new ThroughputEstimator(CATALOG);
    private final CostModel costModel = new CostModel();
    private final SensitivityAnalysis analysis = new SensitivityAnalysis();

    static List<Map<String, String>> generate(long seed, int n) {
        Random r = new Random(seed);
        List<Map<String, String>> all = new ArrayList<>();
        String[] gpus = {"a10g", "l4", "a6000", "a100-40gb", "a100-80gb", "h100-80gb"};
        String[] models = {"llama-2-7b", "llama-2-13b", "llama-2-70b"};
        String[] hosted = {"gpt-3.5-turbo", "gpt-4o", "gpt-4o-mini", "claude-3-haiku", "gpt-4"};
        for (int i = 0; i < n; i++) {
            Map<String, String> m = new HashMap<>(Map.of("taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                    "privacyNeed", "MUST_STAY_IN_HOUSE"));
            m.put("requestsPerDay", String.valueOf((long) Math.pow(10, 3 + 4 * r.nextDouble())));
            m.put("pricingMode", PricingMode.values()[r.nextInt(3)].name());
            m.put("minReplicas", String.valueOf(1 + r.nextInt(3)));
            m.put("opsCostPerMonth", String.valueOf(r.nextInt(30_000)));
            if (r.nextBoolean()) {
                m.put("otherCostPerMonth", String.valueOf(r.nextInt(3000)));
            }
            m.put("utilization", String.valueOf(0.05 + 0.95 * r.nextDouble()));
            m.put("peakToAverage", String.valueOf(1 + 5 * r.nextDouble()));
            if (r.nextBoolean()) {
                m.put("hostedModel", hosted[r.nextInt(hosted.length)]);
                m.put("inputTokens", String.valueOf(50 + r.nextInt(2000)));
                m.put("outputTokens", String.valueOf(10 + r.nextInt(800)));
            } else {
                m.put("hostedPricePer1kTokens", String.valueOf(0.0002 + 0.01 * r.nextDouble()));
            }
            switch (r.nextInt(3)) {
                case 0 -> {
                    m.put("openModel", models[r.nextInt(models.length)]);
                    m.put("gpuType", gpus[r.nextInt(gpus.length)]);
                    m.put("maxSecondsPerRequest", String.valueOf(5 + r.nextInt(60)));
                }
                case 1 -> m.put("requestsPerSecond", String.valueOf(0.05 + 10 * r.nextDouble()));
                default -> m.put("gpuDollarsPerHour", String.valueOf(0.3 + 5 * r.nextDouble()));
            }
            all.add(m);
        }
        return all;
    }

    @Test
    void everyFlipPointOfEveryGeneratedScenarioFlipsTheCondition() {
        int flips = 0;
        int scenarios = 0;
        for (Map<String, String> fields : generate(SEED, SCENARIOS)) {
            Scenario s;
            try {
                s = reader.fromText(fields);
            } catch (InvalidScenarioException e) {
                // e.g. a 70B that no eight GPUs of that type can hold: the reader refuses it, as it should
                assertThat(e.errors()).isNotEmpty();
                continue;
            }
            scenarios++;
            double rps = costModel.price(s, estimator.estimateFor(s).orElse(null)).requestsPerSecond();
            CostBasis b = CostBasis.of(s, rps);
            for (InputSensitivity i : analysis.analyse(b).inputs()) {
                String what = fields + ": " + i.input() + " " + i.value() + " -> " + i.flipAt();
                if (FlipPoints.check(i, v -> holds(b, i.input(), v), 20, what)) {
                    flips++;
                }
            }
        }
        assertThat(scenarios).isGreaterThan(SCENARIOS * 3 / 4);
        assertThat(flips).isGreaterThan(scenarios * 3);
    }

    private static boolean holds(CostBasis b, String input, double v) {
        HostedPrice p = b.hostedPrice();
        CostBasis changed = switch (input) {
            case "requestsPerSecond" -> b.withRequestsPerSecond(v);
            case "requestsPerDay" -> b.withRequestsPerDay(v);
            case "hostedPricePer1kTokens" -> b.withHostedPrice(p.withPricePer1kTokens(v));
            case "hostedInputPricePer1M" -> b.withHostedPrice(p.withInputPricePer1M(v));
            case "hostedOutputPricePer1M" -> b.withHostedPrice(p.withOutputPricePer1M(v));
            case "gpuDollarsPerHour" -> b.withGpuDollarsPerHour(v);
            case "utilization" -> b.withUtilization(v);
            case "opsCostPerMonth" -> b.withOpsCostPerMonth(v);
            default -> throw new IllegalArgumentException(input);
        };
        return changed.volumeHolds();
    }
}
