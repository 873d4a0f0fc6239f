package dev.hostwise.bot.mattermost.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.mattermost.input.CommandTokens;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbacksTest {

    private final CallbackSeal seal = new CallbackSeal("bot-token-one");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDialogStateComesBackOnlyAsSealedByTheSameBotToken() {
        DialogState state = DialogState.fresh("chan1", "https://mm.example.com/hooks/commands/abc", "user1", "ana");
        String encoded = state.encode(seal);

        assertThat(DialogState.decode(encoded, seal)).contains(state);
        assertThat(DialogState.decode(encoded, new CallbackSeal("bot-token-two"))).isEmpty();
        assertThat(DialogState.decode(encoded.replace("v1.", "v2."), seal)).isEmpty();
        assertThat(DialogState.decode(null, seal)).isEmpty();
        assertThat(DialogState.decode("v1.!!!.x", seal)).isEmpty();
        // each dialog has its own nonce, the key that makes a repeated submission a repeat
        assertThat(DialogState.fresh("chan1", null, "user1", "ana").nonce()).isNotEqualTo(state.nonce());
    }

    @Test
    void aSealForOneKindOfCallbackDoesNotPassForAnother() {
        assertThat(seal.verifies("state", "payload", seal.seal("state", "payload"))).isTrue();
        assertThat(seal.verifies("action", "payload", seal.seal("state", "payload"))).isFalse();
        assertThat(seal.verifies("state", "payload2", seal.seal("state", "payload"))).isFalse();
        assertThat(seal.verifies("state", "payload", null)).isFalse();
    }

    @Test
    void aButtonContextSurvivesTheRoundTripThroughMattermostsJson() throws Exception {
        ButtonContext math = new ButtonContext(ButtonContext.Action.MATH, "HW-2026-0042", java.util.Optional.empty());
        var context = json.valueToTree(math.context(seal));
        assertThat(ButtonContext.read(context, seal)).contains(math);
        assertThat(ButtonContext.read(context, new CallbackSeal("another"))).isEmpty();
        assertThat(ButtonContext.read(json.readTree("\"not an object\""), seal)).isEmpty();
    }

    @Test
    void commandTokensAreMatchedWhoeverCarriesThem() {
        CommandTokens tokens = new CommandTokens(Set.of("team-one-token", "team-two-token"));
        assertThat(tokens.accepts("team-one-token")).isTrue();
        assertThat(tokens.accepts("team-two-token")).isTrue();
        assertThat(tokens.accepts("team-one-toke")).isFalse();
        assertThat(tokens.accepts("")).isFalse();
        assertThat(tokens.accepts(null)).isFalse();
        assertThat(CommandTokens.carried("from-form", "Token from-header")).isEqualTo("from-form");
        assertThat(CommandTokens.carried(null, "Token from-header")).isEqualTo("from-header");
        assertThat(CommandTokens.carried("", "Bearer from-header")).isNull();
    }
}
