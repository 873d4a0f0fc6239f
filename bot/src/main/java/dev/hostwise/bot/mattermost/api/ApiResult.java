package dev.hostwise.bot.mattermost.api;

import com.fasterxml.jackson.databind.JsonNode;

/** How a call to Mattermost ended, after any retries. */
public sealed interface ApiResult {

    /** Mattermost answered 2xx; {@code body} is its JSON answer (an empty object when there was none). */
    record Ok(int status, JsonNode body) implements ApiResult {
    }

    /**
     * Mattermost answered and said no: a 4xx other than 429, e.g. 403 when the bot is not a member of the
     * channel. {@code error} is the AppError's {@code id} (or its message) as Mattermost sent it.
     */
    record Refused(int status, String error) implements ApiResult {
    }

    /** Mattermost could not be reached or kept failing (network errors, 5xx, 429 past the retry budget). */
    record Failed(String reason) implements ApiResult {
    }

    default boolean ok() {
        return this instanceof Ok;
    }

    /** The answer's JSON; an empty object unless the call went through. */
    default JsonNode body() {
        return this instanceof Ok o ? o.body() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** What went wrong, for a log line or a note to the user (never a token); empty text when it went right. */
    default String problem() {
        if (this instanceof Refused r) {
            return "Mattermost said HTTP " + r.status() + (r.error().isEmpty() ? "" : " " + r.error());
        }
        if (this instanceof Failed f) {
            return f.reason();
        }
        return "";
    }
}
