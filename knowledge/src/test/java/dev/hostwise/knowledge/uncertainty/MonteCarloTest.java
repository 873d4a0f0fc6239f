package dev.hostwise.knowledge.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hostwise.knowledge.CostBasis;
import dev.hostwise.knowledge.PricingMode;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonteCarloTest {

    private static final ScenarioReader READER = new ScenarioReader(Catalog.bundled());
    private final MonteCarlo monteCarlo = CostInputs.monteCarlo();

    /** The article's scenario at a volume where one replica plus ops costs $428.80 a day. */
    private static CostBasis article(double requestsPerDay) {
        Scenario s = READER.fromJson("{\"requestsPerDay\": " + requestsPerDay + ", \"taskType\": \"CLASSIFICATION\","
                + " \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}");
        return CostBasis.of(s, s.requestsPerSecond());
    }

    @Test
    void theSameInputsAlwaysGiveTheSameFigures() {
        CostBasis b = article(200_000);
        List<InputRange> ranges = List.of(InputRange.band("requestsPerSecond", 4, 0.35, "estimate"),
                new InputRange("gpuDollarsPerHour", 1.2, 0.8, 3.0, InputRange.Spread.LOG_UNIFORM, "providers"));
        Probabilities first = monteCarlo.run(b, ranges);
        Probabilities again = monteCarlo.run(b, ranges);
        assertThat(again).isEqualTo(first);
        assertThat(first.draws()).isEqualTo(MonteCarlo.DEFAULT_DRAWS);
        assertThat(first.seed()).isEqualTo(MonteCarlo.DEFAULT_SEED);
    }

    @Test
    void withNothingUncertainTheProbabilityIsTheVerdictItself() {
        // at 100,000 a day the hosted API ($240) beats one replica plus ops ($428.80) whatever happens
        Probabilities hosted = monteCarlo.run(article(100_000), List.of());
        assertThat(hosted.selfHostCheaper()).isZero();
        assertThat(hosted.savingP10()).isEqualTo(hosted.savingP90()).isCloseTo(240 - 428.80, within(1e-9));
        assertThat(hosted.drivers()).isEmpty();
        // nothing uncertain is not sampled: the verdict's own case is the one draw
        assertThat(hosted.draws()).isEqualTo(1);
        assertThat(hosted.histogram().counts().get(0)).isEqualTo(1);
    }

    @Test
    void theProbabilityMatchesTheShareOfTheRangePastTheFlipPoint() {
        // volume alone varies, uniformly over 150,000..250,000 a day. A replica serves 103,680 a day at
        // 30% utilisation, so 2 replicas run up to 207,360 and 3 above it. The saving is
        // 0.0024 V - (replicas x 28.80 + 400): with 2 replicas it is positive from 190,667 up; with 3
        // from 202,667, below where 3 are needed. So self-hosting wins on 190,667..250,000: 59.3%.
        CostBasis b = article(200_000);
        Probabilities p = monteCarlo.run(b, List.of(
                new InputRange("requestsPerDay", 200_000, 150_000, 250_000, InputRange.Spread.UNIFORM, "given")));
        double expected = (250_000 - 190_667) / 100_000.0;
        assertThat(p.selfHostCheaper()).isCloseTo(expected, within(0.015));
    }

    @Test
    void percentilesAreOrderedAndTheStrongestDriverComesFirst() {
        CostBasis b = article(400_000);
        Probabilities p = monteCarlo.run(b, List.of(
                // ops matters little against a wide throughput band at this volume
                InputRange.band("opsCostPerMonth", 12_000, 0.05, "default"),
                InputRange.band("requestsPerSecond", 4, 0.6, "estimate")));
        assertThat(p.savingP10()).isLessThanOrEqualTo(p.savingP50());
        assertThat(p.savingP50()).isLessThanOrEqualTo(p.savingP90());
        assertThat(p.drivers()).extracting(Driver::input).containsExactly("requestsPerSecond", "opsCostPerMonth");
        assertThat(p.drivers()).extracting(Driver::rank).containsExactly(1, 2);
        // more throughput means fewer replicas: the saving rises with it
        assertThat(p.drivers().get(0).rankCorrelation()).isGreaterThan(0.5);
        // a dearer ops rotation lowers the saving
        assertThat(p.drivers().get(1).rankCorrelation()).isNegative();
        assertThat(p.histogram().counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(MonteCarlo.DEFAULT_DRAWS);
    }

    @Test
    void aDrawnUtilisationStaysWithinWhatTheCostModelAccepts() {
        CostBasis b = article(200_000);
        Probabilities p = monteCarlo.run(b, List.of(
                new InputRange("utilization", 0.3, 0.0, 1.6, InputRange.Spread.UNIFORM, "given")));
        assertThat(p.savingP10()).isFinite();
        assertThat(p.savingP90()).isFinite();
    }

    @Test
    void anInputTheCostModelCannotVaryIsRefusedByName() {
        assertThatThrownBy(() -> monteCarlo.run(article(1000), List.of(InputRange.band("taskType", 1, 0.1, "x"))))
                .hasMessageContaining("'taskType'").hasMessageContaining("requestsPerSecond");
    }

    @Test
    void triangularDrawsCentreOnTheValueAndStayInTheBand() {
        InputRange r = new InputRange("requestsPerSecond", 4, 3, 7, InputRange.Spread.TRIANGULAR, "x");
        assertThat(r.at(0)).isEqualTo(3);
        assertThat(r.at(0.999999)).isCloseTo(7, within(0.01));
        // the mode splits the probability at (value - low) / (high - low) = 1/4
        assertThat(r.at(0.25)).isCloseTo(4, within(1e-9));
        InputRange log = new InputRange("gpuDollarsPerHour", 2, 1, 4, InputRange.Spread.LOG_UNIFORM, "x");
        assertThat(log.at(0.5)).isCloseTo(2, within(1e-9));
        assertThatThrownBy(() -> new InputRange("x", 1, 0, 2, InputRange.Spread.LOG_UNIFORM, "x"))
                .hasMessageContaining("above 0");
    }

    @Test
    void addingARangeLeavesTheOtherInputsDrawsAsTheyWere() {
        CostBasis b = article(200_000);
        InputRange rps = InputRange.band("requestsPerSecond", 4, 0.35, "estimate");
        Probabilities alone = monteCarlo.run(b, List.of(rps));
        // a range pinned to its value changes nothing, and an extra input keeps the throughput's own draws
        Probabilities pinned = monteCarlo.run(b, List.of(new InputRange("opsCostPerMonth", 12_000, 12_000, 12_000,
                InputRange.Spread.UNIFORM, "given"), rps));
        assertThat(pinned.selfHostCheaper()).isEqualTo(alone.selfHostCheaper());
        assertThat(pinned.savingP50()).isEqualTo(alone.savingP50());
        Probabilities withGpu = monteCarlo.run(b, List.of(
                new InputRange("gpuDollarsPerHour", 1.2, 1.2, 1.2000001, InputRange.Spread.UNIFORM, "tiny"), rps));
        // the GPU price's range is too narrow to move any draw across a replica step: the throughput's draws decide alone
        assertThat(withGpu.selfHostCheaper()).isEqualTo(alone.selfHostCheaper());
    }

    @Test
    void aPinnedRangeReplacesTheScenariosValue() {
        // ops pinned at zero: one replica at 100,000 a day costs $28.80 against $240 hosted, whatever else happens
        Probabilities p = monteCarlo.run(article(100_000), List.of(
                new InputRange("opsCostPerMonth", 0, 0, 0, InputRange.Spread.UNIFORM, "given")));
        assertThat(p.selfHostCheaper()).isEqualTo(1.0);
        assertThat(p.savingP50()).isCloseTo(240 - 28.80, within(1e-9));
    }

    @Test
    void ranksShareTheirAverageWhenTied() {
        assertThat(MonteCarlo.ranks(new double[] {5, 1, 5, 3})).containsExactly(3.5, 1, 3.5, 2);
    }

    @Test
    void theOrderIsAscendingAndStableForNegativesTiesAndSavingsOfEveryMagnitude() {
        // savings are negative and positive, tie on whole replicas, and span many powers of ten
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        double[] x = new double[5_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> -random.nextDouble() * Math.pow(10, random.nextInt(12));
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(12));
                case 2 -> 240 - 28.8 * random.nextInt(5);
                default -> i % 8 == 3 ? 0.0 : -0.0;
            };
        }
        int[] order = MonteCarlo.order(x);
        Integer[] expected = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = i;
        }
        // what a stable comparison sort gives, zeros of either sign being equal
        java.util.Arrays.sort(expected, (p, q) -> x[p] == x[q] ? 0 : Double.compare(x[p], x[q]));
        for (int k = 0; k < x.length; k++) {
            assertThat(x[order[k]]).as("position " + k).isEqualTo(x[expected[k]]);
        }
        double[] ranks = MonteCarlo.ranks(x);
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            long below = java.util.Arrays.stream(x).filter(v -> v < xi).count();
            long equal = java.util.Arrays.stream(x).filter(v -> v == xi).count();
            assertThat(ranks[i]).as("rank of " + xi).isEqualTo(below + (equal + 1) / 2.0);
        }
    }

    @Test
    void autoscaledFleetsAreVariedTooNotOnlyAlwaysOn() {
        Scenario s = READER.fromJson("{\"requestsPerDay\": 300000, \"pricingMode\": \"AUTOSCALED\", \"peakToAverage\": 3,"
                + " \"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\", \"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}");
        CostBasis b = CostBasis.of(s, 4);
        assertThat(b.pricingMode()).isEqualTo(PricingMode.AUTOSCALED);
        Probabilities p = monteCarlo.run(b, List.of(InputRange.band("requestsPerSecond", 4, 0.5, "estimate")));
        assertThat(p.selfHostCheaper()).isBetween(0.0, 1.0);
        assertThat(p.drivers().get(0).rankCorrelation()).isPositive();
    }
}
