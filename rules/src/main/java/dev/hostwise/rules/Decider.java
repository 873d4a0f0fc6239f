package dev.hostwise.rules;

import dev.hostwise.knowledge.CatalogFiguresUsed;
import dev.hostwise.knowledge.CatalogPrices;
import dev.hostwise.knowledge.ConfigurationSearch;
import dev.hostwise.knowledge.ConfigurationSearcher;
import dev.hostwise.knowledge.CostBasis;
import dev.hostwise.knowledge.uncertainty.CostInputs;
import dev.hostwise.knowledge.uncertainty.InputRange;
import dev.hostwise.knowledge.uncertainty.MonteCarlo;
import dev.hostwise.knowledge.uncertainty.Probabilities;
import dev.hostwise.knowledge.uncertainty.UncertainInputs;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.hostwise.knowledge.CostModel;
import dev.hostwise.knowledge.Estimate;
import dev.hostwise.knowledge.FigureChecks;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.Sensitivity;
import dev.hostwise.knowledge.SensitivityAnalysis;
import dev.hostwise.knowledge.StaleAfter;
import dev.hostwise.knowledge.ThroughputEstimator;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.knowledge.Workload;
import dev.hostwise.knowledge.evidence.LoadTestPlan;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.knowledge.evidence.ThroughputEvidence;
import dev.hostwise.rules.facts.QualityFit;
import dev.hostwise.rules.facts.Recommendation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one path from a {@link Scenario} to a {@link Verdict}: search for the cheapest configuration
 * when the scenario asks for one ({@code gpuType: "auto"}), estimate the throughput if nobody gave
 * one, price it, find which inputs would flip the cost case, then let the active policy judge it.
 * The rules see the scenario as priced (the chosen GPU, count and precision); the verdict keeps it as
 * asked, so deciding it again searches again. Every front end calls this. The active policy can be swapped atomically; a decision reads it
 * once, so it runs start to finish on one revision.
 *
 * <p>A decision is two steps, which a caller may also take apart: {@link #price} works out everything but the
 * rules' judgement (search, throughput, cost, sensitivity, the Monte Carlo run) and needs no policy, and
 * {@link #decide(Pricing, String, Instant, CompiledPolicy, List)} lets a policy judge that pricing. {@code hostwise
 * decide} prices while its policy is still being read; deciding in one call is the same two steps.
 *
 * <p>A caller that needs the revision before deciding (to record it, or to keep its sources) should
 * take one {@link #active()} snapshot and pass it to {@link #decide(Scenario, String, Instant, Snapshot)}:
 * reading {@link #activePolicy()} and then deciding would let a reload in between run the old rules
 * on the new catalog.
 */
public final class Decider {

    /**
     * What the catalog gives a decision: the data, and the estimator (with its accuracy table),
     * configuration search and figure index built on it, once per catalog load. The figure index
     * carries the staleness limit ({@code HOSTWISE_STALE_AFTER_DAYS}), so a decision dates every
     * figure it rests on against its own date.
     */
    public record CatalogContext(Catalog catalog, ThroughputEstimator estimator, ConfigurationSearcher searcher,
                                 CatalogFiguresUsed figures) {
        /** With the default staleness limit, as policy cases run unless a case names its own. */
        public static CatalogContext of(Catalog catalog) {
            return of(catalog, StaleAfter.DEFAULT);
        }

        public static CatalogContext of(Catalog catalog, StaleAfter staleAfter) {
            ThroughputEstimator estimator = new ThroughputEstimator(catalog);
            return new CatalogContext(catalog, estimator, new ConfigurationSearcher(catalog, estimator),
                    new CatalogFiguresUsed(catalog, staleAfter));
        }
    }

    /**
     * The rules and the catalog in force at one moment, swapped together so a decision never mixes
     * two versions. Immutable: a reload replaces the snapshot, it never changes one.
     */
    public record Snapshot(CompiledPolicy policy, CatalogContext catalog, ThroughputEvidence evidence) {
        public Snapshot {
            // policy may be null in a decider used only to price (before the policy is read) or to check candidate
            // policies (rules check), never to decide on its own snapshot
            java.util.Objects.requireNonNull(catalog, "catalog");
            evidence = evidence == null ? ThroughputEvidence.NONE : evidence;
        }

        /** Rules and catalog without imported load tests. */
        public Snapshot(CompiledPolicy policy, CatalogContext catalog) {
            this(policy, catalog, ThroughputEvidence.NONE);
        }

        /**
         * The same rules and catalog with the load tests a decision may use. The decider never reads a
         * store: the caller takes the evidence as of the decision's moment and hands it in here, so the
         * decision stays a function of (scenario, rules, catalog, evidence) and can be reproduced.
         */
        public Snapshot withEvidence(ThroughputEvidence imported) {
            return new Snapshot(policy, catalog, imported);
        }
    }

    private final CostModel costModel = new CostModel();
    private final SensitivityAnalysis sensitivityAnalysis = new SensitivityAnalysis();
    /** Half the cores, at least one: see {@link #drawing}. */
    private static final int DRAWING_AT_ONCE = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final MonteCarlo monteCarlo = CostInputs.monteCarlo();
    /**
     * How many Monte Carlo runs may draw at once: half the cores, at least one. A run is milliseconds of pure
     * CPU and a megabyte of draws; a server deciding for 32 requests at once otherwise ran 32 of them, which
     * left nothing of two cores for acknowledging chat commands in time and held 32 sets of draws in memory.
     * Fair, so a decision waits for the ones before it and no longer.
     */
    private final Semaphore drawing = new Semaphore(DRAWING_AT_ONCE, true);
    private final AtomicReference<Snapshot> active;

    public Decider(Catalog catalog, CompiledPolicy policy) {
        this(catalog, policy, StaleAfter.DEFAULT);
    }

    /** @param staleAfter how old a price or measurement may be before a verdict resting on it says so */
    public Decider(Catalog catalog, CompiledPolicy policy, StaleAfter staleAfter) {
        this(CatalogContext.of(catalog, staleAfter), policy);
    }

    /** On a catalog whose estimator, search and figure index are already built (a start builds them while the policy is read). */
    public Decider(CatalogContext catalog, CompiledPolicy policy) {
        this.active = new AtomicReference<>(new Snapshot(policy, catalog));
    }

    public Verdict decide(Scenario scenario, String id, Instant at) {
        return decide(scenario, id, at, active.get());
    }

    /**
     * Decides on the rules and catalog of one snapshot, whatever has been activated since: take the
     * snapshot with {@link #active()}, read its revision, then decide on exactly that pair.
     */
    public Verdict decide(Scenario scenario, String id, Instant at, Snapshot snapshot) {
        return decide(scenario, id, at, snapshot.policy(), snapshot.catalog(), snapshot.evidence());
    }

    /**
     * Decides on a given revision with the catalog active now: used by impact analysis of a candidate
     * policy. To decide on the active pair, use {@link #decide(Scenario, String, Instant, Snapshot)}
     * with {@link #active()}; passing {@link #activePolicy()} here can pair it with a newer catalog.
     */
    public Verdict decide(Scenario scenario, String id, Instant at, CompiledPolicy policy) {
        return decide(scenario, id, at, policy, active.get().catalog());
    }

    /** Decides on a given revision with the catalog active now and the evidence given (impact analysis, replays). */
    public Verdict decide(Scenario scenario, String id, Instant at, CompiledPolicy policy, ThroughputEvidence evidence) {
        return decide(scenario, id, at, policy, active.get().catalog(), evidence);
    }

    /** Decides on a given revision and catalog: a candidate pair is checked this way before it is activated. */
    public Verdict decide(Scenario scenario, String id, Instant at, CompiledPolicy policy, CatalogContext context) {
        return decide(scenario, id, at, policy, context, ThroughputEvidence.NONE);
    }

    /**
     * Decides on a given revision, catalog and evidence. A throughput the scenario leaves open is taken from
     * a comparable imported load test when there is one ({@code throughputSource: measured}, named in
     * {@code figures.throughputEvidence}), else estimated; a configuration search prices each configuration
     * the same way and prefers the better-backed ones.
     */
    public Verdict decide(Scenario scenario, String id, Instant at, CompiledPolicy policy, CatalogContext context,
                          ThroughputEvidence evidence) {
        return decide(scenario, id, at, policy, context, evidence, List.of(), Draws.SAMPLE);
    }

    /** Whether a decision draws its uncertain inputs, or takes every input at its value. */
    public enum Draws {
        /** The seeded Monte Carlo run over every uncertain input: what every verdict a person reads carries. */
        SAMPLE,
        /**
         * Every input at the verdict's own value, priced once: for decisions no one reads whole, such as
         * asking the rules whether a model clears QUALITY for a team's task. The probabilities are then 0 or 1.
         */
        POINT
    }

    /**
     * Decides on a snapshot (rules, catalog and evidence) with further facts for the rules (a
     * {@link dev.hostwise.rules.facts.PoolCandidate}, when deciding a pool), drawing the uncertain inputs or not.
     */
    public Verdict decide(Scenario scenario, String id, Instant at, Snapshot snapshot, List<?> extraFacts, Draws draws) {
        return decide(scenario, id, at, snapshot.policy(), snapshot.catalog(), snapshot.evidence(), extraFacts, draws);
    }

    /** Decides on a given revision, catalog and evidence, with further facts for the rules, drawing the uncertain inputs or not. */
    public Verdict decide(Scenario scenario, String id, Instant at, CompiledPolicy policy, CatalogContext context,
                          ThroughputEvidence evidence, List<?> extraFacts, Draws draws) {
        return decide(price(scenario, context, evidence, draws), id, at, policy, extraFacts);
    }

    /**
     * A scenario priced on one catalog and one set of evidence: everything a decision works out before the rules
     * judge it. It does not depend on the rules, so a command can price while the policy is still being read, then
     * {@link #decide(Pricing, String, Instant, CompiledPolicy, List) decide} on it.
     *
     * @param asked         the scenario as asked (a configuration search's {@code gpuType: "auto"} kept)
     * @param priced        the scenario as priced: the configuration the search chose, or the one asked
     * @param catalog       the catalog it was priced on; a decision on another catalog prices again
     * @param search        the configuration search, when the scenario asked for one; else null
     * @param probabilities the Monte Carlo run's result, before the policy names the conditions it bears on
     */
    public record Pricing(Scenario asked, Scenario priced, CatalogContext catalog, ConfigurationSearch search,
                          Figures figures, Sensitivity sensitivity, Probabilities probabilities) {
        public Pricing {
            java.util.Objects.requireNonNull(asked, "asked");
            java.util.Objects.requireNonNull(priced, "priced");
            java.util.Objects.requireNonNull(catalog, "catalog");
            java.util.Objects.requireNonNull(figures, "figures");
            java.util.Objects.requireNonNull(sensitivity, "sensitivity");
            java.util.Objects.requireNonNull(probabilities, "probabilities");
        }
    }

    /**
     * Prices a scenario: searches for the cheapest configuration when it asks for one, takes the throughput from
     * a comparable imported load test when there is one ({@code throughputSource: measured}), else estimates it,
     * prices it, finds which inputs would flip the cost case and draws the uncertain inputs (or not).
     *
     * @throws dev.hostwise.knowledge.InvalidScenarioException when the figures leave the bounds (a fleet past the
     *                                                         limit), naming the field to change
     */
    public Pricing price(Scenario scenario, CatalogContext context, ThroughputEvidence evidence, Draws draws) {
        ThroughputEstimator estimator = context.estimator();
        // gpuType auto: search first, then decide on the configuration chosen; the verdict keeps the question as asked
        ConfigurationSearch search = scenario.searchesConfiguration() ? context.searcher().search(scenario, evidence) : null;
        Scenario priced = search == null ? scenario : Verdict.pricedAs(scenario, search);
        LoadTestRun measured = priced.throughputToEstimate()
                ? evidence.comparable(priced.openModel(), priced.gpuType(), priced.gpusPerReplica() == null ? 1
                        : priced.gpusPerReplica(), priced.precision(), Workload.of(priced)).orElse(null)
                : null;
        Estimate estimate = measured == null ? estimator.estimateFor(priced).orElse(null) : null;
        Figures figures = costModel.price(priced, estimate, measured);
        if (search != null) {
            figures = figures.withConfigurationSearch(search);
        }
        Sensitivity sensitivity = sensitivityAnalysis.analyse(priced, figures.requestsPerSecond());
        // the fleet within bounds and every number finite before the rules (or a chart) see them: a field error, not a 500
        FigureChecks.require(priced, figures, sensitivity);
        Probabilities probabilities = drawn(priced, figures, context.catalog(), draws);
        FigureChecks.requireFinite(priced, "probabilities", probabilities);
        return new Pricing(scenario, priced, context, search, figures, sensitivity, probabilities);
    }

    /**
     * Lets the rules judge a priced scenario, on the moment {@code at} (figures are dated against its day), with
     * further facts for the rules (a {@link dev.hostwise.rules.facts.PoolCandidate}, when deciding a pool).
     */
    public Verdict decide(Pricing pricing, String id, Instant at, CompiledPolicy policy, List<?> extraFacts) {
        Catalog catalog = pricing.catalog().catalog();
        Scenario scenario = pricing.asked();
        Scenario priced = pricing.priced();
        Figures figures = pricing.figures();
        Probabilities probabilities = pricing.probabilities().withConditions(conditionsOf(policy, pricing.probabilities()));
        List<Object> facts = new ArrayList<>(pricing.sensitivity().inputs());
        facts.add(probabilities);
        facts.addAll(probabilities.drivers());
        facts.addAll(extraFacts);
        // figures are dated against the day the decision is made (UTC), so a replay ages them anew
        facts.addAll(pricing.catalog().figures().in(priced, figures, LocalDate.ofInstant(at, ZoneOffset.UTC)));
        if (figures.estimate() != null) {
            facts.add(figures.estimate());
        }
        if (pricing.search() != null) {
            facts.add(pricing.search());
        }
        Evaluation e = policy.evaluate(priced, figures, qualityFit(catalog, scenario), facts);
        // "measure first" comes with the load test that would settle it, filled in from the configuration priced
        LoadTestPlan loadTest = e.recommendation() == Recommendation.MEASURE_FIRST ? LoadTestPlan.of(priced, figures, catalog) : null;
        return new Verdict(id, at, e.recommendation(), e.conditions(), figures, pricing.sensitivity(), e.reasons(), e.caveats(),
                e.firedRules(), e.rulesRevision(), catalog.date(), scenario, probabilities, List.of(), e.pool(),
                CatalogPrices.of(scenario, catalog), loadTest);
    }

    /**
     * How sure the cost case is: the seeded Monte Carlo run over the ranges derived for the scenario as
     * priced. Nothing is cached between decisions; the same inputs draw the same values because the seed is fixed.
     */
    private Probabilities drawn(Scenario priced, Figures figures, Catalog catalog, Draws draws) {
        List<InputRange> ranges = UncertainInputs.derive(priced, figures, catalog);
        if (draws == Draws.POINT) {
            ranges = ranges.stream().map(r -> new InputRange(r.input(), r.value(), r.value(), r.value(), InputRange.Spread.UNIFORM,
                    "taken at its value")).toList();
        }
        drawing.acquireUninterruptibly();
        try {
            return monteCarlo.run(CostBasis.of(priced, figures.requestsPerSecond()), ranges);
        } finally {
            drawing.release();
        }
    }

    /** Each numeric condition's probability, as the policy declares it: the cost case's, for now the only one drawn. */
    private static Map<String, Double> conditionsOf(CompiledPolicy policy, Probabilities drawn) {
        Map<String, Double> byCondition = new LinkedHashMap<>();
        if (policy != null) {
            policy.conditions().probabilities().forEach((condition, outcome) -> byCondition.put(condition.name(), drawn.selfHostCheaper()));
        }
        return byCondition;
    }

    private static QualityFit qualityFit(Catalog catalog, Scenario s) {
        OpenModel model = catalog.openModelOrDefault(s.openModel());
        return new QualityFit(model.id(), model.name(), s.taskType(), model.fitFor(s.taskType()), s.openModel() == null,
                s.qualityEvalScore(), s.qualityBar(), s.qualityMeasured());
    }

    /** The rules and catalog in force now, as one immutable pair. */
    public Snapshot active() {
        return active.get();
    }

    public CompiledPolicy activePolicy() {
        return active.get().policy();
    }

    /** Makes a new revision active for every decision that starts from now on, with the same catalog. */
    public void activate(CompiledPolicy policy) {
        active.updateAndGet(a -> new Snapshot(policy, a.catalog()));
    }

    /** Makes a new revision and catalog active together; the staleness limit stays as configured. */
    public void activate(CompiledPolicy policy, Catalog catalog) {
        active.updateAndGet(a -> new Snapshot(policy, CatalogContext.of(catalog, a.catalog().figures().staleAfter())));
    }

    /** The staleness limit every decision checks catalog figures against. */
    public StaleAfter staleAfter() {
        return active.get().catalog().figures().staleAfter();
    }

    public Catalog catalog() {
        return active.get().catalog().catalog();
    }
}
