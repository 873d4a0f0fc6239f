package dev.hostwise.knowledge.catalog;

import dev.hostwise.knowledge.cache.CacheEntries;
import dev.hostwise.knowledge.cache.CodeFingerprint;
import dev.hostwise.knowledge.cache.RecordCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Parsed catalogs kept in the cache directory, so a start does not parse an unchanged catalog again: the
 * YAML parse and Jackson's binding of some 200 KB of catalog were the longest part of a {@code decide}. The
 * catalog is written with {@link RecordCodec}, which reads it back through each record's constructor.
 * An entry holds a catalog that passed every check, keyed by the catalog's revision (a hash of the files'
 * text), the code that parsed it and the Java version; it is never read for another revision, and a
 * missing, stale, corrupt or unreadable entry only means the files are parsed and the entry written again.
 * A catalog that fails its checks is never written, so a bad edit cannot be served from the cache.
 *
 * <p>The bundled catalog is part of the build, so its revision is kept too, under the build's fingerprint:
 * a start knows it without reading and hashing the files.
 *
 * <p>An entry may make only Hostwise's knowledge records and enums.
 */
public final class CatalogCache {

    static final String KIND = "catalog";
    static final String BUNDLED_REVISION_KIND = "catalog-revision";
    /** Bump when the layout of a payload changes: it is part of every key. */
    private static final int FORMAT = 2;
    /** The code that parses a catalog and the classes it is made of, and the bundled catalog's files. */
    private static final String CODE = CodeFingerprint.of(Catalog.class);

    private final CacheEntries catalogs;
    private final CacheEntries bundledRevisions;
    private final Consumer<String> notes;

    /**
     * @param dir   the cache directory; created on the first write
     * @param notes where to say why an entry was passed over or could not be written (a log; this module has none)
     */
    public CatalogCache(Path dir, Consumer<String> notes) {
        this.catalogs = new CacheEntries(dir, KIND);
        this.bundledRevisions = new CacheEntries(dir, BUNDLED_REVISION_KIND);
        this.notes = notes;
    }

    /** The bundled catalog, its revision taken from the cache when this build has been seen before. */
    public Catalog.Source bundled() {
        String key = "bundled;code=" + CODE + ";format=" + FORMAT;
        if (lookUp(bundledRevisions, key) instanceof CacheEntries.Lookup.Hit hit) {
            return new Cached(new String(hit.payload(), StandardCharsets.UTF_8), Catalog::bundledSource);
        }
        Catalog.Source texts = Catalog.bundledSource();
        store(bundledRevisions, key, texts.revision().getBytes(StandardCharsets.UTF_8));
        return new Cached(texts.revision(), () -> texts);
    }

    /** A catalog read from its files (e.g. {@link Catalog#sourceOf}), parsed only when no entry holds its revision. */
    public Catalog.Source of(Catalog.Source source) {
        return new Cached(source.revision(), () -> source);
    }

    /** For tests: the file that holds (or would hold) the parsed catalog of this revision. */
    Path entry(String revision) {
        return catalogs.fileFor(key(revision));
    }

    static String key(String revision) {
        return "catalog=" + revision + ";code=" + CODE + ";java=" + Runtime.version().feature() + ";format=" + FORMAT;
    }

    private final class Cached implements Catalog.Source {
        private final String revision;
        private final Supplier<Catalog.Source> files;

        Cached(String revision, Supplier<Catalog.Source> files) {
            this.revision = revision;
            this.files = files;
        }

        @Override
        public String revision() {
            return revision;
        }

        @Override
        public Catalog load() {
            String key = key(revision);
            if (lookUp(catalogs, key) instanceof CacheEntries.Lookup.Hit hit) {
                try {
                    Catalog catalog = Catalog.of(decode(hit.payload()));
                    if (catalog.revision().equals(revision)) {
                        return catalog;
                    }
                    notes.accept("catalog cache: " + catalogs.fileFor(key).getFileName() + " holds revision " + catalog.revision()
                            + ", not " + revision + "; parsing the catalog instead");
                } catch (IOException | RuntimeException | LinkageError e) {
                    notes.accept("catalog cache: ignoring " + catalogs.fileFor(key).getFileName() + " (" + e
                            + "); parsing the catalog instead");
                }
            }
            // a catalog that fails its checks throws here, before anything is written
            Catalog catalog = files.get().load();
            try {
                store(catalogs, key(catalog.revision()), encode(catalog.snapshot()));
            } catch (IOException e) {
                notes.accept("catalog cache: cannot encode the catalog (the next start parses it again): " + e);
            }
            return catalog;
        }
    }

    private CacheEntries.Lookup lookUp(CacheEntries entries, String key) {
        CacheEntries.Lookup found = entries.read(key);
        if (found instanceof CacheEntries.Lookup.Unsound unsound) {
            notes.accept("catalog cache: ignoring " + unsound.file().getFileName() + " (" + unsound.why() + ")");
        }
        return found;
    }

    private void store(CacheEntries entries, String key, byte[] payload) {
        try {
            entries.write(key, payload);
        } catch (IOException | RuntimeException e) {
            notes.accept("catalog cache: cannot write " + entries.fileFor(key) + " (the next start parses the catalog again): " + e);
        }
    }

    private static byte[] encode(Catalog.Snapshot snapshot) throws IOException {
        return RecordCodec.encode(snapshot);
    }

    private static Catalog.Snapshot decode(byte[] payload) throws IOException {
        if (RecordCodec.decode(payload, "dev.hostwise.knowledge.") instanceof Catalog.Snapshot snapshot) {
            return snapshot;
        }
        throw new IOException("not a catalog");
    }
}
