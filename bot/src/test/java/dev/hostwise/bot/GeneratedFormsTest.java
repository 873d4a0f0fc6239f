package dev.hostwise.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.hostwise.bot.cli.HostwiseCli;
import dev.hostwise.bot.conversation.FormDefinition;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.conversation.QuickForm;
import dev.hostwise.bot.slack.blocks.HelpMessage;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.blocks.ScenarioModal;
import dev.hostwise.bot.web.ScenarioForm;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.FieldMetadata.QuickKey;
import dev.hostwise.knowledge.ScenarioField;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every form is generated from the field metadata: each entry of {@link FieldMetadata#ALL} appears in
 * the Slack modal, the web form, the one-line form and its help, and the CLI flags, with its label, its
 * hint and its bounds. No form lists fields itself, so a field added to the metadata (and the model)
 * appears in all of them; these checks iterate the metadata, never a list of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedFormsTest {

    private Hostwise hostwise;

    @BeforeAll
    void start() {
        hostwise = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        hostwise.close();
    }

    @Test
    void theFormDefinitionHasEveryFieldOnceInItsSection() {
        FormDefinition form = FormDefinition.of(FormValues.defaults().text(), hostwise.catalog());
        assertThat(form.fields()).extracting(FormDefinition.Field::field).containsExactlyElementsOf(
                FieldMetadata.ALL.stream().map(FieldMetadata::field).toList());
        for (FormDefinition.Section s : form.sections()) {
            assertThat(s.fields()).allSatisfy(f -> assertThat(f.meta().section()).isEqualTo(s.section()));
        }
        // every picker has answers to pick from
        assertThat(form.fields()).filteredOn(f -> f.widget() != FieldMetadata.Widget.NUMBER && f.widget() != FieldMetadata.Widget.NUMBERS)
                .allSatisfy(f -> assertThat(f.choices()).as(f.name()).isNotEmpty());
    }

    @Test
    void theSlackModalAsksEveryFieldWithItsLabelAndHint() {
        View view = new ScenarioModal(hostwise.catalog()).build(FormValues.defaults(), ModalMetadata.none(), Set.of());
        Map<String, InputBlock> inputs = view.getBlocks().stream().filter(b -> b instanceof InputBlock).map(b -> (InputBlock) b)
                .collect(Collectors.toMap(InputBlock::getBlockId, b -> b));
        for (FieldMetadata m : FieldMetadata.ALL) {
            InputBlock in = inputs.get(m.field().json());
            if (!m.inChatForms()) {
                // ranges stay out of chat forms: JSON, the API, the CLI and the web form ask them
                assertThat(in).as(m.field().json()).isNull();
                continue;
            }
            assertThat(in).as(m.field().json()).isNotNull();
            assertThat(in.getLabel().getText()).isEqualTo(m.label());
            assertThat(in.getHint().getText()).isEqualTo(m.hint());
            assertThat(in.isOptional()).isEqualTo(!m.field().required());
        }
        assertThat(view.getBlocks().stream().filter(b -> b instanceof com.slack.api.model.block.HeaderBlock)
                .map(b -> ((com.slack.api.model.block.HeaderBlock) b).getText().getText()))
                .containsExactly(List.of(FieldMetadata.Section.values()).stream().map(FieldMetadata.Section::title).toArray(String[]::new));
    }

    @Test
    void theWebFormAsksEveryFieldWithItsLabelHintAndBounds() {
        String page = new ScenarioForm(hostwise.catalog(), hostwise.decider().activePolicy().conditions())
                .render(Map.of(), List.of());
        for (FieldMetadata m : FieldMetadata.ALL) {
            String json = m.field().json();
            int at = page.indexOf("<label for=\"f-" + json + "\">");
            assertThat(at).as(json).isNotNegative();
            String field = page.substring(at, page.indexOf("</div>", at));
            assertThat(field).as(json).contains(html(m.label()), "name=\"" + json + "\"", html(m.hint()));
            m.bounds().ifPresent(b -> assertThat(field).as(json).contains(html(capitalise(b))));
        }
        assertThat(page).contains("<legend>" + FieldMetadata.Section.COSTS.title() + "</legend>");
    }

    @Test
    void theOneLineFormHasAKeyForEveryFieldThatHasOneAndHelpListsItWithItsLabel() {
        var policy = hostwise.decider().activePolicy();
        String help = GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create()
                .toJson(new HelpMessage().blocks(policy.revision(), policy.conditions()));
        for (FieldMetadata m : FieldMetadata.withQuickKeys()) {
            QuickKey k = m.quickKey().orElseThrow();
            assertThat(help).as(k.key()).contains("`" + k.example() + "` " + m.label().toLowerCase(Locale.ROOT));
            String typed = switch (k.form()) {
                case PER_DAY -> "70000/day";
                case FLAG -> k.key();
                case VALUE -> k.key() + "=x";
            };
            assertThat(QuickForm.parse(typed).values()).as(typed).containsKey(m.field());
        }
        // the fields without a key (24 weights, and ranges, do not fit a chat line) are still in the forms above that ask them
        assertThat(FieldMetadata.ALL.stream().filter(m -> m.quickKey().isEmpty()).map(FieldMetadata::field))
                .containsExactly(ScenarioField.HOURLY_WEIGHTS, ScenarioField.RANGES);
    }

    @Test
    void theCliHasAFlagForEveryFieldWithItsBounds() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = HostwiseCli.commandLine(new Env(Map.of()));
        cl.setOut(new java.io.PrintWriter(out, true));
        assertThat(cl.execute("decide", "--help")).isZero();
        String usage = out.toString().replaceAll("\\s+", " ");
        for (FieldMetadata m : FieldMetadata.ALL) {
            assertThat(usage).as(m.field().json()).contains(m.field().flag());
            m.bounds().ifPresent(b -> assertThat(usage).as(m.field().json()).contains(capitalise(b)));
        }
    }

    private static String html(String s) {
        // as the templates escape an element's text: quotes need no escaping there
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
