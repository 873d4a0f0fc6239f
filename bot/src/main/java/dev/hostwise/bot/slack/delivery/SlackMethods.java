package dev.hostwise.bot.slack.delivery;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The arguments of the Web API methods Hostwise calls, as the JSON bodies Slack takes. */
public final class SlackMethods {

    private SlackMethods() {
    }

    public static String chatPostMessage(String channel, String text, List<LayoutBlock> blocks) {
        return chatPostInThread(channel, null, text, blocks);
    }

    /** A message in a thread; a null {@code threadTs} posts to the channel itself. */
    public static String chatPostInThread(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("channel", channel);
        args.put("thread_ts", threadTs);
        args.put("text", text);
        args.put("blocks", blocks);
        return WebApi.json(args);
    }

    public static String viewsOpen(String triggerId, View view) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("trigger_id", triggerId);
        args.put("view", view);
        return WebApi.json(args);
    }

    /** A views.update that Slack refuses if the view changed since {@code hash} (the user kept typing). */
    public static String viewsUpdate(String viewId, String hash, View view) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("view_id", viewId);
        args.put("hash", hash);
        args.put("view", view);
        return WebApi.json(args);
    }

    public static String viewsPublish(String userId, View view) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("user_id", userId);
        args.put("view", view);
        return WebApi.json(args);
    }

    public static String conversationsOpen(String userId) {
        return WebApi.json(Map.of("users", userId));
    }

    /** A page of a conversation's messages since {@code oldest} (Slack's "seconds.micros" timestamp); {@code cursor} for the next page. */
    public static String conversationsHistory(String channel, String oldest, int limit, String cursor) {
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("channel", channel);
        args.put("oldest", oldest);
        args.put("limit", limit);
        args.put("cursor", cursor);
        return WebApi.json(args);
    }

    /** A response_url message; {@code inChannel} makes it visible to everyone, else only to the user. */
    public static String responseMessage(boolean inChannel, String text, List<LayoutBlock> blocks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_type", inChannel ? "in_channel" : "ephemeral");
        body.put("replace_original", Boolean.FALSE);
        body.put("text", text);
        body.put("blocks", blocks);
        return WebApi.json(body);
    }
}
