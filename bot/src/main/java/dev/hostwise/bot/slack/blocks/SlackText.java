package dev.hostwise.bot.slack.blocks;

import dev.hostwise.bot.render.TextCut;
import java.util.regex.Pattern;

/**
 * Slack's text limits and mrkdwn escaping in one place, so no builder sends text Slack would refuse
 * (Slack rejects the whole message or view when one text is too long).
 */
public final class SlackText {

    public static final int MODAL_TITLE_MAX = 24;
    public static final int HEADER_MAX = 150;
    public static final int SECTION_MAX = 3000;
    public static final int FIELD_MAX = 2000;
    public static final int OPTION_TEXT_MAX = 75;
    public static final int PLACEHOLDER_MAX = 150;
    public static final int BUTTON_VALUE_MAX = 2000;
    public static final int PRIVATE_METADATA_MAX = 3000;
    /** A context block's text elements: Slack allows 10, each a text object; kept to 2,000 characters each. */
    public static final int CONTEXT_ELEMENT_MAX = 2000;
    public static final int CONTEXT_ELEMENTS_MAX = 10;
    /** A section's fields: at most 10, each at most {@link #FIELD_MAX}. */
    public static final int FIELDS_MAX = 10;
    /** Blocks in one message. */
    public static final int MESSAGE_BLOCKS_MAX = 50;
    /**
     * All the text of one message's blocks together. Slack refuses a message whose blocks carry much more
     * than this in all (each block within its own limit is not enough: the 1e300-a-day verdict was
     * refused whole), so every message is fitted to it ({@link MessageBudget}).
     */
    public static final int MESSAGE_TEXT_BUDGET = 12_000;
    /** How much of a user's own words a message repeats. */
    public static final int ECHO_MAX = 80;

    /**
     * Slack's entities, which a cut must never split: {@code <@U1>}, {@code <#C1>}, {@code <!channel>},
     * {@code <https://…|text>}, {@code <!date^…|…>}, and the escapes {@code &amp;}, {@code &lt;}, {@code &gt;}.
     */
    public static final Pattern ENTITY = Pattern.compile("<[^<>\\n]*>|&(?:amp|lt|gt);");

    private SlackText() {
    }

    /** Escapes the three characters mrkdwn treats as control characters. */
    public static String escape(String text) {
        int i = 0;
        while (i < text.length() && !special(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        // one pass, not three replace()s: every quick form's "not understood" reply goes through here on the ack path
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean special(char c) {
        return c == '&' || c == '<' || c == '>';
    }

    /** Undoes {@link #escape}: Slack sends slash-command text with these escaped. */
    public static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /**
     * Cuts mrkdwn to at most {@code max} characters, ending with an ellipsis when it was cut, never inside
     * an entity (a half {@code &amp;} or a broken {@code <url|text>} would show as garbage, or link elsewhere).
     */
    public static String fit(String text, int max) {
        return TextCut.cut(text, max, ENTITY);
    }

    /** A user's own words for a message: cut short, then escaped, so {@code <!channel>} shows as text and notifies nobody. */
    public static String echo(String typed) {
        return escape(TextCut.echo(typed, ECHO_MAX));
    }

    /**
     * What went wrong with a Slack call, in words fit for the user: Slack's own error code ("Slack said
     * not_in_channel"), or that Slack could not be reached. Never the exception text or an HTTP body
     * behind it (those stay in the log).
     */
    public static String problemForUser(String problem) {
        java.util.regex.Matcher said = OUR_WORDS.matcher(problem == null ? "" : problem);
        return said.lookingAt() ? said.group() : "Slack could not be reached";
    }

    /** Slack's own error code, or our own words for a timeout: nothing else of a problem reaches the user. */
    private static final Pattern OUR_WORDS = Pattern.compile("Slack said [a-z_]{1,60}|Slack did not answer within \\d{1,9} ms");
}
