package dev.hostwise.bot.conversation;

import java.time.Duration;

/**
 * Work a surface does after it has answered its platform: deciding, posting, replying. Platforms want
 * an answer within seconds and posting may be retried for many more, so it runs off the request thread.
 * Bounded: when there is no room the caller is told, and tells the user, rather than taking work it
 * cannot finish.
 *
 * <p>Decisions reach it through {@link DecisionIntake}; an outbox (jobs in a table, taken by workers
 * with {@code FOR UPDATE SKIP LOCKED}) would replace that intake for decisions while follow-ups such
 * as "Show the math" keep using this queue.
 */
public interface WorkQueue extends AutoCloseable {

    /** Queues a task, waiting a moment for room; false when there is none, or the queue is stopping. {@code what} names it in logs. */
    boolean offer(String what, Runnable task);

    /** Waits until no task is queued or running; true if that happened within {@code timeout}. */
    boolean awaitQuiet(Duration timeout) throws InterruptedException;

    /** Lets queued work finish within a bound, then stops. */
    @Override
    void close();
}
