package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How much of the class's MBU and MFU survives when one replica is split across {@code gpus} GPUs
 * on this kind of interconnect: the synchronisation after every layer stalls decode and prefill.
 * (The time the activations take to cross the link is added separately, from its bandwidth.)
 *
 * @param gpuClass     the GPU class this point is for; null for the interconnect's default, used by
 *                     every class without its own points
 * @param interconnect {@code nvlink}, {@code xgmi} or {@code pcie}
 * @param rows         ids of the measured rows this point was fitted to; empty for an assumed point
 */
public record TensorParallelEfficiency(
        @JsonProperty("class") String gpuClass,
        @JsonProperty(required = true) String interconnect,
        @JsonProperty(required = true) int gpus,
        @JsonProperty(required = true) double efficiency,
        @JsonProperty(required = true) List<String> rows,
        @JsonProperty(required = true) String source) {

    public TensorParallelEfficiency {
        if (gpuClass != null) {
            CatalogChecks.id(gpuClass);
        }
        if (!Interconnect.KINDS.contains(interconnect)) {
            throw new IllegalArgumentException("tensorParallel interconnect '" + interconnect + "' must be one of nvlink, xgmi, pcie");
        }
        if (gpus < 2) {
            throw new IllegalArgumentException("tensorParallel gpus must be 2 or more (one GPU needs no splitting), got " + gpus);
        }
        CatalogChecks.fraction("efficiency", efficiency);
        CatalogChecks.source(source);
        rows = List.copyOf(rows);
    }
}
