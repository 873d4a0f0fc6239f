package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import dev.hostwise.knowledge.catalog.HostedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a scenario's prices are the catalog's: the split hosted prices when they are what its
 * {@code hostedModel} lists, and the GPU price when it is what its {@code gpuType} lists for the pricing
 * mode. As with {@link CatalogFiguresUsed}, a price typed equal to the catalog's counts as the catalog's:
 * the verdict rests on the catalog figure either way. Stored with a verdict, it lets a later decision
 * take those prices from a later catalog, so a price import reaches stored verdicts; a price the user
 * typed differently stays theirs.
 */
public final class CatalogPrices {

    private CatalogPrices() {
    }

    /** The JSON names of the scenario's fields whose values are the catalog's prices, in field order. */
    public static List<String> of(Scenario s, Catalog catalog) {
        List<String> fields = new ArrayList<>();
        if (s.hostedModel() != null && s.hostedInputPricePer1M() != null && s.hostedOutputPricePer1M() != null) {
            Optional<HostedModel> m = catalog.hostedModel(s.hostedModel());
            if (m.isPresent() && m.get().inputPer1M() == s.hostedInputPricePer1M() && m.get().outputPer1M() == s.hostedOutputPricePer1M()) {
                fields.add(ScenarioField.HOSTED_INPUT_PRICE_PER_1M.json());
                fields.add(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M.json());
            }
        }
        if (s.gpuType() != null && !s.searchesConfiguration() && s.gpuDollarsPerHour() != null) {
            Optional<Gpu> g = catalog.gpu(s.gpuType());
            Optional<GpuPrice> filled = g.flatMap(gpu -> s.pricingMode() == PricingMode.RESERVED
                    ? gpu.defaultReserved().or(gpu::defaultOnDemand) : gpu.defaultOnDemand());
            if (filled.isPresent() && filled.get().usdPerGpuHour() == s.gpuDollarsPerHour()) {
                fields.add(ScenarioField.GPU_DOLLARS_PER_HOUR.json());
            }
        }
        return List.copyOf(fields);
    }
}
