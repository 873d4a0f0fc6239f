package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * An accelerator: the specs the throughput estimate needs, and the prices seen for it.
 *
 * @param verify true when the reference data flags one of the specs as unconfirmed
 */
public record Gpu(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) double memoryGB,
        @JsonProperty(required = true) double hbmGBps,
        @JsonProperty(required = true) double fp16DenseTflops,
        @JsonProperty(required = true) String source,
        Boolean verify,
        @JsonProperty(required = true) List<GpuPrice> prices) {

    public Gpu {
        CatalogChecks.id(id);
        CatalogChecks.positive("memoryGB", memoryGB);
        CatalogChecks.positive("hbmGBps", hbmGBps);
        CatalogChecks.positive("fp16DenseTflops", fp16DenseTflops);
        CatalogChecks.source(source);
        verify = Boolean.TRUE.equals(verify);
        prices = List.copyOf(prices);
        if (prices.isEmpty()) {
            throw new IllegalArgumentException("prices is empty; list at least one observed on-demand price");
        }
    }

    /** The first on-demand price listed: the catalog lists its preferred default first. */
    public Optional<GpuPrice> defaultOnDemand() {
        return firstOf("on-demand");
    }

    /** The first reserved (committed) price listed, when the catalog knows one. */
    public Optional<GpuPrice> defaultReserved() {
        return firstOf("reserved");
    }

    private Optional<GpuPrice> firstOf(String pricingType) {
        return prices.stream().filter(p -> p.pricingType().equals(pricingType)).findFirst();
    }
}
