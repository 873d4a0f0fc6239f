package dev.hostwise.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.HostedModel;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which catalog figures a decision rests on, and how old each is on the day it is made. */
class CatalogFiguresUsedTest {

    private static final Catalog CATALOG = Catalog.bundled();
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    private static Scenario scenario(Map<String, String> fields) {
        return new ScenarioReader(CATALOG).fromText(fields);
    }

    @Test
    void aHostedPriceIsDatedAndCalledStaleOnlyPastTheLimit() {
        Scenario s = scenario(Map.of("requestsPerDay", "100000", "hostedModel", "gpt-4.1-mini", "inputTokens", "900",
                "outputTokens", "300", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        Figures f = new CostModel().price(s, null);
        CatalogFigure fresh = new CatalogFiguresUsed(CATALOG).in(s, f, DAY).stream()
                .filter(c -> c.kind() == CatalogFigure.Kind.HOSTED_PRICE).findFirst().orElseThrow();
        assertThat(fresh.what()).isEqualTo("GPT-4.1 mini price");
        assertThat(fresh.value()).isEqualTo("$0.40 in / $1.60 out per 1M tokens at OpenAI");
        assertThat(fresh.asOf().text()).isEqualTo("2026-11-30");
        assertThat(fresh.ageInDays()).isEqualTo(1);
        assertThat(fresh.stale()).isFalse();
        assertThat(fresh.staleAfterDays()).isEqualTo(180);

        CatalogFigure old = new CatalogFiguresUsed(CATALOG).in(s, f, LocalDate.of(2027, 5, 30)).get(0);
        assertThat(old.ageInDays()).isEqualTo(181);
        assertThat(old.stale()).isTrue();
        // the limit is configuration, not code
        assertThat(new CatalogFiguresUsed(CATALOG, new StaleAfter(1)).in(s, f, LocalDate.of(2026, 12, 2)).get(0).stale()).isTrue();
    }

    @Test
    void aTypedPriceThatIsNotTheCatalogsIsNotTheCatalogsToDate() {
        Scenario s = scenario(Map.of("requestsPerDay", "100000", "hostedModel", "gpt-4.1-mini", "hostedInputPricePer1M", "0.30",
                "hostedOutputPricePer1M", "1.20", "inputTokens", "900", "outputTokens", "300", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        assertThat(new CatalogFiguresUsed(CATALOG).in(s, new CostModel().price(s, null), LocalDate.of(2030, 1, 1))).isEmpty();
    }

    @Test
    void gpuSpecsNeverGoStaleButTheGpuPriceDoes() {
        Scenario s = scenario(Map.of("requestsPerDay", "100000", "openModel", "llama-2-13b", "gpuType", "a100-80gb",
                "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        Figures f = new CostModel().price(s, new ThroughputEstimator(CATALOG).estimateFor(s).orElseThrow());
        List<CatalogFigure> used = new CatalogFiguresUsed(CATALOG).in(s, f, LocalDate.of(2040, 1, 1));
        assertThat(used).filteredOn(c -> c.kind() == CatalogFigure.Kind.GPU_SPECS).singleElement()
                .satisfies(c -> assertThat(c.stale()).isFalse());
        assertThat(used).filteredOn(c -> c.kind() == CatalogFigure.Kind.GPU_PRICE).singleElement()
                .satisfies(c -> assertThat(c.stale()).isTrue());
    }

    @Test
    void inUseMeansEachGpusDefaultPricesEveryHostedPriceAndEveryCitedMeasurement() {
        List<CatalogFigure> inUse = new CatalogFiguresUsed(CATALOG).inUse(DAY);
        assertThat(inUse).filteredOn(c -> c.kind() == CatalogFigure.Kind.HOSTED_PRICE)
                .hasSize(CATALOG.hostedModels().size());
        assertThat(inUse).filteredOn(c -> c.kind() == CatalogFigure.Kind.GPU_PRICE)
                .hasSize((int) CATALOG.gpus().stream().filter(g -> g.defaultOnDemand().isPresent()).count());
        assertThat(inUse).filteredOn(c -> c.kind() == CatalogFigure.Kind.RESERVED_GPU_PRICE)
                .hasSize((int) CATALOG.gpus().stream().map(Gpu::defaultReserved).filter(java.util.Optional::isPresent).count());
        assertThat(inUse).anyMatch(c -> c.kind() == CatalogFigure.Kind.THROUGHPUT_ROW);

        CatalogFigure oldest = new CatalogFiguresUsed(CATALOG).oldestInUse(DAY).orElseThrow();
        assertThat(inUse).allSatisfy(c -> assertThat(c.asOf().latest()).isAfterOrEqualTo(oldest.asOf().latest()));
        assertThat(oldest.stale()).isTrue();
        // the hand-written 2023 prices are in use too: a catalog only grows older until someone looks
        assertThat(inUse).anySatisfy(c -> {
            assertThat(c.what()).isEqualTo(CATALOG.hostedModel("gpt-3.5-turbo").map(HostedModel::name).orElseThrow() + " price");
            assertThat(c.stale()).isTrue();
        });
    }
}
