package dev.hostwise.rules;

import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.StaleAfter;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.Recommendation;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A scenario and the verdict the policy must reach for it. Cases live beside the rules in
 * {@code cases/*.yaml} and gate every change to the policy.
 *
 * @param conditions     expected holds/does-not-hold per condition; conditions left out are not checked
 * @param decidedOn      the day the case is decided, for rules that depend on a figure's age; null
 *                       decides at the epoch, where no catalog figure is old
 * @param staleAfter     the staleness limit the case is decided with; the default unless the case
 *                       names one, so a case never depends on a server's configuration
 * @param caveatsInclude text each of which some caveat must contain
 * @param caveatsExclude text no caveat may contain
 * @param reasonsInclude text each of which some reason must contain
 * @param pool           for a pooling case: the members' scenarios (the case's {@code scenario} is then the
 *                       first); empty for an ordinary case
 * @param poolTeams      for a pooling case: each member's team (members of one team share a name)
 * @param poolRecommended for a pooling case: whether the policy's pool rules must recommend the shared cluster;
 *                       null when not checked
 * @param loadTests      load tests imported before the case is decided (its evidence); none unless the case lists some
 */
public record PolicyCase(String file, int line, String name, Scenario scenario,
                         Recommendation recommendation, Map<Condition, Boolean> conditions,
                         LocalDate decidedOn, StaleAfter staleAfter,
                         List<String> caveatsInclude, List<String> caveatsExclude, List<String> reasonsInclude,
                         List<LoadTestRun> loadTests, List<Scenario> pool, List<String> poolTeams, Boolean poolRecommended) {

    public PolicyCase {
        loadTests = loadTests == null ? List.of() : List.copyOf(loadTests);
        pool = pool == null ? List.of() : List.copyOf(pool);
        poolTeams = poolTeams == null ? List.of() : List.copyOf(poolTeams);
    }

    public PolicyCase(String file, int line, String name, Scenario scenario, Recommendation recommendation,
                      Map<Condition, Boolean> conditions, LocalDate decidedOn, StaleAfter staleAfter,
                      List<String> caveatsInclude, List<String> caveatsExclude, List<String> reasonsInclude) {
        this(file, line, name, scenario, recommendation, conditions, decidedOn, staleAfter, caveatsInclude, caveatsExclude,
                reasonsInclude, List.of(), List.of(), List.of(), null);
    }

    /** True for a case about several teams' pooled demand. */
    public boolean pooling() {
        return !pool.isEmpty();
    }

    /** A case that checks only the recommendation and conditions, decided at the epoch. */
    public PolicyCase(String file, int line, String name, Scenario scenario,
                      Recommendation recommendation, Map<Condition, Boolean> conditions) {
        this(file, line, name, scenario, recommendation, conditions, null, StaleAfter.DEFAULT, List.of(), List.of(), List.of());
    }

    public PolicyCase(String file, int line, String name, Scenario scenario, Recommendation recommendation,
                      Map<Condition, Boolean> conditions, LocalDate decidedOn, StaleAfter staleAfter,
                      List<String> caveatsInclude, List<String> caveatsExclude) {
        this(file, line, name, scenario, recommendation, conditions, decidedOn, staleAfter, caveatsInclude, caveatsExclude, List.of());
    }
}
