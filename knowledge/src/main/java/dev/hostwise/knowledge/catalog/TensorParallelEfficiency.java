package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How much of the nominal MBU and MFU survives when one replica is split across {@code gpus} GPUs:
 * the all-reduce after every layer stalls both decode and prefill.
 *
 * @param rows ids of the measured rows this point was fitted to
 */
public record TensorParallelEfficiency(
        @JsonProperty(required = true) int gpus,
        @JsonProperty(required = true) double efficiency,
        @JsonProperty(required = true) List<String> rows,
        @JsonProperty(required = true) String source) {

    public TensorParallelEfficiency {
        CatalogChecks.positive("gpus", gpus);
        CatalogChecks.fraction("efficiency", efficiency);
        CatalogChecks.source(source);
        rows = List.copyOf(rows);
    }
}
