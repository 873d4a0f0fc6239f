package dev.hostwise.bot.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.rules.Verdict;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The words every surface uses for how sure a verdict's cost case is. */
class HowSureTest {

    private static final Hostwise HOSTWISE = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());

    private static Verdict decide(String... fields) {
        Map<String, String> v = new HashMap<>(Map.of("taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "MUST_STAY_IN_HOUSE"));
        for (int i = 0; i < fields.length; i += 2) {
            v.put(fields[i], fields[i + 1]);
        }
        return HOSTWISE.decide(HOSTWISE.reader().fromText(v));
    }

    @Test
    void aShareNeverRoundsAPossibilityAway() {
        assertThat(HowSure.share(0.73)).isEqualTo("73%");
        assertThat(HowSure.share(0.996)).isEqualTo("over 99%");
        assertThat(HowSure.share(0.004)).isEqualTo("under 1%");
        assertThat(HowSure.share(1)).isEqualTo("100%");
        assertThat(HowSure.share(0)).isEqualTo("0%");
    }

    @Test
    void theLineSaysTheShareOfPlausibleCasesAndTheSpreadOfTheSaving() {
        Verdict v = decide("requestsPerDay", "190667", "throughputMeasured", "true");
        String line = HowSure.line(v).orElseThrow();
        assertThat(line).matches("Self-hosting is cheaper in \\d{1,2}% of plausible cases \\(daily saving -\\$[0-9.]+ to \\$[0-9.]+,"
                + " 10th to 90th percentile\\)\\.");
        assertThat(HowSure.line(decide("requestsPerDay", "50000"))).get().asString()
                .startsWith("Self-hosting is cheaper in none of the plausible cases (daily saving -$");
        assertThat(HowSure.line(decide("requestsPerDay", "2000000"))).get().asString()
                .startsWith("Self-hosting is cheaper in every plausible case (daily saving $");
        assertThat(HowSure.line(decide("requestsPerDay", "2000000", "ranges", "requestsPerSecond=4..4, utilization=0.3..0.3,"
                + " gpuDollarsPerHour=1.2..1.2, hostedPricePer1kTokens=0.002..0.002"))).get().asString()
                .startsWith("Every uncertain input was pinned to one value, so there is one case: self-hosting is cheaper");
    }

    @Test
    void theRowsListTheStrongestDriverFirstWithItsLabelAndBasis() {
        Verdict v = decide("requestsPerDay", "250000", "throughputMeasured", "true", "ranges", "opsCostPerMonth=6000..30000");
        HowSure.Row first = HowSure.rows(v).get(0);
        assertThat(first.input()).isEqualTo("opsCostPerMonth");
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.label()).isEqualTo("Ops cost per month, $");
        assertThat(first.range()).isEqualTo("6,000 to 30,000 (any value alike)");
        assertThat(first.basis()).startsWith("given in ranges");
        assertThat(first.rankCorrelation()).startsWith("-0.9");
    }

    @Test
    void aVerdictStoredBeforeProbabilitiesSaysNothing() {
        Verdict v = decide("requestsPerDay", "100000");
        Verdict old = new Verdict(v.id(), v.createdAt(), v.recommendation(), v.conditions(), v.figures(), v.sensitivity(),
                v.reasons(), v.caveats(), v.firedRules(), v.rulesRevision(), v.catalogDate(), v.scenario());
        assertThat(HowSure.line(old)).isEmpty();
        assertThat(HowSure.rows(old)).isEmpty();
    }
}
