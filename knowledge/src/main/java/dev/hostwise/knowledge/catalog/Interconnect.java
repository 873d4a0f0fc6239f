package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How GPUs in one server talk to each other: it decides what tensor parallelism costs, both the
 * calibrated efficiency per kind and the time the activations take to cross the link.
 *
 * @param kind        {@code nvlink}, {@code xgmi} (AMD Infinity Fabric) or {@code pcie}
 * @param gbPerSecond one GPU's bandwidth to its peers, per direction
 * @param description the link as its source names it, e.g. "NVLink 4, 18 links"
 */
public record Interconnect(
        @JsonProperty(required = true) String kind,
        @JsonProperty(required = true) double gbPerSecond,
        @JsonProperty(required = true) String description) {

    public static final java.util.Set<String> KINDS = java.util.Set.of("nvlink", "xgmi", "pcie");

    public Interconnect {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("interconnect.kind '" + kind + "' must be one of nvlink, xgmi, pcie");
        }
        CatalogChecks.positive("interconnect.gbPerSecond", gbPerSecond);
        CatalogChecks.source(description);
    }
}
