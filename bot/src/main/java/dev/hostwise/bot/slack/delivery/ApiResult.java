package dev.hostwise.bot.slack.delivery;

/** How a Slack Web API call ended, after any retries. */
public sealed interface ApiResult<T> {

    /** Slack answered {@code ok: true}. */
    record Ok<T>(T response) implements ApiResult<T> {
    }

    /** Slack answered, and said no ({@code ok: false}): {@code not_in_channel}, {@code channel_not_found}, … */
    record Refused<T>(String error) implements ApiResult<T> {
    }

    /** Slack could not be reached or kept failing (network errors, 5xx, 429 past the retry budget). */
    record Failed<T>(String reason) implements ApiResult<T> {
    }

    default boolean ok() {
        return this instanceof Ok;
    }

    /** What went wrong, for a log line or a note to the user; empty text when it went right. */
    default String problem() {
        if (this instanceof Refused<T> r) {
            return "Slack said " + r.error();
        }
        if (this instanceof Failed<T> f) {
            return f.reason();
        }
        return "";
    }
}
