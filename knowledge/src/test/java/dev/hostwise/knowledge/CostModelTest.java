package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

    private final ScenarioReader reader = new ScenarioReader(Catalog.bundled());
    private final CostModel model = new CostModel();

    private Scenario scenario(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("requestsPerDay", "100000", "taskType", "EXTRACTION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        m.putAll(extra);
        return reader.fromText(m);
    }

    @Test
    void peakTrafficAddsReplicas() {
        // 200,000/day fits one replica on average at 100% (345,600/day), but a 3x peak is 6.9 req/s: two replicas
        Figures flat = model.price(scenario(Map.of("requestsPerDay", "200000", "utilization", "1")));
        Figures peaky = model.price(scenario(Map.of("requestsPerDay", "200000", "utilization", "1", "peakToAverage", "3")));
        assertThat(flat.replicasNeeded()).isEqualTo(1);
        assertThat(peaky.peakRequestsPerSecond()).isCloseTo(200000 * 3 / 86400.0, within(1e-9));
        assertThat(peaky.replicasNeeded()).isEqualTo(2);
        assertThat(peaky.selfHostPerDay() - flat.selfHostPerDay()).isCloseTo(28.80, within(1e-9));
    }

    @Test
    void splitPricesPriceInputAndOutputSeparately() {
        Figures f = model.price(scenario(Map.of("inputTokens", "900", "outputTokens", "300",
                "hostedInputPricePer1M", "1.50", "hostedOutputPricePer1M", "2.00")));
        assertThat(f.hostedPerRequest()).isCloseTo(900 * 1.5e-6 + 300 * 2e-6, within(1e-12));
    }

    @Test
    void hostedModelFillsSplitPricesFromTheCatalog() {
        Scenario s = scenario(Map.of("hostedModel", "gpt-4", "inputTokens", "1000", "outputTokens", "200"));
        assertThat(s.hostedInputPricePer1M()).isEqualTo(30.0);
        assertThat(s.hostedOutputPricePer1M()).isEqualTo(60.0);
        assertThat(model.price(s).hostedPerRequest()).isCloseTo(0.03 + 0.012, within(1e-12));
    }

    @Test
    void gpusPerReplicaMultiplyTheReplicaCost() {
        Figures f = model.price(scenario(Map.of("gpusPerReplica", "2", "gpuDollarsPerHour", "2.21")));
        assertThat(f.gpuCostPerDay()).isCloseTo(2 * 2.21 * 24, within(1e-9));
    }

    @Test
    void noBreakEvenWhenAReplicaCostsMoreThanTheHostedBillItReplaces() {
        Figures f = model.price(scenario(Map.of("hostedPricePer1kTokens", "0.00001")));
        assertThat(f.breakEvenRequestsPerDayWholeReplicas()).isNull();
        assertThat(f.breakEvenWithOpsRequestsPerHour()).isNull();
    }
}
