package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Platform;

/**
 * The ID a platform gives one user action, so a repeated delivery of it is recognised: a slash
 * command's or button's trigger, a form's view, an event. Kept in {@link RequestKeys}.
 *
 * @param platform where the action happened
 * @param kind     what kind of ID it is: {@code trigger}, {@code view}, {@code event}, ...
 * @param id       the platform's ID
 */
public record RequestKey(Platform platform, String kind, String id) {

    /**
     * The key of an action, or null when the request carries no such ID: requests without one are
     * each served, rather than all taken for repeats of the first.
     */
    public static RequestKey of(Platform platform, String kind, String id) {
        return id == null || id.isBlank() ? null : new RequestKey(platform, kind, id);
    }

    /** One string per key, e.g. {@code slack:trigger:1337.42}: what a table of keys would hold. */
    public String text() {
        return platform.id() + ":" + kind + ":" + id;
    }
}
