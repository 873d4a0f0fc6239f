package dev.hostwise.bot.slack.listeners.commands;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.slack.api.bolt.response.Response;

/**
 * A slash command's acknowledgement that shows text only to the person who typed it: the JSON Bolt's
 * {@code ctx.ack(r -> r.responseType("ephemeral").text(...))} sends, {@code {"response_type":"ephemeral",
 * "text":"…"}}, with the text quoted by Jackson's string encoder. Bolt's Gson writes the whole response
 * object reflectively, and so does a Jackson object writer: either was a twelfth of the server's CPU for a
 * bad quick form, the commonest answer that never leaves the acknowledgement. Replies with blocks still
 * use the SDK's builders.
 */
final class EphemeralText {

    private EphemeralText() {
    }

    /** @param mrkdwn the text as Slack shows it: anything the user typed in it already escaped for mrkdwn */
    static Response of(String mrkdwn) {
        return Response.json(200, "{\"response_type\":\"ephemeral\",\"text\":\""
                + String.valueOf(JsonStringEncoder.getInstance().quoteAsString(mrkdwn)) + "\"}");
    }
}
