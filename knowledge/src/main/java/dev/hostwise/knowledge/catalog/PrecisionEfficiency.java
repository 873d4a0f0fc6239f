package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;
import java.util.List;

/**
 * How much of the class's MBU and MFU weights stored in a compressed format keep when the GPU
 * dequantises them inside its kernels (INT8, INT4, and MXFP4 on a GPU without FP4 tensor cores):
 * the unpacking costs some of what the smaller weights save.
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
