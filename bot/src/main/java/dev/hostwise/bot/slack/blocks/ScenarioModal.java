package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import dev.hostwise.bot.conversation.FormDefinition;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.knowledge.FieldMetadata.Choice;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The modal that collects a scenario: the {@link FormDefinition} drawn as Block Kit, section by
 * section, pre-filled with the catalog defaults. Every input block is named after its scenario field
 * ({@link SlackIds}); nothing here lists fields.
 */
public final class ScenarioModal {

    static final String TITLE = "Should we self-host?";

    private final Catalog catalog;

    public ScenarioModal(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A modal showing {@code values}; the fields in {@code filled} were just filled in by the bot. */
    public View build(FormValues values, ModalMetadata meta, Set<ScenarioField> filled) {
        FormDefinition form = FormDefinition.of(values.text(), catalog).forChat();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("Describe the workload and I'll say whether self-hosting an open model "
                + "beats paying the hosted API per token, with every figure behind it."))));
        for (FormDefinition.Section part : form.sections()) {
            blocks.add(header(h -> h.text(plainText(SlackText.fit(part.title(), SlackText.HEADER_MAX)))));
            if (part.hasCatalogPickers()) {
                blocks.add(context(c -> c.elements(List.of(markdownText("Pre-filled with the defaults; change any of them. "
                        + "Picking a hosted model or a GPU fills in its list price from the catalog of " + catalog.date() + ".")))));
            }
            for (FormDefinition.Field f : part.fields()) {
                blocks.add(input(f, element(f), filled.contains(f.field()) ? SlackIds.inputBlock(f.field(), meta.revision())
                        : SlackIds.inputBlock(f.field())));
            }
        }
        return view(v -> v.type("modal")
                .callbackId(SlackIds.SCENARIO_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text(SlackText.fit(TITLE, SlackText.MODAL_TITLE_MAX))))
                .submit(viewSubmit(s -> s.type("plain_text").text("Decide")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(meta.toJson())
                .blocks(blocks));
    }

    private static LayoutBlock input(FormDefinition.Field f, BlockElement element, String blockId) {
        return com.slack.api.model.block.Blocks.input(i -> i.blockId(blockId)
                .label(plainText(f.label()))
                .hint(plainText(f.hint()))
                .optional(!f.required())
                // a catalog pick fills other fields in at once (CatalogPicked)
                .dispatchAction(f.fillsOthers() ? Boolean.TRUE : null)
                .element(element));
    }

    private static BlockElement element(FormDefinition.Field f) {
        String action = SlackIds.inputAction(f.field());
        return switch (f.widget()) {
            case NUMBER, NUMBERS -> plainTextInput(e -> e.actionId(action)
                    .placeholder(plainText(SlackText.fit(f.allowed(), SlackText.PLACEHOLDER_MAX)))
                    .initialValue(f.value().orElse(null)));
            case SELECT -> {
                List<OptionObject> options = f.choices().stream().map(ScenarioModal::selectOption).toList();
                yield staticSelect(e -> e.actionId(action)
                        .placeholder(plainText(f.required() ? "Choose one" : "None"))
                        .options(options)
                        .initialOption(initial(options, f)));
            }
            case RADIO -> {
                List<OptionObject> options = f.choices().stream().map(ScenarioModal::described).toList();
                yield radioButtons(e -> e.actionId(action).options(options).initialOption(initial(options, f)));
            }
            case CHECKBOX -> {
                // the box's value is what SlackIds reads back as ticked; unticked means false
                List<OptionObject> box = f.choices().stream().map(c -> described(new Choice(SlackIds.MEASURED_OPTION, c.label(), c.hint())))
                        .toList();
                boolean on = f.value().map(Boolean::parseBoolean).orElse(false);
                yield checkboxes(e -> e.actionId(action).options(box).initialOptions(on ? box : null));
            }
        };
    }

    private static OptionObject initial(List<OptionObject> options, FormDefinition.Field f) {
        return options.stream().filter(o -> f.value().map(o.getValue()::equalsIgnoreCase).orElse(false)).findFirst().orElse(null);
    }

    /** A drop-down answer: "Retrieval Q&A: answer from retrieved passages". */
    private static OptionObject selectOption(Choice c) {
        String text = c.hint().map(h -> c.label() + ": " + h).orElse(c.label());
        return OptionObject.builder().text(plainText(SlackText.fit(text, SlackText.OPTION_TEXT_MAX))).value(c.value()).build();
    }

    /** A radio or checkbox answer: its label, and its hint as the description under it. */
    private static OptionObject described(Choice c) {
        OptionObject.OptionObjectBuilder b = OptionObject.builder().text(plainText(SlackText.fit(c.label(), SlackText.OPTION_TEXT_MAX)))
                .value(c.value());
        c.hint().ifPresent(h -> b.description(plainText(SlackText.fit(h, SlackText.OPTION_TEXT_MAX))));
        return b.build();
    }
}
