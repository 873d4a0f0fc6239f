package dev.hostwise.bot.slack;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.slack.blocks.ScenarioModal;
import dev.hostwise.bot.slack.delivery.WebApi;
import java.time.Duration;
import java.util.Optional;

/**
 * What the listeners share: the conversation core they hand every request to, the Web API for the
 * calls only Slack has (views.open, views.update, views.publish), and the modal's builder.
 *
 * @param triggerBudget how long a call that uses a trigger_id may take, retries included (Slack's
 *                      trigger_ids expire after 3 seconds)
 */
public record SlackParts(
        Hostwise hostwise,
        WebApi api,
        Conversation conversation,
        Duration triggerBudget,
        String pageBaseUrl,
        SlackAdmins admins) {

    /** The scenario modal, with the pickers of the catalog in force now (a catalog reload changes them). */
    public ScenarioModal modal() {
        return new ScenarioModal(hostwise.catalog());
    }

    /** The page of a stored verdict, when pages are served; empty otherwise. */
    public Optional<String> pageOf(String linkToken) {
        return pageBaseUrl == null || linkToken == null ? Optional.empty() : Optional.of(pageBaseUrl + "/v/" + linkToken);
    }
}
