package dev.hostwise.bot.conversation;

import java.time.Duration;

/**
 * Work a surface does after it has answered its platform: deciding, posting, replying. Platforms want
 * an answer within seconds and posting may be retried for many more, so it runs off the request thread.
 * Bounded: when there is no room the caller is told, and tells the user, rather than taking work it
 * cannot finish.
 *
 * <p>Decisions reach it through {@link OutboxDecisions}, which takes room ({@link #reserve}) before it
 * stores a job and queues the job in that room; follow-ups such as "Show the math" are offered directly.
 */
public interface WorkQueue extends AutoCloseable {

    /** Queues a task, waiting a moment for room; false when there is none, or the queue is stopping. {@code what} names it in logs. */
    boolean offer(String what, Runnable task);

    /**
     * Takes room for one task now, never waiting: empty when the queue is full or stopping. The room is held
     * until the task is queued in it ({@link Slot#run}) or it is given back, so a caller can take room before
     * doing what the task depends on (storing it, say) and answer "busy" at once, having done nothing, when
     * there is none.
     */
    java.util.Optional<Slot> reserve();

    /** How many more tasks there is room for now (running and waiting). */
    int room();

    /** Room taken in a queue for one task. */
    interface Slot {
        /** Queues the task in this room; false when the queue stopped meanwhile (the room is then given back). */
        boolean run(String what, Runnable task);

        /** Gives the room back unused. */
        void giveBack();
    }

    /** Waits until no task is queued or running; true if that happened within {@code timeout}. */
    boolean awaitQuiet(Duration timeout) throws InterruptedException;

    /** Lets queued work finish within a bound, then stops. */
    @Override
    void close();
}
