package dev.hostwise.bot.slack.blocks;

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

    private SlackText() {
    }

    /** Escapes the three characters mrkdwn treats as control characters. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Undoes {@link #escape}: Slack sends slash-command text with these escaped. */
    public static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Cuts text to at most {@code max} characters, ending with an ellipsis when it was cut. */
    public static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1).stripTrailing() + "…";
    }
}
