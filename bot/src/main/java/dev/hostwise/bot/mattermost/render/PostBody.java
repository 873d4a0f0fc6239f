package dev.hostwise.bot.mattermost.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message as Mattermost takes it: Markdown text, and message attachments (for the buttons) that go in
 * the post's {@code props.attachments} or a command response's {@code attachments}.
 *
 * @param message     the Markdown, already fitted to a post
 * @param attachments message attachments, each a JSON object; empty for none
 */
public record PostBody(String message, List<Map<String, Object>> attachments) {

    public PostBody {
        attachments = List.copyOf(attachments);
    }

    public static PostBody text(String message) {
        return new PostBody(message, List.of());
    }

    /** The body of {@code POST /api/v4/posts}: in {@code channel}, under {@code root} when it is a reply. */
    public Map<String, Object> post(String channel, String root) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel_id", channel);
        body.put("message", message);
        if (root != null) {
            body.put("root_id", root);
        }
        if (!attachments.isEmpty()) {
            body.put("props", Map.of("attachments", attachments));
        }
        return body;
    }

    /**
     * A command response (server/public/model/command_response.go), as a slash command's answer or a post to its
     * reply link: {@code in_channel} shows it to everyone, {@code ephemeral} to the asker alone. Slack-style
     * parsing of {@code <url|text>} links is skipped: this is Markdown already.
     */
    public Map<String, Object> commandResponse(boolean inChannel) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_type", inChannel ? "in_channel" : "ephemeral");
        body.put("text", message);
        body.put("skip_slack_parsing", Boolean.TRUE);
        if (!attachments.isEmpty()) {
            body.put("attachments", attachments);
        }
        return body;
    }
}
