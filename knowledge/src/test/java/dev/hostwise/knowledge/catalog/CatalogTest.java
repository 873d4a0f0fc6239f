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
        CatalogException e = afterEditing(dir, Catalog.HOSTED_MODELS, t -> t.replaceFirst("inputPer1M: 1.50", "inputPer1M: -1.50"));
        assertThat(e.file()).isEqualTo(Catalog.HOSTED_MODELS);
        assertThat(e.line()).isGreaterThan(4);
        assertThat(e.getMessage()).contains("inputPer1M must be zero or more");
    }

    @Test
    void missingSourceIsAnError(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.GPUS, t -> t.replaceFirst("(?m)^    source: .*\\n", ""));
        assertThat(e.getMessage()).startsWith(Catalog.GPUS + ":").contains("source");
    }

    @Test
    void unknownPricingTypeIsAnError(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.GPUS, t -> t.replaceFirst("pricingType: on-demand", "pricingType: per-fortnight"));
        assertThat(e.getMessage()).contains("pricingType 'per-fortnight' must be one of");
    }

    @Test
    void everyEfficiencyNamesTheMeasuredRowsItWasFittedTo() {
        ThroughputCalibration c = Catalog.bundled().calibration();
        assertThat(c.mbu()).isEqualTo(0.6);
        assertThat(c.mfu()).isEqualTo(0.5);
        assertThat(c.tensorParallel()).filteredOn(p -> p.gpus() > 1).allSatisfy(p -> assertThat(p.rows()).isNotEmpty());
        assertThat(c.precision()).filteredOn(p -> p.precision() != dev.hostwise.knowledge.Precision.FP16)
                .allSatisfy(p -> assertThat(p.rows()).isNotEmpty());
        assertThat(c.rows()).extracting(MeasuredThroughput::use).contains(MeasuredThroughput.Use.CALIBRATION,
                MeasuredThroughput.Use.CHECK, MeasuredThroughput.Use.OUTLIER);
    }

    @Test
    void tensorParallelEfficiencyFallsWithMoreGpusAndInterpolatesBetweenPoints() {
        ThroughputCalibration c = Catalog.bundled().calibration();
        assertThat(c.tensorParallelEfficiency(1)).isEqualTo(1.0);
        assertThat(c.tensorParallelEfficiency(8)).isLessThan(c.tensorParallelEfficiency(4));
        assertThat(c.tensorParallelEfficiency(6)).isBetween(c.tensorParallelEfficiency(8), c.tensorParallelEfficiency(4));
        assertThat(c.tensorParallelEfficiency(16)).isEqualTo(c.tensorParallelEfficiency(8));
    }

    @Test
    void aCalibrationRowForAModelNotInTheCatalogIsAnErrorWithItsLine(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.THROUGHPUT_CALIBRATION, t -> t.replaceFirst("model: llama-2-13b", "model: llama-2-14b"));
        assertThat(e.file()).isEqualTo(Catalog.THROUGHPUT_CALIBRATION);
        assertThat(e.line()).isGreaterThan(10);
        assertThat(e.getMessage()).contains("llama-2-14b", "not in open-models.yaml");
    }

    @Test
    void anUnknownMetricIsAnError(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.THROUGHPUT_CALIBRATION, t -> t.replaceFirst(
                "metric: decode-tokens-per-second-per-sequence", "metric: furlongs-per-fortnight"));
        assertThat(e.file()).isEqualTo(Catalog.THROUGHPUT_CALIBRATION);
        assertThat(e.line()).isGreaterThan(10);
        assertThat(e.getMessage()).contains("furlongs-per-fortnight");
    }

    @Test
    void anUnknownWeightUnitAndAWrongKvSizeAreErrors(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        assertThat(afterEditing(dir, Catalog.OPEN_MODELS, t -> t.replaceFirst("int4: 3.4", "int3: 3.4")).getMessage())
                .startsWith(Catalog.OPEN_MODELS + ":").contains("weightsGB unit 'int3'");
        copyBundledOver(dir, Catalog.OPEN_MODELS);
        assertThat(afterEditing(dir, Catalog.OPEN_MODELS, t -> t.replaceFirst("kvBytesPerToken: 524288", "kvBytesPerToken: 524000")).getMessage())
                .contains("kvBytesPerToken 524000 does not match", "524288");
    }

    @Test
    void aDirectoryWithoutTheCalibrationFileSaysWhichFilesItNeeds(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Files.delete(dir.resolve(Catalog.THROUGHPUT_CALIBRATION));
        assertThat(catchThrowableOfType(CatalogException.class, () -> Catalog.fromDirectory(dir)).getMessage())
                .contains("file not found", Catalog.THROUGHPUT_CALIBRATION);
    }

    @Test
    void anEmptyEntriesKeyIsAnErrorNamingTheFileAndTheKey(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.HOSTED_MODELS, t -> t.substring(0, t.indexOf("entries:")) + "entries:\n");
        assertThat(e.file()).isEqualTo(Catalog.HOSTED_MODELS);
        assertThat(e.line()).isPositive();
        assertThat(e.getMessage()).startsWith(Catalog.HOSTED_MODELS + ":").contains("'entries:' is empty");
    }

    @Test
    void anEmptyUpdatedKeyIsAnErrorNamingTheFileAndTheKey(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.GPUS, t -> t.replaceFirst("(?m)^updated: .*$", "updated:"));
        assertThat(e.file()).isEqualTo(Catalog.GPUS);
        assertThat(e.getMessage()).contains("'updated:' is empty");

        copyBundledOver(dir, Catalog.GPUS);
        e = afterEditing(dir, Catalog.THROUGHPUT_CALIBRATION, t -> t.replaceFirst("(?m)^updated: .*$", "updated:"));
        assertThat(e.file()).isEqualTo(Catalog.THROUGHPUT_CALIBRATION);
        assertThat(e.getMessage()).contains("'updated:' is empty");
    }

    @Test
    void aMissingEntriesKeyAndAnEmptyFileAreErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.OPEN_MODELS, t -> t.substring(0, t.indexOf("entries:")));
        assertThat(e.file()).isEqualTo(Catalog.OPEN_MODELS);
        assertThat(e.getMessage()).contains("entries");

        e = afterEditing(dir, Catalog.OPEN_MODELS, t -> "");
        assertThat(e.file()).isEqualTo(Catalog.OPEN_MODELS);
        assertThat(e.getMessage()).contains("is empty");

        e = afterEditing(dir, Catalog.OPEN_MODELS, t -> "# nothing but a comment\n");
        assertThat(e.file()).isEqualTo(Catalog.OPEN_MODELS);
        assertThat(e.getMessage()).contains("is empty", "'updated:' and 'entries:'");
    }

    @Test
    void anEmptyCalibrationListIsAnErrorNamingTheKey(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.THROUGHPUT_CALIBRATION, t -> t.substring(0, t.indexOf("\nrows:")) + "\nrows:\n");
        assertThat(e.file()).isEqualTo(Catalog.THROUGHPUT_CALIBRATION);
        assertThat(e.getMessage()).contains("rows is empty");
    }

    @Test
    void theRevisionHashesTheFourFilesByName() throws IOException {
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        for (String name : new String[] {Catalog.OPEN_MODELS, Catalog.HOSTED_MODELS, Catalog.GPUS,
                Catalog.THROUGHPUT_CALIBRATION}) {
            try (InputStream in = Catalog.class.getResourceAsStream("/hostwise/catalog/" + name)) {
                texts.put(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(Catalog.bundled().revision()).isEqualTo(dev.hostwise.knowledge.Revisions.of(texts)).hasSize(12);
    }

    @Test
    void theRevisionIsKnownBeforeTheCatalogIsParsedAndMatchesIt(@TempDir Path dir) throws IOException {
        assertThat(Catalog.bundledRevision()).isEqualTo(Catalog.bundled().revision());
        copyBundled(dir);
        Path gpus = dir.resolve(Catalog.GPUS);
        Files.writeString(gpus, Files.readString(gpus) + "\n# an edit\n");
        assertThat(Catalog.revisionOf(dir)).isEqualTo(Catalog.fromDirectory(dir).revision())
                .isNotEqualTo(Catalog.bundledRevision());
    }

    /** Edits one catalog file in {@code dir} and returns how loading the directory was refused. */
    private static CatalogException afterEditing(Path dir, String file, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        Path p = dir.resolve(file);
        Files.writeString(p, edit.apply(Files.readString(p)));
        return catchThrowableOfType(CatalogException.class, () -> Catalog.fromDirectory(dir));
    }

    private static void copyBundledOver(Path dir, String name) throws IOException {
        try (InputStream in = Catalog.class.getResourceAsStream("/hostwise/catalog/" + name)) {
            Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void copyBundled(Path dir) throws IOException {
        for (String name : new String[] {Catalog.OPEN_MODELS, Catalog.HOSTED_MODELS, Catalog.GPUS,
                Catalog.THROUGHPUT_CALIBRATION}) {
            try (InputStream in = Catalog.class.getResourceAsStream("/hostwise/catalog/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }
}
