package dev.hostwise.bot.web.view;

/**
 * A link to another verdict's page, shown as its citable ID.
 *
 * @param id    the verdict's ID, e.g. HW-2026-0042
 * @param token its page token
 */
public record VerdictLink(String id, String token) {

    public String href() {
        return "/v/" + token;
    }
}
