package dev.hostwise.bot.slack.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature (v0, HMAC-SHA256 with the signing secret), checked against the exact bytes
 * received. Bolt has its own check, but it re-encodes the body as a string in the platform charset
 * first, and it accepts timestamps from the future; this one does neither.
 */
public final class SignatureCheck {

    /** Slack's window against replays: a request signed more than five minutes ago (or ahead) is refused. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** The signature's version prefix; the rest is the HMAC in hex. */
    private static final String VERSION = "v0=";

    /** Why a request was refused, in words fit for a log line (they reveal nothing secret). */
    public enum Result {
        VALID("valid"),
        MISSING("no X-Slack-Signature or X-Slack-Request-Timestamp header"),
        STALE("timestamp outside the five-minute window"),
        MISMATCH("signature does not match the body");

        private final String words;

        Result(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Initialised once with the secret; each check works on a clone (a Mac is not thread-safe, and looking one up is slow). */
    private final Mac prototype;
    private final Clock clock;

    public SignatureCheck(String signingSecret, Clock clock) {
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
        this.clock = clock;
    }

    public Result check(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return Result.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Result.STALE;
        }
        long age = clock.instant().getEpochSecond() - seconds;
        if (Math.abs(age) > WINDOW.toSeconds()) {
            return Result.STALE;
        }
        String given = signature.trim();
        if (!isVersionAndHex(given)) {
            return Result.MISMATCH;
        }
        byte[] givenMac = HexFormat.of().parseHex(given, VERSION.length(), given.length());
        // compared as bytes, in constant time, so the answer time says nothing about how much of a guess was right
        return MessageDigest.isEqual(hmac(timestamp.trim(), body), givenMac) ? Result.VALID : Result.MISMATCH;
    }

    /** {@code v0=} and an HMAC-SHA256's 64 hex digits: checked, so that no forged header costs a thrown exception. */
    private static boolean isVersionAndHex(String given) {
        if (!given.startsWith(VERSION) || given.length() != VERSION.length() + 64) {
            return false;
        }
        for (int i = VERSION.length(); i < given.length(); i++) {
            if (!HexFormat.isHexDigit(given.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = (Mac) prototype.clone();
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
        }
    }
}
