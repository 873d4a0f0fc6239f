package dev.hostwise.bot.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;

/** Slack interactivity and event payloads, built from what the bot itself sent (its own block and action IDs). */
final class Payloads {

    private Payloads() {
    }

    static JsonObject user() {
        JsonObject u = new JsonObject();
        u.addProperty("id", SlackBot.USER);
        u.addProperty("username", "ana");
        u.addProperty("name", "ana");
        u.addProperty("team_id", SlackBot.TEAM);
        return u;
    }

    static JsonObject team() {
        JsonObject t = new JsonObject();
        t.addProperty("id", SlackBot.TEAM);
        t.addProperty("domain", "hostwise-test");
        return t;
    }

    /**
     * The state Slack would send for {@code view}: each input keeps its initial value unless
     * {@code answers} (scenario field → text or option value) says what the user entered instead.
     */
    static JsonObject withState(JsonObject view, Map<String, String> answers) {
        JsonObject values = new JsonObject();
        for (JsonElement e : view.getAsJsonArray("blocks")) {
            JsonObject block = e.getAsJsonObject();
            if (!block.get("type").getAsString().equals("input")) {
                continue;
            }
            String blockId = block.get("block_id").getAsString();
            String field = blockId.contains(".") ? blockId.substring(0, blockId.indexOf('.')) : blockId;
            JsonObject element = block.getAsJsonObject("element");
            String type = element.get("type").getAsString();
            String answer = answers.get(field);
            JsonObject value = new JsonObject();
            value.addProperty("type", type);
            switch (type) {
                case "plain_text_input" -> {
                    String text = answer != null ? answer : element.has("initial_value") ? element.get("initial_value").getAsString() : null;
                    if (text != null) {
                        value.addProperty("value", text);
                    } else {
                        value.add("value", null);
                    }
                }
                case "static_select", "radio_buttons" -> {
                    JsonObject chosen = answer != null ? option(element, answer)
                            : element.has("initial_option") ? element.getAsJsonObject("initial_option") : null;
                    value.add("selected_option", chosen);
                }
                case "checkboxes" -> {
                    JsonArray ticked = new JsonArray();
                    if (answer != null ? Boolean.parseBoolean(answer) : element.has("initial_options")) {
                        ticked.add(element.getAsJsonArray("options").get(0));
                    }
                    value.add("selected_options", ticked);
                }
                default -> throw new IllegalArgumentException("the modal has an input the test does not know: " + type);
            }
            JsonObject action = new JsonObject();
            action.add(element.get("action_id").getAsString(), value);
            values.add(blockId, action);
        }
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject out = view.deepCopy();
        out.add("state", state);
        return out;
    }

    private static JsonObject option(JsonObject element, String value) {
        for (JsonElement o : element.getAsJsonArray("options")) {
            if (o.getAsJsonObject().get("value").getAsString().equalsIgnoreCase(value)) {
                return o.getAsJsonObject();
            }
        }
        throw new IllegalArgumentException("no option " + value + " in " + element.get("action_id"));
    }

    /** A view_submission of the modal the bot opened, with the user's answers. */
    static String viewSubmission(JsonObject openedView, Map<String, String> answers, String viewId) {
        JsonObject view = withState(openedView, answers);
        view.addProperty("id", viewId);
        view.addProperty("hash", "1764450000.abcdef");
        view.addProperty("team_id", SlackBot.TEAM);
        JsonObject p = new JsonObject();
        p.addProperty("type", "view_submission");
        p.add("team", team());
        p.add("user", user());
        p.addProperty("api_app_id", "A0APP");
        p.addProperty("token", "legacyVerificationToken");
        p.addProperty("trigger_id", "1337.view." + viewId);
        p.add("view", view);
        p.add("response_urls", new JsonArray());
        return p.toString();
    }

    /** A click on a button of a message the bot posted (found by action ID in its blocks). */
    static String buttonClick(JsonArray messageBlocks, String actionId, String channel, String messageTs, String responseUrl, String trigger) {
        for (JsonElement e : messageBlocks) {
            JsonObject block = e.getAsJsonObject();
            if (!block.get("type").getAsString().equals("actions")) {
                continue;
            }
            for (JsonElement el : block.getAsJsonArray("elements")) {
                JsonObject button = el.getAsJsonObject();
                if (button.get("action_id").getAsString().equals(actionId)) {
                    JsonObject action = button.deepCopy();
                    action.addProperty("block_id", block.get("block_id").getAsString());
                    action.addProperty("action_ts", "1764450001.000200");
                    JsonObject container = new JsonObject();
                    container.addProperty("type", "message");
                    container.addProperty("message_ts", messageTs);
                    container.addProperty("channel_id", channel);
                    container.addProperty("is_ephemeral", false);
                    JsonObject message = new JsonObject();
                    message.addProperty("type", "message");
                    message.addProperty("ts", messageTs);
                    message.add("blocks", messageBlocks);
                    JsonObject ch = new JsonObject();
                    ch.addProperty("id", channel);
                    return blockActions(action, trigger, responseUrl, container, ch, message, null);
                }
            }
        }
        throw new IllegalArgumentException("no button " + actionId + " in the message");
    }

    /** A pick in a modal select that dispatches an action (the catalog pickers). */
    static String modalPick(JsonObject openedView, String viewId, Map<String, String> answers, String field, String value, String trigger) {
        JsonObject view = withState(openedView, answers);
        view.addProperty("id", viewId);
        view.addProperty("hash", "1764450000.pick");
        JsonObject element = null;
        String blockId = null;
        for (JsonElement e : view.getAsJsonArray("blocks")) {
            JsonObject block = e.getAsJsonObject();
            if (block.has("block_id") && block.get("block_id").getAsString().startsWith(field)) {
                element = block.getAsJsonObject("element");
                blockId = block.get("block_id").getAsString();
            }
        }
        if (element == null) {
            throw new IllegalArgumentException("no block for " + field);
        }
        JsonObject action = new JsonObject();
        action.addProperty("type", element.get("type").getAsString());
        action.addProperty("action_id", element.get("action_id").getAsString());
        action.addProperty("block_id", blockId);
        action.add("selected_option", option(element, value));
        action.addProperty("action_ts", "1764450001.000300");
        JsonObject container = new JsonObject();
        container.addProperty("type", "view");
        container.addProperty("view_id", viewId);
        return blockActions(action, trigger, null, container, null, null, view);
    }

    /** A click on a button in the App Home view. */
    static String homeButton(JsonObject homeView, String actionId, String trigger) {
        for (JsonElement e : homeView.getAsJsonArray("blocks")) {
            JsonObject block = e.getAsJsonObject();
            if (block.get("type").getAsString().equals("actions")) {
                JsonObject action = block.getAsJsonArray("elements").get(0).getAsJsonObject().deepCopy();
                if (action.get("action_id").getAsString().equals(actionId)) {
                    action.addProperty("block_id", block.get("block_id").getAsString());
                    action.addProperty("action_ts", "1764450001.000400");
                    JsonObject container = new JsonObject();
                    container.addProperty("type", "view");
                    container.addProperty("view_id", "V0HOME");
                    JsonObject view = homeView.deepCopy();
                    view.addProperty("id", "V0HOME");
                    return blockActions(action, trigger, null, container, null, null, view);
                }
            }
        }
        throw new IllegalArgumentException("no button " + actionId + " on App Home");
    }

    private static String blockActions(JsonObject action, String trigger, String responseUrl, JsonObject container,
                                       JsonObject channel, JsonObject message, JsonObject view) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "block_actions");
        p.add("team", team());
        p.add("user", user());
        p.addProperty("api_app_id", "A0APP");
        p.addProperty("token", "legacyVerificationToken");
        p.addProperty("trigger_id", trigger);
        if (responseUrl != null) {
            p.addProperty("response_url", responseUrl);
        }
        p.add("container", container);
        if (channel != null) {
            p.add("channel", channel);
        }
        if (message != null) {
            p.add("message", message);
        }
        if (view != null) {
            p.add("view", view);
        }
        JsonArray actions = new JsonArray();
        actions.add(action);
        p.add("actions", actions);
        return p.toString();
    }

    /** An app_home_opened event callback. */
    static String appHomeOpened(String eventId) {
        JsonObject event = new JsonObject();
        event.addProperty("type", "app_home_opened");
        event.addProperty("user", SlackBot.USER);
        event.addProperty("channel", "D0DM");
        event.addProperty("tab", "home");
        event.addProperty("event_ts", "1764450000.000500");
        JsonObject p = new JsonObject();
        p.addProperty("token", "legacyVerificationToken");
        p.addProperty("team_id", SlackBot.TEAM);
        p.addProperty("api_app_id", "A0APP");
        p.add("event", event);
        p.addProperty("type", "event_callback");
        p.addProperty("event_id", eventId);
        p.addProperty("event_time", 1764450000);
        return p.toString();
    }
}
