package dev.hostwise.bot.conversation;

import java.time.Duration;

/**
 * The outbox's operating limits. The defaults suit production; tests shorten the waits.
 *
 * @param lease           how long a replica's check-in holds its jobs: after a crash, other replicas take its jobs
 *                        over this long after its last check-in
 * @param renewEvery      how often a replica checks in (well inside {@code lease}; one small write each time)
 * @param scanEvery       how often each replica looks for jobs nobody holds (given back, due for another
 *                        delivery attempt, or left by a replica that died); also done once at start-up
 * @param keyTtl          how long a request key is kept: long after the platform's last retry (Slack retries
 *                        within about 5 minutes)
 * @param firstRetry      the wait before delivering a verdict again after every way of delivering it failed;
 *                        doubles on each failure up to {@code maxRetry}
 * @param maxRetry        the longest wait between two delivery attempts
 * @param deliveryDeadline how long after the acknowledgement a verdict is still delivered; past it, a job not
 *                        delivered is recorded as undelivered and logged at ERROR
 * @param keepFinished    how long finished jobs stay in the table (for inspection) before the sweep deletes them
 * @param sweepEvery      how often expired keys and old jobs are deleted
 * @param maxBacklog      jobs of a platform waiting on every replica together above which a new question is
 *                        answered "busy" rather than taken
 */
public record OutboxSettings(Duration lease, Duration renewEvery, Duration scanEvery, Duration keyTtl, Duration firstRetry,
                             Duration maxRetry, Duration deliveryDeadline, Duration keepFinished, Duration sweepEvery,
                             long maxBacklog) {

    public static OutboxSettings standard() {
        return new OutboxSettings(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofHours(1),
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(7), Duration.ofMinutes(1),
                10_000);
    }

    /** These settings with other lease and renewal times (tests use short ones to see a take-over quickly). */
    public OutboxSettings withLease(Duration newLease, Duration newRenewEvery, Duration newScanEvery) {
        return new OutboxSettings(newLease, newRenewEvery, newScanEvery, keyTtl, firstRetry, maxRetry, deliveryDeadline,
                keepFinished, sweepEvery, maxBacklog);
    }

    /** These settings with other waits between delivery attempts, and another deadline. */
    public OutboxSettings withRetries(Duration newFirstRetry, Duration newMaxRetry, Duration newDeliveryDeadline) {
        return new OutboxSettings(lease, renewEvery, scanEvery, keyTtl, newFirstRetry, newMaxRetry, newDeliveryDeadline,
                keepFinished, sweepEvery, maxBacklog);
    }

    /** The wait before the {@code n}th delivery attempt after a failed one (n from 1). */
    public Duration retryAfter(int n) {
        Duration d = firstRetry;
        for (int i = 1; i < n && d.compareTo(maxRetry) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }
}
