package dev.hostwise.knowledge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostwise.knowledge.TaskType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

    @Test
    void bundledCatalogHasTheIdsUsersType() {
        Catalog c = Catalog.bundled();
        assertThat(c.openModels()).extracting(OpenModel::id).contains("llama-2-7b", "llama-2-13b", "llama-2-70b");
        assertThat(c.gpus()).extracting(Gpu::id).contains("a10g", "l4", "a6000", "a100-40gb", "a100-80gb", "h100-80gb");
        assertThat(c.hostedModels()).extracting(HostedModel::id).contains("gpt-3.5-turbo", "gpt-4", "gpt-4o", "claude-3-haiku");
        assertThat(c.date()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(c.openModel("llama-2-13b").orElseThrow().fitFor(TaskType.CLASSIFICATION)).isEqualTo(TaskFit.STRONG);
        assertThat(c.openModel("llama-2-13b").orElseThrow().fitFor(TaskType.OPEN_ENDED_REASONING)).isEqualTo(TaskFit.WEAK);
    }

    @Test
    void negativePriceIsAnErrorWithFileAndLine(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Path hosted = dir.resolve(Catalog.HOSTED_MODELS);
        Files.writeString(hosted, Files.readString(hosted).replaceFirst("inputPer1M: 1.50", "inputPer1M: -1.50"));
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.fromDirectory(dir));
        assertThat(e.file()).isEqualTo(Catalog.HOSTED_MODELS);
        assertThat(e.line()).isGreaterThan(4);
        assertThat(e.getMessage()).contains("inputPer1M must be zero or more");
    }

    @Test
    void missingSourceIsAnError(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Path gpus = dir.resolve(Catalog.GPUS);
        Files.writeString(gpus, Files.readString(gpus).replaceFirst("(?m)^    source: .*\\n", ""));
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.fromDirectory(dir));
        assertThat(e.getMessage()).startsWith(Catalog.GPUS + ":").contains("source");
    }

    @Test
    void unknownPricingTypeIsAnError(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Path gpus = dir.resolve(Catalog.GPUS);
        Files.writeString(gpus, Files.readString(gpus).replaceFirst("pricingType: on-demand", "pricingType: per-fortnight"));
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.fromDirectory(dir));
        assertThat(e.getMessage()).contains("pricingType 'per-fortnight' must be one of");
    }

    static void copyBundled(Path dir) throws IOException {
        for (String name : new String[] {Catalog.OPEN_MODELS, Catalog.HOSTED_MODELS, Catalog.GPUS}) {
            try (InputStream in = Catalog.class.getResourceAsStream("/hostwise/catalog/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }
}
