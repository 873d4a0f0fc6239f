package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.cache.CacheEntries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.example.Gadget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-policy cache: exactly the decisions of a fresh compile, and never a wrong or unsound entry. */
class PolicyCacheTest {

    private static final RuleSet RULES = RuleSet.fromDirectory(PolicyCasesTest.POLICY_DIR);
    private static Catalog catalog;
    private static CompiledPolicy fresh;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileFresh() {
        catalog = Catalog.bundled();
        fresh = new PolicyCompiler().compile(RULES);
    }

    @Test
    void aCachedPolicyDecidesEveryPolicyCaseExactlyAsAFreshCompile() {
        PolicyCache cache = new PolicyCache(dir);
        new PolicyCompiler(cache).compile(RULES, catalog.revision());
        assertThat(cache.entry(RULES, catalog.revision())).exists();

        // read back as another process would: a new cache object over the same directory
        CompiledPolicy cached = new PolicyCache(dir).read(RULES, catalog.revision()).orElseThrow();
        assertThat(cached.revision()).isEqualTo(fresh.revision());
        assertThat(cached.rules()).isEqualTo(fresh.rules());

        List<RuleProblem> problems = new ArrayList<>();
        List<PolicyCase> cases = new PolicyCaseLoader(new ScenarioReader(catalog)).load(RULES, problems);
        assertThat(problems).isEmpty();
        assertThat(cases).isNotEmpty();
        Decider decider = new Decider(catalog, fresh);
        Instant at = Instant.parse("2026-11-30T12:00:00Z");
        for (PolicyCase c : cases) {
            Verdict expected = decider.decide(c.scenario(), "HW-2026-0001", at, fresh);
            Verdict actual = decider.decide(c.scenario(), "HW-2026-0001", at, cached);
            assertThat(actual).as(c.file() + ": " + c.name()).isEqualTo(expected);
        }
    }

    @Test
    void theCacheHoldsTheUncertaintyAndPoolRulesAndTheDeclaredConditions() {
        new PolicyCompiler(new PolicyCache(dir)).compile(RULES, catalog.revision());
        CompiledPolicy cached = new PolicyCache(dir).read(RULES, catalog.revision()).orElseThrow();

        assertThat(cached.rules()).extracting(RuleInfo::file).contains("uncertainty.drl", "pool.drl", "recommendation.drl");
        // every rule's file and reason, in file and line order, as the compile read them from the text
        assertThat(cached.rules()).isEqualTo(fresh.rules());
        // conditions.yaml, with which condition follows selfHostCheaper, comes back with the rules it belongs to
        assertThat(cached.conditions()).isEqualTo(fresh.conditions());
        assertThat(cached.conditions().probabilities()).isNotEmpty();

        // the cases that need the Monte Carlo's probabilities and the pool rules pass on the cached policy exactly as on a fresh one
        List<RuleProblem> problems = new ArrayList<>();
        List<PolicyCase> cases = new PolicyCaseLoader(new ScenarioReader(catalog)).load(RULES, problems).stream()
                .filter(c -> c.file().endsWith("uncertainty.yaml") || c.file().endsWith("pooling.yaml")).toList();
        assertThat(cases).anyMatch(PolicyCase::pooling).anyMatch(c -> !c.pooling());
        PolicyCaseRunner runner = new PolicyCaseRunner(new Decider(catalog, fresh), Decider.CatalogContext.of(catalog));
        for (PolicyCase c : cases) {
            CaseResult onCached = runner.run(cached, c);
            assertThat(onCached.passed()).as(c.file() + ": " + c.name() + " " + onCached.actual()).isTrue();
            assertThat(onCached.actual()).isEqualTo(runner.run(fresh, c).actual());
        }
    }

    @Test
    void aPolicyReadFromTheCacheIsNotCompiledAgainAndPassesTheGate() {
        PolicyCompiler compiler = new PolicyCompiler(new PolicyCache(dir));
        compiler.compile(RULES, catalog.revision());
        Path entry = compiler.cache().orElseThrow().entry(RULES, catalog.revision());
        long written = entry.toFile().lastModified();

        CheckReport report = new PolicyCheck(compiler, new Decider(catalog, null)).check(RULES, catalog);

        assertThat(report.passed()).as(report.problems() + " " + report.failedCases()).isTrue();
        assertThat(report.cases()).isNotEmpty();
        assertThat(entry.toFile().lastModified()).as("a hit is not rewritten").isEqualTo(written);
    }

    @Test
    void changedRulesAreCompiledAndNeverServedFromTheOldEntry() {
        PolicyCache cache = new PolicyCache(dir);
        PolicyCompiler compiler = new PolicyCompiler(cache);
        compiler.compile(RULES, catalog.revision());

        Map<String, String> edited = new HashMap<>(RULES.drlFiles());
        edited.put("caveats.drl", RULES.drlFiles().get("caveats.drl").replace(
                "rule \"Warn when the GPUs would sit mostly idle\"", "rule \"Warn when the GPUs would be idle most of the day\""));
        RuleSet changed = RuleSet.of("edited", edited, RULES.caseFiles());
        assertThat(changed.revision()).isNotEqualTo(RULES.revision());
        assertThat(cache.read(changed, catalog.revision())).isEmpty();

        CompiledPolicy policy = compiler.compile(changed, catalog.revision());

        assertThat(policy.revision()).isEqualTo(changed.revision());
        assertThat(policy.rules()).extracting(RuleInfo::name).contains("Warn when the GPUs would be idle most of the day")
                .doesNotContain("Warn when the GPUs would sit mostly idle");
        assertThat(cache.read(changed, catalog.revision())).isPresent();
        assertThat(cache.read(RULES, catalog.revision())).as("the old revision keeps its own entry").isPresent();
    }

    @Test
    void anEntryIsNeverTrustedForAnotherCatalogOrUnderAnotherName() throws IOException {
        PolicyCache cache = new PolicyCache(dir);
        new PolicyCompiler(cache).compile(RULES, catalog.revision());
        assertThat(cache.read(RULES, "another-catalog")).isEmpty();

        // an entry copied over another key's file name is refused by the key it carries
        Map<String, String> edited = new HashMap<>(RULES.drlFiles());
        edited.put("privacy.drl", RULES.drlFiles().get("privacy.drl") + "\n// an edit\n");
        RuleSet changed = RuleSet.of("edited", edited, RULES.caseFiles());
        Files.copy(cache.entry(RULES, catalog.revision()), cache.entry(changed, catalog.revision()));
        assertThat(cache.read(changed, catalog.revision())).isEmpty();
    }

    @Test
    void aCorruptOrTruncatedEntryFallsBackToCompilingAndIsRewritten() throws IOException {
        PolicyCache cache = new PolicyCache(dir);
        PolicyCompiler compiler = new PolicyCompiler(cache);
        compiler.compile(RULES, catalog.revision());
        Path entry = cache.entry(RULES, catalog.revision());
        byte[] sound = Files.readAllBytes(entry);

        byte[] flipped = sound.clone();
        flipped[flipped.length - 100] ^= 0x5A;
        Files.write(entry, flipped);
        assertThat(cache.read(RULES, catalog.revision())).isEmpty();
        CompiledPolicy policy = compiler.compile(RULES, catalog.revision());
        assertThat(policy.rules()).isEqualTo(fresh.rules());
        assertThat(cache.read(RULES, catalog.revision())).as("rewritten").isPresent();

        Files.write(entry, java.util.Arrays.copyOf(sound, sound.length / 2));
        assertThat(cache.read(RULES, catalog.revision())).isEmpty();
        compiler.compile(RULES, catalog.revision());
        assertThat(Files.readAllBytes(entry)).hasSameSizeAs(sound);

        Files.write(entry, new byte[0]);
        assertThat(compiler.compile(RULES, catalog.revision()).rules()).isEqualTo(fresh.rules());
    }

    @Test
    void anEntryHoldingAnyOtherClassIsRefusedBeforeThatClassIsRead() throws Exception {
        PolicyCache cache = new PolicyCache(dir);
        String key = cache.key(RULES, catalog.revision());
        ByteArrayOutputStream objects = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(objects)) {
            out.writeInt(1);
            out.writeObject(new Gadget());
        }
        // a sound entry under the right key: only the class filter stands between the payload and the gadget
        new CacheEntries(dir, PolicyCache.KIND).write(key, objects.toByteArray());

        assertThat(cache.read(RULES, catalog.revision())).isEmpty();
        assertThat(Gadget.READ).hasValue(0);
        assertThat(new PolicyCompiler(cache).compile(RULES, catalog.revision()).rules()).isEqualTo(fresh.rules());
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyMeansCompiling() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "not a directory");
        PolicyCompiler compiler = new PolicyCompiler(new PolicyCache(notADirectory.resolve("cache")));
        assertThat(compiler.compile(RULES, catalog.revision()).rules()).isEqualTo(fresh.rules());
    }

    @Test
    void onlyTheNewestEntriesAreKept() {
        PolicyCache cache = new PolicyCache(dir);
        PolicyCompiler compiler = new PolicyCompiler(cache);
        for (int i = 0; i < PolicyCache.KEPT_ENTRIES + 2; i++) {
            compiler.compile(RULES, "catalog-" + i);
        }
        assertThat(dir.toFile().list((d, name) -> name.endsWith(".policy"))).hasSize(PolicyCache.KEPT_ENTRIES);
        assertThat(cache.read(RULES, "catalog-" + (PolicyCache.KEPT_ENTRIES + 1))).isPresent();
    }

    @Test
    void theBundledRulesReadBackFromTheCacheAreTheRulesInTheJar() throws IOException {
        RuleSet inTheBuild = RuleSet.bundled();
        RuleSet first = new PolicyCache(dir).bundledRules();
        List<Path> entries;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(".bundled-rules")).toList();
        }
        assertThat(entries).hasSize(1);
        Path entry = entries.get(0);

        RuleSet cached = new PolicyCache(dir).bundledRules();

        assertThat(first).isEqualTo(inTheBuild);
        assertThat(cached).isEqualTo(inTheBuild);
        assertThat(cached.conditions()).isEqualTo(inTheBuild.conditions());

        // a damaged entry is read from the jar again, and rewritten
        byte[] sound = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(sound, sound.length - 7));
        assertThat(new PolicyCache(dir).bundledRules()).isEqualTo(inTheBuild);
        assertThat(Files.readAllBytes(entry)).isEqualTo(sound);
    }
}
