package dev.hostwise.bot.slack.listeners.commands;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.slack.api.bolt.response.Response;

/**
 * A slash command's acknowledgement that shows text only to the person who typed it: what Bolt's
 * {@code ctx.ack(r -> r.responseType("ephemeral").text(...))} sends, written by Jackson. Bolt's Gson
 * writes the response object reflectively, which was a fourteenth of the CPU of answering a bad quick
 * form, the commonest answer that never leaves the acknowledgement. Replies with blocks still use the
 * SDK's builders.
 */
final class EphemeralText {

    private static final ObjectWriter WRITER = new ObjectMapper().writerFor(Body.class);

    /** The JSON Slack reads: {@code {"response_type":"ephemeral","text":"…"}}. */
    private record Body(@JsonProperty("response_type") String responseType, String text) {
    }

    private EphemeralText() {
    }

    /** @param mrkdwn the text as Slack shows it: anything the user typed in it already escaped */
    static Response of(String mrkdwn) {
        try {
            return Response.json(200, WRITER.writeValueAsString(new Body("ephemeral", mrkdwn)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of two strings always writes as JSON", e);
        }
    }
}
