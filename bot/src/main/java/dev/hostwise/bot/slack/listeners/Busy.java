package dev.hostwise.bot.slack.listeners;

import com.slack.api.bolt.response.Response;

/**
 * What a listener answers when the work queue has no room for its request (see
 * {@link dev.hostwise.bot.slack.SlackParts#offer}).
 */
public final class Busy {

    /** For requests that can show text: a slash command's ephemeral reply. */
    public static final String TEXT = "I'm answering a lot of questions right now and couldn't take yours. Please send it again in a minute.";

    private Busy() {
    }

    /**
     * For requests whose acknowledgement shows no text (buttons, picks, events): a 503. Slack shows the
     * user that the action failed, so they can press again, and delivers an event again later (Bolt
     * passes the 503 of an action on as it is; for an event it answers 404, logging that no handler
     * took it, which is just as much a failed delivery to Slack).
     */
    public static Response unavailable() {
        return Response.error(503);
    }
}
