package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.slack.http.SignatureCheck;
import dev.hostwise.bot.slack.http.SignatureCheck.Result;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack's v0 signature, against the example in Slack's documentation and against a signer written for the tests. */
class SignatureCheckTest {

    private static final long NOW = 1_531_420_618L;
    private final SignatureCheck check = new SignatureCheck("8f742231b10e8888abcd99yyyzzz85a5",
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    /** Slack's own worked example ("Verifying requests from Slack"). */
    @Test
    void slacksDocumentedExampleIsValid() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        String signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

        assertThat(check.check(String.valueOf(NOW), signature, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(Result.VALID);
    }

    @Test
    void theExactBytesCount() {
        String body = "{\"text\":\"caf\u00e9 \u2014 50k/day\"}";
        String signature = new SlackSigner("8f742231b10e8888abcd99yyyzzz85a5").sign(NOW, body);

        assertThat(check.check(String.valueOf(NOW), signature, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(Result.VALID);
        assertThat(check.check(String.valueOf(NOW), signature, (body + " ").getBytes(StandardCharsets.UTF_8))).isEqualTo(Result.MISMATCH);
        assertThat(check.check(String.valueOf(NOW), signature, body.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(Result.MISMATCH);
    }

    @Test
    void missingStaleAndFutureRequestsAreRefused() {
        byte[] body = "a=b".getBytes(StandardCharsets.UTF_8);
        SlackSigner signer = new SlackSigner("8f742231b10e8888abcd99yyyzzz85a5");
        assertThat(check.check(null, "v0=00", body)).isEqualTo(Result.MISSING);
        assertThat(check.check(String.valueOf(NOW), null, body)).isEqualTo(Result.MISSING);
        assertThat(check.check("yesterday", "v0=00", body)).isEqualTo(Result.STALE);
        long old = NOW - 301;
        assertThat(check.check(String.valueOf(old), signer.sign(old, "a=b"), body)).isEqualTo(Result.STALE);
        long future = NOW + 301;
        assertThat(check.check(String.valueOf(future), signer.sign(future, "a=b"), body)).isEqualTo(Result.STALE);
        long recent = NOW - 299;
        assertThat(check.check(String.valueOf(recent), signer.sign(recent, "a=b"), body)).isEqualTo(Result.VALID);
    }

    @Test
    void aMalformedOrOtherVersionSignatureIsAMismatchNotAnError() {
        byte[] body = "a=b".getBytes(StandardCharsets.UTF_8);
        String good = new SlackSigner("8f742231b10e8888abcd99yyyzzz85a5").sign(NOW, "a=b");
        assertThat(check.check(String.valueOf(NOW), good, body)).isEqualTo(Result.VALID);
        for (String bad : java.util.List.of("", "v0=", "v0=zz", "v0=abc", good.substring(0, good.length() - 2), good + "00",
                "v1=" + good.substring(3), good.replace("v0=", ""), good.substring(0, good.length() - 1) + "g")) {
            assertThat(check.check(String.valueOf(NOW), bad, body)).as(bad).isEqualTo(Result.MISMATCH);
        }
    }
}
