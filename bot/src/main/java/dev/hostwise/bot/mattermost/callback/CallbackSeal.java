package dev.hostwise.bot.mattermost.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proves that a dialog submission or a button click carries what Hostwise itself put into the dialog's
 * {@code state} or the button's {@code context}. Mattermost signs neither (it echoes them back as given:
 * server/public/model/integration_action.go, {@code SubmitDialogRequest.State}, {@code PostActionIntegration.Context}),
 * and the callback routes are on a public URL; without a seal anyone could post a forged submission into
 * any channel, or make the bot post to a reply link of their choosing.
 *
 * <p>The seal is an HMAC-SHA256 over the exact text carried, keyed by a secret derived from the bot token
 * (HMAC-SHA256 of a fixed label under the token). So there is no new setting to keep in step across
 * replicas; the price is that rotating {@code MATTERMOST_BOT_TOKEN} makes the buttons of older verdicts and
 * any dialog open at that moment answer 401 (a fresh {@code /selfhost} works at once). The kind of callback
 * is part of what is sealed, so a dialog's state cannot be replayed as a button's context.
 */
public final class CallbackSeal {

    private static final String LABEL = "hostwise/mattermost/callbacks/v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    public CallbackSeal(String botToken) {
        this.key = hmac(botToken.getBytes(StandardCharsets.UTF_8), LABEL);
    }

    /** The seal of {@code payload} carried as a callback of this kind ({@code state}, {@code action}). */
    public String seal(String kind, String payload) {
        return B64.encodeToString(hmac(key, kind + "\n" + payload));
    }

    /** Whether {@code seal} is this payload's, compared in constant time. */
    public boolean verifies(String kind, String payload, String seal) {
        if (payload == null || seal == null) {
            return false;
        }
        return MessageDigest.isEqual(seal(kind, payload).getBytes(StandardCharsets.US_ASCII), seal.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
