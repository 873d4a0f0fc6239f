package dev.hostwise.bot.slack.delivery;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.List;

/** Message bodies for response_urls, serialised the way the Slack SDK serialises its own requests. */
final class SlackJson {

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private SlackJson() {
    }

    /** A response_url message; {@code inChannel} makes it visible to everyone, else only to the user. */
    static String responseMessage(boolean inChannel, String text, List<LayoutBlock> blocks) {
        JsonObject body = new JsonObject();
        body.addProperty("response_type", inChannel ? "in_channel" : "ephemeral");
        body.addProperty("replace_original", false);
        body.addProperty("text", text);
        body.add("blocks", GSON.toJsonTree(blocks));
        return GSON.toJson(body);
    }
}
