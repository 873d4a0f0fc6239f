package dev.hostwise.bot.web.view;

/**
 * The frame every page shares ({@code layout.jte}).
 *
 * @param title    the page title, plain text
 * @param homeLink whether the site name links to the form at {@code /} (only when no chat surface is configured)
 */
public record PageFrame(String title, boolean homeLink) {

    /**
     * The pages' only stylesheet: a file, because the content security policy allows no inline style.
     * The layout links it and the web surface serves it.
     */
    public static final String STYLESHEET = "/static/hostwise.css";

    public String stylesheet() {
        return STYLESHEET;
    }
}
