package dev.hostwise.bot.slack.blocks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hostwise.knowledge.StrictJson;

/**
 * What the modal carries in {@code private_metadata} between opening and submission: where the
 * verdict goes, and the revision of the form (see {@link SlackIds#inputBlock(dev.hostwise.knowledge.ScenarioField, int)}).
 *
 * @param channel     the channel to post the verdict in; null when opened from App Home (the verdict then goes to a DM)
 * @param responseUrl the slash command's or button's response_url, a fallback when the bot is not in the channel
 * @param revision    how many times the bot has filled fields in after a catalog pick
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModalMetadata(String channel, String responseUrl, int revision) {

    // strict (one object, each key once), but a field from another app version is ignored
    private static final ObjectMapper JSON = StrictJson.strict(JsonMapper.builder())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public static ModalMetadata none() {
        return new ModalMetadata(null, null, 0);
    }

    public ModalMetadata nextRevision() {
        return new ModalMetadata(channel, responseUrl, revision + 1);
    }

    public String toJson() {
        try {
            String json = JSON.writeValueAsString(this);
            // a response_url is about 100 characters; this only guards against a malformed one
            return json.length() <= SlackText.PRIVATE_METADATA_MAX ? json
                    : JSON.writeValueAsString(new ModalMetadata(channel, null, revision));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads what {@link #toJson} wrote; anything else (blank, malformed, a key twice, text after the object)
     * reads as none: the verdict then goes to the user by direct message, never to a channel named by a
     * second, smuggled {@code channel} key.
     */
    public static ModalMetadata parse(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        try {
            // the JSON text "null" reads as no object at all (a generated test found it): none, like anything else odd
            ModalMetadata read = JSON.readValue(json, ModalMetadata.class);
            return read == null ? none() : read;
        } catch (JsonProcessingException e) {
            return none();
        }
    }
}
