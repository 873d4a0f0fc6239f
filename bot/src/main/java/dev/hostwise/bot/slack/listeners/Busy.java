package dev.hostwise.bot.slack.listeners;

import com.slack.api.bolt.response.Response;
import dev.hostwise.bot.conversation.Conversation;

/**
 * What a listener answers when the work queue has no room for its request
 * ({@link dev.hostwise.bot.conversation.Admission#BUSY}).
 */
public final class Busy {

    /** For requests that can show text: a slash command's ephemeral reply. */
    public static final String TEXT = Conversation.BUSY;

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
