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
        Duration triggerBudget,
        String pageBaseUrl,
        SlackAdmins admins) {

    /**
     * Queues the work of a request whose {@code key} was claimed; when the queue has no room, gives the
     * key back (so Slack's retry, or the user pressing again, is served) and returns false, for the
     * caller to say so. A null key claims nothing and gives nothing back.
     */
    public boolean offer(String key, String what, Runnable task) {
        if (work.offer(what, task)) {
            return true;
        }
        keys.release(key);
        return false;
    }

    /** The page of a stored verdict, when pages are served; empty otherwise. */
    public java.util.Optional<String> pageOf(String linkToken) {
        return pageBaseUrl == null || linkToken == null ? java.util.Optional.empty()
                : java.util.Optional.of(pageBaseUrl + "/v/" + linkToken);
    }
}
