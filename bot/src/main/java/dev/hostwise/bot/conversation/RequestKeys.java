package dev.hostwise.bot.conversation;

/**
 * Which user actions have already been acted on, so a platform's retry or a double click makes no
 * second verdict and no second message. Surfaces claim a {@link RequestKey} before they act and give it
 * back when the work could not start.
 *
 * <p>The seam for a shared store: {@link RememberedRequestKeys} keeps keys in this process's memory, so
 * a retry that lands on another replica is served twice. A database-backed implementation (a
 * {@code request_keys} table with a unique key and an expiry, claimed in the same transaction as the
 * outbox job it guards) can replace it without any surface changing; the in-memory one then stays in
 * front as the fast first check.
 */
public interface RequestKeys {

    /** True the first time a key is claimed; false for every repeat. A null key (nothing to go by) is always new. */
    boolean claim(RequestKey key);

    /** Forgets a key whose work could not start, so a retry of it is served. A null key is ignored. */
    void release(RequestKey key);
}
