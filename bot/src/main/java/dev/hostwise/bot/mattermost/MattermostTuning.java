package dev.hostwise.bot.mattermost;

import dev.hostwise.bot.conversation.OutboxSettings;
import dev.hostwise.bot.conversation.RetryPolicy;
import java.time.Duration;

/**
 * The Mattermost surface's operating limits. The defaults suit production; tests shorten the waits.
 *
 * @param retry              how API calls are retried
 * @param triggerBudget      how long opening a dialog may take, retries included. A trigger ID is good for
 *                           {@code OutgoingIntegrationRequestsTimeout} (30 s by default; server/channels/app/integration_action.go,
 *                           {@code OpenInteractiveDialog}), but the user is waiting for the dialog
 * @param connectRetry       first wait before trying to reach Mattermost again at start-up; doubles up to a minute
 * @param workers            threads that decide and post
 * @param queue              tasks that may wait for a worker
 * @param waitForRoom        how long a request waits for room in a full queue before the bot says it is busy: zero
 *                           by default, as for Slack, since an acknowledgement must never wait for the verdict work behind it
 * @param rememberedKeys     request keys remembered in memory (in front of the store's shared keys)
 * @param rememberedVerdicts verdicts kept in memory for "Show the math"
 * @param outbox             the outbox's leases, scans and redelivery waits (the same outbox as every surface's)
 */
public record MattermostTuning(RetryPolicy retry, Duration triggerBudget, Duration connectRetry,
                               int workers, int queue, Duration waitForRoom, int rememberedKeys, int rememberedVerdicts,
                               OutboxSettings outbox) {

    public static MattermostTuning standard() {
        return new MattermostTuning(RetryPolicy.standard(), Duration.ofSeconds(10), Duration.ofSeconds(5),
                8, 1000, Duration.ZERO, 50_000, 5_000, OutboxSettings.standard());
    }

    public MattermostTuning withRetry(RetryPolicy r) {
        return new MattermostTuning(r, triggerBudget, connectRetry, workers, queue, waitForRoom, rememberedKeys, rememberedVerdicts,
                outbox);
    }

    public MattermostTuning withConnectRetry(Duration d) {
        return new MattermostTuning(retry, triggerBudget, d, workers, queue, waitForRoom, rememberedKeys, rememberedVerdicts, outbox);
    }

    public MattermostTuning withQueue(int w, int q, Duration wait) {
        return new MattermostTuning(retry, triggerBudget, connectRetry, w, q, wait, rememberedKeys, rememberedVerdicts, outbox);
    }

    public MattermostTuning withOutbox(OutboxSettings o) {
        return new MattermostTuning(retry, triggerBudget, connectRetry, workers, queue, waitForRoom, rememberedKeys, rememberedVerdicts, o);
    }
}
