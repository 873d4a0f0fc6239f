package dev.hostwise.rules;

import dev.hostwise.knowledge.CatalogFiguresUsed;
import dev.hostwise.knowledge.CostModel;
import dev.hostwise.knowledge.Estimate;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.Sensitivity;
import dev.hostwise.knowledge.SensitivityAnalysis;
import dev.hostwise.knowledge.ThroughputEstimator;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.OpenModel;
import dev.hostwise.rules.facts.QualityFit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one path from a {@link Scenario} to a {@link Verdict}: estimate the throughput if nobody
 * gave one, price it, find which inputs would flip the cost case, then let the active policy judge
 * it. Every front end calls this. The active policy can be swapped atomically; a decision reads it
 * once, so it runs start to finish on one revision.
 */
public final class Decider {

    /** What the catalog gives a decision: the data, and the estimator and figure index built on it. */
    public record CatalogContext(Catalog catalog, ThroughputEstimator estimator, CatalogFiguresUsed figures) {
        public static CatalogContext of(Catalog catalog) {
            return new CatalogContext(catalog, new ThroughputEstimator(catalog), new CatalogFiguresUsed(catalog));
        }
    }

    /** The rules and the catalog in force, swapped together so a decision never mixes two versions. */
    private record Active(CompiledPolicy policy, CatalogContext catalog) {
    }

    private final CostModel costModel = new CostModel();
    private final SensitivityAnalysis sensitivityAnalysis = new SensitivityAnalysis();
    private final AtomicReference<Active> active;

    public Decider(Catalog catalog, CompiledPolicy policy) {
        this.active = new AtomicReference<>(new Active(policy, CatalogContext.of(catalog)));
    }

    public Verdict decide(Scenario scenario, String id, Instant at) {
        Active a = active.get();
        return decide(scenario, id, at, a.policy(), a.catalog());
    }

    /** Decides on a given revision: used by policy cases and by impact analysis of a candidate policy. */
    public Verdict decide(Scenario scenario, String id, Instant at, CompiledPolicy policy) {
        return decide(scenario, id, at, policy, active.get().catalog());
    }

    /** Decides on a given revision and catalog: a candidate pair is checked this way before it is activated. */
    public Verdict decide(Scenario scenario, String id, Instant at, CompiledPolicy policy, CatalogContext context) {
        Catalog catalog = context.catalog();
        ThroughputEstimator estimator = context.estimator();
        CatalogFiguresUsed catalogFigures = context.figures();
        Estimate estimate = estimator.estimateFor(scenario).orElse(null);
        Figures figures = costModel.price(scenario, estimate);
        Sensitivity sensitivity = sensitivityAnalysis.analyse(scenario, figures.requestsPerSecond());
        List<Object> facts = new ArrayList<>(sensitivity.inputs());
        facts.addAll(catalogFigures.in(scenario, figures));
        if (figures.estimate() != null) {
            facts.add(figures.estimate());
        }
        Evaluation e = policy.evaluate(scenario, figures, qualityFit(catalog, scenario), facts);
        return new Verdict(id, at, e.recommendation(), e.conditions(), figures, sensitivity, e.reasons(), e.caveats(),
                e.firedRules(), e.rulesRevision(), catalog.date(), scenario);
    }

    private static QualityFit qualityFit(Catalog catalog, Scenario s) {
        OpenModel model = catalog.openModelOrDefault(s.openModel());
        return new QualityFit(model.id(), model.name(), s.taskType(), model.fitFor(s.taskType()), s.openModel() == null);
    }

    public CompiledPolicy activePolicy() {
        return active.get().policy();
    }

    /** Makes a new revision active for every decision that starts from now on, with the same catalog. */
    public void activate(CompiledPolicy policy) {
        active.updateAndGet(a -> new Active(policy, a.catalog()));
    }

    /** Makes a new revision and catalog active together. */
    public void activate(CompiledPolicy policy, Catalog catalog) {
        active.set(new Active(policy, CatalogContext.of(catalog)));
    }

    public Catalog catalog() {
        return active.get().catalog().catalog();
    }
}
