package dev.hostwise.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

/** mrkdwn escaping: what a user typed comes back as text, never as a mention, a link or a broken entity. */
class SlackTextTest {

    @Test
    void mentionsLinksAndAmpersandsComeBackAsText() {
        assertThat(SlackText.escape("<!channel> & <https://evil|click> •")).isEqualTo("&lt;!channel&gt; &amp; &lt;https://evil|click&gt; •");
        assertThat(SlackText.escape("&amp;")).isEqualTo("&amp;amp;");
        String plain = "nothing to escape";
        assertThat(SlackText.escape(plain)).isSameAs(plain);
    }

    @Test
    void escapingIsWhatSlackDocumentsAndUnescapingUndoesIt() {
        // Slack's three entities, & first so nothing is escaped twice (api.slack.com/reference/surfaces/formatting#escaping)
        qt().withFixedSeed(20261201L).withExamples(3000).forAll(strings().betweenCodePoints(0x20, 0x3e).ofLengthBetween(0, 40))
                .checkAssert(s -> {
                    assertThat(SlackText.escape(s)).isEqualTo(s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
                    assertThat(SlackText.unescape(SlackText.escape(s))).isEqualTo(s);
                });
    }
}
