package dev.hostwise.bot.slack.blocks;

import dev.hostwise.knowledge.ScenarioField;
import java.util.Optional;

/**
 * Every callback, block and action ID the Slack app uses. Listeners are registered on these and the
 * builders emit them, so the two can never drift apart.
 */
public final class SlackIds {

    /** The slash command, as configured in the app manifest. */
    public static final String COMMAND = dev.hostwise.bot.conversation.Ask.COMMAND;

    /** callback_id of the scenario modal. */
    public static final String SCENARIO_MODAL = "hostwise_scenario";

    /** Buttons under a verdict message. */
    public static final String VERDICT_ACTIONS_BLOCK = "verdict_actions";
    public static final String ADJUST_INPUTS = "adjust_inputs";
    public static final String SHOW_THE_MATH = "show_the_math";
    /** The asker's "Mute updates": no notices when the verdict is re-checked and superseded. */
    public static final String MUTE = "mute_updates";

    /** The App Home button that opens the modal. */
    public static final String HOME_ACTIONS_BLOCK = "home_actions";
    public static final String OPEN_FORM = "open_form";

    /**
     * Catalog pickers in the modal that dispatch an action when picked, so the prices they imply can
     * be filled in. Their action IDs are the scenario fields they set.
     */
    public static final String PICK_HOSTED_MODEL = ScenarioField.HOSTED_MODEL.json();
    public static final String PICK_GPU_TYPE = ScenarioField.GPU_TYPE.json();

    /** The one checkbox of the "throughput was load-tested" input. */
    public static final String MEASURED_OPTION = "true";

    /**
     * Separates a field name from a revision in a block ID. Slack keeps what a user typed into an
     * input for as long as its block ID stays the same, even when a views.update sends a new initial
     * value; a field the bot fills in after a catalog pick therefore gets a new block ID.
     */
    private static final char REVISION_MARK = '.';

    private SlackIds() {
    }

    /** The modal's input block for a scenario field: named after the field's JSON name. */
    public static String inputBlock(ScenarioField field) {
        return field.json();
    }

    /** The input block for a field the bot has just filled in (see {@link #REVISION_MARK}). */
    public static String inputBlock(ScenarioField field, int revision) {
        return revision == 0 ? field.json() : field.json() + REVISION_MARK + revision;
    }

    /** The action ID of the element inside a field's input block: also the field's JSON name. */
    public static String inputAction(ScenarioField field) {
        return field.json();
    }

    /** The scenario field an input block holds, if it is one. */
    public static Optional<ScenarioField> fieldOf(String blockId) {
        if (blockId == null) {
            return Optional.empty();
        }
        int mark = blockId.indexOf(REVISION_MARK);
        return ScenarioField.byJson(mark < 0 ? blockId : blockId.substring(0, mark));
    }
}
