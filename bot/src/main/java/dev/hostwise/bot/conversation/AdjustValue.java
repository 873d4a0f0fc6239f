package dev.hostwise.bot.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.knowledge.StrictJson;
import dev.hostwise.rules.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an "Adjust inputs" button carries: the verdict's ID and its scenario, so the form can be
 * reopened with exactly those inputs even after a restart. A scenario's JSON is about 600 characters,
 * well inside Slack's 2,000 for a button value; Mattermost carries it in the action's context.
 *
 * @param verdictId the verdict the inputs came from
 * @param scenario  the scenario's public JSON form
 */
public record AdjustValue(String verdictId, JsonNode scenario) {

    private static final ObjectMapper JSON = StrictJson.mapper();

    /**
     * The button value for a verdict: {"id": ..., "scenario": {...}}; just the ID in the unlikely case
     * the scenario does not fit the platform's limit (the form then opens with the defaults).
     *
     * @param maxLength the most characters the platform takes in a button's value
     */
    public static String valueOf(Verdict v, int maxLength) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", v.id());
        value.put("scenario", v.scenario());
        try {
            String json = JSON.writeValueAsString(value);
            return json.length() <= maxLength ? json : JSON.writeValueAsString(Map.of("id", v.id()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<AdjustValue> parse(String json) {
        try {
            JsonNode node = JSON.readTree(json == null ? "" : json);
            if (node == null || !node.path("scenario").isObject()) {
                return Optional.empty();
            }
            return Optional.of(new AdjustValue(node.path("id").asText(""), node.get("scenario")));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
