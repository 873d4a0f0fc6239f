package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One observed price for a GPU at one provider, with the date it was seen. */
public record GpuPrice(
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) String pricingType,
        @JsonProperty(required = true) double usdPerGpuHour,
        @JsonProperty(required = true) AsOf asOf,
        @JsonProperty(required = true) String source,
        Boolean verify) {

    public GpuPrice {
        verify = Boolean.TRUE.equals(verify);
        CatalogChecks.positive("usdPerGpuHour", usdPerGpuHour);
        CatalogChecks.pricingType(pricingType);
        CatalogChecks.source(source);
    }
}
