package dev.hostwise.bot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.hostwise.bot.conversation.AdjustValue;
import dev.hostwise.bot.conversation.Ask;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.conversation.QuickForm;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.bot.slack.input.ModalErrors;
import dev.hostwise.bot.slack.input.ModalState;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input fed to every reader in process, for volume: the JSON scenario, the typed
 * form values (web form, modal, CLI flags), the one-line form, and the Slack payload parts the bot reads
 * itself (a view's state, private metadata, a button's value, the command text). Each input is accepted
 * or refused with field errors; no other exception escapes, and a refusal's answer stays small.
 * Fixed seeds: a failure reproduces, and QuickTheories shrinks it before reporting.
 */
class ReaderFuzzTest {

    private static final long SEED = 20261201L;
    private static final ScenarioReader READER = new ScenarioReader(Catalog.bundled());

    @Test
    void jsonScenarios() {
        qt().withFixedSeed(SEED).withExamples(3000).forAll(HostileInputs.scenarioJson())
                .checkAssert(json -> acceptedOrFieldErrors(json, () -> READER.fromJson(json)));
    }

    @Test
    void typedFormValues() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(HostileInputs.typedValues())
                .checkAssert(values -> acceptedOrFieldErrors(values.toString(), () -> READER.fromText(values)));
    }

    @Test
    void oneLineForms() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(HostileInputs.quickForm())
                .checkAssert(text -> {
                    // what Conversation.readQuickForm does, without a platform around it
                    QuickForm form = QuickForm.parse(text);
                    String reply;
                    if (!form.ok()) {
                        reply = QuickForm.usage(form.problems());
                    } else {
                        try {
                            READER.fromText(form.byJsonName());
                            return;
                        } catch (InvalidScenarioException e) {
                            checkErrors(text, e.errors());
                            reply = QuickForm.usage(e.errors().stream().map(QuickForm::problem).toList());
                        }
                    }
                    // the reply repeats the user's words, bounded; Slack gets it escaped and capped
                    assertThat(reply.length()).as(text).isLessThan(8_000);
                    String slack = SlackText.fit(SlackText.escape(reply), SlackText.SECTION_MAX);
                    assertThat(slack).as(text).doesNotContain("<!channel>", "<@U0ASKER>", "<https://evil");
                });
    }

    @Test
    void slackPayloadParts() {
        qt().withFixedSeed(SEED).withExamples(400).forAll(HostileInputs.anyText(), HostileInputs.typedValues())
                .checkAssert((text, values) -> {
                    // private metadata: a malformed or duplicated one reads as none, never as someone else's channel
                    ModalMetadata meta = ModalMetadata.parse(text);
                    assertThat(meta.channel()).as(text).isNotEqualTo("C0EVIL");
                    // a button's value: the form opens with its scenario, or with the defaults
                    FormValues adjust = Conversation.valuesToAdjust(text);
                    acceptedOrFieldErrors(text, () -> READER.fromText(adjust.byJsonName()));
                    assertThat(AdjustValue.parse(text)).isNotNull();
                    // the command's text
                    assertThat(Ask.read(text)).isNotNull();
                    // a submitted view whose state holds the generated values
                    View view = view(values);
                    FormValues submitted = ModalState.values(view);
                    try {
                        READER.fromText(submitted.byJsonName());
                    } catch (InvalidScenarioException e) {
                        checkErrors(values.toString(), e.errors());
                        Map<String, String> byBlock = ModalErrors.byBlock(e.errors(), view);
                        assertThat(byBlock).isNotEmpty();
                        byBlock.values().forEach(m -> assertThat(m.length()).isLessThanOrEqualTo(300));
                    }
                });
    }

    static void acceptedOrFieldErrors(String input, Supplier<Scenario> read) {
        try {
            assertThat(read.get()).as(input).isNotNull();
        } catch (InvalidScenarioException e) {
            checkErrors(input, e.errors());
        }
    }

    static void checkErrors(String input, List<FieldError> errors) {
        assertThat(errors).as(input).isNotEmpty().hasSizeLessThanOrEqualTo(ScenarioReader.MAX_ERRORS + 1);
        for (FieldError e : errors) {
            assertThat(e.field()).as(input).isNotNull();
            assertThat(e.message()).as(input).isNotBlank().doesNotContain("Exception", "\tat ");
        }
        int size = errors.stream().mapToInt(e -> e.field().length() + e.message().length()).sum();
        assertThat(size).as("the errors' size for " + input).isLessThan(16_000);
    }

    /** A view_submission's view as Bolt parses it: one input block per field, holding the typed text. */
    static View view(Map<String, String> values) {
        StringBuilder blocks = new StringBuilder();
        StringBuilder state = new StringBuilder();
        for (ScenarioField f : ScenarioField.values()) {
            String id = f.json() + ".0";
            blocks.append(blocks.length() == 0 ? "" : ",").append("{\"type\":\"input\",\"block_id\":\"").append(id)
                    .append("\",\"label\":{\"type\":\"plain_text\",\"text\":\"x\"},\"element\":{\"type\":\"plain_text_input\",\"action_id\":\"v\"}}");
            String v = values.get(f.json());
            if (v != null) {
                state.append(state.length() == 0 ? "" : ",").append('"').append(id).append("\":{\"v\":{\"type\":\"plain_text_input\",\"value\":")
                        .append(HostileInputs.quoted(v)).append("}}");
            }
        }
        String json = "{\"id\":\"V1\",\"type\":\"modal\",\"blocks\":[" + blocks + "],\"state\":{\"values\":{" + state + "}}}";
        return GsonFactory.createSnakeCase().fromJson(json, View.class);
    }
}
