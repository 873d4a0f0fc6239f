package dev.hostwise.bot.web;

/**
 * The frame every HTML page shares. No inline script or style anywhere: the stylesheet is a file
 * ({@link StaticRoutes#STYLESHEET}), which the content security policy allows.
 */
final class PageLayout {

    private PageLayout() {
    }

    /**
     * @param title    the page title, plain text (escaped here)
     * @param homeLink whether to link the site name to the form at {@code /} (only when no chat surface is configured)
     * @param body     the page's main content, already HTML
     */
    static String page(String title, boolean homeLink, String body) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
                + "<title>" + Html.esc(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + StaticRoutes.STYLESHEET + "\">\n"
                + "</head>\n<body>\n<header class=\"site\">"
                + (homeLink ? "<a class=\"brand\" href=\"/\">Hostwise</a>" : "<span class=\"brand\">Hostwise</span>")
                + "<span class=\"tagline\">self-host an open LLM, or keep paying per token?</span></header>\n"
                + "<main>\n" + body + "</main>\n</body>\n</html>\n";
    }
}
