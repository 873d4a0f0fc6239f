package dev.hostwise.bot.conversation;

/**
 * Which user actions have already been acted on, so a platform's retry or a double click makes no
 * second verdict and no second message. Surfaces claim a {@link RequestKey} before they act and give it
 * back when the work could not start.
 *
 * <p>{@link RememberedRequestKeys} keeps keys in this process's memory; {@link SharedRequestKeys} puts the
 * store's {@code request_keys} table (a unique key and an expiry, swept) behind it, so a retry that lands on
 * another replica is recognised too. A {@link Conversation} wraps the keys it is given that way; keys that
 * guard a decision are claimed in the transaction that stores its outbox job ({@link OutboxDecisions}).
 */
public interface RequestKeys {

    /** True the first time a key is claimed; false for every repeat. A null key (nothing to go by) is always new. */
    boolean claim(RequestKey key);

    /** Forgets a key whose work could not start, so a retry of it is served. A null key is ignored. */
    void release(RequestKey key);
}
