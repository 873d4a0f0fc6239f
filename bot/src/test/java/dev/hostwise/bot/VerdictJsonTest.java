package dev.hostwise.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.rules.Verdict;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stored verdict reads back as exactly the verdict that was written. */
class VerdictJsonTest {

    private static final Hostwise HOSTWISE = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());
    private final VerdictJson json = new VerdictJson();

    @Test
    void aVerdictWithAnEstimateAndSensitivityRoundTrips() {
        Verdict v = HOSTWISE.decide(HOSTWISE.reader().fromText(Map.of("requestsPerDay", "400000", "openModel", "llama-2-13b",
                "gpuType", "a100-80gb", "pricingMode", "AUTOSCALED", "minReplicas", "2", "taskType", "EXTRACTION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE")));
        assertThat(v.figures().estimate()).isNotNull();
        assertThat(v.sensitivity().inputs()).isNotEmpty();
        String written = json.write(v);
        Verdict read = json.read(written);
        assertThat(read).isEqualTo(v);
        assertThat(json.write(read)).isEqualTo(written);
        assertThat(written.indexOf("\"VOLUME\"")).isLessThan(written.indexOf("\"QUALITY\"")).isLessThan(written.indexOf("\"PRIVACY\""));
    }

    @Test
    void aStoredRowIsOneObjectWithEachKeyOnceAndFieldsFromANewerVersionAreStillRead() {
        Verdict v = HOSTWISE.decide(HOSTWISE.reader().fromText(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE")));
        String row = json.writeCompact(v);
        // a newer version's extra field is ignored, as before
        assertThat(json.read(row.replaceFirst("\\{", "{\"addedLater\": 1, "))).isEqualTo(v);
        // a row with a key twice, or with something after it, is not a verdict
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.read(row.replaceFirst("\\{", "{\"id\": \"HW-2026-9999\", ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate field 'id'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.read(row + row))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Trailing token");
    }
}
