package dev.hostwise.bot.conversation;

import java.util.Optional;

/** How sending a {@link Reply} through an {@link Outlet} ended, after the platform client's own retries. */
public sealed interface Sent {

    /** It went out; {@code thread} is what to reply under it with (Slack's message ts), when the platform gives one. */
    record Ok(Optional<String> thread) implements Sent {
    }

    /** It did not; {@code problem} says why, in words for a log line or a note to the user (never a secret). */
    record Failed(String problem) implements Sent {
    }

    /** It went out, with nothing to reply under. */
    static Sent done() {
        return new Ok(Optional.empty());
    }

    default boolean ok() {
        return this instanceof Ok;
    }

    default String problem() {
        return this instanceof Failed f ? f.problem() : "";
    }
}
