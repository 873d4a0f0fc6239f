package dev.hostwise.bot.slack;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work the Slack app does after it has answered Slack: deciding and posting. Slack wants an answer
 * within 3 seconds, and posting is a network call that may be retried for many seconds, so it runs
 * here, off the request thread. Bounded: when the queue is full, a request waits a moment for room
 * (which slows the acknowledgements down to the pace verdicts can be posted at, instead of taking
 * work it cannot finish); if there is still none, the caller is told and tells the user.
 */
public final class SlackWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackWork.class);

    private final ThreadPoolExecutor executor;
    /** Room for the running and the queued tasks; the executor's own queue is never the limit. */
    private final Semaphore room;
    private final Duration waitForRoom;
    private final AtomicInteger pending = new AtomicInteger();
    private final Object quiet = new Object();

    private final Counter turnedAway;
    private final Timer queued;
    private final MeterRegistry meters;
    private final Gauge waiting;

    /** @param meters where the work waiting or running and the requests turned away for lack of room are recorded */
    public SlackWork(int threads, int queueCapacity, Duration waitForRoom, MeterRegistry meters) {
        this.meters = meters;
        this.waiting = Gauge.builder("hostwise.slack.work", pending, AtomicInteger::get)
                .description("Slack tasks (verdicts to decide and post) queued or running").register(meters);
        this.turnedAway = Counter.builder("hostwise.slack.busy")
                .description("Requests told the bot is busy: no room in the queue within the wait").register(meters);
        this.queued = Timer.builder("hostwise.slack.work.wait")
                .description("How long accepted Slack work waited for a worker: the lag before a verdict is decided")
                .register(meters);
        AtomicInteger n = new AtomicInteger();
        // fair: under sustained load, requests get room in the order they asked, which keeps the slowest acknowledgements short
        this.room = new Semaphore(threads + queueCapacity, true);
        this.waitForRoom = waitForRoom;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "hostwise-slack-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Queues a task, waiting up to the configured moment for room; false when there is still none or
     * the app is stopping. {@code what} names the task in logs.
     */
    public boolean offer(String what, Runnable task) {
        try {
            if (!room.tryAcquire(waitForRoom.toNanos(), TimeUnit.NANOSECONDS)) {
                turnedAway.increment();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        pending.incrementAndGet();
        long accepted = System.nanoTime();
        try {
            executor.execute(() -> {
                try {
                    queued.record(System.nanoTime() - accepted, TimeUnit.NANOSECONDS);
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{} failed", what, e);
                } finally {
                    room.release();
                    done();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            room.release();
            done();
            return false;
        }
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (quiet) {
                quiet.notifyAll();
            }
        }
    }

    /** Waits until no task is queued or running; true if that happened within {@code timeout}. */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (quiet) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(quiet, left);
            }
        }
        return true;
    }

    /** Lets queued work finish (up to ten seconds), then stops. */
    @Override
    public void close() {
        // a later Slack app on the same registry (tests start several) registers its own
        meters.remove(waiting);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} Slack tasks were still running at shutdown and were stopped", executor.getActiveCount());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
