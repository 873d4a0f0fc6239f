package dev.hostwise.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled policies kept on disk, so a policy that has not changed is not compiled again: a cold
 * compile of the bundled rules is most of what {@code hostwise decide} and {@code hostwise serve}
 * spend before they can answer. An entry holds the compiled rule packages (their rule network
 * definitions and the bytecode Drools generated for them), serialised with Drools' own streams.
 *
 * <p>An entry is keyed by everything the compiled form depends on: the rules revision (a hash of the
 * {@code .drl} texts), the catalog revision, the Hostwise and Drools code that compiled it, and the
 * Java version. It is read back only if the key it carries is exactly the one asked for and its
 * payload matches the checksum written with it; anything else (a missing, stale, truncated or corrupt
 * entry, or one that no longer deserialises) counts as a miss: the rules are compiled as usual and
 * the entry is written again. A cache that cannot be written (read-only disk) is only a slower start.
 *
 * <p>Entries are written to a temporary file and moved into place, so two processes sharing the
 * directory (a server and a CLI) never read half an entry. Deserialisation accepts only the classes a
 * compiled policy is made of (Drools, KIE, MVEL, the JDK and Hostwise's facts).
 */
public final class PolicyCache {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCache.class);
    private static final byte[] MAGIC = "HWPOLICY".getBytes(StandardCharsets.US_ASCII);
    /** Bump when the layout of an entry changes. */
    private static final int FORMAT = 1;
    /** Entries beyond this many (oldest first) are deleted after a write: a cache, not an archive. */
    static final int KEPT_ENTRIES = 16;
    private static final String SUFFIX = ".policy";

    /** The classes a compiled policy may contain; anything else in an entry is refused as corrupt. */
    private static final ObjectInputFilter ONLY_POLICY_CLASSES = ObjectInputFilter.Config.createFilter(
            "java.**;org.drools.**;org.kie.**;org.mvel2.**;dev.hostwise.**;!*");

    private final Path dir;
    private final String codeFingerprint;

    /** @param dir where entries are kept; created on the first write */
    public PolicyCache(Path dir) {
        this.dir = dir;
        this.codeFingerprint = CodeFingerprint.CURRENT;
    }

    public Path dir() {
        return dir;
    }

    /** What a cached policy was or will be stored under: a miss is compiled and written. */
    String key(RuleSet rules, String catalogRevision) {
        return "rules=" + rules.revision() + ";catalog=" + catalogRevision + ";code=" + codeFingerprint
                + ";java=" + Runtime.version().feature() + ";format=" + FORMAT;
    }

    Path fileFor(String key) {
        return dir.resolve("policy-" + sha256Hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 24) + SUFFIX);
    }

    /** The cached policy for these rules and this catalog, if a sound entry holds exactly them. */
    Optional<CompiledPolicy> read(RuleSet rules, String catalogRevision) {
        String key = key(rules, catalogRevision);
        Path file = fileFor(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("compiled policy cache: cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
        try {
            return Optional.of(decode(bytes, key, rules));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.info("compiled policy cache: ignoring {} ({}); compiling the rules instead", file.getFileName(), e.toString());
            return Optional.empty();
        }
    }

    private static CompiledPolicy decode(byte[] bytes, String key, RuleSet rules) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC) || in.readInt() != FORMAT) {
            throw new IOException("not a compiled policy of this format");
        }
        String storedKey = in.readUTF();
        if (!storedKey.equals(key)) {
            // never trusted across revisions, even if two keys ever shared a file name
            throw new IOException("written for another revision (" + storedKey + ")");
        }
        byte[] checksum = in.readNBytes(32);
        int length = in.readInt();
        byte[] payload = in.readNBytes(length);
        if (payload.length != length || in.read() != -1) {
            throw new IOException("truncated or trailing bytes");
        }
        if (!MessageDigest.isEqual(checksum, sha256(payload))) {
            throw new IOException("checksum mismatch");
        }
        List<KiePackage> packages = new ArrayList<>();
        try (DroolsObjectInputStream objects = new DroolsObjectInputStream(new ByteArrayInputStream(payload),
                PolicyCache.class.getClassLoader())) {
            objects.setObjectInputFilter(ONLY_POLICY_CLASSES);
            int count = objects.readInt();
            for (int i = 0; i < count; i++) {
                packages.add((KiePackage) objects.readObject());
            }
        }
        InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase();
        base.addPackages(packages);
        return PolicyCompiler.describe(base, rules);
    }

    /** Writes a freshly compiled policy; a failure only means the next start compiles again. */
    void write(CompiledPolicy policy, String catalogRevision) {
        String key = key(policy.source(), catalogRevision);
        Path file = fileFor(key);
        Path tmp = null;
        try {
            byte[] payload = payload(policy.base());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(key);
            out.write(sha256(payload));
            out.writeInt(payload.length);
            out.write(payload);
            out.flush();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "policy-", ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.info("compiled policy cache: cannot write {} (the next start compiles again): {}", file, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless: it never matches an entry's name
                }
            }
        }
    }

    private static byte[] payload(KieBase base) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
            List<KiePackage> packages = new ArrayList<>(base.getKiePackages());
            out.writeInt(packages.size());
            for (KiePackage p : packages) {
                out.writeObject(p);
            }
        }
        return bytes.toByteArray();
    }

    /** Keeps the newest entries; older revisions are compiled again if they ever come back. */
    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(dir)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList();
        }
        if (entries.size() <= KEPT_ENTRIES) {
            return;
        }
        List<Path> oldestFirst = new ArrayList<>(entries);
        oldestFirst.sort(Comparator.comparing(PolicyCache::modified));
        for (Path old : oldestFirst.subList(0, entries.size() - KEPT_ENTRIES)) {
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

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    /**
     * Identifies the code a compiled policy links against: Hostwise's facts and domain classes and the
     * Drools engine. For a jar, its path, size and modification time; for a classes directory (tests,
     * an IDE), the same for every class file in it. A rebuilt jar is a new fingerprint, so entries
     * compiled against other classes are never read.
     */
    static final class CodeFingerprint {

        static final String CURRENT = of(PolicyCompiler.class, dev.hostwise.knowledge.Scenario.class,
                org.drools.core.impl.KnowledgeBaseImpl.class, org.drools.compiler.builder.impl.KnowledgeBuilderImpl.class);

        private CodeFingerprint() {
        }

        static String of(Class<?>... classes) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                List<Path> seen = new ArrayList<>();
                for (Class<?> c : classes) {
                    Optional<Path> where = location(c);
                    if (where.isEmpty()) {
                        // no code source to identify: no entry can be trusted, so no entry ever matches
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

    /** For tests: the raw bytes of the entry that would hold these rules and this catalog. */
    Path entry(RuleSet rules, String catalogRevision) {
        return fileFor(key(rules, catalogRevision));
    }
}
