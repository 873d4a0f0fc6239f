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
        assertThat(c.date()).isEqualTo(LocalDate.of(2026, 12, 1));
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
        assertThat(c.classes()).filteredOn(GpuClassCalibration::measured).allSatisfy(k -> assertThat(k.rows()).isNotEmpty());
        // a class with no measured row borrows another's figures and says so
        assertThat(c.classes()).filteredOn(k -> !k.measured()).extracting(GpuClassCalibration::name).contains("ada", "cdna3");
        assertThat(c.effectiveClass("cdna3").name()).isEqualTo("hopper");
        assertThat(c.precision()).allSatisfy(p -> assertThat(p.rows()).isNotEmpty());
        assertThat(c.decodeComputeRows()).isNotEmpty();
        assertThat(c.moe().efficiencyRows()).isNotEmpty();
        assertThat(c.moe().dispatchRows()).isNotEmpty();
        // the only assumed points are AMD's Infinity Fabric, for which no row was measured
        assertThat(c.tensorParallel()).filteredOn(p -> p.rows().isEmpty())
                .allSatisfy(p -> assertThat(p.interconnect()).isEqualTo("xgmi"));
        assertThat(c.rows()).extracting(MeasuredThroughput::use).contains(MeasuredThroughput.Use.CALIBRATION,
                MeasuredThroughput.Use.CHECK, MeasuredThroughput.Use.OUTLIER);
        assertThat(c.rows()).filteredOn(r -> r.use() == MeasuredThroughput.Use.OUTLIER)
                .allSatisfy(r -> assertThat(r.note()).as(r.id()).isNotBlank());
    }

    @Test
    void tensorParallelEfficiencyDependsOnTheClassAndTheInterconnect() {
        ThroughputCalibration c = Catalog.bundled().calibration();
        assertThat(c.tensorParallelEfficiency("hopper", "nvlink", 1)).isEqualTo(1.0);
        // 2023 engines on Ampere lost far more over 8 GPUs than today's on Hopper
        assertThat(c.tensorParallelEfficiency("ampere", "nvlink", 8)).isEqualTo(0.45);
        assertThat(c.tensorParallelEfficiency("hopper", "nvlink", 8)).isGreaterThan(0.45);
        // between listed points it is interpolated in log2(GPUs), beyond the last held
        assertThat(c.tensorParallelEfficiency("ampere", "nvlink", 4)).isBetween(0.45, 1.0);
        assertThat(c.tensorParallelEfficiency("ampere", "pcie", 2)).isBetween(0.58, 1.0);
        assertThat(c.tensorParallelEfficiency("ada", "pcie", 8)).isEqualTo(c.tensorParallelEfficiency("ada", "pcie", 4));
        // PCIe loses more than NVLink on the same class
        assertThat(c.tensorParallelEfficiency("hopper", "pcie", 4)).isLessThan(c.tensorParallelEfficiency("hopper", "nvlink", 4));
    }

    @Test
    void theModelsAndGpusTheIssueNamesAreInTheCatalogWithTheirSourceAndDate() {
        Catalog c = Catalog.bundled();
        assertThat(c.openModels()).extracting(OpenModel::id).contains("llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b",
                "llama-3.3-70b", "llama-4-scout", "llama-4-maverick", "qwen2.5-7b", "qwen2.5-72b", "qwen3-8b", "qwen3-32b",
                "qwen3-30b-a3b", "qwen3-235b-a22b", "deepseek-v3", "mixtral-8x7b", "mistral-small-3", "gpt-oss-20b",
                "gpt-oss-120b", "gemma-3-27b");
        assertThat(c.gpus()).extracting(Gpu::id).contains("l4", "a10g", "l40s", "a6000", "a100-40gb", "a100-80gb",
                "h100-pcie", "h100-80gb", "h200", "b200", "mi300x");
        assertThat(c.gpus()).allSatisfy(g -> {
            assertThat(g.source()).isNotBlank();
            assertThat(g.specsAsOf()).isNotNull();
            assertThat(g.defaultOnDemand()).as(g.id() + " needs an on-demand price to be searchable").isPresent();
            g.prices().forEach(p -> assertThat(p.asOf()).isNotNull());
        });
        assertThat(c.openModels()).allSatisfy(m -> {
            assertThat(m.asOf()).isNotNull();
            assertThat(m.precisions()).isNotEmpty();
            for (TaskType t : TaskType.values()) {
                assertThat(m.taskFitSourceFor(t)).as(m.id() + " " + t).isNotBlank();
            }
        });
    }

    @Test
    void architectureFiguresMatchWhatTheConfigsSay() {
        Catalog c = Catalog.bundled();
        OpenModel deepseek = c.openModel("deepseek-v3").orElseThrow();
        // MLA caches the 512 + 64 latent per token and layer, not 128 heads x 128
        assertThat(deepseek.kvBytesPerToken()).isEqualTo(61L * (512 + 64) * 2);
        // routed experts derived from total, active, experts and k agree with the configs' expert shapes
        assertThat(deepseek.routedParamsBillion()).isCloseTo(58.0 * 3 * 7168 * 2048 * 256 / 1e9, org.assertj.core.data.Percentage.withPercentage(1));
        OpenModel qwen = c.openModel("qwen3-235b-a22b").orElseThrow();
        assertThat(qwen.routedParamsBillion()).isCloseTo(94.0 * 3 * 4096 * 1536 * 128 / 1e9, org.assertj.core.data.Percentage.withPercentage(1));
        OpenModel oss = c.openModel("gpt-oss-120b").orElseThrow();
        // MXFP4 experts at 4.25 bits plus the rest at 16: about the 65 GB the checkpoint takes
        assertThat(oss.weightBytes(dev.hostwise.knowledge.Precision.MXFP4) / 1e9).isBetween(60.0, 68.0);
        assertThat(c.openModel("gemma-3-27b").orElseThrow().localAttention().layers()).isEqualTo(52);
    }

    @Test
    void inconsistentArchitectureFiguresAreRefusedAtLoad(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        assertThat(afterEditing(dir, Catalog.OPEN_MODELS, t -> t.replaceFirst("kvBytesPerToken: 70272", "kvBytesPerToken: 4000000")).getMessage())
                .contains("deepseek", "kvLoraRank + qkRopeHeadDim", "70272");
        copyBundledOver(dir, Catalog.OPEN_MODELS);
        assertThat(afterEditing(dir, Catalog.OPEN_MODELS, t -> t.replaceFirst("activeParamsBillion: 37", "activeParamsBillion: 700")).getMessage())
                .contains("activeParamsBillion 700", "below paramsBillion");
        copyBundledOver(dir, Catalog.OPEN_MODELS);
        assertThat(afterEditing(dir, Catalog.OPEN_MODELS, t -> t.replaceFirst("experts: 256, activePerToken: 8", "experts: 256, activePerToken: 300")).getMessage())
                .contains("moe.activePerToken 300 must be fewer than moe.experts 256");
    }

    @Test
    void aGpuWhoseArchitectureHasNoCalibrationClassIsRefusedWithItsLine(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.GPUS, t -> t.replaceFirst("architecture: cdna3", "architecture: cdna9"));
        assertThat(e.file()).isEqualTo(Catalog.GPUS);
        assertThat(e.line()).isPositive();
        assertThat(e.getMessage()).contains("cdna9", "no class in " + Catalog.THROUGHPUT_CALIBRATION);
    }

    @Test
    void anEfficiencyCitingARowThatIsNotListedIsRefused(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        CatalogException e = afterEditing(dir, Catalog.THROUGHPUT_CALIBRATION,
                t -> t.replaceFirst("dispatchRows: \\[inferencex-dsr1-8xh200-fp8-c4\\]", "dispatchRows: [no-such-row]"));
        assertThat(e.getMessage()).contains("no-such-row", "not listed under rows");
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
        assertThat(Catalog.bundledSource().revision()).isEqualTo(Catalog.bundled().revision());
        copyBundled(dir);
        Path gpus = dir.resolve(Catalog.GPUS);
        Files.writeString(gpus, Files.readString(gpus) + "\n# an edit\n");
        assertThat(Catalog.sourceOf(dir).revision()).isEqualTo(Catalog.fromDirectory(dir).revision())
                .isNotEqualTo(Catalog.bundledSource().revision());
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
