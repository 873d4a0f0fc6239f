package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.facts.Recommendation;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload gate against a real rules directory on disk. */
class PolicyReloaderTest {

    private static final Catalog CATALOG = Catalog.bundled();

    @TempDir
    Path dir;
    private Decider decider;
    private PolicyReloader reloader;
    private final List<ReloadOutcome> told = new ArrayList<>();
    private Scenario contractual;

    @BeforeEach
    void setUp() throws IOException {
        try (Stream<Path> files = Files.walk(PolicyCasesTest.POLICY_DIR)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(PolicyCasesTest.POLICY_DIR.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        PolicyCompiler compiler = new PolicyCompiler();
        decider = new Decider(CATALOG, compiler.compile(RuleSet.fromDirectory(dir)));
        reloader = new PolicyReloader(() -> RuleSet.fromDirectory(dir), decider, compiler, Clock.systemUTC(), told::add);
        contractual = new ScenarioReader(CATALOG).fromText(Map.of("requestsPerDay", "1000000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "CONTRACTUAL", "throughputMeasured", "true"));
    }

    @AfterEach
    void tearDown() {
        reloader.close();
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    private Verdict decide() {
        return decider.decide(contractual, "HW-T", Instant.now());
    }

    @Test
    void aGoodEditIsActivatedAndTheNextVerdictUsesIt() throws IOException {
        String before = decider.activePolicy().revision();
        edit("privacy.drl", "Nothing requires the data to stay in-house.", "No rule keeps this data in-house.");
        ReloadOutcome outcome = reloader.reload("test");
        assertThat(outcome.activated()).isTrue();
        assertThat(outcome.candidate()).isNotEqualTo(before);
        assertThat(decide().rulesRevision()).isEqualTo(outcome.candidate());
        assertThat(reloader.keptRevisions()).containsExactly(outcome.candidate(), before);
        assertThat(reloader.sourceOf(before)).isPresent();
        assertThat(told).containsExactly(outcome);
    }

    @Test
    void aSyntaxErrorKeepsTheOldRevisionAndSaysWhere() throws IOException {
        String before = decider.activePolicy().revision();
        edit("privacy.drl", "Scenario( privacyNeed == PrivacyNeed.NONE )", "Scenario( privacyNeed == PrivacyNeed.NONE");
        ReloadOutcome outcome = reloader.reload("test");
        assertThat(outcome.activated()).isFalse();
        assertThat(outcome.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("privacy.drl");
            assertThat(p.line()).isPositive();
        });
        assertThat(decide().rulesRevision()).isEqualTo(before);
        assertThat(reloader.lastFailure()).contains(outcome);
    }

    @Test
    void aChangeThatBreaksAPolicyCaseIsRefusedAndTheCaseIsNamed() throws IOException {
        edit("privacy.drl", "insert(new Finding(Condition.PRIVACY, false,\n        \"The requirement is contractual",
                "insert(new Finding(Condition.PRIVACY, true,\n        \"The requirement is contractual");
        ReloadOutcome outcome = reloader.reload("test");
        assertThat(outcome.activated()).isFalse();
        assertThat(outcome.failedCases()).extracting(c -> c.policyCase().name())
                .contains("A contractual privacy need is met by a data-handling clause, not by GPUs");
        assertThat(decide().recommendation()).isEqualTo(Recommendation.HOSTED_API);

        // fixing the file activates it
        edit("privacy.drl", "insert(new Finding(Condition.PRIVACY, true,\n        \"The requirement is contractual",
                "insert(new Finding(Condition.PRIVACY, false,\n        \"The requirement is contractual");
        edit("privacy.drl", "Nothing requires the data to stay in-house.", "No rule keeps this data in-house.");
        assertThat(reloader.reload("test").activated()).isTrue();
    }

    @Test
    void anUnchangedDirectoryIsNotSwapped() {
        ReloadOutcome outcome = reloader.reload("test");
        assertThat(outcome.unchanged()).isTrue();
        assertThat(outcome.activated()).isFalse();
        assertThat(reloader.lastFailure()).isEmpty();
    }

    @Test
    void savingAFileTriggersAReloadWithinSeconds() throws Exception {
        reloader.watch(List.of(dir, dir.resolve("cases")), Duration.ofMillis(200));
        String before = decider.activePolicy().revision();
        edit("privacy.drl", "Nothing requires the data to stay in-house.", "No rule keeps this data in-house.");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (decider.activePolicy().revision().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(decider.activePolicy().revision()).isNotEqualTo(before);
        assertThat(told).anySatisfy(o -> assertThat(o.trigger()).isEqualTo("watch"));
    }

    @Test
    void oldRuleBasesAreReleasedAfterManyReloads() throws Exception {
        WeakReference<CompiledPolicy> first = new WeakReference<>(decider.activePolicy());
        String[] variants = {"Nothing requires the data to stay in-house.", "No rule keeps this data in-house."};
        for (int i = 0; i < 100; i++) {
            edit("privacy.drl", variants[i % 2], variants[(i + 1) % 2] + " (" + i + ")");
            variants[(i + 1) % 2] = variants[(i + 1) % 2] + " (" + i + ")";
            assertThat(reloader.reload("test").activated()).isTrue();
        }
        assertThat(reloader.keptRevisions()).hasSize(PolicyReloader.KEPT_REVISIONS);
        for (int i = 0; i < 20 && first.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(first.get()).as("the first revision's compiled rule base is garbage").isNull();
    }
}
