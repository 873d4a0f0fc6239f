package dev.hostwise.bot;

import dev.hostwise.bot.store.Database;
import dev.hostwise.bot.store.EvidenceConflictException;
import dev.hostwise.bot.store.EvidenceStore;
import dev.hostwise.bot.store.DatabaseSettings;
import dev.hostwise.bot.store.JobLease;
import dev.hostwise.bot.store.RuleReason;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.store.VerdictStore;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.Workload;
import dev.hostwise.knowledge.evidence.ComparableRun;
import dev.hostwise.knowledge.evidence.LoadTestFileException;
import dev.hostwise.knowledge.evidence.LoadTestImport;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.knowledge.evidence.ThroughputEvidence;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.CatalogCache;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.FiredRule;
import dev.hostwise.rules.PolicyCache;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleInfo;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import dev.hostwise.bot.audit.DecisionLog;
import dev.hostwise.bot.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import dev.hostwise.rules.PolicyReloader;
import dev.hostwise.rules.ReloadOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's parts, wired once: the catalog, the compiled policy, the decider, the scenario
 * reader and the verdict store. Front ends (CLI, Slack, web) share one instance.
 */
public final class Hostwise implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hostwise.class);

    private final PolicyCompiler compiler;
    private final Decider decider;
    private final VerdictStore store;
    private final Clock clock;
    private final DecisionLog audit;
    private final Optional<Path> rulesDir;
    private final Optional<Path> catalogDir;
    private final PolicyReloader reloader;
    private final List<Consumer<ReloadOutcome>> reloadListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> keptRevisions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Meters meters;
    private final VerdictJson storedJson;
    private final Timer decisionTime;
    private final java.time.Duration watchWindow;

    /**
     * A scenario priced while the policy was read ({@link #startForOneVerdict}), taken by the first decision: used if
     * that decision is on this very scenario and on the catalog it was priced on, else dropped.
     */
    private final java.util.concurrent.atomic.AtomicReference<PricedAhead> pricedAhead;

    private Hostwise(Decider decider, PolicyCompiler compiler, VerdictStore store, Clock clock, DecisionLog audit,
                     Optional<Path> rulesDir, Optional<Path> catalogDir, Meters meters, java.time.Duration watchWindow,
                     Optional<PricedAhead> pricedAhead, VerdictJson json) {
        this.storedJson = json;
        this.pricedAhead = new java.util.concurrent.atomic.AtomicReference<>(pricedAhead.orElse(null));
        this.meters = meters;
        this.watchWindow = watchWindow;
        this.decisionTime = Timer.builder("hostwise.decision")
                .description("Deciding a scenario: cost model, sensitivity analysis and the rules, without saving")
                .register(meters.registry());
        // registered at zero, so an alert on a refused reload has a series to watch from the start
        List.of("activated", "refused", "unchanged").forEach(this::reloads);
        this.compiler = compiler;
        this.decider = decider;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.rulesDir = rulesDir;
        this.catalogDir = catalogDir;
        this.reloader = new PolicyReloader(
                () -> rulesDir.map(RuleSet::fromDirectory).orElseGet(RuleSet::bundled),
                // a catalog directory is re-read on reload; the bundled catalog never changes
                () -> catalogDir.map(Catalog::fromDirectory).orElseGet(decider::catalog),
                decider, compiler, clock, this::reloaded);
    }

    private void reloaded(ReloadOutcome outcome) {
        String result = outcome.activated() ? "activated" : outcome.unchanged() ? "unchanged" : "refused";
        reloads(result).increment();
        audit.reload(outcome);
        reloadListeners.forEach(l -> l.accept(outcome));
    }

    private Counter reloads(String outcome) {
        return Counter.builder("hostwise.rules.reloads").tag("outcome", outcome)
                .description("Rules reload attempts, by outcome").register(meters.registry());
    }

    /** Tells a listener of every reload attempt (e.g. to post failures to the admins' Slack channel). */
    public void onReload(Consumer<ReloadOutcome> listener) {
        reloadListeners.add(listener);
    }

    /** Tells a listener (the watch) when a change of inputs has been recorded, so it can re-check off the request path. */
    public void onInputsChanged(Runnable listener) {
        changeListeners.add(listener);
    }

    /**
     * The hook for anything that changes what stored verdicts rest on: the active rules or catalog (the
     * watch reports those itself), or measured-throughput evidence. Records the change in the store (once
     * while one with the same key is pending) and wakes the watch, which re-decides the watched verdicts
     * off the request path. A process without a watch (the CLI) records it for a running server to act on.
     *
     * @param key    what is in force after the change, e.g. {@code evidence:<hash of the evidence>}
     * @param reason what changed, in words a notice can carry: "measured throughput for llama-3.3-70b on h100-80gb imported"
     * @return true when this call recorded it; false when the same change is already pending, or the store is down
     */
    public boolean inputsChanged(String key, String reason) {
        boolean recorded;
        try {
            recorded = store.watch().recordChange(key, reason, clock.instant(), dev.hostwise.bot.store.WatchStore.Unless.PENDING);
        } catch (StoreUnavailableException e) {
            LOG.warn("a change of inputs ({}) could not be recorded: {}", reason, e.getMessage());
            return false;
        }
        changeListeners.forEach(Runnable::run);
        return recorded;
    }

    /** How far back the watch and pooling look ({@code HOSTWISE_WATCH_DAYS}). */
    public java.time.Duration watchWindow() {
        return watchWindow;
    }

    /** The reload gate for the active rules: checks a changed policy and swaps it in only if it passes. */
    public PolicyReloader reloader() {
        return reloader;
    }

    /** The catalog directory in use, when not the bundled catalog. */
    public Optional<Path> catalogDir() {
        return catalogDir;
    }

    /** The rules directory in use, when not the bundled policy. */
    public Optional<Path> rulesDir() {
        return rulesDir;
    }

    /**
     * Loads the catalog, compiles the rules named by the environment (or the bundled ones) and opens
     * the verdict store. A rules directory given explicitly wins over {@code HOSTWISE_RULES_DIR}.
     * A database that is down does not stop start-up: verdicts are then answered but not saved.
     */
    public static Hostwise start(Env env, Optional<Path> rulesDirOverride, Clock clock) {
        return start(env, rulesDirOverride, clock, false);
    }

    /**
     * As {@link #start(Env, Optional, Clock)}, for a command that decides one verdict and ends
     * ({@code hostwise decide}): the store is opened, and migrated if it needs to be, only once the command
     * has read its input and found it sound, so bad input never touches it.
     */
    public static Hostwise startForOneVerdict(Env env, Optional<Path> rulesDirOverride, Clock clock) {
        return startForOneVerdict(env, rulesDirOverride, clock, Optional.empty(), Optional.empty());
    }

    /**
     * As {@link #startForOneVerdict(Env, Optional, Clock)}, taking over a preparation begun early
     * ({@link #prepareEarly}) when it was begun for the rules directory this start resolves to; otherwise
     * (another {@code --rules}) the early one is left and the policy prepared here.
     *
     * <p>A scenario read before the policy is ready ({@link Early#catalog()} gives the catalog to read it with) is
     * priced while the policy is still being read: the cost model, the sensitivity analysis and the Monte Carlo run
     * do not depend on the rules. {@link #decideFor} on that very scenario then only lets the rules judge it, at the
     * moment it was priced and on the evidence imported by then. If the preparation was not taken over (another rules
     * directory), or the figures refuse the scenario, it is decided whole as usual.
     *
     * @param readEarly the command's input, read and found sound before the start: once it is priced, the store opens
     *                  on a thread of its own while the policy is still being read
     */
    public static Hostwise startForOneVerdict(Env env, Optional<Path> rulesDirOverride, Clock clock, Optional<Early> early,
                                              Optional<Scenario> readEarly) {
        return start(env, rulesDirOverride, clock, true, early, readEarly);
    }

    private static Hostwise start(Env env, Optional<Path> rulesDirOverride, Clock clock, boolean storeOnFirstUse) {
        return start(env, rulesDirOverride, clock, storeOnFirstUse, Optional.empty(), Optional.empty());
    }

    private static Hostwise start(Env env, Optional<Path> rulesDirOverride, Clock clock, boolean storeOnFirstUse,
                                  Optional<Early> early, Optional<Scenario> readEarly) {
        java.time.Duration watchWindow = java.time.Duration.ofDays(env.watchDays());
        DatabaseSettings database = DatabaseSettings.from(env);
        Optional<Path> rulesDir = rulesDirOverride.or(env::rulesDir);
        // The policy and catalog are prepared (or were, since before the command line was read) on threads of their
        // own; a server opens, and if need be migrates, its store on another; this one sets up the rest meanwhile.
        Optional<Early> takenOver = early.filter(e -> e.rulesDir.equals(rulesDir));
        CompletableFuture<Prepared> preparing = takenOver.map(e -> e.prepared)
                .orElseGet(() -> inBackground("hostwise-prepare", () -> prepare(env, rulesDir)));
        CompletableFuture<Database> opening = storeOnFirstUse
                ? CompletableFuture.completedFuture(Database.openOnFirstUse(database))
                : inBackground("hostwise-store-open", () -> Database.open(database));
        Meters meters = storeOnFirstUse ? Meters.withoutJvmMeters() : new Meters();
        // one verdict JSON form for the store and the audit log: Jackson builds the writers of a verdict's records once
        VerdictJson json = new VerdictJson();
        DecisionLog audit = DecisionLog.fromEnv(env, json);
        Prepared prepared;
        VerdictStore store;
        Optional<PricedAhead> ahead;
        try {
            store = new VerdictStore(joined(opening), meters.registry(), json);
            if (storeOnFirstUse && !preparing.isDone()) {
                // a command that saves one verdict saves it right after deciding: build its writer while the policy is
                // still being read, never after (the save builds it otherwise)
                store.prepareFirstSave();
            }
            // the input was read with the early preparation's catalog, so that is loaded; priced whether or not the policy
            // is ready by now, so the verdict comes the same way every time
            ahead = readEarly.isPresent() && takenOver.isPresent()
                    ? priceAhead(readEarly.get(), joined(takenOver.get().catalog), store, clock) : Optional.empty();
            if (readEarly.isPresent()) {
                // opened now, as this thread goes to wait for the policy: earlier, a third busy thread on two cores
                // slowed the policy's, which is the longest; the verdict needs the store only once the rules have judged
                store.database().openInBackground();
            }
            prepared = joined(preparing);
        } catch (RuntimeException e) {
            // bad rules or catalog stop the start: close the store rather than leave it open behind the error
            try {
                joined(opening).close();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        Decider decider = new Decider(prepared.catalog(), prepared.policy());
        return new Hostwise(decider, prepared.compiler(), store, clock, audit, rulesDir, env.catalogDir(), meters, watchWindow,
                ahead, json);
    }

    /**
     * A scenario priced before the policy was ready, with the moment and the evidence it was priced on.
     *
     * @param nanos how long the pricing took, counted in the decision's time
     */
    private record PricedAhead(Instant at, ThroughputEvidence evidence, Decider.Pricing pricing, long nanos) {
    }

    /**
     * Prices a scenario on the catalog being prepared, on a decider of its own: the policy is not there yet, and
     * pricing needs none. A scenario the figures refuse is left for the decision to refuse, as every other front
     * end's is.
     */
    private static Optional<PricedAhead> priceAhead(Scenario scenario, Decider.CatalogContext catalog, VerdictStore store,
                                                    Clock clock) {
        long started = System.nanoTime();
        Instant at = clock.instant();
        ThroughputEvidence evidence = store.evidence().asOf(at);
        try {
            Decider.Pricing pricing = new Decider(catalog, null).price(scenario, catalog, evidence, Decider.Draws.SAMPLE);
            return Optional.of(new PricedAhead(at, evidence, pricing, System.nanoTime() - started));
        } catch (dev.hostwise.knowledge.InvalidScenarioException e) {
            return Optional.empty();
        }
    }

    /**
     * The compiled policy and the catalog it decides with, the catalog with what a decision builds on it (the
     * estimator, the configuration search, the index of dated figures): what a start works out before it can decide.
     */
    private record Prepared(PolicyCompiler compiler, Decider.CatalogContext catalog, CompiledPolicy policy) {
    }

    /**
     * A preparation begun before the command line is read: for {@code hostwise decide}, the policy and catalog are
     * prepared on the second core while picocli builds and parses the command, which takes about as long. It
     * holds the rules directory it was begun for; a start resolving to another one does not use it.
     */
    public static final class Early {
        private final Optional<Path> rulesDir;
        private final CompletableFuture<Decider.CatalogContext> catalog;
        private final CompletableFuture<Prepared> prepared;

        private Early(Optional<Path> rulesDir, CompletableFuture<Decider.CatalogContext> catalog, CompletableFuture<Prepared> prepared) {
            this.rulesDir = rulesDir;
            this.catalog = catalog;
            this.prepared = prepared;
        }

        /**
         * The catalog in force, as soon as it is loaded: before the policy is ready, so a command can read its input
         * meanwhile. The catalog does not depend on the rules, so it is the one any start of this process decides with.
         *
         * @throws dev.hostwise.knowledge.catalog.CatalogException when the catalog does not load
         */
        public Catalog catalog() {
            return joined(catalog).catalog();
        }
    }

    /**
     * Begins preparing the policy and catalog for a start with these rules ({@code --rules}, else
     * {@code HOSTWISE_RULES_DIR}, else the bundled ones). A failure (rules that do not compile, a bad catalog)
     * is kept for the start that takes the preparation over, which reports it as its own.
     */
    public static Early prepareEarly(Env env, Optional<Path> rulesDirOverride) {
        Optional<Path> rulesDir = rulesDirOverride.or(env::rulesDir);
        CompletableFuture<Decider.CatalogContext> catalog = new CompletableFuture<>();
        CompletableFuture<Prepared> prepared = inBackground("hostwise-prepare", () -> prepare(env, rulesDir, catalog::complete));
        // a preparation that fails before its catalog is loaded fails the catalog too, with the same exception
        prepared.whenComplete((done, failed) -> {
            if (failed != null) {
                catalog.completeExceptionally(failed);
            }
        });
        return new Early(rulesDir, catalog, prepared);
    }

    /**
     * Reads (or compiles) the policy on a thread of its own while this one loads the catalog: the two are
     * independent, and the machine has two cores. The policy cache is keyed by the catalog's revision, which
     * is known before the catalog is parsed.
     */
    private static Prepared prepare(Env env, Optional<Path> rulesDir) {
        return prepare(env, rulesDir, loaded -> { });
    }

    /** @param loaded told the catalog as soon as it is loaded, before the policy is ready */
    private static Prepared prepare(Env env, Optional<Path> rulesDir, Consumer<Decider.CatalogContext> loaded) {
        PolicyCompiler compiler = compiler(env);
        RuleSet rules = rulesDir.map(RuleSet::fromDirectory)
                .orElseGet(() -> compiler.cache().map(PolicyCache::bundledRules).orElseGet(RuleSet::bundled));
        Catalog.Source catalogSource = catalogSource(env);
        String catalogRevision = catalogSource.revision();
        CompletableFuture<CompiledPolicy> compiling =
                inBackground("hostwise-policy", () -> compiler.compile(rules, catalogRevision));
        Catalog catalog = catalogSource.load();
        Decider.CatalogContext context = Decider.CatalogContext.of(catalog, env.staleAfter());
        loaded.accept(context);
        CompiledPolicy policy = joined(compiling);
        if (!catalog.revision().equals(catalogRevision)) {
            // only if the bundled catalog changed under a build fingerprint the cache had seen: decide on what was loaded
            policy = compiler.compile(rules, catalog.revision());
        }
        return new Prepared(compiler, context, policy);
    }

    private static <T> CompletableFuture<T> inBackground(String name, java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        });
    }

    /** The result of background work; a failure is rethrown as it was thrown, not wrapped. */
    private static <T> T joined(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The catalog in force (a directory's, or the bundled one), through the cache directory when there is one. */
    private static Catalog.Source catalogSource(Env env) {
        Optional<CatalogCache> cache = env.cacheDir().map(dir -> new CatalogCache(dir, LOG::info));
        return env.catalogDir()
                .map(dir -> cache.map(c -> c.of(Catalog.sourceOf(dir))).orElseGet(() -> Catalog.sourceOf(dir)))
                .orElseGet(() -> cache.map(CatalogCache::bundled).orElseGet(Catalog::bundledSource));
    }

    /** The policy compiler, keeping compiled policies in the cache directory when there is one. */
    public static PolicyCompiler compiler(Env env) {
        return env.cacheDir().map(dir -> new PolicyCompiler(new PolicyCache(dir))).orElseGet(PolicyCompiler::new);
    }

    /** Decides a scenario now without storing it, on the evidence imported so far; the ID is a placeholder that is not citable. */
    public Verdict decide(Scenario scenario) {
        Instant now = clock.instant();
        return decider.decide(scenario, VerdictIds.unsaved(now), now, decider.active().withEvidence(evidenceAsOf(now)));
    }

    /**
     * Decides a scenario now on a given revision, with the load tests imported up to {@code evidenceAt}: a
     * stored verdict's own moment to replay it on the evidence it saw (a test imported later is not counted), or
     * now to see what today's evidence changes.
     */
    public Verdict decideOn(Scenario scenario, String id, CompiledPolicy policy, Instant evidenceAt) {
        return decider.decide(scenario, id, clock.instant(), policy, evidenceAsOf(evidenceAt));
    }

    /**
     * The load tests a decision at {@code at} may rest on: those imported at or before it. Read from the store
     * per model, once per decision; an unreachable store gives none (the throughput is then estimated).
     */
    public ThroughputEvidence evidenceAsOf(Instant at) {
        return store.evidence().asOf(at);
    }

    /**
     * Reads a load-test result and stores it as evidence for the configuration it ran on. Importing the same
     * file again changes nothing.
     *
     * @throws LoadTestFileException      naming every problem with the file or the configuration; nothing is stored
     * @throws EvidenceConflictException  when the same file was imported for another configuration; nothing is stored
     * @throws StoreUnavailableException  when the store cannot be reached; nothing is stored
     */
    public ImportedLoadTest importLoadTest(byte[] file, String fileName, LoadTestImport.Configuration ran, Requester who) {
        return storeLoadTest(readLoadTest(file, fileName, ran), who);
    }

    /**
     * Reads and checks a load-test result against the catalog in force, without storing it.
     *
     * @throws LoadTestFileException naming every problem with the file or the configuration
     */
    public LoadTestImport.Imported readLoadTest(byte[] file, String fileName, LoadTestImport.Configuration ran) {
        // the store keeps microseconds: the run read back is the run written
        return new LoadTestImport(catalog()).read(file, fileName, ran, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /**
     * Stores a load test read with {@link #readLoadTest}; the same file again changes nothing.
     *
     * @throws EvidenceConflictException when the same file was imported for another configuration
     * @throws StoreUnavailableException when the store cannot be reached
     */
    public ImportedLoadTest storeLoadTest(LoadTestImport.Imported read, Requester who) {
        EvidenceStore.Saved saved = store.evidence().save(read.run(), who);
        if (saved.isNew()) {
            // new evidence is a change of inputs: the watch re-checks the stored verdicts it may flip (a CLI import is
            // recorded for a running server to act on)
            LoadTestRun run = saved.run();
            inputsChanged("evidence:" + run.evidenceId(), "measured throughput for " + run.model() + " on " + run.gpusPerReplica() + "x "
                    + run.gpuType() + " imported");
        }
        return new ImportedLoadTest(saved.run(), saved.isNew(), read.warnings());
    }

    /**
     * A load test, stored.
     *
     * @param isNew    false when the same file had been imported before
     * @param warnings what is worth saying about the file that did not stop the import
     */
    public record ImportedLoadTest(LoadTestRun run, boolean isNew, List<String> warnings) {
        public ImportedLoadTest {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Decides a stored "Measure first" verdict again with a load test as evidence, as a new verdict that
     * supersedes it. The question stays as asked when its configuration covers the load test (the same GPU,
     * count and precision, or a search whose candidates include it); otherwise (a typed or default
     * throughput, or another GPU) it is asked again pinned to the configuration measured: that open model,
     * GPU type, GPU count and precision, at the GPU's catalog price, with the throughput left to the evidence.
     *
     * @throws LoadTestFileException when the load test is not comparable to the question (token lengths,
     *                               context, concurrency): it would not be used, so nothing is decided
     */
    public Scenario scenarioFor(StoredVerdict previous, LoadTestRun run) {
        Scenario asked = restored(previous.verdict().scenario());
        Scenario scenario = covers(asked, run) ? asked : pinned(asked, run);
        Workload w = Workload.of(scenario);
        List<String> problems = ComparableRun.problems(run, run.model(), run.gpuType(), run.gpusPerReplica(),
                run.precision(), w);
        if (!problems.isEmpty()) {
            throw new LoadTestFileException(problems.stream().map(p -> "the load test is not comparable to " + previous.id()
                    + ": " + p + " (see the comparable rule: prompt and completion within "
                    + ComparableRun.TOKEN_TOLERANCE_PERCENT + "%)").toList());
        }
        return scenario;
    }

    /** Decides {@link #scenarioFor} as a new verdict that names the one it supersedes. */
    public RecordedVerdict reevaluateWithLoadTest(StoredVerdict previous, LoadTestRun run, Requester who) {
        return record(scenarioFor(previous, run), who, Optional.of(previous.id()),
                Optional.of("re-evaluated with load test " + run.shortId() + " (" + run.model() + " on " + run.configuration() + ")"), Optional.empty());
    }

    private boolean covers(Scenario asked, LoadTestRun run) {
        if (!run.model().equals(asked.openModel())) {
            return false;
        }
        if (asked.searchesConfiguration()) {
            boolean degree = dev.hostwise.knowledge.ReplicaSizing.tensorParallelDegrees().contains(run.gpusPerReplica());
            boolean precision = asked.precision() != null ? asked.precision().runsAs(run.precision())
                    : catalog().openModel(run.model()).map(m -> m.precisions().stream()
                            .anyMatch(p -> p.precision().runsAs(run.precision()))).orElse(false);
            return degree && precision;
        }
        return asked.throughputToEstimate() && run.gpuType().equals(asked.gpuType())
                && asked.gpusPerReplica() != null && asked.gpusPerReplica() == run.gpusPerReplica()
                && asked.precision() != null && asked.precision().runsAs(run.precision());
    }

    private Scenario pinned(Scenario asked, LoadTestRun run) {
        com.fasterxml.jackson.databind.node.ObjectNode json = storedJson.mapper().valueToTree(asked);
        json.remove(List.of("requestsPerSecond", "throughputMeasured"));
        if (!run.gpuType().equals(asked.gpuType())) {
            // priced at the measured GPU's catalog price, not at a price given for other hardware
            json.remove("gpuDollarsPerHour");
        }
        json.put("openModel", run.model());
        json.put("gpuType", run.gpuType());
        json.put("gpusPerReplica", run.gpusPerReplica());
        json.put("precision", run.precision().name());
        return reader().fromJson(json);
    }

    /**
     * Decides a scenario for someone and stores the verdict. Every front end that answers a user
     * (Slack, web, API, CLI) goes through here, so every verdict is kept the same way. When the
     * store is down the verdict is still returned, with the reason it was not saved.
     */
    public RecordedVerdict decideFor(Scenario scenario, Requester who) {
        return record(scenario, who, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Decides the question of an outbox job and stores the verdict in the transaction that records it on the
     * job, so the job is never decided twice. Unlike {@link #decideFor}, a verdict that cannot be stored is not
     * answered: the job stays in the outbox and is decided once the store is back.
     *
     * @throws StoreUnavailableException when the verdict could not be stored
     * @throws dev.hostwise.bot.store.LeaseLostException when another replica has taken the job over
     */
    public RecordedVerdict decideForJob(Scenario scenario, Requester who, JobLease job) {
        return record(scenario, who, Optional.empty(), Optional.empty(), Optional.of(job));
    }

    /**
     * Decides a stored verdict's scenario again on the rules and catalog active now. The old verdict
     * is never changed: the new one is stored beside it and names it as the one it supersedes.
     */
    public RecordedVerdict reevaluate(StoredVerdict previous, Requester who) {
        return record(restoredWithTodaysPrices(previous.verdict()), who, Optional.of(previous.id()),
                Optional.of("re-evaluated on request"), Optional.empty());
    }

    /**
     * A stored verdict's scenario read again as {@link #restored} does, with the prices that were the
     * catalog's ({@code pricedFromCatalog}) taken from today's catalog instead: what re-deciding "on today's
     * rules and catalog" means. A price the user typed differently stays as typed; a verdict stored before
     * its catalog prices were recorded keeps every price it had.
     */
    public Scenario restoredWithTodaysPrices(Verdict stored) {
        com.fasterxml.jackson.databind.node.ObjectNode node = storedJson.mapper().valueToTree(stored.scenario());
        stored.pricedFromCatalog().forEach(node::remove);
        return reader().fromJson(node);
    }

    /**
     * A stored verdict's scenario, read again as if it were typed today: fields added since it was
     * stored get their defaults, and a model or GPU type the catalog no longer lists is a field error
     * rather than a failure inside the decision.
     *
     * @throws dev.hostwise.knowledge.InvalidScenarioException naming each field that no longer reads
     */
    public Scenario restored(Scenario stored) {
        return reader().fromJson(storedJson.mapper().valueToTree(stored));
    }

    /** A stored verdict decided again on the rules and catalog in force now, not stored. */
    public record Redecided(StoredVerdict previous, Verdict verdict, CompiledPolicy policy) {
    }

    /**
     * Decides a stored verdict's scenario again on the active rules and catalog, without storing it: what
     * the watch compares with the verdict. A pooled verdict stays the pool of the same verdicts.
     *
     * @throws dev.hostwise.knowledge.InvalidScenarioException when the scenario no longer reads on today's catalog
     */
    public Redecided redecide(StoredVerdict previous) {
        Instant now = clock.instant();
        // today's rules, catalog and imported load tests: a load test imported since can change the answer
        Decider.Snapshot active = decider.active().withEvidence(evidenceAsOf(now));
        Verdict v = decider.decide(restoredWithTodaysPrices(previous.verdict()), VerdictIds.PENDING, now, active);
        if (previous.verdict().pooled()) {
            v = v.pooledFrom(previous.verdict().pooledFrom());
        }
        return new Redecided(previous, v, active.policy());
    }

    /**
     * Stores a re-decided verdict in place of its predecessor, with the rows that go with it, in one
     * transaction; the predecessor is never changed. Empty when another verdict already superseded it.
     */
    public Optional<StoredVerdict> supersede(Redecided r, String reason, VerdictStore.AlongWith along) {
        StoredVerdict old = r.previous();
        VerdictStore.AlongWith withMembers = r.verdict().pooled()
                ? (c, stored) -> {
                    along.write(c, stored);
                    dev.hostwise.bot.store.WatchStore.poolMembers(r.verdict().pooledFrom()).write(c, stored);
                }
                : along;
        Optional<StoredVerdict> stored = store.saveSuperseding(r.verdict(), old.requester(), version(), old.id(),
                reasons(r.policy(), r.verdict().firedRules()), reason, withMembers);
        stored.ifPresent(s -> {
            audit.verdict(s.verdict(), s.requester());
            keepSources(r.policy());
            counted(s.verdict(), s.requester(), true);
        });
        return stored;
    }

    /** Stores a pool's verdict with its members' IDs, in one transaction. */
    public StoredVerdict storePooled(Verdict pooled, CompiledPolicy policy, Requester who) {
        StoredVerdict stored = store.saveWith(pooled, who, version(), reasons(policy, pooled.firedRules()),
                dev.hostwise.bot.store.WatchStore.poolMembers(pooled.pooledFrom()));
        audit.verdict(stored.verdict(), who);
        keepSources(policy);
        counted(stored.verdict(), who, true);
        return stored;
    }

    /** @param why why it supersedes the verdict {@code supersedes} names (its {@code supersededBy.reason}) */
    private RecordedVerdict record(Scenario scenario, Requester who, Optional<String> supersedes, Optional<String> why,
                                   Optional<JobLease> job) {
        Decider.Snapshot inForce = decider.active();
        Optional<PricedAhead> ahead = Optional.ofNullable(pricedAhead.getAndSet(null))
                .filter(a -> a.pricing().asked() == scenario && a.pricing().catalog() == inForce.catalog());
        Instant now = ahead.map(PricedAhead::at).orElseGet(clock::instant);
        // one snapshot of rules, catalog and evidence for the whole decision: a reload or an import in between
        // cannot mix them, and the stored reasons match the rules that fired
        Decider.Snapshot active = inForce.withEvidence(ahead.map(PricedAhead::evidence).orElseGet(() -> evidenceAsOf(now)));
        CompiledPolicy policy = active.policy();
        // decided under a placeholder: the store numbers the verdict in the transaction that saves it
        long started = System.nanoTime();
        Verdict decided = ahead.map(a -> decider.decide(a.pricing(), VerdictIds.PENDING, now, policy, List.of()))
                .orElseGet(() -> decider.decide(scenario, VerdictIds.PENDING, now, active));
        decisionTime.record(System.nanoTime() - started + ahead.map(PricedAhead::nanos).orElse(0L), TimeUnit.NANOSECONDS);
        try {
            StoredVerdict stored = store.save(decided, who, version(), supersedes, reasons(policy, decided.firedRules()), why, job);
            audit.verdict(stored.verdict(), who);
            keepSources(policy);
            counted(stored.verdict(), who, true);
            return new RecordedVerdict(stored.verdict(), Optional.of(stored.linkToken()), Optional.empty());
        } catch (StoreUnavailableException e) {
            if (job.isPresent()) {
                throw e;
            }
            Verdict unsaved = decided.withId(VerdictIds.unsaved(now));
            audit.verdict(unsaved, who);
            counted(unsaved, who, false);
            return unsaved(unsaved, e);
        }
    }

    private void counted(Verdict v, Requester who, boolean saved) {
        meters.registry().counter("hostwise.verdicts", "source", who.platform().id(),
                "recommendation", v.recommendation().name(), "saved", String.valueOf(saved)).increment();
    }

    /** Keeps the deciding revision's sources beside the verdicts, once per revision, for replays on it. */
    private void keepSources(CompiledPolicy policy) {
        if (keptRevisions.add(policy.revision())) {
            try {
                store.ruleRevisions().keep(policy.source(), clock.instant());
            } catch (StoreUnavailableException e) {
                keptRevisions.remove(policy.revision());
                LOG.debug("sources of rules revision {} not kept yet", policy.revision(), e);
            }
        }
    }

    private static RecordedVerdict unsaved(Verdict verdict, StoreUnavailableException e) {
        // not logged here: the CLI prints it as its one-line notice, the server front ends log it
        LOG.debug("verdict {} not saved", verdict.id(), e);
        return RecordedVerdict.unsaved(verdict, e.getMessage());
    }

    private static List<RuleReason> reasons(CompiledPolicy policy, List<FiredRule> fired) {
        Map<String, RuleInfo> byName = policy.rules().stream()
                .collect(Collectors.toMap(RuleInfo::name, Function.identity(), (a, b) -> a));
        return fired.stream()
                .map(f -> new RuleReason(f.file(), f.rule(),
                        Optional.ofNullable(byName.get(f.rule())).map(RuleInfo::reason).orElse("")))
                .toList();
    }

    /** The catalog in force; it changes when a catalog directory is reloaded. */
    public Catalog catalog() {
        return decider.catalog();
    }

    /** The verdict's public JSON form, as the store and the audit log write it. */
    public VerdictJson json() {
        return storedJson;
    }

    /** Reads user input against the catalog in force (ids, prices and GPU sizes come from it). */
    public ScenarioReader reader() {
        return new ScenarioReader(decider.catalog());
    }

    public PolicyCompiler compiler() {
        return compiler;
    }

    public Decider decider() {
        return decider;
    }

    /** The verdict store: look-ups by link token or by citable ID, and listings. */
    public VerdictStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** Closes the store's connections. */
    @Override
    public void close() {
        reloader.close();
        audit.close();
        store.close();
        meters.close();
    }

    /** What this instance counts and times, for {@code GET /metrics}. */
    public Meters metrics() {
        return meters;
    }

    /** The application version, from the jar manifest; "dev" when run from classes. */
    public static String version() {
        String v = Hostwise.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
