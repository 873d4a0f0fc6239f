package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hostwise.knowledge.catalog.Catalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed article's arithmetic is the specification: every figure it computes, reproduced. */
class SeedFiguresTest {

    private static final double EPS = 1e-9;

    /** The article's inputs, at the volume one GPU serves at 30%: 103,680 requests a day. */
    static Scenario articleScenario(double requestsPerDay) {
        return new ScenarioReader(Catalog.bundled()).fromText(Map.of(
                "requestsPerDay", String.valueOf(requestsPerDay),
                "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "MUST_STAY_IN_HOUSE"));
    }

    private final Figures f = new CostModel().price(articleScenario(103_680));

    @Test
    void naiveSpreadsheetFigures() {
        assertThat(f.hostedPerRequest()).isCloseTo(0.0024, within(EPS));
        assertThat(f.selfHostPerRequest()).isCloseTo(1.20 / (3600 * 4.0), within(EPS));
        assertThat(String.format("%.7f", f.selfHostPerRequest())).isEqualTo("0.0000833");
        // the prose says "a few thousand an hour"; its own arithmetic says 500
        assertThat(f.breakEvenRequestsPerHour()).isCloseTo(500, within(EPS));
    }

    @Test
    void honestUtilisationFigures() {
        assertThat(f.gpuCostPerDay()).isCloseTo(28.80, within(EPS));
        assertThat(f.requestsPerDayAtUtilization()).isCloseTo(103_680, within(EPS));
        assertThat(f.selfHostRealCostPerRequest()).isCloseTo(28.80 / 103_680, within(EPS));
        assertThat(String.format("%.6f", f.selfHostRealCostPerRequest())).isEqualTo("0.000278");
    }

    @Test
    void opsTaxFigures() {
        assertThat(f.opsCostPerDay()).isCloseTo(400, within(EPS));
        assertThat(f.selfHostAllInPerDay()).isCloseTo(428.80, within(EPS));
        assertThat(f.allInPerRequest()).isCloseTo(428.80 / 103_680, within(EPS));
        assertThat(String.format("%.6f", f.allInPerRequest())).isEqualTo("0.004136");
    }

    @Test
    void breakEvenWithOpsIsAnOrderOfMagnitudeAboveTheNaiveOne() {
        assertThat(f.breakEvenWithOpsRequestsPerHour()).isCloseTo(7_853.4, within(0.1));
        assertThat(f.breakEvenWithOpsRequestsPerHour() / f.breakEvenRequestsPerHour()).isGreaterThan(10);
    }

    @Test
    void wholeReplicaBreakEvenNeedsTwoGpus() {
        assertThat(f.breakEvenRequestsPerDayWholeReplicas()).isEqualTo(190_667.0);
        Figures at = new CostModel().price(articleScenario(190_667));
        assertThat(at.replicasNeeded()).isEqualTo(2);
        assertThat(at.hostedPerDay()).isGreaterThanOrEqualTo(at.selfHostPerDay());
        Figures below = new CostModel().price(articleScenario(190_666));
        assertThat(below.hostedPerDay()).isLessThan(below.selfHostPerDay());
    }

    @Test
    void atTheArticleVolumeHostedIsCheaper() {
        assertThat(f.replicasNeeded()).isEqualTo(1);
        assertThat(f.hostedPerDay()).isCloseTo(248.832, within(1e-6));
        assertThat(f.selfHostPerDay()).isCloseTo(428.80, within(1e-9));
        assertThat(f.monthlySavings()).isCloseTo((248.832 - 428.80) * 30, within(1e-6));
        assertThat(f.selfHostCheaper()).isFalse();
    }
}
