package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.store.JobLease;
import dev.hostwise.bot.store.LeaseLostException;
import dev.hostwise.bot.store.Outbox;
import dev.hostwise.bot.store.OutboxJob;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.rules.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Acknowledged means answered": the {@link DecisionIntake} that keeps every question it takes in the store's
 * outbox until it is answered, whichever replica ends up answering it.
 *
 * <ul>
 *   <li><b>The acknowledgement.</b> A question is taken only if this replica has room to work on it now (else
 *       "busy" at once, nothing claimed); then its request key and the job (scenario, who asked, where to
 *       answer, the reply link) are written in one transaction, under a lease this replica holds, and the job is
 *       queued here. The acknowledgement waits for that commit and for nothing else.</li>
 *   <li><b>The work.</b> Decide, and store the verdict in the transaction that names it on the job; deliver it
 *       with the conversation's fallbacks; mark the job done. A job whose every way of delivery failed waits and
 *       is delivered again (the verdict, never a new decision), until a deadline past which it is recorded as
 *       undelivered and logged.</li>
 *   <li><b>Recovery.</b> A replica holds its jobs while its check-in is alive (renewed every few seconds, one
 *       write however many jobs). At start and every few seconds each replica takes jobs nobody holds: given
 *       back, due for another attempt, or left by a replica that stopped checking in (it crashed). A job taken
 *       over with its verdict already stored is first checked with the platform ({@link Outlet#alreadyPosted}),
 *       since its worker may have died in the middle of the post.</li>
 *   <li><b>Shutdown.</b> {@link #stopTaking()} gives back every job not started, so another replica takes it
 *       within seconds; the surface's queue lets the running ones finish within its bound; {@link #close()}
 *       gives back what is left and checks out, so nothing waits for this replica's check-in to run out.</li>
 *   <li><b>Store unavailable.</b> When the outbox cannot be written, the question is taken the way it was before
 *       the outbox (claimed in memory, decided and answered in this process, the verdict marked "not saved"):
 *       users are answered at once during an outage, at the cost of the outbox's promises for those questions.
 *       A job already in the outbox whose verdict cannot be stored stays there and is decided once the store is
 *       back: never answered twice.</li>
 * </ul>
 */
public final class OutboxDecisions implements DecisionIntake, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDecisions.class);

    /** How far before a job's acknowledgement a read-back looks, for clocks a little apart. */
    private static final Duration READ_BACK_MARGIN = Duration.ofMinutes(1);
    /** Jobs taken from the table at once, at most. */
    private static final int TAKE_AT_MOST = 50;

    private final Hostwise hostwise;
    private final Platform platform;
    private final RequestKeys memory;
    private final WorkQueue work;
    private final RecentVerdicts recent;
    private final Delivery delivery;
    private final Outlet outlet;
    private final VerdictFlow inMemory;
    private final Outbox outbox;
    private final OutboxSettings settings;
    private final String owner;
    private final JobJson json = new JobJson();
    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final AtomicLong backlog = new AtomicLong();
    /** Jobs this replica let go of while the store could not hear it: given back as soon as it can. */
    private final java.util.Set<JobLease> toGiveBack = ConcurrentHashMap.newKeySet();
    /** Held while checking in: the timer and an acknowledgement never write this replica's check-in at once. */
    private final Object checkingIn = new Object();
    /** Until when this replica's last check-in holds its jobs; {@link Instant#MIN} before the first. */
    private volatile Instant aliveUntil = Instant.MIN;
    private volatile boolean stopping;

    private final MeterRegistry meters;
    private final Gauge heldGauge;
    private final Gauge backlogGauge;
    private final Counter unwritten;
    private final Counter takenOver;
    private final Counter foundPosted;

    /** A job this replica holds: queued here, then running. */
    private static final class Held {
        static final int QUEUED = 0;
        static final int RUNNING = 1;
        static final int GIVEN_BACK = 2;

        final OutboxJob job;
        /** The question, when this replica took it itself (no need to read it back). */
        final DecisionJob question;
        final AtomicInteger state = new AtomicInteger(QUEUED);

        Held(OutboxJob job, DecisionJob question) {
            this.job = job;
            this.question = question;
        }
    }

    /**
     * @param memory   this process's request keys: the fast first check before the table
     * @param work     the surface's queue, whose room bounds what this replica takes
     * @param inMemory how a question is decided and answered when the outbox cannot be written
     */
    public OutboxDecisions(Hostwise hostwise, Platform platform, RequestKeys memory, WorkQueue work, RecentVerdicts recent,
                           Delivery delivery, Outlet outlet, VerdictFlow inMemory, OutboxSettings settings) {
        this.hostwise = hostwise;
        this.platform = platform;
        this.memory = memory;
        this.work = work;
        this.recent = recent;
        this.delivery = delivery;
        this.outlet = outlet;
        this.inMemory = inMemory;
        this.outbox = hostwise.store().outbox();
        this.settings = settings;
        this.owner = ownerId();
        this.meters = hostwise.metrics().registry();
        String p = platform.id();
        this.heldGauge = Gauge.builder("hostwise.outbox.held", held, Map::size).tag("platform", p)
                .description("Outbox jobs this replica holds (queued or running here)").register(meters);
        this.backlogGauge = Gauge.builder("hostwise.outbox.pending", backlog, AtomicLong::get).tag("platform", p)
                .description("Outbox jobs not answered yet on every replica, as last counted (every few seconds)").register(meters);
        this.unwritten = Counter.builder("hostwise.outbox.unwritten").tag("platform", p)
                .description("Questions taken in memory only because the outbox could not be written (the store was unavailable)")
                .register(meters);
        this.takenOver = Counter.builder("hostwise.outbox.taken").tag("platform", p)
                .description("Jobs this replica took from the table: given back, due for another delivery attempt, or left by a "
                        + "replica whose lease ran out")
                .register(meters);
        this.foundPosted = Counter.builder("hostwise.outbox.found_posted").tag("platform", p)
                .description("Jobs taken over whose verdict the platform showed as already posted: not posted again")
                .register(meters);
        // two threads: a slow scan or sweep (a loaded database) must not hold up the check-in that keeps this
        // replica's jobs its own
        AtomicInteger threads = new AtomicInteger();
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "hostwise-" + p + "-outbox-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::renew, 0, settings.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::scan, 0, settings.scanEvery().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::sweep, settings.sweepEvery().toMillis(), settings.sweepEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** This process among the replicas: the pod's (or host's) name, the process ID and a random part. */
    private static String ownerId() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("host");
        String id = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 128 ? id : id.substring(id.length() - 128);
    }

    /** This replica's name in {@code outbox_jobs.lease_owner}. */
    public String owner() {
        return owner;
    }

    // ------------------------------------------------------------------------------------------- the acknowledgement

    @Override
    public Admission submit(RequestKey key, DecisionJob job) {
        if (stopping) {
            return Admission.BUSY;
        }
        if (!memory.claim(key)) {
            return Admission.REPEAT;
        }
        Optional<WorkQueue.Slot> slot = work.reserve();
        if (slot.isEmpty()) {
            memory.release(key);
            return Admission.BUSY;
        }
        if (backlog.get() >= settings.maxBacklog()) {
            slot.get().giveBack();
            memory.release(key);
            LOG.warn("{} questions are waiting in the outbox (the limit is {}): answering 'busy'", backlog.get(), settings.maxBacklog());
            return Admission.BUSY;
        }
        if (hostwise.store().database().unavailable().isPresent()) {
            return takeInMemory(slot.get(), key, job);
        }
        Outbox.Enqueued enqueued;
        try {
            checkedIn();
            enqueued = outbox.enqueue(new Outbox.NewJob(platform.id(), key == null ? null : key.text(), job.to().conversation(),
                    job.who().user(), json.write(job)), owner, settings.keyTtl());
        } catch (StoreUnavailableException e) {
            LOG.debug("the outbox could not be written ({}); taking the question in memory", e.getMessage());
            return takeInMemory(slot.get(), key, job);
        }
        if (enqueued instanceof Outbox.Enqueued.Repeat) {
            // another replica took it; it stays claimed here too, so the next repeat is known at once
            slot.get().giveBack();
            return Admission.REPEAT;
        }
        OutboxJob taken = ((Outbox.Enqueued.Accepted) enqueued).job();
        Held h = new Held(taken, job);
        held.put(taken.id(), h);
        if (!slot.get().run(what(taken), () -> run(h))) {
            // the queue stopped in between (shutdown): the job is stored, another replica answers it
            held.remove(taken.id());
            giveBack(List.of(taken.lease()));
        }
        return Admission.ACCEPTED;
    }

    /**
     * Makes sure this replica's check-in holds for a while yet before it takes a job (else another replica could
     * take the job at once). The timer keeps it fresh; only after the store was unreachable does an
     * acknowledgement check in itself.
     */
    private void checkedIn() {
        if (checkInDue()) {
            synchronized (checkingIn) {
                // the timer may have checked in while this waited
                if (checkInDue()) {
                    checkInNow();
                }
            }
        }
    }

    private boolean checkInDue() {
        return Instant.now().plus(settings.renewEvery()).isAfter(aliveUntil);
    }

    /**
     * One check-in at a time: at start-up the timer's first check-in and the first acknowledgement's would
     * otherwise both insert this replica's row, and the one that lost the race used to take its question in
     * memory only, outside the outbox.
     */
    private void checkIn() {
        synchronized (checkingIn) {
            checkInNow();
        }
    }

    private void checkInNow() {
        Instant now = Instant.now();
        outbox.checkIn(owner, settings.lease());
        aliveUntil = now.plus(settings.lease());
    }

    private Admission takeInMemory(WorkQueue.Slot slot, RequestKey key, DecisionJob job) {
        unwritten.increment();
        if (slot.run("the verdict for " + job.who().user() + " (not in the outbox)", () -> inMemory.decideAndDeliver(job))) {
            return Admission.ACCEPTED;
        }
        memory.release(key);
        return Admission.BUSY;
    }

    private String what(OutboxJob job) {
        return "outbox job " + job.id();
    }

    // ------------------------------------------------------------------------------------------- the work

    private void run(Held h) {
        if (!h.state.compareAndSet(Held.QUEUED, Held.RUNNING)) {
            return; // given back at shutdown: another replica answers it
        }
        try {
            work(h);
        } finally {
            held.remove(h.job.id());
        }
    }

    private void work(Held h) {
        OutboxJob job = h.job;
        DecisionJob question;
        try {
            question = h.question != null ? h.question : json.read(job.json(), hostwise.reader());
        } catch (InvalidScenarioException | IllegalArgumentException e) {
            unreadable(job, e);
            return;
        }
        Instant now = Instant.now();
        if (Duration.between(job.createdAt(), now).compareTo(settings.deliveryDeadline()) > 0) {
            LOG.error("outbox job {} for {} was acknowledged at {}, more than {} ago, and not answered: recorded as undelivered{}",
                    job.id(), question.who().user(), job.createdAt(), settings.deliveryDeadline(),
                    job.verdictId().map(id -> " (its verdict " + id + " is stored)").orElse(""));
            finish(job, Outbox.State.UNDELIVERED, null, "past the delivery deadline" + job.lastProblem().map(p -> "; " + p).orElse(""));
            return;
        }
        Optional<RecordedVerdict> recorded = job.verdictId().isEmpty() ? decide(job, question) : stored(job, question);
        if (recorded.isEmpty()) {
            return;
        }
        deliver(job, question, recorded.get());
    }

    /** Decides and stores the verdict with the job; empty when that is not possible now (the job then waits). */
    private Optional<RecordedVerdict> decide(OutboxJob job, DecisionJob question) {
        try {
            RecordedVerdict r = hostwise.decideForJob(question.scenario(), question.who(), job.lease());
            recent.remember(r.verdict());
            return Optional.of(r);
        } catch (LeaseLostException e) {
            LOG.info("outbox job {} was taken over by another replica before its verdict was stored; it answers it", job.id());
            return Optional.empty();
        } catch (StoreUnavailableException e) {
            if (hostwise.store().database().unavailable().isPresent()) {
                // an outage: the job stays in the outbox and is decided once the store is back (its lease runs out
                // and any replica takes it), so the user gets one verdict, a saved one, a little later
                LOG.info("outbox job {}: the verdict cannot be stored now ({}); it stays in the outbox until the store is back",
                        job.id(), e.getMessage());
                toGiveBack.add(job.lease());
                return Optional.empty();
            }
            // the store answers but refused this one verdict: answer with it unsaved rather than never. The job is
            // finished first, so that if the store fails after all, nothing is answered twice: the job then stays
            // in the outbox and is decided again later, the user having heard nothing yet
            LOG.warn("outbox job {}: the store refused its verdict ({}); answering with it unsaved", job.id(), e.getMessage());
            if (!finish(job, Outbox.State.DONE, "NOT_SAVED", "answered unsaved: " + e.getMessage())) {
                return Optional.empty();
            }
            Verdict unsaved = hostwise.decide(question.scenario());
            recent.remember(unsaved);
            delivery.deliver(RecordedVerdict.unsaved(unsaved, e.getMessage()), question.who(), question.to());
            return Optional.empty();
        } catch (InvalidScenarioException e) {
            // found only once the throughput was estimated (a fleet past the bound): the user's field errors, nothing
            // stored. The job is finished first, so that a job taken over meanwhile is not answered twice
            LOG.info("outbox job {}: the scenario for {} was refused when decided: {}", job.id(), question.who().user(), e.getMessage());
            if (finish(job, Outbox.State.FAILED, null, "refused when decided: " + e.getMessage())) {
                delivery.tell(question.to(), "a refused scenario", "I couldn't decide that scenario:\n• " + String.join("\n• ",
                        e.errors().stream().map(QuickForm::problem).toList()) + "\nChange it and ask again; nothing was saved.");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("deciding outbox job {} for {} failed", job.id(), question.who().user(), e);
            delivery.tell(question.to(), "a failed decision", "I couldn't reach a verdict: the policy failed while deciding. "
                    + "It has been logged; please try again later.");
            finish(job, Outbox.State.FAILED, null, "the decision failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The verdict an earlier take stored; empty when it need not (or cannot now) be delivered. It may already
     * have been posted by the worker that died, so the platform is asked first.
     */
    private Optional<RecordedVerdict> stored(OutboxJob job, DecisionJob question) {
        String id = job.verdictId().orElseThrow();
        Optional<StoredVerdict> found;
        try {
            found = hostwise.store().byId(id);
        } catch (StoreUnavailableException e) {
            LOG.info("outbox job {}: its verdict {} cannot be read now ({}); it stays in the outbox", job.id(), id, e.getMessage());
            toGiveBack.add(job.lease());
            return Optional.empty();
        }
        if (found.isEmpty()) {
            // stored in the transaction that named it on the job: only a deleted verdict gets here
            LOG.error("outbox job {} names verdict {}, which is not in the store; recorded as failed", job.id(), id);
            finish(job, Outbox.State.FAILED, null, "its verdict " + id + " is not in the store");
            return Optional.empty();
        }
        StoredVerdict v = found.get();
        recent.remember(v.verdict());
        if (!stillHeld(job)) {
            return Optional.empty();
        }
        if (question.to().conversation() != null) {
            Outlet.Seen seen = outlet.alreadyPosted(question.to().conversation(), id, job.createdAt().minus(READ_BACK_MARGIN));
            switch (seen) {
                case POSTED -> {
                    foundPosted.increment();
                    LOG.info("outbox job {}: verdict {} is already in {}; not posting it again", job.id(), id, question.to().conversation());
                    finish(job, Outbox.State.DONE, Delivery.Where.CONVERSATION.name(), "found posted by an earlier attempt");
                    return Optional.empty();
                }
                case UNREACHABLE -> {
                    retry(job, question, v.verdict(), "could not check whether it was already posted");
                    return Optional.empty();
                }
                case NOT_POSTED, CANNOT_TELL -> {
                    // deliver it
                }
            }
        }
        return Optional.of(new RecordedVerdict(v.verdict(), Optional.of(v.linkToken()), Optional.empty()));
    }

    /** Whether this replica still holds a job it took earlier: nothing written since would have told it otherwise. */
    private boolean stillHeld(OutboxJob job) {
        try {
            if (outbox.stillHeld(job.lease())) {
                return true;
            }
            LOG.info("outbox job {} was taken over by another replica; it delivers the verdict", job.id());
        } catch (StoreUnavailableException e) {
            LOG.info("outbox job {}: cannot check it is still held ({}); it stays in the outbox", job.id(), e.getMessage());
            toGiveBack.add(job.lease());
        }
        return false;
    }

    private void deliver(OutboxJob job, DecisionJob question, RecordedVerdict recorded) {
        Delivery.Attempt a = delivery.attempt(recorded, question.who(), question.to());
        Verdict v = recorded.verdict();
        if (a.where() != Delivery.Where.NOWHERE) {
            LOG.info("verdict {} ({}) for {} delivered to {} (outbox job {}{})", v.id(), v.recommendation(), question.who().user(),
                    a.where(), job.id(), job.deliveries() > 0 ? ", attempt " + (job.deliveries() + 1) : "");
            finish(job, Outbox.State.DONE, a.where().name(), null);
            VerdictFlow.rememberThread(hostwise, recorded, question.who().platform(), a);
            return;
        }
        retry(job, question, v, a.why());
    }

    /** Every way of delivering failed: try again later, or record it as undelivered once past the deadline. */
    private void retry(OutboxJob job, DecisionJob question, Verdict v, String why) {
        Duration wait = settings.retryAfter(job.deliveries() + 1);
        Instant next = Instant.now().plus(wait);
        if (next.isAfter(job.createdAt().plus(settings.deliveryDeadline()))) {
            LOG.error("verdict {} ({}) for {} reached nobody by the delivery deadline ({} after it was asked for): {}. It is stored: "
                    + "find it by its ID", v.id(), v.recommendation().headline(), question.who().user(), settings.deliveryDeadline(), why);
            finish(job, Outbox.State.UNDELIVERED, null, why);
            return;
        }
        LOG.warn("verdict {} ({}) reached nobody: {}; trying again in {} s (outbox job {}, attempt {})", v.id(),
                v.recommendation().headline(), why, wait.toSeconds(), job.id(), job.deliveries() + 1);
        try {
            outbox.retryLater(job.lease(), next, why);
        } catch (LeaseLostException e) {
            LOG.info("outbox job {} was taken over meanwhile; the other replica answers it", job.id());
        } catch (StoreUnavailableException e) {
            // given back once the store hears this replica again, and taken again by it or another
            LOG.info("outbox job {}: the next attempt is not recorded ({}); it is tried again once the store is back",
                    job.id(), e.getMessage());
            toGiveBack.add(job.lease());
        }
    }

    private void unreadable(OutboxJob job, RuntimeException e) {
        String why = e instanceof InvalidScenarioException bad ? "its scenario no longer reads: " + bad.getMessage() : e.getMessage();
        LOG.error("outbox job {} cannot be answered: {}", job.id(), why);
        // a notice never carries exception text: the field errors in the form's own words, or a plain sentence
        String told = e instanceof InvalidScenarioException bad
                ? "its scenario no longer reads:\n• " + String.join("\n• ", bad.errors().stream().map(QuickForm::problem).toList()) + "\n"
                : "it could not be read back. ";
        json.addressOf(job.json()).ifPresent(to -> delivery.tell(to, "a question that no longer reads",
                "I couldn't answer your question: " + told + "Please ask again."));
        finish(job, Outbox.State.FAILED, null, why);
    }

    /** Marks a job finished; false when that could not be recorded (it is then taken again once its lease runs out). */
    private boolean finish(OutboxJob job, Outbox.State state, String via, String problem) {
        try {
            outbox.finish(job.lease(), state, via, problem);
            meters.counter("hostwise.outbox.finished", "platform", platform.id(), "state", state.name()).increment();
            return true;
        } catch (LeaseLostException e) {
            LOG.info("outbox job {} was taken over before it was marked {}; the other replica checks it", job.id(), state);
            return false;
        } catch (StoreUnavailableException e) {
            // given back once the store hears this replica again; its verdict is known by then, so it is checked
            // (read back), not decided again
            LOG.warn("outbox job {} is {} but could not be marked so ({}); it will be checked again", job.id(), state, e.getMessage());
            toGiveBack.add(job.lease());
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------- recovery

    /**
     * Takes due jobs nobody holds, as many as there is room for here. Runs on the outbox's own thread. Room is
     * taken job by job after the jobs are, never held across the query: an acknowledgement arriving meanwhile
     * gets the room first, and a job it leaves without room is given straight back.
     */
    private void scan() {
        if (stopping) {
            return;
        }
        try {
            backlog.set(outbox.pending(platform.id()));
            int room = Math.min(work.room(), TAKE_AT_MOST);
            List<OutboxJob> jobs = room <= 0 ? List.of() : outbox.takeDue(platform.id(), owner, room);
            List<JobLease> noRoom = new ArrayList<>();
            for (OutboxJob job : jobs) {
                takenOver.increment();
                Optional<WorkQueue.Slot> slot = work.reserve();
                Held h = new Held(job, null);
                held.put(job.id(), h);
                if (slot.isEmpty() || !slot.get().run(what(job), () -> run(h))) {
                    held.remove(job.id());
                    noRoom.add(job.lease());
                }
            }
            if (!noRoom.isEmpty()) {
                giveBack(noRoom);
            }
            if (!jobs.isEmpty()) {
                LOG.info("took {} outbox job{} nobody held (given back, due again, or left by a stopped replica)", jobs.size(),
                        jobs.size() == 1 ? "" : "s");
            }
        } catch (StoreUnavailableException e) {
            LOG.debug("outbox scan: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("outbox scan failed", e);
        }
    }

    /**
     * Checks in (this replica holds its jobs a while longer), then gives back the jobs it let go of while the
     * store could not hear it. Runs on the outbox's own thread, at start and every few seconds.
     */
    private void renew() {
        try {
            checkIn();
            if (!toGiveBack.isEmpty()) {
                List<JobLease> back = List.copyOf(toGiveBack);
                outbox.release(back);
                back.forEach(toGiveBack::remove);
                LOG.info("gave back {} outbox job{} let go of while the store was unavailable", back.size(), back.size() == 1 ? "" : "s");
            }
        } catch (StoreUnavailableException e) {
            LOG.debug("outbox check-in: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("outbox check-in failed", e);
        }
    }

    private void sweep() {
        try {
            Outbox.Swept swept = outbox.sweep(settings.keepFinished());
            if (swept.keys() + swept.jobs() > 0) {
                LOG.debug("outbox sweep: {} expired request keys, {} finished jobs deleted", swept.keys(), swept.jobs());
            }
        } catch (StoreUnavailableException e) {
            LOG.debug("outbox sweep: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("outbox sweep failed", e);
        }
    }

    private void giveBack(List<JobLease> leases) {
        try {
            outbox.release(leases);
        } catch (StoreUnavailableException e) {
            // their leases run out instead
            LOG.info("{} outbox job{} not given back ({}); another replica takes them once this one's check-in runs out",
                    leases.size(), leases.size() == 1 ? "" : "s", e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------- shutdown

    /**
     * Stops taking questions and looking for jobs, and gives back every job held here that has not started,
     * so another replica takes it at once. The running ones go on until the surface's queue stops them.
     */
    public void stopTaking() {
        stopping = true;
        timer.shutdownNow();
        List<JobLease> notStarted = new ArrayList<>();
        for (Held h : held.values()) {
            if (h.state.compareAndSet(Held.QUEUED, Held.GIVEN_BACK)) {
                notStarted.add(h.job.lease());
                held.remove(h.job.id());
            }
        }
        if (!notStarted.isEmpty()) {
            LOG.info("stopping: giving back {} outbox job{} not started yet", notStarted.size(), notStarted.size() == 1 ? "" : "s");
            giveBack(notStarted);
        }
    }

    /** After the queue has stopped: gives back whatever is still held (work stopped at the drain bound). */
    @Override
    public void close() {
        stopTaking();
        List<JobLease> left = new ArrayList<>(held.values().stream().map(h -> h.job.lease()).toList());
        held.clear();
        if (!left.isEmpty()) {
            LOG.warn("stopping: {} outbox job{} did not finish within the drain bound; given back to the other replicas", left.size(),
                    left.size() == 1 ? "" : "s");
        }
        left.addAll(toGiveBack);
        giveBack(left);
        try {
            // whatever could not be given back is taken over at once, not after this check-in runs out
            outbox.checkOut(owner);
        } catch (StoreUnavailableException e) {
            LOG.info("stopping: not checked out ({}); this replica's jobs are taken over once its check-in runs out", e.getMessage());
        }
        meters.remove(heldGauge);
        meters.remove(backlogGauge);
    }

    /** Runs one scan now (tests; start-up runs one by itself). */
    void scanNow() throws InterruptedException {
        try {
            timer.submit(this::scan).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
