package dev.hostwise.bot.conversation;

import dev.hostwise.rules.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last verdicts this process made, by ID, so "Show the math" can show the exact figures of the
 * verdict it sits under, without asking the store. Bounded: the store is the lasting place for them.
 */
public final class RecentVerdicts {

    private final Map<String, Verdict> byId;

    public RecentVerdicts(int capacity) {
        this.byId = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void remember(Verdict v) {
        byId.put(v.id(), v);
    }

    public synchronized Optional<Verdict> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
