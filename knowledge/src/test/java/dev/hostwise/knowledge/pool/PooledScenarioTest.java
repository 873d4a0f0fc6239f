package dev.hostwise.knowledge.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hostwise.knowledge.CostBasis;
import dev.hostwise.knowledge.PricingMode;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.TrafficProfile;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several teams' workloads as one scenario: each pooling choice as the README states it. */
class PooledScenarioTest {

    private static final ScenarioReader READER = new ScenarioReader(Catalog.bundled());

    private static Scenario s(String fields) {
        return READER.fromJson("{" + fields + ", \"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\","
                + " \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}");
    }

    @Test
    void theHostedCostIsTheSumOfTheMembersBillsWhateverModelsTheyPay() {
        Scenario a = s("\"requestsPerDay\": 60000, \"hostedModel\": \"gpt-4o\", \"inputTokens\": 900, \"outputTokens\": 300");
        Scenario b = s("\"requestsPerDay\": 40000, \"hostedModel\": \"gpt-4.1-mini\", \"inputTokens\": 400, \"outputTokens\": 100");
        Scenario pooled = PooledScenario.of(null, List.of(a, b), READER);
        assertThat(pooled.requestsPerDay()).isEqualTo(100_000);
        assertThat(CostBasis.of(pooled, 1).hostedPerDay())
                .isCloseTo(CostBasis.of(a, 1).hostedPerDay() + CostBasis.of(b, 1).hostedPerDay(), within(1e-6));
        // tokens: weighted by volume
        assertThat(pooled.inputTokens()).isEqualTo(700);
        assertThat(pooled.outputTokens()).isEqualTo(220);
        assertThat(pooled.hostedModel()).isNull();
    }

    @Test
    void oneOpsRotationTheStrictestLatencyTheHighestFloorAndOtherCostsAddUp() {
        Scenario a = s("\"requestsPerDay\": 50000, \"opsCostPerMonth\": 12000, \"otherCostPerMonth\": 300, \"maxSecondsPerRequest\": 20,"
                + " \"minReplicas\": 1, \"utilization\": 0.2");
        Scenario b = s("\"requestsPerDay\": 150000, \"opsCostPerMonth\": 9000, \"otherCostPerMonth\": 500, \"maxSecondsPerRequest\": 5,"
                + " \"minReplicas\": 2, \"utilization\": 0.4");
        Scenario pooled = PooledScenario.of(null, List.of(a, b), READER);
        assertThat(pooled.opsCostPerMonth()).isEqualTo(12_000);
        assertThat(pooled.otherCostPerMonth()).isEqualTo(800);
        assertThat(pooled.maxSecondsPerRequest()).isEqualTo(5);
        assertThat(pooled.minReplicas()).isEqualTo(2);
        assertThat(pooled.utilization()).isCloseTo(0.35, within(1e-12));
        assertThat(pooled.pricingMode()).isEqualTo(PricingMode.ON_DEMAND);
    }

    @Test
    void theDaysProfileIsTheMembersProfilesWeightedByVolume() {
        Scenario day = s("\"requestsPerDay\": 100000, \"peakToAverage\": 3");
        Scenario flat = s("\"requestsPerDay\": 100000");
        Scenario pooled = PooledScenario.of(null, List.of(day, flat), READER);
        TrafficProfile p = TrafficProfile.of(pooled);
        TrafficProfile d = TrafficProfile.of(day);
        for (int h = 0; h < 24; h++) {
            assertThat(p.share(h)).isCloseTo((d.share(h) + 1) / 2, within(1e-9));
        }
        // two teams' peaks at the same hour keep the pool's peak; a flat team halves the excess
        assertThat(pooled.peakToAverage()).isCloseTo(2, within(1e-9));
    }

    @Test
    void membersWithTheSameHardwareKeepItAndOthersAreSearchedForOnTheSharedModel() {
        Scenario a = s("\"requestsPerDay\": 60000, \"requestsPerSecond\": 4, \"throughputMeasured\": true");
        Scenario b = s("\"requestsPerDay\": 60000, \"requestsPerSecond\": 4, \"throughputMeasured\": true");
        Scenario same = PooledScenario.of(null, List.of(a, b), READER);
        assertThat(same.requestsPerSecond()).isEqualTo(4);
        assertThat(same.throughputMeasured()).isTrue();
        assertThat(same.openModel()).isNull();
        Scenario c = s("\"requestsPerDay\": 60000, \"openModel\": \"llama-3.1-8b\", \"gpuType\": \"l40s\"");
        Scenario shared = PooledScenario.of("llama-3.1-70b", List.of(a, c), READER);
        assertThat(shared.openModel()).isEqualTo("llama-3.1-70b");
        assertThat(shared.searchesConfiguration()).isTrue();
        assertThat(shared.throughputMeasured()).isFalse();
        // a load test at another prompt length does not measure the pool
        Scenario longer = s("\"requestsPerDay\": 60000, \"requestsPerSecond\": 4, \"throughputMeasured\": true, \"tokensPerRequest\": 3000");
        assertThat(PooledScenario.of(null, List.of(a, longer), READER).throughputMeasured()).isFalse();
    }
}
