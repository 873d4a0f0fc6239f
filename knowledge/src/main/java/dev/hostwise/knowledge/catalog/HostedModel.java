package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A hosted API model and its list prices. */
public record HostedModel(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) double inputPer1M,
        @JsonProperty(required = true) double outputPer1M,
        @JsonProperty(required = true) String effective,
        @JsonProperty(required = true) String confidence,
        @JsonProperty(required = true) String source) {

    public HostedModel {
        CatalogChecks.id(id);
        CatalogChecks.nonNegative("inputPer1M", inputPer1M);
        CatalogChecks.nonNegative("outputPer1M", outputPer1M);
        CatalogChecks.confidence(confidence);
        CatalogChecks.source(source);
    }

    /** Figures marked anything but "high" must be verified before they are relied on. */
    public boolean needsVerification() {
        return !"high".equals(confidence);
    }
}
