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

    private final Catalog catalog;
    private final ThroughputEstimator estimator;
    private final CostModel costModel = new CostModel();
    private final SensitivityAnalysis sensitivityAnalysis = new SensitivityAnalysis();
    private final CatalogFiguresUsed catalogFigures;
    private final AtomicReference<CompiledPolicy> active;

    public Decider(Catalog catalog, CompiledPolicy policy) {
        this.catalog = catalog;
        this.estimator = new ThroughputEstimator(catalog);
        this.catalogFigures = new CatalogFiguresUsed(catalog);
        this.active = new AtomicReference<>(policy);
    }

    public Verdict decide(Scenario scenario, String id, Instant at) {
        return decide(scenario, id, at, active.get());
    }

    /** Decides on a given revision: used by policy cases and by impact analysis of a candidate policy. */
    public Verdict decide(Scenario scenario, String id, Instant at, CompiledPolicy policy) {
        Estimate estimate = estimator.estimateFor(scenario).orElse(null);
        Figures figures = costModel.price(scenario, estimate);
        Sensitivity sensitivity = sensitivityAnalysis.analyse(scenario, figures.requestsPerSecond());
        List<Object> facts = new ArrayList<>(sensitivity.inputs());
        facts.addAll(catalogFigures.in(scenario, figures));
        if (figures.estimate() != null) {
            facts.add(figures.estimate());
        }
        Evaluation e = policy.evaluate(scenario, figures, qualityFit(scenario), facts);
        return new Verdict(id, at, e.recommendation(), e.conditions(), figures, sensitivity, e.reasons(), e.caveats(),
                e.firedRules(), e.rulesRevision(), catalog.date(), scenario);
    }

    private QualityFit qualityFit(Scenario s) {
        OpenModel model = catalog.openModelOrDefault(s.openModel());
        return new QualityFit(model.id(), model.name(), s.taskType(), model.fitFor(s.taskType()), s.openModel() == null);
    }

    public CompiledPolicy activePolicy() {
        return active.get();
    }

    /** Makes a new revision active for every decision that starts from now on. */
    public void activate(CompiledPolicy policy) {
        active.set(policy);
    }

    public Catalog catalog() {
        return catalog;
    }
}
