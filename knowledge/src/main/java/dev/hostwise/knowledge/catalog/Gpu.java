package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;
import java.util.List;
import java.util.Optional;

/**
 * An accelerator: the specs the throughput estimate needs, and the prices seen for it.
 *
 * @param architecture     the calibration class its efficiencies come from, e.g. {@code hopper}
 * @param fp16DenseTflops  dense (no sparsity) 16-bit tensor throughput, BF16 and FP16 alike
 * @param fp8DenseTflops   dense FP8 tensor throughput; null when the GPU has no FP8 tensor cores
 * @param fp4DenseTflops   dense FP4 tensor throughput; null when the GPU has no FP4 tensor cores
 * @param specsAsOf        when the specs were seen in the source
 * @param verify           true when the reference data flags one of the specs as unconfirmed
 */
public record Gpu(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String architecture,
        @JsonProperty(required = true) double memoryGB,
        @JsonProperty(required = true) double hbmGBps,
        @JsonProperty(required = true) double fp16DenseTflops,
        Double fp8DenseTflops,
        Double fp4DenseTflops,
        @JsonProperty(required = true) Interconnect interconnect,
        @JsonProperty(required = true) AsOf specsAsOf,
        @JsonProperty(required = true) String source,
        Boolean verify,
        @JsonProperty(required = true) List<GpuPrice> prices) {

    public Gpu {
        CatalogChecks.id(id);
        CatalogChecks.id(architecture);
        CatalogChecks.positive("memoryGB", memoryGB);
        CatalogChecks.positive("hbmGBps", hbmGBps);
        CatalogChecks.positive("fp16DenseTflops", fp16DenseTflops);
        if (fp8DenseTflops != null) {
            CatalogChecks.positive("fp8DenseTflops", fp8DenseTflops);
        }
        if (fp4DenseTflops != null) {
            CatalogChecks.positive("fp4DenseTflops", fp4DenseTflops);
        }
        CatalogChecks.present("interconnect", interconnect);
        CatalogChecks.source(source);
        verify = Boolean.TRUE.equals(verify);
        CatalogChecks.present("prices", prices);
        prices = List.copyOf(prices);
        if (prices.isEmpty()) {
            throw new IllegalArgumentException("prices is empty; list at least one observed on-demand price");
        }
        if (prices.stream().noneMatch(p -> p.pricingType().equals("on-demand"))) {
            throw new IllegalArgumentException("prices has no on-demand price; list one first: it is the default Hostwise"
                    + " prices with and the configuration search compares");
        }
    }

    public boolean hasFp8() {
        return fp8DenseTflops != null;
    }

    public boolean hasFp4() {
        return fp4DenseTflops != null;
    }

    /** Dense tensor TFLOPS for this arithmetic; NaN when the GPU lacks it. */
    public double denseTflops(Precision.Compute compute) {
        return switch (compute) {
            case SIXTEEN_BIT -> fp16DenseTflops;
            case FP8 -> fp8DenseTflops == null ? Double.NaN : fp8DenseTflops;
            case FP4 -> fp4DenseTflops == null ? Double.NaN : fp4DenseTflops;
        };
    }

    /** The arithmetic this precision runs with on this GPU, or null when the GPU lacks it. */
    public Precision.Compute computeFor(Precision precision) {
        return precision.computeOn(hasFp8(), hasFp4());
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
