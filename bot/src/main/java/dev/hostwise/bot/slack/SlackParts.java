package dev.hostwise.bot.slack;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.slack.blocks.ScenarioModal;
import dev.hostwise.bot.slack.delivery.VerdictDelivery;
import dev.hostwise.bot.slack.delivery.WebApi;
import java.time.Duration;

/**
 * What the listeners share: the application, the Web API, the work queue and the request memory.
 *
 * @param triggerBudget how long a call that uses a trigger_id may take, retries included (Slack's
 *                      trigger_ids expire after 3 seconds)
 */
public record SlackParts(
        Hostwise hostwise,
        WebApi api,
        SlackWork work,
        RequestKeys keys,
        RecentVerdicts recent,
        VerdictDelivery delivery,
        VerdictFlow flow,
        ScenarioModal modal,
        Duration triggerBudget) {
}
