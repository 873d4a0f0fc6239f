package dev.hostwise.knowledge.cache;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Identifies the code a cache entry was made by and links against: for a jar, its path, size and
 * modification time; for a classes directory (tests, an IDE), the same for every class file in it. A
 * rebuilt jar is a new fingerprint, so an entry made by other classes is never read. Whatever cannot
 * be identified gets a fingerprint of its own that no other process shares, so nothing is trusted.
 */
public final class CodeFingerprint {

    private CodeFingerprint() {
    }

    /** The fingerprint of the code these classes were loaded from (each jar or directory counted once). */
    public static String of(Class<?>... classes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> seen = new ArrayList<>();
            for (Class<?> c : classes) {
                Optional<Path> where = location(c);
                if (where.isEmpty()) {
                    return "unknown-" + System.nanoTime();
                }
                if (!seen.contains(where.get())) {
                    seen.add(where.get());
                    update(sha, where.get());
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException | IOException | RuntimeException e) {
            return "unknown-" + System.nanoTime();
        }
    }

    private static Optional<Path> location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void update(MessageDigest sha, Path where) throws IOException {
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.walk(where)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    stamp(sha, where.relativize(p).toString(), p);
                }
            }
        } else {
            stamp(sha, where.toString(), where);
        }
    }

    private static void stamp(MessageDigest sha, String name, Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        sha.update((name + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
