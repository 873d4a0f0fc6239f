package dev.hostwise.bot.mattermost.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User names of the people who asked recently, by user ID. Mattermost sends the name with a command and a
 * click, but a verdict is delivered later and the core only carries the ID; this lets "asked by @ana" read
 * as a name (and notify) without a call to Mattermost per verdict. Bounded; an ID it does not know is shown as it is.
 */
public final class KnownUsers {

    private final Map<String, String> names;

    public KnownUsers(int capacity) {
        this.names = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void remember(String userId, String userName) {
        // Mattermost user names are lower-case letters, digits and . _ -; anything else is not put in a message
        if (userId != null && userName != null && userName.matches("[A-Za-z0-9._-]{1,64}")) {
            names.put(userId, userName);
        }
    }

    public synchronized Optional<String> name(String userId) {
        return Optional.ofNullable(names.get(userId));
    }
}
