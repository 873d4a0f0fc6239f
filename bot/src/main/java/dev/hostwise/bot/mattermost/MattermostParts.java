package dev.hostwise.bot.mattermost;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.mattermost.api.MattermostApi;
import dev.hostwise.bot.mattermost.api.ReplyLinks;
import dev.hostwise.bot.mattermost.callback.CallbackSeal;
import dev.hostwise.bot.mattermost.delivery.KnownUsers;
import dev.hostwise.bot.mattermost.input.CommandTokens;
import dev.hostwise.bot.mattermost.render.ScenarioDialog;
import java.util.function.BooleanSupplier;

/**
 * What the three route handlers share: the conversation core they hand every request to, the API for the
 * one call only Mattermost has (opening a dialog), the seal on callbacks, and what the surface remembers
 * about recent requests (reply links, user names).
 *
 * @param ready       whether Mattermost has accepted the bot token; until then requests get 503
 * @param pageBaseUrl where verdict pages are served, for links in answers (a pool's verdicts); null for none
 */
public record MattermostParts(
        Hostwise hostwise,
        Conversation conversation,
        MattermostApi api,
        MattermostSettings settings,
        MattermostTuning tuning,
        CommandTokens commandTokens,
        CallbackSeal seal,
        ReplyLinks replyLinks,
        KnownUsers users,
        BooleanSupplier ready,
        String pageBaseUrl) {

    /** The dialog, with the pickers of the catalog in force now (a catalog reload changes them). */
    public ScenarioDialog dialog() {
        return new ScenarioDialog(hostwise.catalog());
    }
}
