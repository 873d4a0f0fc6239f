package dev.hostwise.bot.mattermost.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mattermost's Markdown and its limits in one place, so no renderer sends text Mattermost would refuse.
 *
 * <p>A post's message holds at most {@value #POST_MAX_RUNES} characters, counted as Unicode code points
 * ("runes"): {@code PostMessageMaxRunesV2 = PostMessageMaxBytesV2 / 4 = 65535 / 4} in
 * mattermost/mattermost server/public/model/post.go; a longer one is refused with 400.
 */
public final class Markdown {

    public static final int POST_MAX_RUNES = 16_383;

    /** CommonMark's inline punctuation that would change how text from the rules or the catalog reads. */
    private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_~\\[\\]<>|])");
    /** Slack's {@code *bold*}, as the core's notices write it; not inside a word, not {@code **}. */
    private static final Pattern SLACK_BOLD = Pattern.compile("(?<![\\w*])\\*([^*\\n]+?)\\*(?![\\w*])");

    private Markdown() {
    }

    /** Text shown as it is: Markdown's punctuation backslash-escaped. */
    public static String escape(String text) {
        return SPECIAL.matcher(text).replaceAll("\\\\$1");
    }

    /** Text for a table cell: escaped, on one line. */
    public static String cell(String text) {
        return escape(text).replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The core's notices in Mattermost's Markdown: they mark bold Slack's way ({@code *Adjust inputs*}),
     * which Mattermost reads as italics. Code spans are left alone.
     */
    public static String fromSlackStyle(String text) {
        String[] parts = text.split("`", -1);
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('`');
            }
            // even parts are outside code spans; an odd count of backticks leaves the last part outside too
            out.append(i % 2 == 0 || i == parts.length - 1 && parts.length % 2 == 0
                    ? SLACK_BOLD.matcher(parts[i]).replaceAll(m -> "**" + Matcher.quoteReplacement(m.group(1)) + "**")
                    : parts[i]);
        }
        return out.toString();
    }

    /**
     * A message cut to fit a post: whole lines are kept (a table row, a bullet or a code span is never
     * split) and {@code tail} (where to read the rest) ends it. Counted in code points, as Mattermost counts.
     */
    public static String fit(String message, String tail) {
        return fit(message, tail, POST_MAX_RUNES);
    }

    static String fit(String message, String tail, int maxRunes) {
        if (runes(message) <= maxRunes) {
            return message;
        }
        String ending = "\n\n" + tail;
        int room = maxRunes - runes(ending);
        if (room <= 0) {
            return cutAt(tail, maxRunes);
        }
        String head = cutAt(message, room);
        int lastLine = head.lastIndexOf('\n');
        if (lastLine > 0) {
            head = head.substring(0, lastLine);
        }
        return head.stripTrailing() + ending;
    }

    public static int runes(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The first {@code n} code points, never half a surrogate pair. */
    private static String cutAt(String s, int n) {
        return runes(s) <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
    }
}
