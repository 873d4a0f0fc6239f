package dev.hostwise.bot.slack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which Slack requests have already been acted on, so a retry ({@code X-Slack-Retry-Num})
 * or a duplicate delivery does not make a second verdict or a second message. Keys are the IDs Slack
 * gives each user action: a slash command's or button's trigger_id, a modal's view ID, an event ID.
 * Bounded: the oldest keys are forgotten first, long after Slack's retries (about 5 minutes) are over.
 */
public final class RequestKeys {

    private final Map<String, Boolean> seen;

    public RequestKeys(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The key of a Slack ID of some kind ({@code "trigger"}, {@code "view"}, {@code "event"}): null when
     * the request carries no such ID, so requests without one are each served rather than all taken for
     * repeats of the first.
     */
    public static String of(String kind, String id) {
        return id == null || id.isBlank() ? null : kind + ":" + id;
    }

    /** True the first time a key is claimed; false for every repeat. A null key (nothing to go by) is always new. */
    public synchronized boolean claim(String key) {
        return key == null || seen.putIfAbsent(key, Boolean.TRUE) == null;
    }

    /** Forgets a key whose work could not start, so a retry of it is served. */
    public synchronized void release(String key) {
        if (key != null) {
            seen.remove(key);
        }
    }
}
