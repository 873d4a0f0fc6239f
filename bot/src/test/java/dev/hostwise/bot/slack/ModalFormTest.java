package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.conversation.CatalogFill;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.slack.blocks.ScenarioModal;
import dev.hostwise.bot.slack.blocks.SlackIds;
import dev.hostwise.bot.slack.input.ModalErrors;
import dev.hostwise.bot.slack.input.ModalState;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The modal's values round-trip: a scenario shown in the form reads back as the same scenario. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModalFormTest {

    private Hostwise hostwise;

    @BeforeAll
    void start() {
        hostwise = Hostwise.start(dev.hostwise.bot.store.StoreFixture.freshH2(), Optional.empty(), Clock.systemUTC());
    }

    @Test
    void aScenarioShownInTheFormReadsBackUnchanged() {
        Scenario s = hostwise.reader().fromText(Map.of("requestsPerDay", "75000", "peakToAverage", "2.5", "inputTokens", "900",
                "outputTokens", "250", "hostedModel", "claude-3-haiku", "gpuType", "l4", "utilization", "35%",
                "taskType", "EXTRACTION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "NONE"));

        View view = new ScenarioModal(hostwise.catalog()).build(FormValues.of(s), ModalMetadata.none(), Set.of());
        Scenario back = hostwise.reader().fromText(ModalState.values(submitted(view)).byJsonName());

        assertThat(back).isEqualTo(s);
    }

    @Test
    void theDefaultFormReadsAsTheDefaultScenario() {
        Map<String, String> values = new HashMap<>(FormValues.defaults().byJsonName());
        values.putAll(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "MUST_STAY_IN_HOUSE"));
        Scenario fromForm = hostwise.reader().fromText(values);
        Scenario fromCli = hostwise.reader().fromText(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        assertThat(fromForm).isEqualTo(fromCli);
    }

    @Test
    void errorsGoUnderTheBlockThatHoldsTheFieldEvenAfterARefill() {
        CatalogFill fill = CatalogFill.apply(FormValues.defaults(), ScenarioField.GPU_TYPE, "a10g", hostwise.catalog());
        View view = new ScenarioModal(hostwise.catalog()).build(fill.values(), new ModalMetadata(null, null, 3), fill.filled());

        Map<String, String> errors = ModalErrors.byBlock(List.of(
                new FieldError("gpuDollarsPerHour", "-1 is out of range: a price in dollars above 0, e.g. 1.20"),
                new FieldError("outputTokens", "is needed too when inputTokens is given (they go together): a whole number of tokens, 0 or more, e.g. 300"),
                new FieldError("privacyNeed", "is required: one of NONE, CONTRACTUAL, MUST_STAY_IN_HOUSE")), view);

        assertThat(errors).containsOnlyKeys("gpuDollarsPerHour.3", "outputTokens", "privacyNeed");
        assertThat(errors.get("outputTokens")).isEqualTo("Output tokens per request is needed too when input tokens per request is given "
                + "(they go together): a whole number of tokens, 0 or more, e.g. 300");
        assertThat(errors.get("privacyNeed")).isEqualTo("Privacy need is required: one of NONE, CONTRACTUAL, MUST_STAY_IN_HOUSE");
    }

    @Test
    void aGpuPickFillsItsPriceAndAHostedModelPickFillsBothPrices() {
        CatalogFill gpu = CatalogFill.apply(FormValues.defaults(), ScenarioField.GPU_TYPE, "a10g", hostwise.catalog());
        assertThat(gpu.values().get(ScenarioField.GPU_DOLLARS_PER_HOUR)).contains("1.006");
        CatalogFill hosted = CatalogFill.apply(FormValues.defaults(), ScenarioField.HOSTED_MODEL, "gpt-3.5-turbo", hostwise.catalog());
        assertThat(hosted.values().get(ScenarioField.HOSTED_INPUT_PRICE_PER_1M)).contains("1.5");
        assertThat(hosted.values().get(ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M)).contains("2");
        assertThat(hosted.filled()).containsExactlyInAnyOrder(ScenarioField.HOSTED_INPUT_PRICE_PER_1M, ScenarioField.HOSTED_OUTPUT_PRICE_PER_1M);
        CatalogFill unknown = CatalogFill.apply(FormValues.defaults(), ScenarioField.GPU_TYPE, "tpu-v9", hostwise.catalog());
        assertThat(unknown.filled()).isEmpty();
    }

    @Test
    void blockIdsMapBackToTheirFields() {
        assertThat(SlackIds.fieldOf("gpuDollarsPerHour")).contains(ScenarioField.GPU_DOLLARS_PER_HOUR);
        assertThat(SlackIds.fieldOf("gpuDollarsPerHour.7")).contains(ScenarioField.GPU_DOLLARS_PER_HOUR);
        assertThat(SlackIds.fieldOf("verdict_actions")).isEmpty();
        assertThat(SlackIds.inputBlock(ScenarioField.UTILIZATION, 2)).isEqualTo("utilization.2");
    }

    /** The view as Slack sends it back on submission: every input holding its initial value. */
    private static View submitted(View view) {
        Map<String, Map<String, ViewState.Value>> values = new HashMap<>();
        view.getBlocks().stream().filter(b -> b instanceof InputBlock).map(b -> (InputBlock) b).forEach(in -> {
            ViewState.Value v = new ViewState.Value();
            String actionId;
            if (in.getElement() instanceof com.slack.api.model.block.element.PlainTextInputElement t) {
                v.setValue(t.getInitialValue());
                actionId = t.getActionId();
            } else if (in.getElement() instanceof com.slack.api.model.block.element.StaticSelectElement s) {
                v.setSelectedOption(selected(s.getInitialOption()));
                actionId = s.getActionId();
            } else if (in.getElement() instanceof com.slack.api.model.block.element.RadioButtonsElement r) {
                v.setSelectedOption(selected(r.getInitialOption()));
                actionId = r.getActionId();
            } else {
                com.slack.api.model.block.element.CheckboxesElement c = (com.slack.api.model.block.element.CheckboxesElement) in.getElement();
                v.setSelectedOptions(c.getInitialOptions() == null ? List.of() : c.getInitialOptions().stream().map(ModalFormTest::selected).toList());
                actionId = c.getActionId();
            }
            values.put(in.getBlockId(), Map.of(actionId, v));
        });
        ViewState state = new ViewState();
        state.setValues(values);
        view.setState(state);
        return view;
    }

    private static ViewState.SelectedOption selected(com.slack.api.model.block.composition.OptionObject o) {
        if (o == null) {
            return null;
        }
        ViewState.SelectedOption s = new ViewState.SelectedOption();
        s.setValue(o.getValue());
        return s;
    }

}
