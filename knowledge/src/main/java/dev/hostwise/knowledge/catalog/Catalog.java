package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hostwise.knowledge.Revisions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sourced reference data: open models (with quality fit per task), hosted models, GPUs, and the
 * throughput estimator's calibration. Loaded once from YAML, validated at load time, then immutable.
 */
public final class Catalog {

    public static final String OPEN_MODELS = "open-models.yaml";
    public static final String HOSTED_MODELS = "hosted-models.yaml";
    public static final String GPUS = "gpus.yaml";
    public static final String THROUGHPUT_CALIBRATION = "throughput-calibration.yaml";
    private static final List<String> FILES = List.of(OPEN_MODELS, HOSTED_MODELS, GPUS, THROUGHPUT_CALIBRATION);
    private static final String BUNDLED = "/hostwise/catalog/";

    /** The open model assumed when the user names none: the article's 13B. */
    public static final String DEFAULT_OPEN_MODEL = "llama-2-13b";

    /**
     * One of the three list files. Jackson's {@code required} only catches a missing key; a key left
     * empty ({@code entries:}) arrives as null, so {@link #checked} refuses that too, naming the key.
     */
    private record CatalogFile<T>(
            @JsonProperty(required = true) LocalDate updated,
            @JsonProperty(required = true) List<T> entries) {

        CatalogFile<T> checked(String file, String text) {
            requireKey(file, text, "updated", updated, "give the date the file was last checked, e.g. 2026-11-29");
            requireKey(file, text, "entries", entries, "list the file's entries under it");
            if (entries.stream().anyMatch(java.util.Objects::isNull)) {
                throw new CatalogException(file, lineOfKey(text, "entries"), "'entries:' has an empty item ('-' with nothing after it)");
            }
            return this;
        }
    }

    private final Map<String, OpenModel> openModels;
    private final Map<String, HostedModel> hostedModels;
    private final Map<String, Gpu> gpus;
    private final ThroughputCalibration calibration;
    private final LocalDate date;
    private final String revision;

    private Catalog(Map<String, OpenModel> openModels, Map<String, HostedModel> hostedModels,
                    Map<String, Gpu> gpus, ThroughputCalibration calibration, LocalDate date, String revision) {
        this.openModels = openModels;
        this.hostedModels = hostedModels;
        this.gpus = gpus;
        this.calibration = calibration;
        this.date = date;
        this.revision = revision;
    }

    /** The catalog shipped inside the jar. */
    public static Catalog bundled() {
        return bundledSource().load();
    }

    /** The names of the files a catalog directory holds, in load order. */
    public static List<String> files() {
        return FILES;
    }

    /** The text of one bundled catalog file, e.g. to copy the catalog out for editing. */
    public static String bundledText(String name) {
        return text(Catalog::bundledFile, name);
    }

    private static InputStream bundledFile(String name) {
        InputStream in = Catalog.class.getResourceAsStream(BUNDLED + name);
        if (in == null) {
            throw new CatalogException(name, 0, "bundled catalog file is missing from the build");
        }
        return in;
    }

    /**
     * A catalog whose revision is known before it is parsed: that revision is what things built against the
     * catalog (the compiled policy) are cached under, so they can be read back while the catalog is parsed.
     */
    public interface Source {
        String revision();

        /** @throws CatalogException naming the file and line of the first problem */
        Catalog load();
    }

    /**
     * A catalog's files, read once and hashed: {@link #load()} parses exactly the text the revision hashes,
     * even if a file changes on disk in between.
     */
    private static final class Texts implements Source {
        private final Map<String, String> texts;
        private final String revision;

        private Texts(Map<String, String> texts) {
            this.texts = texts;
            this.revision = Revisions.of(texts);
        }

        @Override
        public String revision() {
            return revision;
        }

        @Override
        public Catalog load() {
            return Catalog.load(texts, revision);
        }
    }

    /** The bundled catalog's files, read but not parsed. */
    public static Source bundledSource() {
        return new Texts(texts(Catalog::bundledFile));
    }

    /** A catalog directory's files (HOSTWISE_CATALOG_DIR), read but not parsed. */
    public static Source sourceOf(Path dir) {
        return new Texts(texts(inDirectory(dir)));
    }

    /** A catalog directory that overrides the bundled one (HOSTWISE_CATALOG_DIR). It must hold all four files. */
    public static Catalog fromDirectory(Path dir) {
        return sourceOf(dir).load();
    }

    private static Opener inDirectory(Path dir) {
        return name -> {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new CatalogException(file.toString(), 0, "file not found; a catalog directory needs "
                        + String.join(", ", FILES.subList(0, FILES.size() - 1)) + " and " + FILES.get(FILES.size() - 1));
            }
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new CatalogException(file.toString(), 0, "cannot read: " + e.getMessage());
            }
        };
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open(String name);
    }

    /** Parses the files' text, whose revision the caller has already hashed: the revision is exactly the text parsed. */
    private static Catalog load(Map<String, String> texts, String revision) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .findAndRegisterModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        CatalogFile<OpenModel> open = read(yaml, texts, OPEN_MODELS, new TypeReference<>() { });
        CatalogFile<HostedModel> hosted = read(yaml, texts, HOSTED_MODELS, new TypeReference<>() { });
        CatalogFile<Gpu> gpu = read(yaml, texts, GPUS, new TypeReference<>() { });
        String calibrationText = texts.get(THROUGHPUT_CALIBRATION);
        ThroughputCalibration calibration = parse(yaml, THROUGHPUT_CALIBRATION, calibrationText,
                new TypeReference<>() { });
        if (calibration == null) {
            throw new CatalogException(THROUGHPUT_CALIBRATION, 1, "is empty; it needs updated, classes, tensorParallel, precision, moe and rows");
        }
        requireKey(THROUGHPUT_CALIBRATION, calibrationText, "updated", calibration.updated(),
                "give the date the file was last checked, e.g. 2026-11-29");
        LocalDate newest = Stream.of(open.updated(), hosted.updated(), gpu.updated(), calibration.updated())
                .max(LocalDate::compareTo).orElseThrow();
        Catalog catalog = new Catalog(
                index(OPEN_MODELS, open.entries(), OpenModel::id),
                index(HOSTED_MODELS, hosted.entries(), HostedModel::id),
                index(GPUS, gpu.entries(), Gpu::id),
                calibration,
                newest,
                revision);
        if (!catalog.openModels.containsKey(DEFAULT_OPEN_MODEL)) {
            throw new CatalogException(OPEN_MODELS, 0, "the default open model '" + DEFAULT_OPEN_MODEL + "' is missing");
        }
        catalog.checkCalibrationReferences(calibrationText, texts.get(GPUS));
        return catalog;
    }

    /**
     * A loaded catalog as it is kept in the cache ({@link CatalogCache}): only ever made from a catalog that
     * passed every check, so it is taken back as it is.
     */
    record Snapshot(Map<String, OpenModel> openModels, Map<String, HostedModel> hostedModels, Map<String, Gpu> gpus,
                    ThroughputCalibration calibration, LocalDate date, String revision) {
    }

    Snapshot snapshot() {
        return new Snapshot(openModels, hostedModels, gpus, calibration, date, revision);
    }

    static Catalog of(Snapshot s) {
        return new Catalog(Map.copyOf(s.openModels()), Map.copyOf(s.hostedModels()), Map.copyOf(s.gpus()), s.calibration(),
                s.date(), s.revision());
    }

    /** A short hash of the catalog files' text: same files, same revision. */
    public String revision() {
        return revision;
    }

    /**
     * Every measured row names a model and GPU in this catalog, every efficiency cites rows that
     * exist, and every GPU's architecture has a calibration class.
     */
    private void checkCalibrationReferences(String text, String gpuText) {
        Map<String, MeasuredThroughput> rows = index(THROUGHPUT_CALIBRATION, calibration.rows(), MeasuredThroughput::id);
        for (MeasuredThroughput row : calibration.rows()) {
            if (!openModels.containsKey(row.model())) {
                throw new CatalogException(THROUGHPUT_CALIBRATION, lineOf(text, row.id()),
                        "row '" + row.id() + "' names model '" + row.model() + "', which is not in " + OPEN_MODELS);
            }
            if (!gpus.containsKey(row.gpu())) {
                throw new CatalogException(THROUGHPUT_CALIBRATION, lineOf(text, row.id()),
                        "row '" + row.id() + "' names GPU '" + row.gpu() + "', which is not in " + GPUS);
            }
        }
        List<String> cited = new java.util.ArrayList<>();
        calibration.classes().forEach(c -> cited.addAll(c.rows()));
        cited.addAll(calibration.decodeComputeRows());
        calibration.tensorParallel().forEach(p -> cited.addAll(p.rows()));
        calibration.precision().forEach(p -> cited.addAll(p.rows()));
        cited.addAll(calibration.moe().efficiencyRows());
        cited.addAll(calibration.moe().dispatchRows());
        for (String id : cited) {
            if (!rows.containsKey(id)) {
                throw new CatalogException(THROUGHPUT_CALIBRATION, lineOf(text, id),
                        "an efficiency cites row '" + id + "', which is not listed under rows");
            }
        }
        for (Gpu g : gpus.values()) {
            if (calibration.gpuClass(g.architecture()).isEmpty()) {
                throw new CatalogException(GPUS, lineOf(gpuText, "architecture: " + g.architecture()),
                        "GPU '" + g.id() + "' has architecture '" + g.architecture() + "', which has no class in "
                                + THROUGHPUT_CALIBRATION + "; add one (it may borrow another class's figures)");
            }
        }
    }

    /** The first line that mentions {@code needle}, so a cross-reference error points somewhere useful. */
    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static Map<String, String> texts(Opener files) {
        Map<String, String> texts = new java.util.TreeMap<>();
        for (String name : FILES) {
            texts.put(name, text(files, name));
        }
        return texts;
    }

    private static String text(Opener opener, String name) {
        try (InputStream in = opener.open(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new CatalogException(name, 0, "cannot read: " + e.getMessage());
        }
    }

    private static <T> CatalogFile<T> read(ObjectMapper yaml, Map<String, String> texts, String name,
                                           TypeReference<CatalogFile<T>> type) {
        String text = texts.get(name);
        CatalogFile<T> file = parse(yaml, name, text, type);
        if (file == null) {
            throw new CatalogException(name, 1, "is empty; it needs 'updated:' and 'entries:'");
        }
        return file.checked(name, text);
    }

    /** A required key that is missing or left empty is an error naming the key and its line. */
    private static void requireKey(String file, String text, String key, Object value, String hint) {
        if (value == null) {
            int line = lineOfKey(text, key);
            throw new CatalogException(file, line, "'" + key + ":' is " + (line == 0 ? "missing" : "empty") + "; " + hint);
        }
    }

    /** The line of a top-level {@code key:}, or 0 when the file has none. */
    private static int lineOfKey(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Null when the file holds nothing (or only comments); the caller says what it needs. */
    private static <T> T parse(ObjectMapper yaml, String name, String text, TypeReference<T> type) {
        try (JsonParser parser = yaml.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return yaml.readValue(parser, type);
        } catch (ValueInstantiationException e) {
            // thrown from a record constructor's own check: its message is the useful part
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CatalogException(name, line(e), cause.getMessage());
        } catch (JsonProcessingException e) {
            throw new CatalogException(name, line(e), e.getOriginalMessage());
        } catch (IOException e) {
            throw new CatalogException(name, 0, "cannot read: " + e.getMessage());
        }
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static <T> Map<String, T> index(String file, List<T> rows, java.util.function.Function<T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T row : rows) {
            if (byId.putIfAbsent(id.apply(row), row) != null) {
                throw new CatalogException(file, 0, "id '" + id.apply(row) + "' appears twice");
            }
        }
        return Map.copyOf(byId);
    }

    public Optional<OpenModel> openModel(String id) {
        return Optional.ofNullable(openModels.get(id));
    }

    public Optional<HostedModel> hostedModel(String id) {
        return Optional.ofNullable(hostedModels.get(id));
    }

    public Optional<Gpu> gpu(String id) {
        return Optional.ofNullable(gpus.get(id));
    }

    /** The open model the quality condition judges: the one named, or the default. */
    public OpenModel openModelOrDefault(String id) {
        return id == null ? openModels.get(DEFAULT_OPEN_MODEL) : openModels.get(id);
    }

    public Collection<OpenModel> openModels() {
        return openModels.values().stream().sorted(java.util.Comparator.comparing(OpenModel::id)).toList();
    }

    public Collection<HostedModel> hostedModels() {
        return hostedModels.values().stream().sorted(java.util.Comparator.comparing(HostedModel::id)).toList();
    }

    public Collection<Gpu> gpus() {
        return gpus.values().stream().sorted(java.util.Comparator.comparing(Gpu::id)).toList();
    }

    /** The throughput estimator's settings and the measured rows they were fitted to. */
    public ThroughputCalibration calibration() {
        return calibration;
    }

    /** The date of the newest catalog file; every verdict records it. */
    public LocalDate date() {
        return date;
    }
}
