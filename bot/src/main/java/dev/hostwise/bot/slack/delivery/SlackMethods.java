package dev.hostwise.bot.slack.delivery;

import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.List;

/** The arguments of the Web API methods Hostwise calls, as the JSON bodies Slack takes. */
public final class SlackMethods {

    private SlackMethods() {
    }

    public static JsonObject chatPostMessage(String channel, String text, List<LayoutBlock> blocks) {
        JsonObject args = new JsonObject();
        args.addProperty("channel", channel);
        args.addProperty("text", text);
        args.add("blocks", WebApi.json(blocks));
        return args;
    }

    public static JsonObject chatPostInThread(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        JsonObject args = chatPostMessage(channel, text, blocks);
        args.addProperty("thread_ts", threadTs);
        return args;
    }

    public static JsonObject viewsOpen(String triggerId, View view) {
        JsonObject args = new JsonObject();
        args.addProperty("trigger_id", triggerId);
        args.add("view", WebApi.json(view));
        return args;
    }

    /** A views.update that Slack refuses if the view changed since {@code hash} (the user kept typing). */
    public static JsonObject viewsUpdate(String viewId, String hash, View view) {
        JsonObject args = new JsonObject();
        args.addProperty("view_id", viewId);
        if (hash != null) {
            args.addProperty("hash", hash);
        }
        args.add("view", WebApi.json(view));
        return args;
    }

    public static JsonObject viewsPublish(String userId, View view) {
        JsonObject args = new JsonObject();
        args.addProperty("user_id", userId);
        args.add("view", WebApi.json(view));
        return args;
    }

    public static JsonObject conversationsOpen(String userId) {
        JsonObject args = new JsonObject();
        args.addProperty("users", userId);
        return args;
    }

    /** A response_url message; {@code inChannel} makes it visible to everyone, else only to the user. */
    public static JsonObject responseMessage(boolean inChannel, String text, List<LayoutBlock> blocks) {
        JsonObject body = new JsonObject();
        body.addProperty("response_type", inChannel ? "in_channel" : "ephemeral");
        body.addProperty("replace_original", false);
        body.addProperty("text", text);
        body.add("blocks", WebApi.json(blocks));
        return body;
    }
}
