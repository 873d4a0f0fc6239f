package dev.hostwise.bot.pool;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.VerdictIds;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.Pooling;
import dev.hostwise.rules.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pooling over the stored verdicts, for every surface that asks ({@code /selfhost pool}, {@code hostwise pool},
 * {@code /pool}): the verdicts that are not superseded and are younger than {@code HOSTWISE_WATCH_DAYS},
 * grouped and decided by {@link Pooling} on the rules and catalog in force, each pool's verdict stored like
 * any other (with {@code pooledFrom}) so it can be cited. Asking again with nothing changed cites the same
 * stored pool rather than storing it twice.
 */
public final class Pools {

    /** How many stored verdicts pooling looks at, at most. */
    static final int LOOKED_AT = 5_000;

    private final Hostwise hostwise;
    private final Duration window;

    public Pools(Hostwise hostwise, Duration window) {
        this.hostwise = hostwise;
        this.window = window;
    }

    /**
     * One pool as stored and shown.
     *
     * @param pool    the pool: its group, verdict, each member's side, and how much more volume it needs
     * @param stored  the pool's verdict as stored (its citable ID and link)
     * @param members the members' stored verdicts, by ID
     */
    public record Shown(Pooling.Pool pool, StoredVerdict stored, Map<String, StoredVerdict> members) {
    }

    /**
     * What pooling found.
     *
     * @param pools      every pool, most saving first
     * @param candidates how many verdicts were candidates (PRIVACY and QUALITY hold, VOLUME fails)
     * @param lookedAt   how many current verdicts in the window were looked at
     * @param days       the window, in days
     */
    public record Found(List<Shown> pools, int candidates, int lookedAt, long days) {
    }

    /** Finds, decides and stores the pools, as {@code who} asked. */
    public Found find(Requester who) {
        Instant now = hostwise.clock().instant();
        List<StoredVerdict> current = hostwise.store().current(now.minus(window), LOOKED_AT);
        Map<String, StoredVerdict> byId = new LinkedHashMap<>();
        List<Pooling.Member> members = new ArrayList<>();
        for (StoredVerdict s : current) {
            byId.put(s.id(), s);
            Requester r = s.requester();
            members.add(new Pooling.Member(s.id(), Pooling.teamOf(r.platform().id(), r.workspace(), r.conversation(), r.user(), s.id()),
                    s.verdict()));
        }
        int candidates = (int) members.stream().filter(m -> Pooling.candidate(m.verdict())).count();
        // today's rules, catalog and imported load tests, as a fresh verdict would be decided
        Decider.Snapshot snapshot = hostwise.decider().active().withEvidence(hostwise.evidenceAsOf(now));
        Pooling pooling = new Pooling(hostwise.decider());
        List<Shown> shown = new ArrayList<>();
        for (Pooling.Group g : pooling.groups(members, snapshot)) {
            Pooling.Pool pool = pooling.decide(g, snapshot, VerdictIds.PENDING, now);
            StoredVerdict stored = alreadyStored(current, pool.verdict())
                    .orElseGet(() -> hostwise.storePooled(pool.verdict(), snapshot.policy(), who));
            Map<String, StoredVerdict> of = new LinkedHashMap<>();
            g.members().forEach(m -> of.put(m.id(), byId.get(m.id())));
            shown.add(new Shown(new Pooling.Pool(pool.group(), stored.verdict(), pool.savings(), pool.moreVolumeNeeded()), stored, of));
        }
        shown.sort((a, b) -> Pooling.bySaving().compare(a.pool(), b.pool()));
        return new Found(List.copyOf(shown), candidates, current.size(), window.toDays());
    }

    /** A stored pool of the same verdicts, decided on the same rules and catalog: cite it instead of storing another. */
    private static java.util.Optional<StoredVerdict> alreadyStored(List<StoredVerdict> current, Verdict fresh) {
        Set<String> members = new HashSet<>(fresh.pooledFrom());
        return current.stream().filter(s -> s.verdict().pooled() && new HashSet<>(s.verdict().pooledFrom()).equals(members)
                        && s.verdict().rulesRevision().equals(fresh.rulesRevision())
                        && s.verdict().catalogDate().equals(fresh.catalogDate())
                        && s.verdict().recommendation() == fresh.recommendation())
                .reduce((a, b) -> b);
    }
}
