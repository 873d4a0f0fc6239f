package dev.hostwise.bot;

import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The application's parts, wired once: the catalog, the compiled policy, the decider and the
 * scenario reader. Front ends (CLI, Slack, web) share one instance.
 */
public final class Hostwise {

    private final Catalog catalog;
    private final ScenarioReader reader;
    private final PolicyCompiler compiler;
    private final Decider decider;
    private final VerdictIds ids;
    private final Clock clock;

    private Hostwise(Catalog catalog, PolicyCompiler compiler, CompiledPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.reader = new ScenarioReader(catalog);
        this.compiler = compiler;
        this.decider = new Decider(catalog, policy);
        this.clock = clock;
        this.ids = new VerdictIds(clock);
    }

    /**
     * Loads the catalog and compiles the rules named by the environment (or the bundled ones).
     * A rules directory given explicitly wins over {@code HOSTWISE_RULES_DIR}.
     */
    public static Hostwise start(Env env, Optional<Path> rulesDirOverride, Clock clock) {
        Catalog catalog = env.catalogDir().map(Catalog::fromDirectory).orElseGet(Catalog::bundled);
        Optional<Path> rulesDir = rulesDirOverride.or(env::rulesDir);
        RuleSet rules = rulesDir.map(RuleSet::fromDirectory).orElseGet(RuleSet::bundled);
        PolicyCompiler compiler = new PolicyCompiler();
        return new Hostwise(catalog, compiler, compiler.compile(rules), clock);
    }

    /** Decides a scenario now, with a fresh verdict ID. */
    public Verdict decide(Scenario scenario) {
        return decider.decide(scenario, ids.next(), clock.instant());
    }

    /**
     * Decides a scenario for someone and records the verdict. Every front end that answers a user
     * (Slack, web, API) goes through here, so every verdict is kept the same way.
     */
    public RecordedVerdict decideFor(Scenario scenario, Requester who) {
        // no verdict store yet: verdicts are returned but not kept
        return RecordedVerdict.unsaved(decide(scenario), "verdicts are not stored in this version");
    }

    public Catalog catalog() {
        return catalog;
    }

    public ScenarioReader reader() {
        return reader;
    }

    public PolicyCompiler compiler() {
        return compiler;
    }

    public Decider decider() {
        return decider;
    }

    public Clock clock() {
        return clock;
    }

    /** The application version, from the jar manifest; "dev" when run from classes. */
    public static String version() {
        String v = Hostwise.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
