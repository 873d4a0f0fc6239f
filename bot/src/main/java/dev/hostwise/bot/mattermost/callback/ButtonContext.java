package dev.hostwise.bot.mattermost.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.conversation.AdjustValue;
import dev.hostwise.rules.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a verdict's button carries in its integration {@code context}, which Mattermost sends back with the
 * click (server/public/model/integration_action.go: {@code PostActionIntegration.Context}, echoed in
 * {@code PostActionIntegrationRequest.Context}). The payload is kept as one JSON string beside its seal, so
 * the seal covers exactly the text that comes back.
 *
 * @param action   which button
 * @param verdictId the verdict it sits under
 * @param adjust   for "Adjust inputs": the verdict's ID and scenario, as {@link AdjustValue} writes them
 */
public record ButtonContext(Action action, String verdictId, Optional<String> adjust) {

    /** The buttons under a verdict. */
    public enum Action {
        ADJUST("adjust"), MATH("math"), MUTE("mute");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        static Optional<Action> of(String word) {
            for (Action a : values()) {
                if (a.word.equals(word)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KIND = "action";
    /** Button context travels in the post's props, which hold far more; a scenario is about 600 characters. */
    private static final int ADJUST_MAX = 8_000;

    public static ButtonContext adjust(Verdict v) {
        return new ButtonContext(Action.ADJUST, v.id(), Optional.of(AdjustValue.valueOf(v, ADJUST_MAX)));
    }

    public static ButtonContext math(Verdict v) {
        return new ButtonContext(Action.MATH, v.id(), Optional.empty());
    }

    /** "Mute updates": the asker hears no more about this verdict's re-checks. */
    public static ButtonContext mute(Verdict v) {
        return new ButtonContext(Action.MUTE, v.id(), Optional.empty());
    }

    /** The integration context: {@code {"hostwise": "<payload>", "seal": "<seal>"}}. */
    public Map<String, Object> context(CallbackSeal seal) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("action", action.word);
        payload.put("verdict", verdictId);
        adjust.ifPresent(a -> payload.put("adjust", a));
        try {
            String text = JSON.writeValueAsString(payload);
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("hostwise", text);
            context.put("seal", seal.seal(KIND, text));
            return context;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The context of a click, when Hostwise sealed it; empty for a missing, altered or foreign one. */
    public static Optional<ButtonContext> read(JsonNode context, CallbackSeal seal) {
        if (context == null || !context.isObject()) {
            return Optional.empty();
        }
        String text = context.path("hostwise").asText(null);
        if (!seal.verifies(KIND, text, context.path("seal").asText(null))) {
            return Optional.empty();
        }
        try {
            JsonNode p = JSON.readTree(text);
            Optional<Action> action = Action.of(p.path("action").asText(""));
            String verdict = p.path("verdict").asText("");
            if (action.isEmpty() || verdict.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ButtonContext(action.get(), verdict,
                    p.hasNonNull("adjust") ? Optional.of(p.get("adjust").asText()) : Optional.empty()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
