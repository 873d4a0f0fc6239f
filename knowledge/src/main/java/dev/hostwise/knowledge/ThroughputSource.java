package dev.hostwise.knowledge;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the requests-per-second figure came from. Only a measured figure can justify buying hardware. */
public enum ThroughputSource {
    /** The user load-tested it. */
    MEASURED,
    /** Hostwise derived it from the model and GPU specs. */
    ESTIMATED,
    /** The default, or a number the user typed without a load test. */
    ASSUMED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
