package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.CatalogFill;
import dev.hostwise.bot.slack.blocks.HelpMessage;
import dev.hostwise.bot.slack.blocks.HomeTab;
import dev.hostwise.bot.slack.blocks.MathThread;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.slack.blocks.ScenarioModal;
import dev.hostwise.bot.slack.blocks.VerdictMessage;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.rules.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The modal, the verdict message, "Show the math", App Home and help, compared with golden JSON. The
 * rules revision and catalog date are replaced by placeholders, so editing a rule's wording shows up
 * here but a new revision hash alone does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackBlocksGoldenTest {

    // a day no catalog file is dated, so the catalog-date placeholder never swallows the verdict's own date
    private static final Instant AT = Instant.parse("2026-06-15T09:30:00Z");
    private static final Requester ANA = Requester.chat(Platform.SLACK, "T0TEST", "C0CHANNEL", "U0ASKER");

    private Hostwise hostwise;
    private ScenarioModal modal;
    private Map<String, String> placeholders;

    @BeforeAll
    void compileThePolicyOnce() {
        hostwise = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());
        modal = new ScenarioModal(hostwise.catalog());
        placeholders = Map.of(hostwise.decider().activePolicy().revision(), "RULES-REVISION",
                hostwise.catalog().date().toString(), "CATALOG-DATE");
    }

    private Verdict readmeVerdict() {
        Scenario s = hostwise.reader().fromText(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        return hostwise.decider().decide(s, "HW-2026-0042", AT);
    }

    private RecordedVerdict recorded(Verdict v) {
        return RecordedVerdict.unsaved(v, "verdicts are not stored in this version");
    }

    @Test
    void theModalWithTheCatalogDefaults() throws Exception {
        View view = modal.build(FormValues.defaults(),
                new ModalMetadata("C0CHANNEL", "https://hooks.slack.com/commands/T0TEST/1/abc", 0), Set.of());
        Golden.assertMatches("modal-defaults", Golden.json(view, placeholders));
    }

    @Test
    void theModalFilledInFromAVerdict() throws Exception {
        Scenario s = hostwise.reader().fromText(Map.ofEntries(Map.entry("requestsPerDay", "50k"), Map.entry("peakToAverage", "3"),
                Map.entry("inputTokens", "900"), Map.entry("outputTokens", "300"), Map.entry("hostedModel", "gpt-4o"),
                Map.entry("gpuType", "a100-80gb"), Map.entry("gpusPerReplica", "2"), Map.entry("openModel", "llama-2-70b"), Map.entry("requestsPerSecond", "2.5"),
                Map.entry("throughputMeasured", "true"), Map.entry("taskType", "RAG_QA"),
                Map.entry("qualityNeed", "QUALITY_IS_THE_PRODUCT"), Map.entry("privacyNeed", "CONTRACTUAL")));
        View view = modal.build(FormValues.of(s), new ModalMetadata("C0CHANNEL", null, 0), Set.of());
        Golden.assertMatches("modal-adjust", Golden.json(view, placeholders));
    }

    @Test
    void theModalAfterAGpuPick() throws Exception {
        CatalogFill fill = CatalogFill.apply(FormValues.defaults(), ScenarioField.GPU_TYPE, "h100-80gb", hostwise.catalog());
        View view = modal.build(fill.values(), new ModalMetadata(null, null, 1), fill.filled());
        Golden.assertMatches("modal-after-gpu-pick", Golden.json(view, placeholders));
    }

    @Test
    void theVerdictMessage() throws Exception {
        List<LayoutBlock> blocks = new VerdictMessage().blocks(recorded(readmeVerdict()), ANA, Optional.empty());
        Golden.assertMatches("verdict-message", Golden.json(blocks, placeholders));
    }

    @Test
    void theVerdictMessageWithAFallbackNote() throws Exception {
        List<LayoutBlock> blocks = new VerdictMessage().blocks(recorded(readmeVerdict()), ANA,
                Optional.of("I couldn't post in <#C0CHANNEL> myself (Slack said not_in_channel), so this came through the command's reply link."));
        Golden.assertMatches("verdict-message-fallback", Golden.json(blocks, placeholders));
    }

    @Test
    void theMeasureFirstMessageOfASearchShowsTheSearchAndTheLoadTestToRun() throws Exception {
        Scenario s = hostwise.reader().fromText(Map.of("requestsPerDay", "2000000", "openModel", "llama-3.3-70b", "gpuType", "auto",
                "hostedModel", "gpt-4o", "inputTokens", "900", "outputTokens", "300", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        List<LayoutBlock> blocks = new VerdictMessage().blocks(recorded(hostwise.decider().decide(s, "HW-2026-0043", AT)), ANA,
                Optional.empty());
        Golden.assertMatches("verdict-message-searched", Golden.json(blocks, placeholders));
    }

    @Test
    void theMathThread() throws Exception {
        Golden.assertMatches("math-thread", Golden.json(new MathThread().blocks(readmeVerdict()), placeholders));
    }

    @Test
    void theHomeTab() throws Exception {
        View home = new HomeTab().build(hostwise.decider().activePolicy().revision(), hostwise.decider().activePolicy().conditions(),
                hostwise.catalog().date());
        Golden.assertMatches("home-tab", Golden.json(home, placeholders));
    }

    @Test
    void theHelpMessage() throws Exception {
        Golden.assertMatches("help", Golden.json(new HelpMessage().blocks(hostwise.decider().activePolicy().revision(),
                hostwise.decider().activePolicy().conditions()), placeholders));
    }

    @Test
    void everyBuilderStaysInsideSlacksLimits() {
        View view = modal.build(FormValues.defaults(), new ModalMetadata("C0CHANNEL", "https://hooks.slack.com/x", 0), Set.of());
        assertThat(view.getTitle().getText()).hasSizeLessThanOrEqualTo(24);
        assertThat(view.getBlocks()).hasSizeLessThanOrEqualTo(100);
        assertThat(view.getPrivateMetadata()).hasSizeLessThanOrEqualTo(3000);
        // every option's text and description is at most 75 characters
        view.getBlocks().stream()
                .filter(b -> b instanceof com.slack.api.model.block.InputBlock)
                .map(b -> ((com.slack.api.model.block.InputBlock) b).getElement())
                .forEach(e -> options(e).forEach(o -> {
                    assertThat(o.getText().getText()).hasSizeLessThanOrEqualTo(75);
                    if (o.getDescription() != null) {
                        assertThat(o.getDescription().getText()).hasSizeLessThanOrEqualTo(75);
                    }
                }));
        Verdict v = readmeVerdict();
        assertThat(new VerdictMessage().blocks(recorded(v), ANA, Optional.of("note"))).hasSizeLessThanOrEqualTo(50);
        assertThat(new MathThread().blocks(v)).hasSizeLessThanOrEqualTo(50);
    }

    private static List<com.slack.api.model.block.composition.OptionObject> options(com.slack.api.model.block.element.BlockElement e) {
        if (e instanceof com.slack.api.model.block.element.StaticSelectElement s) {
            return s.getOptions();
        }
        if (e instanceof com.slack.api.model.block.element.RadioButtonsElement r) {
            return r.getOptions();
        }
        if (e instanceof com.slack.api.model.block.element.CheckboxesElement c) {
            return c.getOptions();
        }
        return List.of();
    }
}
