package dev.hostwise.knowledge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostwise.knowledge.cache.CacheEntries;
import dev.hostwise.knowledge.cache.RecordCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.example.NotACatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsed-catalog cache: the same catalog as a fresh parse, never another revision's, never a bad edit. */
class CatalogCacheTest {

    @TempDir
    Path cacheDir;
    @TempDir
    Path catalogDir;

    private final List<String> notes = new ArrayList<>();

    private CatalogCache cache() {
        return new CatalogCache(cacheDir, notes::add);
    }

    @Test
    void aCatalogReadBackFromTheCacheIsTheCatalogTheFilesGive() {
        Catalog parsed = Catalog.bundled();
        Catalog first = cache().bundled().load();
        Path entry = cache().entry(parsed.revision());
        assertThat(entry).exists();
        long written = entry.toFile().lastModified();

        Catalog cached = cache().bundled().load();

        assertThat(entry.toFile().lastModified()).as("a hit is not rewritten").isEqualTo(written);
        for (Catalog c : List.of(first, cached)) {
            assertThat(c.revision()).isEqualTo(parsed.revision());
            assertThat(c.date()).isEqualTo(parsed.date());
            assertThat(sorted(c.openModels(), OpenModel::id)).isEqualTo(sorted(parsed.openModels(), OpenModel::id));
            assertThat(sorted(c.hostedModels(), HostedModel::id)).isEqualTo(sorted(parsed.hostedModels(), HostedModel::id));
            assertThat(sorted(c.gpus(), Gpu::id)).isEqualTo(sorted(parsed.gpus(), Gpu::id));
            assertThat(c.calibration()).isEqualTo(parsed.calibration());
            assertThat(c.openModel("llama-2-13b")).isEqualTo(parsed.openModel("llama-2-13b"));
        }
        assertThat(notes).isEmpty();
    }

    @Test
    void theBundledRevisionIsKnownWithoutParsingOnceTheBuildHasBeenSeen() {
        String revision = Catalog.bundledSource().revision();
        assertThat(cache().bundled().revision()).isEqualTo(revision);
        assertThat(cacheDir.toFile().list((d, name) -> name.endsWith("." + CatalogCache.BUNDLED_REVISION_KIND))).hasSize(1);
        assertThat(cache().bundled().revision()).as("read back").isEqualTo(revision);
    }

    @Test
    void anEditedCatalogIsParsedAgainAndNeverServedFromTheOldRevisionsEntry() throws IOException {
        copyBundledCatalogTo(catalogDir);
        Catalog before = cache().of(Catalog.sourceOf(catalogDir)).load();
        edit(Catalog.HOSTED_MODELS, t -> t.replaceFirst("inputPer1M: 1.50", "inputPer1M: 1.75"));

        Catalog.Source edited = cache().of(Catalog.sourceOf(catalogDir));
        assertThat(edited.revision()).isNotEqualTo(before.revision());
        Catalog after = edited.load();

        assertThat(after.revision()).isEqualTo(edited.revision());
        assertThat(after.hostedModels()).anyMatch(m -> m.inputPer1M() == 1.75);
        assertThat(cache().entry(before.revision())).as("the old revision keeps its own entry").exists();
        assertThat(cache().of(Catalog.sourceOf(catalogDir)).load().hostedModels()).anyMatch(m -> m.inputPer1M() == 1.75);
    }

    @Test
    void aCatalogThatFailsItsChecksIsReportedAndNeverWritten() throws IOException {
        copyBundledCatalogTo(catalogDir);
        edit(Catalog.HOSTED_MODELS, t -> t.replaceFirst("inputPer1M: 1.50", "inputPer1M: -1.50"));
        Catalog.Source bad = cache().of(Catalog.sourceOf(catalogDir));

        CatalogException e = catchThrowableOfType(CatalogException.class, bad::load);

        assertThat(e.getMessage()).contains(Catalog.HOSTED_MODELS).contains("inputPer1M");
        assertThat(cache().entry(bad.revision())).doesNotExist();
    }

    @Test
    void aCorruptTruncatedOrEmptyEntryFallsBackToParsingAndIsRewritten() throws IOException {
        Catalog parsed = cache().bundled().load();
        Path entry = cache().entry(parsed.revision());
        byte[] sound = Files.readAllBytes(entry);
        byte[] flipped = sound.clone();
        flipped[flipped.length - 100] ^= 0x5A;

        for (byte[] damaged : List.of(flipped, java.util.Arrays.copyOf(sound, sound.length / 2), new byte[0])) {
            Files.write(entry, damaged);
            notes.clear();

            Catalog loaded = cache().bundled().load();

            assertThat(loaded.calibration()).isEqualTo(parsed.calibration());
            assertThat(notes).singleElement().asString().contains(entry.getFileName().toString());
            assertThat(Files.readAllBytes(entry)).as("rewritten").isEqualTo(sound);
        }
    }

    @Test
    void anEntryNamingAClassACatalogIsNotMadeOfIsRefusedBeforeOneIsMade() throws Exception {
        String revision = Catalog.bundledSource().revision();
        byte[] foreign = RecordCodec.encode(new NotACatalog("not a catalog"));
        int made = NotACatalog.MADE.get();
        // a whole entry under the right key: only the codec's allowed classes refuse it
        new CacheEntries(cacheDir, CatalogCache.KIND).write(CatalogCache.key(revision), foreign);

        Catalog loaded = cache().bundled().load();

        assertThat(loaded.revision()).isEqualTo(revision);
        assertThat(NotACatalog.MADE).as("never made from the entry").hasValue(made);
        assertThat(notes).singleElement().asString().contains("InvalidClassException").contains("org.example.NotACatalog");
        assertThat(Files.readAllBytes(cache().entry(revision))).as("rewritten with the catalog").hasSizeGreaterThan(100_000);
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyMeansParsing() throws IOException {
        Path notADirectory = Files.writeString(cacheDir.resolve("a-file"), "not a directory");
        CatalogCache unwritable = new CatalogCache(notADirectory.resolve("cache"), notes::add);

        Catalog loaded = unwritable.bundled().load();

        assertThat(loaded.revision()).isEqualTo(Catalog.bundled().revision());
        assertThat(notes).anyMatch(n -> n.contains("cannot write"));
    }

    private void copyBundledCatalogTo(Path dir) throws IOException {
        for (String f : Catalog.files()) {
            Files.writeString(dir.resolve(f), Catalog.bundledText(f));
        }
    }

    private void edit(String file, java.util.function.UnaryOperator<String> change) throws IOException {
        Path p = catalogDir.resolve(file);
        Files.writeString(p, change.apply(Files.readString(p)));
    }

    private static <T> List<T> sorted(java.util.Collection<T> rows, Function<T, String> id) {
        return rows.stream().sorted(Comparator.comparing(id)).toList();
    }
}
