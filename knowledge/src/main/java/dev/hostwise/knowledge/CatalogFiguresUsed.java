package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import dev.hostwise.knowledge.catalog.HostedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds which catalog figures a priced scenario rests on. A price counts as the catalog's when the
 * scenario's value is that catalog entry's value: the reader filled it in, or the user typed the
 * same figure. Either way the verdict rests on it, so its verify mark matters.
 */
public final class CatalogFiguresUsed {

    private final Catalog catalog;

    public CatalogFiguresUsed(Catalog catalog) {
        this.catalog = catalog;
    }

    public List<CatalogFigure> in(Scenario s, Figures f) {
        List<CatalogFigure> used = new ArrayList<>();
        Optional<Gpu> gpu = s.gpuType() == null ? Optional.empty() : catalog.gpu(s.gpuType());
        gpu.ifPresent(g -> {
            gpuPrice(g, s).ifPresent(used::add);
            if (f.estimate() != null) {
                used.add(new CatalogFigure(CatalogFigure.Kind.GPU_SPECS, g.name() + " specs",
                        String.format(Locale.ROOT, "%.0f GB, %.0f GB/s, %.0f dense FP16 TFLOPS",
                                g.memoryGB(), g.hbmGBps(), g.fp16DenseTflops()),
                        g.source(), "catalog of " + catalog.date(), g.verify()));
            }
        });
        if (s.hostedModel() != null && s.hasPriceSplit()) {
            catalog.hostedModel(s.hostedModel())
                    .filter(m -> m.inputPer1M() == s.hostedInputPricePer1M() && m.outputPer1M() == s.hostedOutputPricePer1M())
                    .map(CatalogFiguresUsed::hostedPrice)
                    .ifPresent(used::add);
        }
        return used;
    }

    private static Optional<CatalogFigure> gpuPrice(Gpu g, Scenario s) {
        boolean reserved = s.pricingMode() == PricingMode.RESERVED;
        Optional<GpuPrice> match = g.prices().stream()
                .filter(p -> p.pricingType().equals(reserved ? "reserved" : "on-demand")
                        && p.usdPerGpuHour() == s.gpuDollarsPerHour())
                .findFirst();
        if (match.isPresent()) {
            return match.map(p -> figure(g, p, reserved ? CatalogFigure.Kind.RESERVED_GPU_PRICE : CatalogFigure.Kind.GPU_PRICE));
        }
        if (!reserved) {
            return Optional.empty();
        }
        // a reservation priced at an on-demand rate: the reader's fallback when the catalog has no
        // reserved price for this GPU, or the user typed the on-demand figure although it has one
        CatalogFigure.Kind kind = g.defaultReserved().isEmpty()
                ? CatalogFigure.Kind.ON_DEMAND_PRICE_FOR_RESERVATION : CatalogFigure.Kind.GPU_PRICE;
        return g.prices().stream()
                .filter(p -> p.pricingType().equals("on-demand") && p.usdPerGpuHour() == s.gpuDollarsPerHour())
                .findFirst()
                .map(p -> figure(g, p, kind));
    }

    private static CatalogFigure figure(Gpu g, GpuPrice p, CatalogFigure.Kind kind) {
        return new CatalogFigure(kind, g.name() + " " + p.pricingType() + " price",
                String.format(Locale.ROOT, "$%.2f per GPU-hour at %s", p.usdPerGpuHour(), p.provider()),
                p.source(), p.asOf().toString(), p.verify());
    }

    private static CatalogFigure hostedPrice(HostedModel m) {
        return new CatalogFigure(CatalogFigure.Kind.HOSTED_PRICE, m.name() + " price",
                String.format(Locale.ROOT, "$%.2f in / $%.2f out per 1M tokens at %s", m.inputPer1M(), m.outputPer1M(),
                        m.provider()),
                m.source(), m.effective(), m.needsVerification());
    }
}
