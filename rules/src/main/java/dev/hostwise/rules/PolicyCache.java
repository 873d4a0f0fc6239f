package dev.hostwise.rules;

import dev.hostwise.knowledge.cache.CacheEntries;
import dev.hostwise.knowledge.cache.CodeFingerprint;
import dev.hostwise.knowledge.cache.RecordCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
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
 * Java version. {@link CacheEntries} reads it back only for exactly that key and whole; anything else
 * (a missing, stale, truncated or corrupt entry, or one that no longer deserialises) counts as a miss:
 * the rules are compiled as usual and the entry is written again. A cache that cannot be written
 * (read-only disk) is only a slower start. Deserialisation accepts only the classes a compiled policy
 * is made of (Drools, KIE, MVEL, the JDK and Hostwise's facts).
 */
public final class PolicyCache {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCache.class);
    /** Bump when the layout of a payload changes: it is part of every key. */
    private static final int FORMAT = 4;
    /** Entries beyond this many (oldest first) are deleted after a write: a cache, not an archive. */
    static final int KEPT_ENTRIES = CacheEntries.KEPT_PER_KIND;
    static final String KIND = "policy";

    /** The code a compiled policy links against: Hostwise's facts and domain classes and the Drools engine. */
    private static final String CODE = CodeFingerprint.of(PolicyCompiler.class, dev.hostwise.knowledge.Scenario.class,
            org.drools.core.impl.KnowledgeBaseImpl.class, org.drools.compiler.builder.impl.KnowledgeBuilderImpl.class);

    /** The classes a compiled policy may contain; anything else in an entry is refused as corrupt. */
    private static final ObjectInputFilter ONLY_POLICY_CLASSES = ObjectInputFilter.Config.createFilter(
            "java.**;org.drools.**;org.kie.**;org.mvel2.**;dev.hostwise.**;!*");

    /** What {@link RecordCodec} may make from an entry: the rule set's text and the rules' descriptions. */
    private static final String RULES_CLASSES = "dev.hostwise.rules.";

    private final CacheEntries entries;
    private final CacheEntries bundledRules;

    /** @param dir where entries are kept; created on the first write */
    public PolicyCache(Path dir) {
        this.entries = new CacheEntries(dir, KIND);
        this.bundledRules = new CacheEntries(dir, "bundled-rules");
    }

    public Path dir() {
        return entries.dir();
    }

    /**
     * The bundled rules ({@link RuleSet#bundled()}), kept under this build's fingerprint: finding them in the
     * application jar means walking its 24,000 entries, and they change only with the jar.
     */
    public RuleSet bundledRules() {
        String key = "bundled-rules;code=" + CODE + ";format=" + FORMAT;
        CacheEntries.Lookup found = bundledRules.read(key);
        if (found instanceof CacheEntries.Lookup.Hit hit) {
            try {
                if (RecordCodec.decode(hit.payload(), RULES_CLASSES) instanceof RuleSet rules) {
                    return rules;
                }
                found = new CacheEntries.Lookup.Unsound(bundledRules.fileFor(key), "not a rule set");
            } catch (IOException | RuntimeException e) {
                found = new CacheEntries.Lookup.Unsound(bundledRules.fileFor(key), e.toString());
            }
        }
        if (found instanceof CacheEntries.Lookup.Unsound unsound) {
            LOG.info("bundled rules cache: ignoring {} ({}); reading the rules from the jar", unsound.file().getFileName(), unsound.why());
        }
        RuleSet rules = RuleSet.bundled();
        try {
            bundledRules.write(key, RecordCodec.encode(rules));
        } catch (IOException | RuntimeException e) {
            LOG.info("bundled rules cache: cannot write {}: {}", bundledRules.fileFor(key), e.toString());
        }
        return rules;
    }

    /** What a cached policy was or will be stored under: a miss is compiled and written. */
    String key(RuleSet rules, String catalogRevision) {
        return "rules=" + rules.revision() + ";catalog=" + catalogRevision + ";code=" + CODE
                + ";java=" + Runtime.version().feature() + ";format=" + FORMAT;
    }

    /** The cached policy for these rules and this catalog, if a sound entry holds exactly them. */
    Optional<CompiledPolicy> read(RuleSet rules, String catalogRevision) {
        String key = key(rules, catalogRevision);
        CacheEntries.Lookup found = entries.read(key);
        if (found instanceof CacheEntries.Lookup.Unsound unsound) {
            LOG.info("compiled policy cache: ignoring {} ({}); compiling the rules instead", unsound.file().getFileName(), unsound.why());
        }
        if (!(found instanceof CacheEntries.Lookup.Hit hit)) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(hit.payload(), rules));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.info("compiled policy cache: ignoring {} ({}); compiling the rules instead", entries.fileFor(key).getFileName(), e.toString());
            return Optional.empty();
        }
    }

    private static CompiledPolicy decode(byte[] payload, RuleSet rules) throws IOException, ClassNotFoundException {
        List<KiePackage> packages = new ArrayList<>();
        Described described;
        try (DroolsObjectInputStream objects = new DroolsObjectInputStream(new ByteArrayInputStream(payload),
                PolicyCache.class.getClassLoader())) {
            objects.setObjectInputFilter(ONLY_POLICY_CLASSES);
            int count = objects.readInt();
            for (int i = 0; i < count; i++) {
                packages.add((KiePackage) objects.readObject());
            }
            described = Described.readFrom(objects);
        }
        InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase();
        base.addPackages(packages);
        return new CompiledPolicy(base, rules, described.rules(), described.conditions());
    }

    /** Writes a freshly compiled policy; a failure only means the next start compiles again. */
    void write(CompiledPolicy policy, String catalogRevision) {
        String key = key(policy.source(), catalogRevision);
        try {
            entries.write(key, payload(policy));
        } catch (IOException | RuntimeException e) {
            LOG.info("compiled policy cache: cannot write {} (the next start compiles again): {}", entries.fileFor(key), e.toString());
        }
    }

    private static byte[] payload(CompiledPolicy policy) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
            List<KiePackage> packages = new ArrayList<>(policy.base().getKiePackages());
            out.writeInt(packages.size());
            for (KiePackage p : packages) {
                out.writeObject(p);
            }
            new Described(policy.rules(), policy.conditions()).writeTo(out);
        }
        return bytes.toByteArray();
    }

    /**
     * What a compile read from the rules' text besides the rule network: each rule's file and reason in file
     * and line order, and the declared conditions. Kept with the packages so a start from the cache neither
     * scans the rule files for their lines nor parses {@code conditions.yaml}: the key names the text they
     * were read from.
     */
    private record Described(List<RuleInfo> rules, PolicyConditions conditions) {

        void writeTo(java.io.ObjectOutput out) throws IOException {
            byte[] bytes = RecordCodec.encode(this);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        static Described readFrom(java.io.ObjectInput in) throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            if (RecordCodec.decode(bytes, RULES_CLASSES) instanceof Described described) {
                return described;
            }
            throw new IOException("not the rules' descriptions");
        }
    }

    /** For tests: the file of the entry that would hold these rules and this catalog. */
    Path entry(RuleSet rules, String catalogRevision) {
        return entries.fileFor(key(rules, catalogRevision));
    }
}
