package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizingAndPricingTest {

    private final ScenarioReader reader = new ScenarioReader(Catalog.bundled());
    private final CostModel model = new CostModel();

    private Figures price(Map<String, String> extra) {
        return model.price(scenario(extra));
    }

    private Scenario scenario(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("requestsPerDay", "100000", "taskType", "EXTRACTION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        m.putAll(extra);
        return reader.fromText(m);
    }

    @Test
    void theReplicaFloorIsUsedAndReported() {
        Figures one = price(Map.of());
        Figures two = price(Map.of("minReplicas", "2"));
        assertThat(one.minReplicas()).isEqualTo(1);
        assertThat(one.replicasNeeded()).isEqualTo(1);
        assertThat(two.minReplicas()).isEqualTo(2);
        assertThat(two.replicasNeeded()).isEqualTo(2);
        assertThat(two.selfHostPerDay() - one.selfHostPerDay()).isCloseTo(one.gpuCostPerDay(), within(1e-9));
    }

    @Test
    void otherMonthlyCostsJoinOpsInTheDailyBillAndTheBreakEven() {
        Figures base = price(Map.of());
        Figures other = price(Map.of("otherCostPerMonth", "900"));
        assertThat(other.otherCostPerDay()).isEqualTo(30.0);
        assertThat(other.opsCostPerDay()).isEqualTo(base.opsCostPerDay());
        assertThat(other.selfHostPerDay() - base.selfHostPerDay()).isCloseTo(30.0, within(1e-9));
        assertThat(other.selfHostAllInPerDay() - base.selfHostAllInPerDay()).isCloseTo(30.0, within(1e-9));
        assertThat(other.breakEvenRequestsPerDayWholeReplicas()).isGreaterThan(base.breakEvenRequestsPerDayWholeReplicas());
    }

    @Test
    void reservedPricingBillsTheCommittedRateForAWholeYear() {
        Figures f = price(Map.of("gpuType", "a100-40gb", "pricingMode", "RESERVED"));
        assertThat(f.pricingMode()).isEqualTo(PricingMode.RESERVED);
        assertThat(f.gpuCostPerDay()).isCloseTo(1.84 * 24, within(1e-9));
        assertThat(f.reservedCommitmentPerYear()).isCloseTo(f.replicasNeeded() * 1.84 * 24 * 365, within(1e-6));
        assertThat(f.autoscaledPerDay()).isNull();
        assertThat(price(Map.of()).reservedCommitmentPerYear()).isNull();
    }

    @Test
    void autoscalingAFlatDaySavesNothingAgainstAlwaysOn() {
        Figures f = price(Map.of("pricingMode", "AUTOSCALED", "requestsPerDay", "1000000"));
        assertThat(f.autoscaleSavingPerDay()).isCloseTo(0, within(1e-9));
        assertThat(f.autoscaledPerDay()).isEqualTo(f.selfHostPerDay());
    }

    @Test
    void autoscalingAPeakyDayFollowsTheTrafficAndSavesAgainstAlwaysOnSizedForThePeak() {
        Scenario s = scenario(Map.of("pricingMode", "AUTOSCALED", "requestsPerDay", "1000000", "peakToAverage", "4",
                "minReplicas", "2"));
        Figures f = model.price(s);
        CostBasis b = CostBasis.of(s, 4.0);
        int peak = (int) Math.ceil(1_000_000 * 4 / 86_400.0 / 4.0);
        assertThat(f.replicasNeeded()).isEqualTo(peak);
        assertThat(f.alwaysOnPerDay()).isCloseTo(peak * f.gpuCostPerDay() + f.opsCostPerDay(), within(1e-9));
        assertThat(f.replicaHoursPerDay()).isLessThan(peak * 24.0);
        assertThat(f.autoscaleSavingPerDay()).isGreaterThan(0)
                .isCloseTo((peak * 24 - f.replicaHoursPerDay()) * 1.20, within(1e-9));
        for (int h = 0; h < 24; h++) {
            assertThat(b.replicasInHour(h)).isGreaterThanOrEqualTo(2);
        }
        assertThat(f.actualUtilization()).isCloseTo(1_000_000 / (f.replicaHoursPerDay() * 4.0 * 3600), within(1e-12));
    }

    @Test
    void quietHoursOfAUserProfileRunOnlyTheFloor() {
        String weights = "0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0";
        Scenario s = scenario(Map.of("pricingMode", "AUTOSCALED", "requestsPerDay", "2000000", "hourlyWeights", weights));
        CostBasis b = CostBasis.of(s, 4.0);
        assertThat(b.replicasInHour(3)).isEqualTo(1);
        assertThat(b.replicasInHour(12)).isEqualTo((int) Math.ceil(2_000_000 * 2 / 86_400.0 / 4.0));
    }

    @Test
    void theAutoscaledBreakEvenIsTheFirstWholeVolumeWhereSelfHostingCostsNoMore() {
        Scenario s = scenario(Map.of("pricingMode", "AUTOSCALED", "peakToAverage", "3", "minReplicas", "2"));
        Figures f = model.price(s);
        double v = f.breakEvenRequestsPerDayWholeReplicas();
        CostBasis b = CostBasis.of(s, 4.0);
        assertThat(b.withRequestsPerDay(v).hostedPerDay()).isGreaterThanOrEqualTo(b.withRequestsPerDay(v).selfHostPerDay());
        assertThat(b.withRequestsPerDay(v - 1).hostedPerDay()).isLessThan(b.withRequestsPerDay(v - 1).selfHostPerDay());
    }

    @Test
    void aSmoothDayHasExactlyThePeakRatioAskedFor() {
        for (double p : new double[] {1, 1.2, 2, 3, 10, 23.5}) {
            TrafficProfile t = TrafficProfile.fromPeakToAverage(p);
            assertThat(t.peakToAverage()).as("p=" + p).isCloseTo(p, within(1e-9 * p));
            assertThat(t.shares().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(24, within(1e-9));
        }
        assertThat(TrafficProfile.fromPeakToAverage(30).peakToAverage()).isEqualTo(24.0);
    }
}
