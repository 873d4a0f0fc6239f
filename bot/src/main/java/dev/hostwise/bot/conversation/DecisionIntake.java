package dev.hostwise.bot.conversation;

/**
 * Where surfaces hand a decision they have acknowledged, under the key of the request that asked for
 * it. The implementation decides when and where it runs; surfaces only map the {@link Admission} to
 * their platform's answer.
 *
 * <p>"Acknowledged means answered": {@link OutboxDecisions}, which every {@link Conversation} uses, inserts the
 * key into {@code request_keys} (a unique-key violation means {@link Admission#REPEAT}) and the
 * {@link DecisionJob} into {@code outbox_jobs} in one transaction before it returns {@link Admission#ACCEPTED};
 * workers on any replica take jobs nobody holds with {@code FOR UPDATE SKIP LOCKED}. {@link QueuedDecisions}
 * is the same seam in memory only (one process, nothing survives it).
 */
public interface DecisionIntake {

    Admission submit(RequestKey key, DecisionJob job);
}
