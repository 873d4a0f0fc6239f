package dev.hostwise.bot.conversation;

/**
 * Where surfaces hand a decision they have acknowledged, under the key of the request that asked for
 * it. The implementation decides when and where it runs; surfaces only map the {@link Admission} to
 * their platform's answer.
 *
 * <p>This is the seam for "acknowledged means answered": {@link QueuedDecisions} claims the key in
 * memory and queues the job in this process. An outbox implementation would, in one transaction,
 * insert the key into {@code request_keys} (a unique-key violation means {@link Admission#REPEAT}) and
 * the {@link DecisionJob} into an outbox table, then return {@link Admission#ACCEPTED}; workers on any
 * replica take jobs with {@code FOR UPDATE SKIP LOCKED} and run {@link VerdictFlow#decideAndDeliver}.
 */
public interface DecisionIntake {

    Admission submit(RequestKey key, DecisionJob job);
}
