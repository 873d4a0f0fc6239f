package dev.hostwise.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the text after {@code /selfhost} asks for, as both chat platforms read it. */
class AskTest {

    @Test
    void nothingOpensTheFormAndAKnownFirstWordRunsItsSubcommandInAnyCase() {
        assertThat(Ask.read(null)).isEqualTo(new Ask.OpenForm());
        assertThat(Ask.read(" \t\n")).isEqualTo(new Ask.OpenForm());
        assertThat(Ask.read("HELP")).isEqualTo(new Ask.Help());
        assertThat(Ask.read("\trules  ")).isEqualTo(new Ask.RulesStatus());
        assertThat(Ask.read("reload now")).isEqualTo(new Ask.Reload());
        assertThat(Ask.read("Pool")).isEqualTo(new Ask.Pool());
    }

    @Test
    void aVerdictOrMuteTakesTheIdAfterAnyWhitespaceAndRefusesAMalformedOne() {
        assertThat(Ask.read("verdict\thw-2026-0042")).isEqualTo(new Ask.Lookup(Optional.of("HW-2026-0042")));
        assertThat(Ask.read("mute \n HW-2026-0042 please")).isEqualTo(new Ask.Mute(Optional.of("HW-2026-0042")));
        assertThat(Ask.read("verdict")).isEqualTo(new Ask.Lookup(Optional.empty()));
        assertThat(Ask.read("mute HW-42")).isEqualTo(new Ask.Mute(Optional.empty()));
    }

    @Test
    void anythingElseIsTheOneLineFormAsTyped() {
        assertThat(Ask.read("  50000/day\ttask=rag  ")).isEqualTo(new Ask.Quick("50000/day\ttask=rag"));
        assertThat(Ask.read("helpme task=rag")).isEqualTo(new Ask.Quick("helpme task=rag"));
    }
}
