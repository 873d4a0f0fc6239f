package dev.hostwise.bot.slack.blocks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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

    /** Reads what {@link #toJson} wrote; anything else (blank, or from another app version) reads as none. */
    public static ModalMetadata parse(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        try {
            return JSON.readValue(json, ModalMetadata.class);
        } catch (JsonProcessingException e) {
            return none();
        }
    }
}
