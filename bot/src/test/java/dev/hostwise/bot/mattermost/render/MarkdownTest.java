package dev.hostwise.bot.mattermost.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void textFromTheRulesIsShownAsWrittenNotAsMarkdown() {
        assertThat(Markdown.escape("MUST_STAY_IN_HOUSE *now* [link](x) <b> a|b `c` ~d~ \\"))
                .isEqualTo("MUST\\_STAY\\_IN\\_HOUSE \\*now\\* \\[link\\](x) \\<b\\> a\\|b \\`c\\` \\~d\\~ \\\\");
        assertThat(Markdown.cell("two\nlines | here")).isEqualTo("two lines \\| here");
    }

    @Test
    void theCoresSlackStyleBoldBecomesMarkdownBoldOutsideCode() {
        assertThat(Markdown.fromSlackStyle("Press *Adjust inputs* and *Decide*.")).isEqualTo("Press **Adjust inputs** and **Decide**.");
        assertThat(Markdown.fromSlackStyle("`a *b* c` and *d*")).isEqualTo("`a *b* c` and **d**");
        assertThat(Markdown.fromSlackStyle("2*3*4 and **already**")).isEqualTo("2*3*4 and **already**");
    }

    @Test
    void aLongMessageIsCutAtALineWithinTheLimitCountedInCodePointsAndEndsWithTheTail() {
        // a line of 40 characters, half of them outside the basic plane: 60 UTF-16 units, 40 code points
        String line = "😀".repeat(20) + "x".repeat(19);
        String message = IntStream.range(0, 1000).mapToObj(i -> line).collect(Collectors.joining("\n"));
        String fitted = Markdown.fit(message, "_the rest is on the page_");

        assertThat(Markdown.runes(fitted)).isLessThanOrEqualTo(Markdown.POST_MAX_RUNES).isGreaterThan(Markdown.POST_MAX_RUNES - 100);
        assertThat(fitted).endsWith("\n\n_the rest is on the page_");
        assertThat(fitted.lines().filter(l -> !l.isEmpty() && !l.startsWith("_"))).allMatch(line::equals);
        // surrogate pairs are never split
        assertThat(fitted.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
        assertThat(Markdown.fit("short", "tail")).isEqualTo("short");
    }
}
