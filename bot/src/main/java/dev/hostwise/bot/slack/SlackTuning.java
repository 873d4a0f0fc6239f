package dev.hostwise.bot.slack;

import dev.hostwise.bot.conversation.RetryPolicy;
import java.time.Duration;

/**
 * The Slack app's operating limits. The defaults suit production; tests shorten the waits.
 *
 * @param retry          how Web API calls are retried
 * @param triggerBudget  how long a trigger_id call may take, retries included (Slack allows 3 s)
 * @param connectRetry   first wait before retrying to reach Slack at start-up; doubles up to a minute
 * @param workers        threads that decide and post
 * @param queue          tasks that may wait for a worker
 * @param waitForRoom    how long a request waits for room in a full queue before the bot says it is busy
 * @param rememberedKeys Slack request IDs remembered to ignore retries
 * @param rememberedVerdicts verdicts kept in memory for "Show the math"
 */
public record SlackTuning(RetryPolicy retry, Duration triggerBudget, Duration connectRetry,
                          int workers, int queue, Duration waitForRoom, int rememberedKeys, int rememberedVerdicts) {

    public static SlackTuning standard() {
        return new SlackTuning(RetryPolicy.standard(), Duration.ofMillis(2500), Duration.ofSeconds(5),
                8, 1000, Duration.ofSeconds(1), 50_000, 5_000);
    }

    public SlackTuning withRetry(RetryPolicy r) {
        return new SlackTuning(r, triggerBudget, connectRetry, workers, queue, waitForRoom, rememberedKeys, rememberedVerdicts);
    }

    public SlackTuning withConnectRetry(Duration d) {
        return new SlackTuning(retry, triggerBudget, d, workers, queue, waitForRoom, rememberedKeys, rememberedVerdicts);
    }
}
