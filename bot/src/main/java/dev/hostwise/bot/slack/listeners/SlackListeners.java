package dev.hostwise.bot.slack.listeners;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.hostwise.bot.conversation.Ask;
import dev.hostwise.bot.slack.SlackParts;
import dev.hostwise.bot.slack.blocks.SlackIds;
import dev.hostwise.bot.slack.listeners.actions.AdjustInputs;
import dev.hostwise.bot.slack.listeners.actions.CatalogPicked;
import dev.hostwise.bot.slack.listeners.actions.OpenFormFromHome;
import dev.hostwise.bot.slack.listeners.actions.MuteButton;
import dev.hostwise.bot.slack.listeners.actions.ShowTheMath;
import dev.hostwise.bot.slack.listeners.commands.MuteCommand;
import dev.hostwise.bot.slack.listeners.commands.PoolCommand;
import dev.hostwise.bot.slack.listeners.commands.HelpCommand;
import dev.hostwise.bot.slack.listeners.commands.VerdictLookupCommand;
import dev.hostwise.bot.slack.listeners.commands.ReloadCommand;
import dev.hostwise.bot.slack.listeners.commands.RulesStatusCommand;
import dev.hostwise.bot.slack.listeners.commands.OpenFormCommand;
import dev.hostwise.bot.slack.listeners.commands.QuickFormCommand;
import dev.hostwise.bot.slack.listeners.commands.SelfhostCommand;
import dev.hostwise.bot.slack.listeners.events.AppHomeOpened;
import dev.hostwise.bot.slack.listeners.views.ScenarioSubmitted;
import java.util.Map;

/** Registers every listener on the Bolt app, grouped by kind as in Slack's Bolt starter template. */
public final class SlackListeners {

    private SlackListeners() {
    }

    public static void register(App app, SlackParts parts) {
        commands(app, parts);
        views(app, parts);
        actions(app, parts);
        events(app, parts);
    }

    private static void commands(App app, SlackParts parts) {
        // what was asked is read by the conversation core; one handler per kind of ask
        app.command(SlackIds.COMMAND, new SelfhostCommand(Map.of(
                Ask.OpenForm.class, new OpenFormCommand(parts),
                Ask.Quick.class, new QuickFormCommand(parts),
                Ask.Help.class, new HelpCommand(parts.hostwise()),
                Ask.RulesStatus.class, new RulesStatusCommand(parts),
                Ask.Reload.class, new ReloadCommand(parts),
                Ask.Lookup.class, new VerdictLookupCommand(parts),
                Ask.Mute.class, new MuteCommand(parts),
                Ask.Pool.class, new PoolCommand(parts))));
    }

    private static void views(App app, SlackParts parts) {
        app.viewSubmission(SlackIds.SCENARIO_MODAL, new ScenarioSubmitted(parts));
    }

    private static void actions(App app, SlackParts parts) {
        app.blockAction(SlackIds.ADJUST_INPUTS, new AdjustInputs(parts));
        app.blockAction(SlackIds.SHOW_THE_MATH, new ShowTheMath(parts));
        app.blockAction(SlackIds.MUTE, new MuteButton(parts));
        app.blockAction(SlackIds.OPEN_FORM, new OpenFormFromHome(parts));
        CatalogPicked picked = new CatalogPicked(parts);
        app.blockAction(SlackIds.PICK_HOSTED_MODEL, picked);
        app.blockAction(SlackIds.PICK_GPU_TYPE, picked);
    }

    private static void events(App app, SlackParts parts) {
        app.event(AppHomeOpenedEvent.class, new AppHomeOpened(parts));
    }
}
