package dev.hostwise.bot.conversation;

import java.time.Duration;

/**
 * How hard to try a chat platform's API call before giving up: on 429 after its {@code Retry-After}, on 5xx and
 * network errors with a doubling backoff.
 *
 * @param attempts      tries in all, the first included
 * @param firstBackoff  wait after the first failure; doubles each time (5xx and network errors)
 * @param maxBackoff    the longest wait between two tries
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one ends the attempts
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Four tries over at most about half a minute: long enough for a blip, short enough that the user still cares. */
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));
    }

    /** The wait before try {@code attempt + 1} after a 5xx or a network error. */
    public Duration backoff(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
