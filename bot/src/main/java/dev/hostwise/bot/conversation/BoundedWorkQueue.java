package dev.hostwise.bot.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WorkQueue} in this process: a fixed pool of workers and a bounded number of tasks waiting
 * for them. When it is full, {@link #offer} waits up to the configured moment for room (zero for chat
 * surfaces: an acknowledgement never waits for the verdict work behind it) and {@link #reserve} never
 * waits; either way the caller is told there is none, and tells the user. Each chat surface has its own,
 * with its own meters.
 */
public final class BoundedWorkQueue implements WorkQueue {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedWorkQueue.class);

    private final ThreadPoolExecutor executor;
    /** Room for the running and the queued tasks; the executor's own queue is never the limit. */
    private final Semaphore room;
    private final Duration waitForRoom;
    private final Duration drainBound;
    private final AtomicInteger pending = new AtomicInteger();
    private final Object quiet = new Object();

    private final Counter turnedAway;
    private final Timer queued;
    private final MeterRegistry meters;
    private final Gauge waiting;

    /**
     * @param name   the surface it works for, e.g. {@code slack}: its meters are {@code hostwise.<name>.work},
     *               {@code hostwise.<name>.busy} and {@code hostwise.<name>.work.wait}, its threads {@code hostwise-<name>-N}
     * @param meters where the work waiting or running and the requests turned away for lack of room are recorded
     */
    public BoundedWorkQueue(String name, int threads, int queueCapacity, Duration waitForRoom, MeterRegistry meters) {
        this(name, threads, queueCapacity, waitForRoom, DRAIN_BOUND, meters);
    }

    /**
     * How long {@link #close()} lets running work finish by default: 20 s, matched by the Kubernetes manifest
     * ({@code terminationGracePeriodSeconds: 30} = 5 s preStop + 20 s + 5 s to close the store).
     */
    public static final Duration DRAIN_BOUND = Duration.ofSeconds(20);

    /** @param drainBound how long {@link #close()} lets queued and running work finish before stopping it */
    public BoundedWorkQueue(String name, int threads, int queueCapacity, Duration waitForRoom, Duration drainBound,
                            MeterRegistry meters) {
        this.drainBound = drainBound;
        this.meters = meters;
        this.waiting = Gauge.builder("hostwise." + name + ".work", pending, AtomicInteger::get)
                .description("Tasks of the " + name + " surface (verdicts to decide and post) queued or running").register(meters);
        this.turnedAway = Counter.builder("hostwise." + name + ".busy")
                .description("Requests told the bot is busy: no room in the queue within the wait").register(meters);
        this.queued = Timer.builder("hostwise." + name + ".work.wait")
                .description("How long accepted work waited for a worker: the lag before a verdict is decided")
                .register(meters);
        AtomicInteger n = new AtomicInteger();
        // fair: under sustained load, requests get room in the order they asked, which keeps the slowest acknowledgements short
        this.room = new Semaphore(threads + queueCapacity, true);
        this.waitForRoom = waitForRoom;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "hostwise-" + name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Queues a task, waiting up to the configured moment for room; false when there is still none or
     * the app is stopping. {@code what} names the task in logs.
     */
    @Override
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
        return runInRoom(what, task);
    }

    @Override
    public Optional<Slot> reserve() {
        if (executor.isShutdown() || !room.tryAcquire()) {
            turnedAway.increment();
            return Optional.empty();
        }
        AtomicBoolean used = new AtomicBoolean();
        return Optional.of(new Slot() {
            @Override
            public boolean run(String what, Runnable task) {
                if (used.getAndSet(true)) {
                    throw new IllegalStateException("a slot runs one task");
                }
                return runInRoom(what, task);
            }

            @Override
            public void giveBack() {
                if (!used.getAndSet(true)) {
                    room.release();
                }
            }
        });
    }

    @Override
    public int room() {
        return room.availablePermits();
    }

    /** Runs a task in room already taken; gives the room back when the queue has stopped. */
    private boolean runInRoom(String what, Runnable task) {
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
    @Override
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

    /** Lets queued and running work finish (up to the drain bound, 20 s by default), then stops it. */
    @Override
    public void close() {
        // a later surface of the same name on the same registry (tests start several) registers its own
        meters.remove(waiting);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(drainBound.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} tasks were still running at shutdown and were stopped", executor.getActiveCount());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
