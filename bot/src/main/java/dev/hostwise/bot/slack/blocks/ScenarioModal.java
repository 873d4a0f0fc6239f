package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
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
import dev.hostwise.knowledge.PrivacyNeed;
import dev.hostwise.knowledge.QualityNeed;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.TaskType;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.HostedModel;
import dev.hostwise.knowledge.catalog.OpenModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The modal that collects a scenario: the workload first, then the cost assumptions, pre-filled from
 * the catalog defaults. Every input block is named after its scenario field ({@link SlackIds}).
 */
public final class ScenarioModal {

    static final String TITLE = "Should we self-host?";

    private final Catalog catalog;

    public ScenarioModal(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A modal showing {@code values}; the fields in {@code filled} were just filled in by the bot. */
    public View build(ModalValues values, ModalMetadata meta, Set<ScenarioField> filled) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("Describe the workload and I'll say whether self-hosting an open model "
                + "beats paying the hosted API per token, with every figure behind it."))));
        blocks.add(header(h -> h.text(plainText("The workload"))));
        Inputs in = new Inputs(values, meta, filled, blocks);
        in.text(ScenarioField.REQUESTS_PER_DAY);
        in.text(ScenarioField.PEAK_TO_AVERAGE);
        in.text(ScenarioField.TOKENS_PER_REQUEST);
        in.text(ScenarioField.INPUT_TOKENS);
        in.text(ScenarioField.OUTPUT_TOKENS);
        in.select(ScenarioField.TASK_TYPE, taskOptions(), false);
        in.radio(ScenarioField.QUALITY_NEED, qualityOptions());
        in.radio(ScenarioField.PRIVACY_NEED, privacyOptions());

        blocks.add(header(h -> h.text(plainText("Cost assumptions"))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Pre-filled with the defaults; change any of them. "
                + "Picking a hosted model or a GPU fills in its list price from the catalog of "
                + catalog.date() + ".")))));
        in.select(ScenarioField.HOSTED_MODEL, hostedOptions(), true);
        in.text(ScenarioField.HOSTED_PRICE_PER_1K_TOKENS);
        in.text(ScenarioField.HOSTED_INPUT_PRICE_PER_1M);
        in.text(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M);
        in.select(ScenarioField.GPU_TYPE, gpuOptions(), true);
        in.text(ScenarioField.GPU_DOLLARS_PER_HOUR);
        in.text(ScenarioField.GPUS_PER_REPLICA);
        in.select(ScenarioField.OPEN_MODEL, openModelOptions(), false);
        in.text(ScenarioField.REQUESTS_PER_SECOND);
        in.measured();
        in.text(ScenarioField.UTILIZATION);
        in.text(ScenarioField.OPS_COST_PER_MONTH);
        in.text(ScenarioField.OTHER_COST_PER_MONTH);

        blocks.add(header(h -> h.text(plainText("Sizing"))));
        in.select(ScenarioField.PRICING_MODE, pricingOptions(), false);
        in.text(ScenarioField.MIN_REPLICAS);
        in.select(ScenarioField.PRECISION, precisionOptions(), false);
        in.text(ScenarioField.CONTEXT_TOKENS);
        in.text(ScenarioField.MAX_SECONDS_PER_REQUEST);
        in.text(ScenarioField.MAX_CONCURRENCY);
        in.text(ScenarioField.HOURLY_WEIGHTS);

        return view(v -> v.type("modal")
                .callbackId(SlackIds.SCENARIO_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text(SlackText.fit(TITLE, SlackText.MODAL_TITLE_MAX))))
                .submit(viewSubmit(s -> s.type("plain_text").text("Decide")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(meta.toJson())
                .blocks(blocks));
    }

    /** Adds input blocks, each with the field's label, hint and current value. */
    private record Inputs(ModalValues values, ModalMetadata meta, Set<ScenarioField> filled, List<LayoutBlock> blocks) {

        void text(ScenarioField f) {
            add(f, plainTextInput(e -> e.actionId(SlackIds.inputAction(f))
                    .placeholder(plainText(SlackText.fit(f.allowed(), SlackText.PLACEHOLDER_MAX)))
                    .initialValue(values.get(f).orElse(null))), false);
        }

        void select(ScenarioField f, List<OptionObject> options, boolean dispatch) {
            OptionObject initial = options.stream()
                    .filter(o -> values.get(f).map(o.getValue()::equalsIgnoreCase).orElse(false))
                    .findFirst().orElse(null);
            add(f, staticSelect(e -> e.actionId(SlackIds.inputAction(f))
                    .placeholder(plainText(f.required() ? "Choose one" : "None"))
                    .options(options)
                    .initialOption(initial)), dispatch);
        }

        void radio(ScenarioField f, List<OptionObject> options) {
            OptionObject initial = options.stream()
                    .filter(o -> values.get(f).map(o.getValue()::equalsIgnoreCase).orElse(false))
                    .findFirst().orElse(null);
            add(f, radioButtons(e -> e.actionId(SlackIds.inputAction(f)).options(options).initialOption(initial)), false);
        }

        void measured() {
            ScenarioField f = ScenarioField.THROUGHPUT_MEASURED;
            OptionObject option = OptionObject.builder()
                    .text(plainText("Throughput was load-tested"))
                    .description(plainText("with our own prompts at peak concurrency"))
                    .value(SlackIds.MEASURED_OPTION)
                    .build();
            boolean on = values.get(f).map(Boolean::parseBoolean).orElse(false);
            add(f, checkboxes(e -> e.actionId(SlackIds.inputAction(f)).options(List.of(option))
                    .initialOptions(on ? List.of(option) : null)), false);
        }

        private void add(ScenarioField f, BlockElement element, boolean dispatch) {
            String blockId = filled.contains(f) ? SlackIds.inputBlock(f, meta.revision()) : SlackIds.inputBlock(f);
            blocks.add(input(i -> i.blockId(blockId)
                    .label(plainText(FieldLabels.label(f)))
                    .hint(plainText(FieldLabels.hint(f)))
                    .optional(!f.required())
                    .dispatchAction(dispatch ? Boolean.TRUE : null)
                    .element(element)));
        }
    }

    private static OptionObject option(String text, String value) {
        return OptionObject.builder().text(plainText(SlackText.fit(text, SlackText.OPTION_TEXT_MAX))).value(value).build();
    }

    private static OptionObject option(String text, String description, String value) {
        return OptionObject.builder()
                .text(plainText(SlackText.fit(text, SlackText.OPTION_TEXT_MAX)))
                .description(plainText(SlackText.fit(description, SlackText.OPTION_TEXT_MAX)))
                .value(value).build();
    }

    private static List<OptionObject> taskOptions() {
        return java.util.Arrays.stream(TaskType.values())
                .map(t -> option(t.label() + ": " + t.hint(), t.name())).toList();
    }

    private static List<OptionObject> pricingOptions() {
        return java.util.Arrays.stream(dev.hostwise.knowledge.PricingMode.values())
                .map(p -> option(p.label(), p.name())).toList();
    }

    private static List<OptionObject> precisionOptions() {
        return java.util.Arrays.stream(dev.hostwise.knowledge.Precision.values())
                .map(p -> option(p.name(), p.name())).toList();
    }

    private static List<OptionObject> qualityOptions() {
        return java.util.Arrays.stream(QualityNeed.values())
                .map(q -> option(q.label(), q.hint(), q.name())).toList();
    }

    private static List<OptionObject> privacyOptions() {
        return java.util.Arrays.stream(PrivacyNeed.values())
                .map(p -> option(p.label(), p.hint(), p.name())).toList();
    }

    private List<OptionObject> hostedOptions() {
        return catalog.hostedModels().stream()
                .map((HostedModel m) -> option(m.name() + " · $" + ModalValues.show(m.inputPer1M()) + " in / $"
                        + ModalValues.show(m.outputPer1M()) + " out per 1M", m.id()))
                .toList();
    }

    private List<OptionObject> gpuOptions() {
        return catalog.gpus().stream()
                .map((Gpu g) -> option(g.name() + g.defaultOnDemand().map(p -> " · $" + ModalValues.show(p.usdPerGpuHour()) + "/h").orElse(""),
                        g.id()))
                .toList();
    }

    private List<OptionObject> openModelOptions() {
        return catalog.openModels().stream()
                .map((OpenModel m) -> option(m.name(), m.id()))
                .toList();
    }
}
