package dev.hostwise.rules;

import dev.hostwise.knowledge.Revisions;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The source text of a policy: its {@code .drl} files, the declaration of its conditions
 * ({@code conditions.yaml}) and its policy cases ({@code cases/*.yaml}), keyed by file name and
 * sorted, plus the revision that identifies it.
 *
 * @param origin         where it was read from, for messages
 * @param drlFiles       file name to DRL text
 * @param caseFiles      file name (relative to the rules directory, e.g. {@code cases/combinations.yaml}) to YAML text
 * @param conditionsFile the text of {@code conditions.yaml}; empty for rules written before it existed, which
 *                       have the bundled policy's conditions ({@link PolicyConditions#of})
 * @param revision       a short hash of the sorted rule files and the conditions file ({@link Revisions#of}):
 *                       same rules, same revision
 */
public record RuleSet(String origin, Map<String, String> drlFiles, Map<String, String> caseFiles,
                      Optional<String> conditionsFile, String revision) {

    private static final String BUNDLED = "/hostwise/policy";

    public RuleSet {
        drlFiles = Map.copyOf(drlFiles);
        caseFiles = Map.copyOf(caseFiles);
    }

    /** Rules without a conditions file of their own (they have the bundled policy's conditions). */
    public static RuleSet of(String origin, Map<String, String> drlFiles, Map<String, String> caseFiles) {
        return of(origin, drlFiles, caseFiles, Optional.empty());
    }

    public static RuleSet of(String origin, Map<String, String> drlFiles, Map<String, String> caseFiles,
                             Optional<String> conditionsFile) {
        // without a conditions file the revision is the DRL's alone, as it was before the file existed
        Map<String, String> hashed = new TreeMap<>(drlFiles);
        conditionsFile.ifPresent(text -> hashed.put(PolicyConditions.FILE, text));
        return new RuleSet(origin, drlFiles, caseFiles, conditionsFile, Revisions.of(hashed));
    }

    /** The declared conditions, in order (the bundled ones when this set declares none). */
    public PolicyConditions conditions() {
        return PolicyConditions.of(this);
    }

    /** Reads a rules directory: {@code *.drl} and {@code conditions.yaml} at the top, cases under {@code cases/}. */
    public static RuleSet fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleCompilationException(java.util.List.of(
                    new RuleProblem(dir.toString(), 0, "is not a directory; point to a folder of .drl files")));
        }
        return read(dir.toString(), dir);
    }

    /** The policy shipped inside the jar (a copy of rules/policy/ at build time). */
    public static RuleSet bundled() {
        URL url = RuleSet.class.getResource(BUNDLED);
        if (url == null) {
            throw new IllegalStateException("the bundled policy is missing from the build");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return fromJar(url);
            }
            return read("bundled", Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the bundled policy", e);
        }
    }

    /**
     * The bundled policy from the application jar, read with the JDK's zip reader: mounting the jar as
     * a zip file system cost a noticeable part of a command's start.
     */
    static RuleSet fromJar(URL url) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        Map<String, String> drl = new TreeMap<>();
        Map<String, String> cases = new TreeMap<>();
        Optional<String> conditions = Optional.empty();
        String prefix = BUNDLED.substring(1) + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(prefix)) {
                    continue;
                }
                String relative = name.substring(prefix.length());
                if (!relative.contains("/") && relative.endsWith(".drl")) {
                    drl.put(relative, text(jar, entry));
                } else if (relative.equals(PolicyConditions.FILE)) {
                    conditions = Optional.of(text(jar, entry));
                } else if (relative.startsWith("cases/") && relative.indexOf('/', "cases/".length()) < 0
                        && (relative.endsWith(".yaml") || relative.endsWith(".yml"))) {
                    cases.put(relative, text(jar, entry));
                }
            }
        }
        return of("bundled", drl, cases, conditions);
    }

    private static String text(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RuleSet read(String origin, Path dir) {
        Map<String, String> drl = new TreeMap<>();
        Map<String, String> cases = new TreeMap<>();
        Optional<String> conditions = Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p)) {
                    drl.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
            Path conditionsFile = dir.resolve(PolicyConditions.FILE);
            if (Files.isRegularFile(conditionsFile)) {
                conditions = Optional.of(Files.readString(conditionsFile, StandardCharsets.UTF_8));
            }
            Path caseDir = dir.resolve("cases");
            if (Files.isDirectory(caseDir)) {
                try (Stream<Path> caseFiles = Files.list(caseDir)) {
                    for (Path p : (Iterable<Path>) caseFiles::iterator) {
                        String name = p.getFileName().toString();
                        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                            cases.put("cases/" + name, Files.readString(p, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + dir, e);
        }
        return of(origin, drl, cases, conditions);
    }
}
