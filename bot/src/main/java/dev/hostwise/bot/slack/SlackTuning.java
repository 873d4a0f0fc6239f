package dev.hostwise.bot.slack;

import dev.hostwise.bot.conversation.OutboxSettings;
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
 * @param waitForRoom    how long a request waits for room in a full queue before the bot says it is busy: zero
 *                       by default, since an acknowledgement must never wait for the verdict work behind it
 * @param rememberedKeys Slack request IDs remembered in memory (in front of the store's shared keys)
 * @param rememberedVerdicts verdicts kept in memory for "Show the math"
 * @param outbox         the outbox's leases, scans and redelivery waits
 */
public record SlackTuning(RetryPolicy retry, Duration triggerBudget, Duration connectRetry,
                          int workers, int queue, Duration waitForRoom, int rememberedKeys, int rememberedVerdicts,
                          OutboxSettings outbox) {

    public static SlackTuning standard() {
        return new SlackTuning(RetryPolicy.standard(), Duration.ofMillis(2500), Duration.ofSeconds(5),
                8, 1000, Duration.ZERO, 50_000, 5_000, OutboxSettings.standard());
    }

    public SlackTuning withRetry(RetryPolicy r) {
        return new SlackTuning(r, triggerBudget, connectRetry, workers, queue, waitForRoom, rememberedKeys, rememberedVerdicts, outbox);
    }

    public SlackTuning withConnectRetry(Duration d) {
        return new SlackTuning(retry, triggerBudget, d, workers, queue, waitForRoom, rememberedKeys, rememberedVerdicts, outbox);
    }

    public SlackTuning withOutbox(OutboxSettings o) {
        return new SlackTuning(retry, triggerBudget, connectRetry, workers, queue, waitForRoom, rememberedKeys, rememberedVerdicts, o);
    }

    /** These limits with another number of workers and room for waiting tasks. */
    public SlackTuning withWork(int newWorkers, int newQueue, Duration newWaitForRoom) {
        return new SlackTuning(retry, triggerBudget, connectRetry, newWorkers, newQueue, newWaitForRoom, rememberedKeys,
                rememberedVerdicts, outbox);
    }
}
