package dev.hostwise.bot.mattermost.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a scenario dialog carries in its {@code state}, which Mattermost echoes back with the submission:
 * a nonce naming this one dialog (the key that makes a repeated submission a repeat), the channel to
 * answer in, the command's reply link, and the asker's user name for the verdict's "asked by". Sealed
 * ({@link CallbackSeal}), so a submission can only name a channel and a reply link Hostwise put there.
 *
 * @param nonce       unique per dialog opened
 * @param channel     the channel the dialog was opened from
 * @param responseUrl the reply link of the command that opened it; null when a button opened it
 * @param user        the asker's user ID: a submission from anyone else is refused (the state reaches the asker's
 *                    client with the dialog, so it must not be usable by someone else)
 * @param userName    the asker's user name, when known
 */
public record DialogState(String nonce, String channel, String responseUrl, String user, String userName) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String KIND = "state";
    private static final String VERSION = "v1";

    /** A state for a new dialog, with a fresh nonce. */
    public static DialogState fresh(String channel, String responseUrl, String user, String userName) {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        return new DialogState(HexFormat.of().formatHex(n), channel, responseUrl, user, userName);
    }

    /** {@code v1.<payload>.<seal>}, for the dialog's {@code state}. */
    public String encode(CallbackSeal seal) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("n", nonce);
        fields.put("c", channel);
        fields.put("r", responseUrl);
        fields.put("a", user);
        fields.put("u", userName);
        try {
            String payload = B64.encodeToString(JSON.writeValueAsBytes(fields));
            return VERSION + "." + payload + "." + seal.seal(KIND, payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The state a submission carries, when it is one Hostwise sealed; empty for a missing, altered or foreign one. */
    public static Optional<DialogState> decode(String state, CallbackSeal seal) {
        if (state == null) {
            return Optional.empty();
        }
        String[] parts = state.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !seal.verifies(KIND, parts[1], parts[2])) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String nonce = text(n, "n");
            return nonce == null ? Optional.empty() : Optional.of(new DialogState(nonce, text(n, "c"), text(n, "r"), text(n, "a"),
                    text(n, "u")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
