package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Platform;
import dev.hostwise.bot.http.Routes;
import java.time.Duration;
import java.util.List;

/**
 * A chat platform Hostwise talks on, as {@code serve} runs it: configured from the environment, given
 * its HTTP routes on the shared server, started, and stopped. A surface translates its platform to
 * and from the {@link Conversation} and nothing else.
 */
public interface ChatSurface extends AutoCloseable {

    Platform platform();

    /** The routes its platform calls on the shared server; none when it reaches the platform itself (Slack's Socket Mode). */
    List<Routes> routes();

    /** Starts connecting to the platform in the background; returns at once. */
    void start();

    /** True once the platform has answered and requests are taken. */
    boolean ready();

    /**
     * How the core reaches this platform's people outside a request: the watch posts notices of
     * superseded verdicts through it. Empty for a surface that cannot (the default).
     */
    default java.util.Optional<Delivery> delivery() {
        return java.util.Optional.empty();
    }

    /** Waits until no answer is being decided or posted (for tests and orderly shutdown). */
    boolean awaitQuiet(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
