package dev.hostwise.bot.watch;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.conversation.Delivery;
import dev.hostwise.bot.conversation.Reply;
import dev.hostwise.bot.conversation.Sent;
import dev.hostwise.bot.render.HowSure;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.store.WatchStore;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.ReloadOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verdicts that speak up. When the inputs stored verdicts rest on change (a new active rules revision,
 * a catalog change including price imports, measured-throughput evidence: {@link Hostwise#inputsChanged}),
 * the watch re-decides every verdict that is not superseded and is younger than {@code HOSTWISE_WATCH_DAYS},
 * off the request path, in batches, holding a lease in the store so that replicas sharing a database take
 * turns. A verdict whose recommendation changed, or whose daily saving crossed zero, gets a successor that
 * supersedes it, stored with the notice it owes in one transaction; the notice goes to the original thread
 * through the conversation core's delivery (so every chat platform gets it), once.
 *
 * <p>Safety: stored verdicts are never changed (a successor is a new row); a verdict is never superseded
 * twice (the store checks under a row lock); progress is kept per verdict, so a run that stops midway
 * resumes where it was; a notice is claimed before it is posted, so it is never posted twice.
 */
public final class Watch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);
    /** How long a lease lasts without renewal: several batches' worth, so a live holder never loses it. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final int NOTICES_PER_RUN = 200;

    private final Hostwise hostwise;
    private final WatchSettings settings;
    private final Supplier<Map<Platform, Delivery>> deliveries;
    private final String pageBaseUrl;
    private final String holder = "hostwise-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicReference<Decider.Snapshot> lastActive;
    private final AtomicReference<WatchRun> lastRun = new AtomicReference<>();
    private final Counter checked;
    private final Counter superseded;
    private final Counter notified;
    // per run (each run that re-checked or posted something): how many runs, and how much each did
    private final DistributionSummary runChecked;
    private final DistributionSummary runSuperseded;
    private final DistributionSummary runNotified;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostwise-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile ScheduledFuture<?> periodic;

    /**
     * @param deliveries  each running chat platform's delivery, asked at send time (surfaces start after the watch)
     * @param pageBaseUrl where verdict pages are served, for the new verdict's link in a notice; null for none
     */
    public Watch(Hostwise hostwise, WatchSettings settings, Supplier<Map<Platform, Delivery>> deliveries, String pageBaseUrl) {
        this.hostwise = hostwise;
        this.settings = settings;
        this.deliveries = deliveries;
        this.pageBaseUrl = pageBaseUrl;
        this.lastActive = new AtomicReference<>(hostwise.decider().active());
        var registry = hostwise.metrics().registry();
        this.checked = Counter.builder("hostwise.watch.checked").description("Stored verdicts the watch re-decided").register(registry);
        this.superseded = Counter.builder("hostwise.watch.superseded")
                .description("Stored verdicts the watch superseded because their inputs changed").register(registry);
        this.notified = Counter.builder("hostwise.watch.notified").description("Notices of superseded verdicts posted").register(registry);
        this.runChecked = DistributionSummary.builder("hostwise.watch.run.checked")
                .description("Stored verdicts re-decided, per watch run").baseUnit("verdicts").register(registry);
        this.runSuperseded = DistributionSummary.builder("hostwise.watch.run.superseded")
                .description("Stored verdicts superseded, per watch run").baseUnit("verdicts").register(registry);
        this.runNotified = DistributionSummary.builder("hostwise.watch.run.notified")
                .description("Notices posted, per watch run").baseUnit("notices").register(registry);
        // 0 when an admin turned the watch off (HOSTWISE_WATCH=off), so a dashboard can tell quiet from off
        Gauge.builder("hostwise.watch.on", settings, s -> s.on() ? 1 : 0)
                .description("1 when the watch re-checks stored verdicts, 0 when HOSTWISE_WATCH=off").register(registry);
        // every activation of changed rules or catalog is a change of inputs; the reload thread reports it
        hostwise.onReload(this::reloaded);
        hostwise.onInputsChanged(this::wake);
    }

    public WatchSettings settings() {
        return settings;
    }

    /** The last run's report, if any has run in this process. */
    public Optional<WatchRun> lastRun() {
        return Optional.ofNullable(lastRun.get());
    }

    /**
     * Starts watching: records the rules and catalog in force as a change if this pair was never seen
     * (a deploy of new rules is a change too), then runs on every recorded change and every
     * {@link WatchSettings#every()}, on its own thread.
     */
    public void start() {
        Decider.Snapshot now = hostwise.decider().active();
        try {
            hostwise.store().watch().recordChange(InputsChange.keyOf(now), "rules revision " + now.policy().revision()
                    + " and catalog of " + now.catalog().catalog().date() + " in force at start-up, first seen",
                    hostwise.clock().instant(), WatchStore.Unless.EVER);
        } catch (StoreUnavailableException e) {
            LOG.info("the watch could not record the rules and catalog in force ({}); it records them on its next change", e.getMessage());
        }
        long every = settings.every().toMillis();
        periodic = worker.scheduleWithFixedDelay(this::runSafely, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("watching verdicts younger than {} days for changes of rules, catalog and evidence ({})", settings.days(),
                settings.on() ? "on" : "off: HOSTWISE_WATCH=off, nothing is re-checked or posted");
    }

    /** Asks for a run soon, on the watch's thread; nothing before {@link #start()} (a CLI run calls {@link #runOnce()} itself). */
    public void wake() {
        if (periodic != null && !worker.isShutdown()) {
            worker.execute(this::runSafely);
        }
    }

    private void reloaded(ReloadOutcome outcome) {
        if (!outcome.activated()) {
            return;
        }
        Decider.Snapshot now = hostwise.decider().active();
        Decider.Snapshot before = lastActive.getAndSet(now);
        InputsChange.between(before, now).ifPresent(c -> hostwise.inputsChanged(c.key(), c.reason()));
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (StoreUnavailableException e) {
            LOG.info("the watch waits for the verdict store ({})", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("the watch's run failed; it tries again on the next change or in {}", settings.every(), e);
        }
    }

    /**
     * One run: takes the lease (or does nothing while another replica holds it), re-checks the watched
     * verdicts for every pending change, then posts the notices owed.
     */
    public synchronized WatchRun runOnce() {
        if (!settings.on()) {
            return WatchRun.skipped("the watch is off (HOSTWISE_WATCH=off)");
        }
        WatchStore store = hostwise.store().watch();
        if (!store.lease(holder, hostwise.clock().instant(), LEASE)) {
            return WatchRun.skipped("another replica holds the watch's lease");
        }
        try {
            WatchRun run = recheck(store);
            int posted = sendNotices(store);
            WatchRun done = run.withNotified(posted);
            if (done.checked() > 0 || posted > 0) {
                LOG.info("watch run: checked {}, superseded {}, notified {}{}", done.checked(), done.superseded(), posted,
                        done.reason().isEmpty() ? "" : " (" + done.reason() + ")");
                lastRun.set(done);
                runChecked.record(done.checked());
                runSuperseded.record(done.superseded());
                runNotified.record(posted);
            }
            return done;
        } finally {
            try {
                store.release(holder);
            } catch (StoreUnavailableException e) {
                LOG.debug("the watch's lease could not be given back; it expires in {}", LEASE);
            }
        }
    }

    private WatchRun recheck(WatchStore store) {
        List<WatchStore.Change> pending = store.pendingChanges();
        if (pending.isEmpty()) {
            return WatchRun.nothing();
        }
        // one pass for every pending change: each re-decision runs on the rules and catalog in force now
        WatchStore.Change newest = pending.get(pending.size() - 1);
        String reason = String.join("; ", new LinkedHashSet<>(pending.stream().map(WatchStore.Change::reason).toList()));
        Instant since = hostwise.clock().instant().minus(settings.window());
        int checkedNow = 0;
        int supersededNow = 0;
        int unreadable = 0;
        while (true) {
            List<StoredVerdict> batch = hostwise.store().watched(since, newest.id(), settings.batch());
            if (batch.isEmpty()) {
                break;
            }
            for (StoredVerdict old : batch) {
                checkedNow++;
                checked.increment();
                Instant at = hostwise.clock().instant();
                Hostwise.Redecided again;
                try {
                    again = hostwise.redecide(old);
                } catch (InvalidScenarioException e) {
                    unreadable++;
                    store.recordCheck(newest.id(), old.id(), "unreadable", e.getMessage(), at);
                    continue;
                }
                Optional<String> why = Supersession.why(old.verdict(), again.verdict());
                if (why.isEmpty()) {
                    store.recordCheck(newest.id(), old.id(), "unchanged", null, at);
                    continue;
                }
                Optional<StoredVerdict> successor = hostwise.supersede(again, "inputs changed: " + reason + ". " + why.get() + ".",
                        WatchStore.successorOf(old.id(), newest.id(), at));
                if (successor.isPresent()) {
                    supersededNow++;
                    superseded.increment();
                    LOG.info("{} superseded by {}: {}", old.id(), successor.get().id(), why.get());
                }
            }
            if (!store.lease(holder, hostwise.clock().instant(), LEASE)) {
                // another replica took over (this one stalled past the lease): it resumes from the rows recorded
                return new WatchRun(checkedNow, supersededNow, 0, unreadable, reason, "lost the lease midway");
            }
        }
        store.markDone(pending, hostwise.clock().instant());
        return new WatchRun(checkedNow, supersededNow, 0, unreadable, reason, "");
    }

    /** Posts the notices owed on the platforms running here; others wait for a process that runs them. */
    private int sendNotices(WatchStore store) {
        Map<Platform, Delivery> by = deliveries.get();
        int posted = 0;
        for (WatchStore.Notice n : store.notices("pending", NOTICES_PER_RUN)) {
            Optional<StoredVerdict> fresh = hostwise.store().byId(n.verdictId());
            Optional<StoredVerdict> old = hostwise.store().byId(n.oldVerdictId());
            if (fresh.isEmpty() || old.isEmpty()) {
                continue;
            }
            Platform platform = old.get().requester().platform();
            Instant at = hostwise.clock().instant();
            if (!platform.chat()) {
                store.move(n.verdictId(), "pending", "skipped", "asked from " + platform.displayName()
                        + ": no chat to post in; the old verdict's page and ADR say it is superseded", at);
                continue;
            }
            Delivery delivery = by.get(platform);
            if (delivery == null) {
                continue;
            }
            // claimed before posting: a process that stops after the post cannot post it again
            if (!store.move(n.verdictId(), "pending", "sending", null, at)) {
                continue;
            }
            Optional<WatchStore.Thread> thread = store.threadOf(n.verdictId());
            Reply.Notice notice = new Reply.Notice(n.verdictId(), text(old.get(), fresh.get()));
            Sent sent = delivery.notice(thread.map(WatchStore.Thread::conversation), thread.map(WatchStore.Thread::thread),
                    old.get().requester().user(), notice);
            if (sent.ok()) {
                store.move(n.verdictId(), "sending", "sent", null, hostwise.clock().instant());
                posted++;
                notified.increment();
            } else {
                store.move(n.verdictId(), "sending", "failed", sent.problem(), hostwise.clock().instant());
                LOG.warn("the notice that {} supersedes {} reached nobody: {}", n.verdictId(), n.oldVerdictId(), sent.problem());
            }
        }
        return posted;
    }

    /**
     * "HW-2026-0042 is superseded by HW-2027-0003: Stay on the hosted API → Self-host. Why: inputs changed: …
     * New verdict: https://… · `/selfhost mute HW-2027-0003` to hear no more about it."
     */
    String text(StoredVerdict old, StoredVerdict fresh) {
        StringBuilder t = new StringBuilder();
        t.append(old.id()).append(" is superseded by ").append(fresh.id()).append(": ")
                .append(old.verdict().recommendation().headline()).append(" → ").append(fresh.verdict().recommendation().headline())
                .append(". ");
        fresh.supersedeReason().ifPresent(r -> t.append("Why: ").append(r).append(' '));
        HowSure.line(fresh.verdict()).ifPresent(line -> t.append(line).append(' '));
        if (pageBaseUrl != null) {
            t.append("New verdict: ").append(pageBaseUrl).append("/v/").append(fresh.linkToken()).append(" · ");
        }
        t.append("`/selfhost mute ").append(fresh.id()).append("` to hear no more about it.");
        return t.toString();
    }

    /**
     * What a run would supersede now, and why, without storing or posting anything: every watched
     * verdict re-decided on the rules and catalog in force.
     */
    public List<WouldSupersede> dryRun() {
        Instant since = hostwise.clock().instant().minus(settings.window());
        List<WouldSupersede> out = new ArrayList<>();
        for (StoredVerdict old : hostwise.store().current(since, Integer.MAX_VALUE)) {
            try {
                Hostwise.Redecided again = hostwise.redecide(old);
                Supersession.why(old.verdict(), again.verdict())
                        .ifPresent(why -> out.add(new WouldSupersede(old.id(), old.verdict().recommendation().headline(),
                                again.verdict().recommendation().headline(), why, false)));
            } catch (InvalidScenarioException e) {
                out.add(new WouldSupersede(old.id(), old.verdict().recommendation().headline(), "?",
                        "no longer reads on today's catalog: " + e.getMessage(), true));
            }
        }
        return out;
    }

    /**
     * One verdict a run would supersede.
     *
     * @param unreadable true when its scenario no longer reads (a run records it and leaves it standing)
     */
    public record WouldSupersede(String id, String from, String to, String why, boolean unreadable) {
    }

    @Override
    public void close() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        worker.shutdownNow();
    }
}
