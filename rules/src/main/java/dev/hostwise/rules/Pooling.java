package dev.hostwise.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.pool.PooledScenario;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.PoolCandidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The volume no single team has: verdicts where PRIVACY and QUALITY hold but VOLUME fails, grouped by
 * the open model that can serve them all, and each group decided as one scenario
 * ({@link PooledScenario}) with the same rules and catalog, plus a {@link PoolCandidate} fact so the
 * policy's pool rules say whether to build the shared cluster. Which model clears QUALITY for which team
 * is asked of the rules, one decision per team and model, never judged here.
 */
public final class Pooling {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that size hardware for one model; asking the rules about another model's quality drops them. */
    private static final List<String> HARDWARE = List.of("gpuType", "gpusPerReplica", "precision", "maxConcurrency");

    private final Decider decider;

    public Pooling(Decider decider) {
        this.decider = decider;
    }

    /**
     * One stored verdict that may join a pool.
     *
     * @param id       its citable ID
     * @param team     who asked, as a key: the same team asking again about the same task replaces its earlier verdict
     * @param verdict  the verdict, with its scenario as asked
     */
    public record Member(String id, String team, Verdict verdict) {
        public Scenario scenario() {
            return verdict.scenario();
        }
    }

    /**
     * Members the rules say one open model serves well enough for each.
     *
     * @param openModel the catalog id of that model
     * @param namedByAll true when every member named it; false when the rules found it clears QUALITY for each
     * @param keepOwnHardware true when no member named a model and the model judged by default serves them all:
     *                        the pool keeps the members' own hardware and throughput
     */
    public record Group(String openModel, String openModelName, boolean namedByAll, boolean keepOwnHardware, List<Member> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    /**
     * A group decided as one scenario.
     *
     * @param verdict           the pooled verdict (its {@code pooledFrom} lists the members; its {@code pool} the policy's advice)
     * @param savings           per member, what it pays hosted and its share of the pool's self-host cost
     * @param moreVolumeNeeded  when the pool still falls short of the break-even, about how many more requests a day
     *                          it needs; null when it clears it, or when no volume would
     */
    public record Pool(Group group, Verdict verdict, List<MemberSaving> savings, Double moreVolumeNeeded) {
    }

    /**
     * A member's side of the pool: what it pays the hosted API per day, its volume's share of the pool's
     * self-hosting cost, and the difference (positive: it saves by joining).
     */
    public record MemberSaving(String id, String team, double hostedPerDay, double shareOfPoolPerDay, double saving) {
    }

    /** True when the verdict is a pooling candidate: PRIVACY and QUALITY hold, VOLUME fails, and it is not a pool itself. */
    public static boolean candidate(Verdict v) {
        ConditionResult privacy = v.condition(Condition.PRIVACY);
        ConditionResult quality = v.condition(Condition.QUALITY);
        ConditionResult volume = v.condition(Condition.VOLUME);
        return !v.pooled() && privacy != null && privacy.holds() && quality != null && quality.holds()
                && volume != null && !volume.holds();
    }

    /**
     * The candidates among {@code verdicts} (newest last), one per team and task (a team's latest), grouped:
     * repeatedly, the open model that the rules say clears QUALITY for the most remaining members (ties: the
     * one most of them named, then the fewest active parameters), as long as it serves two or more.
     */
    public List<Group> groups(List<Member> verdicts, Decider.Snapshot snapshot) {
        Map<String, Member> latest = new LinkedHashMap<>();
        for (Member m : verdicts) {
            if (candidate(m.verdict())) {
                latest.remove(m.team() + "|" + m.scenario().taskType());
                latest.put(m.team() + "|" + m.scenario().taskType(), m);
            }
        }
        List<Member> remaining = new ArrayList<>(latest.values());
        Catalog catalog = snapshot.catalog().catalog();
        ScenarioReader reader = new ScenarioReader(catalog);
        List<Group> groups = new ArrayList<>();
        while (remaining.size() >= 2) {
            Group best = null;
            for (OpenModel model : catalog.openModels()) {
                List<Member> served = remaining.stream().filter(m -> clearsQuality(model.id(), m, snapshot, reader)).toList();
                if (served.size() < 2) {
                    continue;
                }
                long named = served.stream().filter(m -> model.id().equals(m.scenario().openModel())).count();
                boolean noneNamed = served.stream().allMatch(m -> m.scenario().openModel() == null);
                Group g = new Group(model.id(), model.name(), named == served.size(),
                        noneNamed && model.id().equals(catalog.openModelOrDefault(null).id()), served);
                if (best == null || better(g, best, catalog)) {
                    best = g;
                }
            }
            if (best == null) {
                break;
            }
            groups.add(best);
            remaining.removeAll(best.members());
        }
        return groups;
    }

    private static boolean better(Group a, Group b, Catalog catalog) {
        if (a.members().size() != b.members().size()) {
            return a.members().size() > b.members().size();
        }
        long namedA = a.members().stream().filter(m -> a.openModel().equals(m.scenario().openModel())).count();
        long namedB = b.members().stream().filter(m -> b.openModel().equals(m.scenario().openModel())).count();
        if (namedA != namedB) {
            return namedA > namedB;
        }
        if (a.keepOwnHardware() != b.keepOwnHardware()) {
            return a.keepOwnHardware();
        }
        return active(a.openModel(), catalog) < active(b.openModel(), catalog);
    }

    private static double active(String id, Catalog catalog) {
        return catalog.openModel(id).map(m -> m.activeParamsBillion() != null ? m.activeParamsBillion() : m.paramsBillion())
                .orElse(Double.MAX_VALUE);
    }

    /** Asks the rules: with {@code model} as its open model, does QUALITY hold for this member's task and need? */
    private boolean clearsQuality(String model, Member m, Decider.Snapshot snapshot, ScenarioReader reader) {
        ObjectNode s = JSON.valueToTree(m.scenario());
        HARDWARE.forEach(s::remove);
        s.put("openModel", model);
        // the member's own throughput, so nothing is estimated or searched: only QUALITY is asked
        s.put("requestsPerSecond", m.verdict().figures().requestsPerSecond());
        if (!s.has("gpuDollarsPerHour")) {
            s.put("gpuDollarsPerHour", m.verdict().pricedScenario().gpuDollarsPerHour());
        }
        s.remove("ranges");
        try {
            Verdict v = decider.decide(reader.fromJson(s), "quality-check", Instant.EPOCH, snapshot,
                    List.of(), Decider.Draws.POINT);
            ConditionResult q = v.condition(Condition.QUALITY);
            return q != null && q.holds();
        } catch (InvalidScenarioException e) {
            return false;
        }
    }

    /** Decides a group's pooled scenario on the snapshot, with the pool's fact for the policy's pool rules. */
    public Pool decide(Group group, Decider.Snapshot snapshot, String id, Instant at) {
        Catalog catalog = snapshot.catalog().catalog();
        ScenarioReader reader = new ScenarioReader(catalog);
        List<Scenario> scenarios = group.members().stream().map(Member::scenario).toList();
        Scenario pooled = PooledScenario.of(group.keepOwnHardware() ? null : group.openModel(), scenarios, reader);
        List<String> ids = group.members().stream().map(Member::id).toList();
        Set<String> teams = new LinkedHashSet<>(group.members().stream().map(Member::team).toList());
        double hosted = group.members().stream().mapToDouble(m -> m.verdict().figures().hostedPerDay()).sum();
        PoolCandidate fact = new PoolCandidate(group.members().size(), teams.size(), group.openModel(), group.namedByAll(), hosted, ids);
        Verdict v = decider.decide(pooled, id, at, snapshot, List.of(fact), Decider.Draws.SAMPLE)
                .pooledFrom(ids);
        double volume = pooled.requestsPerDay();
        List<MemberSaving> savings = group.members().stream().map(m -> {
            double share = v.figures().selfHostPerDay() * m.scenario().requestsPerDay() / volume;
            double own = m.verdict().figures().hostedPerDay();
            return new MemberSaving(m.id(), m.team(), own, share, own - share);
        }).toList();
        Double breakEven = v.figures().breakEvenRequestsPerDayWholeReplicas();
        Double more = v.figures().selfHostCheaper() || breakEven == null ? null : Math.max(0, breakEven - volume);
        return new Pool(group, v, savings, more);
    }

    /** Every group's pool, in the order the groups were found. */
    public List<Pool> pools(List<Member> verdicts, Decider.Snapshot snapshot, Instant at) {
        List<Pool> out = new ArrayList<>();
        for (Group g : groups(verdicts, snapshot)) {
            out.add(decide(g, snapshot, "pool", at));
        }
        return out;
    }

    /** A team key that never merges two teams: the same conversation (chat), user (CLI), or the verdict itself. */
    public static String teamOf(String platform, String workspace, String conversation, String user, String verdictId) {
        if (conversation != null) {
            return platform + ":" + Objects.toString(workspace, "") + ":" + conversation;
        }
        if (user != null) {
            return platform + ":user:" + user;
        }
        return platform + ":" + verdictId;
    }

    /** Orders pools by how much they would save, most first. */
    public static Comparator<Pool> bySaving() {
        return Comparator.comparingDouble((Pool p) -> p.verdict().figures().hostedPerDay() - p.verdict().figures().selfHostPerDay())
                .reversed();
    }
}
