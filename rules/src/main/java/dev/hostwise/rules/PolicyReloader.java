package dev.hostwise.rules;

import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.CatalogException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reload gate, modelled on OPA's bundle activation: read the rules directory, compile it, run
 * every policy case, and only if all of that passes swap the new revision in atomically. A broken
 * edit never reaches users; the failure is recorded and reported instead.
 *
 * <p>Reloads are serialised (one at a time) and run off the request path. Decisions in flight keep
 * the revision they started with, because {@link Decider} reads the active policy once per decision.
 */
public final class PolicyReloader implements AutoCloseable {

    /** How many revisions' sources are kept, so a verdict can be replayed on the revision that decided it. */
    public static final int KEPT_REVISIONS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);

    private final Supplier<RuleSet> source;
    private final Supplier<Catalog> catalogSource;
    private final Decider decider;
    private final PolicyCheck check;
    private final Clock clock;
    private final Consumer<ReloadOutcome> listener;
    private final Deque<RuleSet> history = new ArrayDeque<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostwise-rules-reload");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant activatedAt;
    private volatile ReloadOutcome lastSuccess;
    private volatile ReloadOutcome lastFailure;
    private WatchService watcher;
    private ScheduledFuture<?> pending;

    /**
     * @param source   reads the candidate rules (a directory, or the bundled copy)
     * @param listener told of every attempt, e.g. to log it and tell the admins
     */
    public PolicyReloader(Supplier<RuleSet> source, Decider decider, PolicyCompiler compiler, Clock clock,
                          Consumer<ReloadOutcome> listener) {
        this(source, decider::catalog, decider, compiler, clock, listener);
    }

    /**
     * @param catalogSource reads the candidate catalog (a catalog directory); it is checked and
     *                      activated together with the rules, so a catalog edit goes through the same gate
     */
    public PolicyReloader(Supplier<RuleSet> source, Supplier<Catalog> catalogSource, Decider decider,
                          PolicyCompiler compiler, Clock clock, Consumer<ReloadOutcome> listener) {
        this.source = source;
        this.catalogSource = catalogSource;
        this.decider = decider;
        this.check = new PolicyCheck(compiler, decider);
        this.clock = clock;
        this.listener = listener;
        this.activatedAt = clock.instant();
        remember(decider.activePolicy().source());
    }

    /** Checks the current rules and activates them if they pass. Blocks until done. */
    public synchronized ReloadOutcome reload(String trigger) {
        long started = System.nanoTime();
        Instant at = clock.instant();
        ReloadOutcome outcome;
        RuleSet candidate;
        try {
            candidate = source.get();
        } catch (RuleCompilationException e) {
            outcome = new ReloadOutcome(at, trigger, "unreadable", false, false, e.problems(), List.of(), elapsed(started));
            return report(outcome);
        } catch (RuntimeException e) {
            outcome = new ReloadOutcome(at, trigger, "unreadable", false, false,
                    List.of(new RuleProblem("rules", 0, "cannot read the rules: " + e.getMessage())), List.of(), elapsed(started));
            return report(outcome);
        }
        Catalog catalog;
        try {
            catalog = catalogSource.get();
        } catch (CatalogException e) {
            String where = e.file() + ":" + e.line() + ": ";
            String message = e.getMessage().startsWith(where) ? e.getMessage().substring(where.length()) : e.getMessage();
            return report(new ReloadOutcome(at, trigger, candidate.revision(), false, false,
                    List.of(new RuleProblem("catalog/" + e.file(), e.line(), message)), List.of(), elapsed(started)));
        } catch (RuntimeException e) {
            // anything else the catalog loader throws is a refused candidate too: the old pair stays active
            return report(new ReloadOutcome(at, trigger, candidate.revision(), false, false,
                    List.of(new RuleProblem("catalog", 0, "cannot read the catalog: " + e)), List.of(), elapsed(started)));
        }
        if (candidate.revision().equals(decider.activePolicy().revision())
                && candidate.caseFiles().equals(decider.activePolicy().source().caseFiles())
                && catalog.revision().equals(decider.catalog().revision())) {
            return report(new ReloadOutcome(at, trigger, candidate.revision(), false, true, List.of(), List.of(), elapsed(started)));
        }
        CheckReport report = check.check(candidate, catalog);
        if (report.passed()) {
            decider.activate(report.policy().orElseThrow(), catalog);
            activatedAt = clock.instant();
            remember(candidate);
            outcome = new ReloadOutcome(at, trigger, candidate.revision(), true, false, List.of(), List.of(), elapsed(started));
        } else {
            outcome = new ReloadOutcome(at, trigger, candidate.revision(), false, false,
                    report.problems(), report.failedCases(), elapsed(started));
        }
        return report(outcome);
    }

    /** Asks for a reload on the reload thread, coalescing a burst of requests into one. */
    public synchronized void requestReload(String trigger, Duration debounce) {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = worker.schedule(() -> {
            try {
                reload(trigger);
            } catch (RuntimeException e) {
                LOG.error("rules reload failed unexpectedly; the previous revision stays active", e);
            }
        }, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Watches directories (the rules directory, its cases, a catalog directory) and reloads after a
     * burst of saves has settled for {@code debounce}.
     */
    public synchronized void watch(List<Path> dirs, Duration debounce) throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
        WatchService w = watcher;
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = w.take();
                    key.pollEvents();
                    key.reset();
                    requestReload("watch", debounce);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                Thread.currentThread().interrupt();
            }
        }, "hostwise-rules-watch");
        t.setDaemon(true);
        t.start();
        LOG.info("watching {} for rule changes", dirs);
    }

    public Instant activatedAt() {
        return activatedAt;
    }

    public Optional<ReloadOutcome> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public Optional<ReloadOutcome> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The sources of a recent revision, newest first among the kept ones. */
    public synchronized Optional<RuleSet> sourceOf(String revision) {
        return history.stream().filter(r -> r.revision().equals(revision)).findFirst();
    }

    public synchronized List<String> keptRevisions() {
        return history.stream().map(RuleSet::revision).toList();
    }

    private void remember(RuleSet rules) {
        history.removeIf(r -> r.revision().equals(rules.revision()));
        history.addFirst(rules);
        while (history.size() > KEPT_REVISIONS) {
            history.removeLast();
        }
    }

    private ReloadOutcome report(ReloadOutcome outcome) {
        if (outcome.activated()) {
            lastSuccess = outcome;
            LOG.info(outcome.summary());
        } else if (!outcome.unchanged()) {
            lastFailure = outcome;
            LOG.warn(outcome.summary());
            outcome.problems().forEach(p -> LOG.warn("  {}", p));
            outcome.failedCases().forEach(c -> LOG.warn("  {}", c.toString().replace("\n", " ")));
        }
        try {
            listener.accept(outcome);
        } catch (RuntimeException e) {
            LOG.warn("a reload listener failed: {}", e.toString());
        }
        return outcome;
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public synchronized void close() {
        worker.shutdownNow();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service: {}", e.toString());
            }
        }
    }
}
