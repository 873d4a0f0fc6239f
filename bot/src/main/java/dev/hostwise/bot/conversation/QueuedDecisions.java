package dev.hostwise.bot.conversation;

/**
 * Decisions claimed in this process's request keys and run on its work queue: nothing is kept beyond the
 * process. Conversations use {@link OutboxDecisions}; this stays for a conversation without a store.
 */
public final class QueuedDecisions implements DecisionIntake {

    private final RequestKeys keys;
    private final WorkQueue queue;
    private final VerdictFlow flow;

    public QueuedDecisions(RequestKeys keys, WorkQueue queue, VerdictFlow flow) {
        this.keys = keys;
        this.queue = queue;
        this.flow = flow;
    }

    @Override
    public Admission submit(RequestKey key, DecisionJob job) {
        if (!keys.claim(key)) {
            return Admission.REPEAT;
        }
        if (queue.offer("the verdict for " + job.who().user(), () -> flow.decideAndDeliver(job))) {
            return Admission.ACCEPTED;
        }
        // given back, so the platform's retry or the user's second press is served
        keys.release(key);
        return Admission.BUSY;
    }
}
