package dev.hostwise.knowledge.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A catalog directory an admin edits ({@code HOSTWISE_CATALOG_DIR}): copied out of the bundled
 * catalog, and updated by imports. An update is staged beside the real files, loaded in full with
 * {@link Catalog#fromDirectory} together with the directory's other files, and only then moved over
 * the old file in one atomic rename: a reader (a running server's reload) sees the old file or the
 * new one, never half of one, and a file that would not load never replaces one that does.
 */
public final class CatalogDirectory {

    private final Path dir;

    public CatalogDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /**
     * Copies every bundled catalog file into the directory, creating it if needed. Refuses, before
     * writing anything, when any of the files is already there: an edited catalog is never overwritten.
     *
     * @return the files written
     */
    public List<Path> exportBundled() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a directory; give a directory to copy the catalog into");
        }
        List<Path> targets = Catalog.files().stream().map(dir::resolve).toList();
        for (Path t : targets) {
            if (Files.exists(t)) {
                throw new IllegalArgumentException(t + " already exists; export never overwrites a catalog that may"
                        + " have been edited. Choose an empty directory, or move the old files away first");
            }
        }
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            for (String name : Catalog.files()) {
                Path staged = Files.createTempFile(dir, "." + name, ".tmp");
                Files.writeString(staged, Catalog.bundledText(name), StandardCharsets.UTF_8);
                move(staged, dir.resolve(name));
                written.add(dir.resolve(name));
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The current text of one of the directory's catalog files. */
    public String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatalogException(dir.resolve(name).toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Replaces one catalog file with {@code text}, only if the whole directory then loads.
     *
     * @return the catalog as it loads with the new file
     * @throws CatalogException naming the file and line when the result would not load; nothing is changed
     */
    public Catalog replace(String name, String text) {
        if (!Catalog.files().contains(name)) {
            throw new IllegalArgumentException(name + " is not a catalog file; the files are " + Catalog.files());
        }
        Path stage = null;
        try {
            // staged inside the directory: the same file system, so the final rename can be atomic
            stage = Files.createTempDirectory(dir, ".staged-");
            for (String other : Catalog.files()) {
                if (!other.equals(name) && Files.exists(dir.resolve(other))) {
                    Files.copy(dir.resolve(other), stage.resolve(other));
                }
            }
            Files.writeString(stage.resolve(name), text, StandardCharsets.UTF_8);
            Catalog loaded;
            try {
                loaded = Catalog.fromDirectory(stage);
            } catch (CatalogException e) {
                // report the real file's name, not the staging copy's
                String file = e.file().startsWith(stage.toString()) ? dir.resolve(stage.relativize(Path.of(e.file()))).toString()
                        : Catalog.files().contains(e.file()) ? dir.resolve(e.file()).toString() : e.file();
                String where = e.file() + ":" + e.line() + ": ";
                String message = e.getMessage().startsWith(where) ? e.getMessage().substring(where.length()) : e.getMessage();
                throw new CatalogException(file, e.line(), message);
            }
            move(stage.resolve(name), dir.resolve(name));
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + dir.resolve(name) + ": " + e.getMessage(), e);
        } finally {
            if (stage != null) {
                deleteQuietly(stage);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically, so the catalog"
                    + " is not replaced (a reader could see half a file)", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover staging directory is harmless: its name starts with a dot and no loader reads it
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
