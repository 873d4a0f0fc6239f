package dev.hostwise.bot.slack.listeners.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.response.Response;
import org.junit.jupiter.api.Test;

/** The ephemeral acknowledgement says what Bolt's own would say, whatever the text holds. */
class EphemeralTextTest {

    @Test
    void itReadsAsBoltsOwnAcknowledgementForAnyText() {
        qt().withFixedSeed(20261201L).withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 60)).checkAssert(text -> {
            Response ours = EphemeralText.of(text);
            Response bolts = Response.json(200, SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
            assertThat(ours.getStatusCode()).isEqualTo(200);
            assertThat(ours.getContentType()).isEqualTo(bolts.getContentType());
            JsonObject parsed = JsonParser.parseString(ours.getBody()).getAsJsonObject();
            assertThat(parsed).isEqualTo(JsonParser.parseString(bolts.getBody()).getAsJsonObject());
            assertThat(parsed.get("text").getAsString()).isEqualTo(text);
        });
    }

    @Test
    void quotesBackslashesAndControlCharactersStayInsideTheText() {
        String text = "say \"hi\" \\ then\nnew line\t<!channel> &amp; \u0001 …";
        JsonObject parsed = JsonParser.parseString(EphemeralText.of(text).getBody()).getAsJsonObject();
        assertThat(parsed.keySet()).containsExactly("response_type", "text");
        assertThat(parsed.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(parsed.get("text").getAsString()).isEqualTo(text);
    }
}
