package dev.hostwise.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hostwise.knowledge.ConfigurationSearch;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.Sensitivity;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hostwise.knowledge.uncertainty.Probabilities;
import dev.hostwise.knowledge.evidence.LoadTestPlan;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.PoolAdvice;
import dev.hostwise.rules.facts.Recommendation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A decision someone can cite: the recommendation, the policy's conditions, every figure, which inputs
 * would flip the cost case, the reasons, the caveats, the rules that fired, and the exact inputs
 * (defaults filled in). Its JSON form is a public contract.
 *
 * <p>{@code scenario} is the question as asked. For a configuration search ({@code gpuType: "auto"})
 * the configuration chosen is in {@code figures.configurationSearch}, and {@link #pricedScenario()}
 * is the scenario the figures were priced on.
 *
 * <p>{@code probabilities} says how sure the cost case is (null in verdicts stored before it existed);
 * {@code pooledFrom} and {@code pool} are set only on the decision of several teams' pooled demand.
 * {@code pricedFromCatalog} names the scenario's prices that are the catalog's (filled in from
 * {@code hostedModel} or {@code gpuType}, or typed equal to them): deciding the verdict again on a later
 * catalog takes those from it, so a price import reaches stored verdicts.
 *
 * <p>{@code loadTest} is the load test that would settle a "Measure first" verdict (null for the other
 * recommendations): the commands to run it on the configuration priced and to import its result.
 */
@JsonPropertyOrder({"id", "createdAt", "recommendation", "conditions", "figures", "sensitivity", "probabilities", "reasons",
    "caveats", "loadTest", "firedRules", "rulesRevision", "catalogDate", "pooledFrom", "pool", "scenario", "pricedFromCatalog"})
public record Verdict(
        String id,
        Instant createdAt,
        Recommendation recommendation,
        Map<Condition, ConditionResult> conditions,
        Figures figures,
        Sensitivity sensitivity,
        List<String> reasons,
        List<String> caveats,
        List<FiredRule> firedRules,
        String rulesRevision,
        LocalDate catalogDate,
        Scenario scenario,
        @JsonInclude(JsonInclude.Include.NON_NULL) Probabilities probabilities,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> pooledFrom,
        @JsonInclude(JsonInclude.Include.NON_NULL) PoolAdvice pool,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> pricedFromCatalog,
        @JsonInclude(JsonInclude.Include.NON_NULL) LoadTestPlan loadTest) {

    public Verdict {
        // in the policy's order (conditions.yaml), in JSON and on every page
        conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions));
        reasons = List.copyOf(reasons);
        caveats = List.copyOf(caveats);
        firedRules = List.copyOf(firedRules);
        pooledFrom = pooledFrom == null ? List.of() : List.copyOf(pooledFrom);
        pricedFromCatalog = pricedFromCatalog == null ? List.of() : List.copyOf(pricedFromCatalog);
    }

    /** A verdict without probabilities (as verdicts were stored before they existed), not a pool, with no load test to run. */
    public Verdict(String id, Instant createdAt, Recommendation recommendation, Map<Condition, ConditionResult> conditions,
                   Figures figures, Sensitivity sensitivity, List<String> reasons, List<String> caveats, List<FiredRule> firedRules,
                   String rulesRevision, LocalDate catalogDate, Scenario scenario) {
        this(id, createdAt, recommendation, conditions, figures, sensitivity, reasons, caveats, firedRules, rulesRevision,
                catalogDate, scenario, null, List.of(), null, List.of(), null);
    }

    /** The same verdict under another ID: the store numbers a verdict when it saves it. */
    public Verdict withId(String newId) {
        return new Verdict(newId, createdAt, recommendation, conditions, figures, sensitivity, reasons, caveats, firedRules,
                rulesRevision, catalogDate, scenario, probabilities, pooledFrom, pool, pricedFromCatalog, loadTest);
    }

    /** The same verdict as the decision of a pool of these stored verdicts (their IDs). */
    public Verdict pooledFrom(List<String> ids) {
        return new Verdict(id, createdAt, recommendation, conditions, figures, sensitivity, reasons, caveats, firedRules,
                rulesRevision, catalogDate, scenario, probabilities, ids, pool, pricedFromCatalog, loadTest);
    }

    /** True when this verdict decided a pool of other verdicts' demand. */
    @JsonIgnore
    public boolean pooled() {
        return !pooledFrom.isEmpty();
    }

    public ConditionResult condition(Condition c) {
        return conditions.get(c);
    }

    /**
     * The scenario the figures were priced on: the scenario as asked, or, when it asked for a
     * configuration search, that scenario with the chosen GPU type, count, precision and price.
     * Renderers that re-price (charts) or name the hardware (ADRs) read this, not {@link #scenario()}.
     */
    @JsonIgnore
    public Scenario pricedScenario() {
        ConfigurationSearch search = figures.configurationSearch();
        return search == null ? scenario : pricedAs(scenario, search);
    }

    /** A searched scenario priced as the configuration its search chose. */
    public static Scenario pricedAs(Scenario asked, ConfigurationSearch search) {
        ConfigurationSearch.Configuration c = search.chosen();
        return asked.withConfiguration(c.gpuType(), c.gpusPerReplica(), c.precision(), c.gpuDollarsPerHour());
    }

    /** How many of its conditions hold. */
    public long conditionsHolding() {
        return conditions.values().stream().filter(ConditionResult::holds).count();
    }
}
