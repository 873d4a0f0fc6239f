package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;
import java.util.List;

/**
 * How much of the nominal MBU quantised weights reach: dequantising in the kernel costs some of the
 * bandwidth the smaller weights save.
 *
 * @param rows ids of the measured rows this factor was fitted to
 */
public record PrecisionEfficiency(
        @JsonProperty(required = true) Precision precision,
        @JsonProperty(required = true) double efficiency,
        @JsonProperty(required = true) List<String> rows,
        @JsonProperty(required = true) String source) {

    public PrecisionEfficiency {
        CatalogChecks.fraction("efficiency", efficiency);
        CatalogChecks.source(source);
        rows = List.copyOf(rows);
    }
}
