package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog edit goes through the same gate as a rules edit: checked against every policy case first. */
class CatalogReloadTest {

    @TempDir
    Path catalogDir;
    private Decider decider;
    private PolicyReloader reloader;

    @BeforeEach
    void setUp() throws IOException {
        for (String name : new String[] {"open-models.yaml", "hosted-models.yaml", "gpus.yaml", "throughput-calibration.yaml"}) {
            try (InputStream in = Catalog.class.getResourceAsStream("/hostwise/catalog/" + name)) {
                Files.copy(in, catalogDir.resolve(name));
            }
        }
        PolicyCompiler compiler = new PolicyCompiler();
        RuleSet rules = RuleSet.fromDirectory(PolicyCasesTest.POLICY_DIR);
        decider = new Decider(Catalog.fromDirectory(catalogDir), compiler.compile(rules));
        reloader = new PolicyReloader(() -> rules, () -> Catalog.fromDirectory(catalogDir), decider, compiler,
                Clock.systemUTC(), o -> { });
    }

    @AfterEach
    void tearDown() {
        reloader.close();
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = catalogDir.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    @Test
    void aCatalogEditThatBreaksAPolicyCaseIsRefused() throws IOException {
        String before = decider.catalog().revision();
        // llama-2-7b is listed first; its CLASSIFICATION fit is the first in the file. 13B is the default judged.
        Path open = catalogDir.resolve("open-models.yaml");
        String text = Files.readString(open);
        int thirteen = text.indexOf("id: llama-2-13b");
        int fit = text.indexOf("CLASSIFICATION: STRONG", thirteen);
        Files.writeString(open, text.substring(0, fit) + "CLASSIFICATION: WEAK" + text.substring(fit + "CLASSIFICATION: STRONG".length()));

        ReloadOutcome outcome = reloader.reload("test");
        assertThat(outcome.activated()).isFalse();
        assertThat(outcome.failedCases()).extracting(c -> c.policyCase().name())
                .contains("All three hold on a measured throughput, so self-host");
        assertThat(decider.catalog().revision()).isEqualTo(before);
    }

    @Test
    void aGoodCatalogEditIsActivatedAndUsedByTheNextVerdict() throws IOException {
        String before = decider.catalog().revision();
        edit("gpus.yaml", "usdPerGpuHour: 3.99", "usdPerGpuHour: 3.49");
        ReloadOutcome outcome = reloader.reload("test");
        assertThat(outcome.activated()).isTrue();
        assertThat(decider.catalog().revision()).isNotEqualTo(before);
        var scenario = new ScenarioReader(decider.catalog()).fromText(Map.of("requestsPerDay", "100000", "gpuType", "h100-80gb",
                "requestsPerSecond", "4", "taskType", "EXTRACTION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));
        assertThat(scenario.gpuDollarsPerHour()).isEqualTo(3.49);
        assertThat(decider.decide(scenario, "HW-T", Instant.now()).figures().gpuCostPerDay()).isEqualTo(3.49 * 24, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(reloader.reload("again").unchanged()).isTrue();
    }

    @Test
    void aBrokenCatalogFileKeepsTheOldCatalogAndSaysWhere() throws IOException {
        String before = decider.catalog().revision();
        edit("hosted-models.yaml", "inputPer1M: 1.50", "inputPer1M: -1.50");
        ReloadOutcome outcome = reloader.reload("test");
        assertThat(outcome.activated()).isFalse();
        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("catalog/hosted-models.yaml");
            assertThat(p.line()).isPositive();
            assertThat(p.message()).contains("inputPer1M must be zero or more").doesNotStartWith("hosted-models.yaml:");
        });
        assertThat(decider.catalog().revision()).isEqualTo(before);
    }

    @Test
    void aCatalogFileWithAnEmptyEntriesKeyIsRefusedAndTheOldRevisionStays() throws IOException {
        String before = decider.catalog().revision();
        String rules = decider.activePolicy().revision();
        Path gpus = catalogDir.resolve("gpus.yaml");
        String text = Files.readString(gpus);
        Files.writeString(gpus, text.substring(0, text.indexOf("entries:")) + "entries:\n");
        ReloadOutcome outcome = reloader.reload("test");
        assertThat(outcome.activated()).isFalse();
        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("catalog/gpus.yaml");
            assertThat(p.message()).contains("'entries:' is empty");
        });
        assertThat(decider.catalog().revision()).isEqualTo(before);
        assertThat(decider.activePolicy().revision()).isEqualTo(rules);
        assertThat(reloader.lastFailure()).contains(outcome);
    }

    @Test
    void anyOtherFailureReadingTheCatalogIsARefusedCandidateToo() {
        String before = decider.catalog().revision();
        RuleSet rules = decider.activePolicy().source();
        try (PolicyReloader failing = new PolicyReloader(() -> rules, () -> {
            throw new java.io.UncheckedIOException(new IOException("disk on fire"));
        }, decider, new PolicyCompiler(), Clock.systemUTC(), o -> { })) {
            ReloadOutcome outcome = failing.reload("test");
            assertThat(outcome.activated()).isFalse();
            assertThat(outcome.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("catalog");
                assertThat(p.message()).contains("cannot read the catalog", "disk on fire");
            });
        }
        assertThat(decider.catalog().revision()).isEqualTo(before);
    }
}
