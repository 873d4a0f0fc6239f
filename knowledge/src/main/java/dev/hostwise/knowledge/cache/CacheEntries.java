package dev.hostwise.knowledge.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * One kind of entry in Hostwise's cache directory: things worked out from the rules and the catalog
 * (a compiled policy, a parsed catalog) kept on disk so that an unchanged input is not worked out again
 * at the next start. An entry is a payload under a key that names everything it was made from.
 *
 * <p>An entry is read back only if the key it carries is exactly the key asked for (never trusted for
 * another input, even if two keys ever shared a file name) and its payload matches the CRC-32C written
 * with it, which catches a torn or damaged file; a key names its inputs by their hashes, so the
 * checksum has no security role and a cheap one is right. Anything else counts as a miss and is said
 * why. Entries are written to a temporary file and moved into place, so two processes sharing the
 * directory (a server and a CLI) never read half an entry, and only the newest entries of a kind are
 * kept: a cache, not an archive.
 */
public final class CacheEntries {

    private static final byte[] MAGIC = "HWCACHE".getBytes(StandardCharsets.US_ASCII);
    /** Bump when the layout of an entry (not of a payload) changes. */
    private static final int LAYOUT = 2;
    /** Entries of one kind beyond this many (oldest first) are deleted after a write. */
    public static final int KEPT_PER_KIND = 16;
    private static final long STRAY_AFTER_MILLIS = 10 * 60_000L;

    private final Path dir;
    private final String kind;

    /**
     * @param dir  the cache directory; created on the first write
     * @param kind what the entries hold, e.g. {@code policy}: it names the files and bounds what one kind may keep
     */
    public CacheEntries(Path dir, String kind) {
        this.dir = dir;
        this.kind = kind;
    }

    public Path dir() {
        return dir;
    }

    /** The outcome of looking an entry up. */
    public sealed interface Lookup {
        /** The entry holds exactly this key, and its payload is whole. */
        record Hit(byte[] payload) implements Lookup {
        }

        /** There is no entry for this key. */
        record Absent() implements Lookup {
        }

        /** There is a file, but it cannot be trusted for this key; {@code why} says so for a log line. */
        record Unsound(Path file, String why) implements Lookup {
        }
    }

    /** The file that holds (or would hold) the entry for {@code key}. */
    public Path fileFor(String key) {
        return dir.resolve(kind + "-" + sha256Hex(key).substring(0, 24) + "." + kind);
    }

    public Lookup read(String key) {
        Path file = fileFor(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Lookup.Absent();
        } catch (IOException | RuntimeException e) {
            return new Lookup.Unsound(file, "cannot be read: " + e);
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC) || in.readInt() != LAYOUT) {
                return new Lookup.Unsound(file, "not a cache entry of this layout");
            }
            String storedKey = in.readUTF();
            if (!storedKey.equals(key)) {
                return new Lookup.Unsound(file, "written for another input (" + storedKey + ")");
            }
            int checksum = in.readInt();
            int length = in.readInt();
            byte[] payload = in.readNBytes(Math.max(0, length));
            if (length < 0 || payload.length != length || in.read() != -1) {
                return new Lookup.Unsound(file, "truncated, or trailing bytes");
            }
            if (crc(payload) != checksum) {
                return new Lookup.Unsound(file, "checksum mismatch");
            }
            return new Lookup.Hit(payload);
        } catch (IOException e) {
            return new Lookup.Unsound(file, "truncated: " + e);
        }
    }

    /**
     * Writes an entry, replacing any under the same key, then drops this kind's oldest entries beyond
     * {@link #KEPT_PER_KIND}.
     *
     * @throws IOException when the directory cannot be written (read-only disk): the caller's next start only works it out again
     */
    public void write(String key, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(LAYOUT);
        out.writeUTF(key);
        out.writeInt(crc(payload));
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
        Files.createDirectories(dir);
        Path file = fileFor(key);
        Path tmp = Files.createTempFile(dir, kind + "-", ".tmp");
        try {
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            // after a successful move this finds nothing; after a failure, a stray file never matches an entry's name
            Files.deleteIfExists(tmp);
        }
        prune();
    }

    private void prune() throws IOException {
        String suffix = "." + kind;
        List<Path> entries;
        List<Path> strays;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            entries = all.stream().filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            // a process that ended between writing and moving an entry (a command that exits at once) leaves its
            // temporary file behind; one that old is no other process's write in progress
            long old = System.currentTimeMillis() - STRAY_AFTER_MILLIS;
            strays = all.stream().filter(p -> p.getFileName().toString().startsWith(kind + "-")
                    && p.getFileName().toString().endsWith(".tmp") && modified(p) < old).toList();
        }
        for (Path stray : strays) {
            Files.deleteIfExists(stray);
        }
        if (entries.size() <= KEPT_PER_KIND) {
            return;
        }
        List<Path> oldestFirst = new ArrayList<>(entries);
        oldestFirst.sort(Comparator.comparing(CacheEntries::modified));
        for (Path old : oldestFirst.subList(0, entries.size() - KEPT_PER_KIND)) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
