package dev.hostwise.bot.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.rules.Verdict;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictComparisonTest {

    private static final Hostwise HOSTWISE = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());

    private static Verdict decide(String volume) {
        return HOSTWISE.decide(HOSTWISE.reader().fromText(Map.of("requestsPerDay", volume, "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE", "throughputMeasured", "true")));
    }

    @Test
    void theSameInputsChangeNothing() {
        assertThat(VerdictComparison.of(decide("100000"), decide("100000")).changes()).isEmpty();
    }

    @Test
    void aFlippedVerdictListsTheRecommendationTheConditionAndTheFigures() {
        VerdictComparison c = VerdictComparison.of(decide("100000"), decide("1000000"));
        assertThat(c.recommendationChanged()).isTrue();
        assertThat(c.changes()).extracting(VerdictChange::toString)
                .contains("recommendation: Stay on the hosted API -> Self-host", "VOLUME: does not hold -> holds",
                        "hostedPerDay: $240.00 -> $2,400.00");
    }
}
