package dev.hostwise.bot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes items that callers save at the same moment in one transaction. A durable commit costs far
 * more than the rows in it (H2 serialises and writes a chunk of its B-trees; PostgreSQL flushes its
 * WAL), so under load one commit per batch instead of one per verdict is most of the store's cost.
 *
 * <p>No thread of its own: each caller queues its item and takes the lock; whoever holds the lock
 * writes every item waiting at that moment, its own included, and completes them all. A caller
 * whose item a previous holder already wrote returns at once. So a caller is back as soon as the
 * transaction holding its item has committed, and never before: nothing acknowledged is lost.
 *
 * @param <T> what is saved
 * @param <R> what a save returns
 */
final class GroupCommit<T, R> {

    /** Writes a batch and completes every entry of it, each with its result or its own failure. */
    interface BatchWriter<T, R> {
        void write(List<Entry<T, R>> batch);
    }

    /** One caller's item and, once written, its outcome. Read only after the batch holding it was written. */
    static final class Entry<T, R> {
        private final T item;
        private R result;
        private RuntimeException failure;
        private boolean done;

        private Entry(T item) {
            this.item = item;
        }

        T item() {
            return item;
        }

        void succeed(R r) {
            result = r;
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }
    }

    /** Bounds one transaction; the callers waiting are bounded by the server's threads anyway. */
    private static final int MAX_BATCH = 64;

    private final ConcurrentLinkedQueue<Entry<T, R>> waiting = new ConcurrentLinkedQueue<>();
    // entries are written and read under this lock, which also makes their fields visible to their callers
    private final ReentrantLock lock = new ReentrantLock();
    private final BatchWriter<T, R> writer;

    GroupCommit(BatchWriter<T, R> writer) {
        this.writer = writer;
    }

    /** Saves an item, together with whatever else is waiting; returns once its transaction has committed. */
    R save(T item) {
        Entry<T, R> mine = new Entry<>(item);
        waiting.add(mine);
        lock.lock();
        try {
            while (!mine.done) {
                writeWaiting();
            }
            if (mine.failure != null) {
                throw mine.failure;
            }
            return mine.result;
        } finally {
            lock.unlock();
        }
    }

    /** Items queued and not yet taken into a transaction. */
    int queued() {
        return waiting.size();
    }

    private void writeWaiting() {
        List<Entry<T, R>> batch = new ArrayList<>();
        for (Entry<T, R> e; batch.size() < MAX_BATCH && (e = waiting.poll()) != null; ) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            writer.write(batch);
        } catch (RuntimeException e) {
            for (Entry<T, R> entry : batch) {
                if (!entry.done) {
                    entry.fail(e);
                }
            }
        }
        for (Entry<T, R> entry : batch) {
            if (!entry.done) {
                entry.fail(new IllegalStateException("the store wrote a batch without an outcome for every verdict"));
            }
        }
    }
}
