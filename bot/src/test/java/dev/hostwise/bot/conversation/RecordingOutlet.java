package dev.hostwise.bot.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A chat platform for the conversation core's tests: keeps every reply sent, by conversation and subject
 * (a verdict's ID), can hold posts until released (a slow platform), and reads its own posts back
 * ({@link #alreadyPosted}), as Slack's history does.
 */
final class RecordingOutlet implements Outlet {

    /** One reply that reached the platform. */
    record Post(String conversation, String subject, String via, String text) {
    }

    private final List<Post> posts = new ArrayList<>();
    /** Verdict IDs the platform already shows (posted by a worker that died before it heard back). */
    final Set<String> alreadyThere = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch hold;
    private final List<String> readBacks = new ArrayList<>();
    /** Posts that have reached the platform while it holds them, waiting for {@link #release()}. */
    private int held;

    /** Posts wait until {@link #release()} from now on. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    private void waitIfHeld() {
        CountDownLatch h = hold;
        if (h != null) {
            synchronized (this) {
                held++;
                notifyAll();
            }
            try {
                h.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until {@code n} posts are being held: that many workers are inside their post. */
    synchronized void awaitHeld(int n, java.time.Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (held < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " held posts within " + within + ", got " + held);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void record(Post p) {
        posts.add(p);
        notifyAll();
    }

    private static String text(Reply reply) {
        return reply instanceof Reply.Notice n ? n.text() : reply.subject();
    }

    @Override
    public Sent post(String conversation, Reply reply) {
        waitIfHeld();
        record(new Post(conversation, reply.subject(), "post", text(reply)));
        return new Sent.Ok(Optional.of("1764450000.000100"));
    }

    @Override
    public Sent replyLink(String responseUrl, Reply reply, boolean forEveryone) {
        record(new Post(responseUrl, reply.subject(), "reply link", text(reply)));
        return Sent.done();
    }

    @Override
    public Sent directMessage(String user, Reply reply) {
        record(new Post(user, reply.subject(), "direct message", text(reply)));
        return Sent.done();
    }

    @Override
    public Sent inThread(String conversation, String thread, Reply reply) {
        record(new Post(conversation, reply.subject(), "thread", text(reply)));
        return Sent.done();
    }

    @Override
    public synchronized Seen alreadyPosted(String conversation, String subject, Instant since) {
        readBacks.add(subject);
        boolean there = alreadyThere.contains(subject)
                || posts.stream().anyMatch(p -> p.conversation().equals(conversation) && p.subject().equals(subject));
        return there ? Seen.POSTED : Seen.NOT_POSTED;
    }

    synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    synchronized List<String> readBacks() {
        return List.copyOf(readBacks);
    }

    /** Waits until at least {@code n} replies have been sent, or fails. */
    synchronized List<Post> await(int n, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (posts.size() < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " replies within " + within + ", got " + posts);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(posts);
    }
}
