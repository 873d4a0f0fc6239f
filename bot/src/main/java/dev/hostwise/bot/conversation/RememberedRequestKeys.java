package dev.hostwise.bot.conversation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request keys remembered in this process: bounded, the oldest forgotten first, long after a platform's
 * retries (Slack's last about 5 minutes) are over.
 */
public final class RememberedRequestKeys implements RequestKeys {

    private final Map<RequestKey, Boolean> seen;

    public RememberedRequestKeys(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RequestKey, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized boolean claim(RequestKey key) {
        return key == null || seen.putIfAbsent(key, Boolean.TRUE) == null;
    }

    @Override
    public synchronized void release(RequestKey key) {
        if (key != null) {
            seen.remove(key);
        }
    }
}
