package dev.hostwise.bot.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An outbox job as a worker took it.
 *
 * @param lease      the worker's hold on it
 * @param createdAt  when the question was acknowledged
 * @param verdictId  the verdict stored for it by an earlier take: deliver that one, never decide again
 * @param deliveries how many times delivering it was tried before
 * @param lastProblem why the last delivery failed, if it did
 * @param json       what to decide and where to answer (the conversation core writes and reads it)
 */
public record OutboxJob(JobLease lease, Instant createdAt, Optional<String> verdictId, int deliveries,
                        Optional<String> lastProblem, String json) {

    public long id() {
        return lease.job();
    }
}
