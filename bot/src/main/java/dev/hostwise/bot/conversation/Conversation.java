package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.store.VerdictSummary;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.rules.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The conversation a chat surface holds with its users, whatever the platform: ask, collect (the
 * one-line form or the full form), validate with field errors, decide and record, deliver with its
 * fallbacks, and the follow-ups (show the math, look a verdict up, recent verdicts). Request keys shared
 * through the store make retries harmless on every replica; decisions go through the store's outbox
 * ({@link OutboxDecisions}), so an acknowledged question is answered even if this process dies; a bounded
 * queue, never waited on, keeps the acknowledgements quick.
 *
 * <p>A surface translates its platform's requests into calls here and the {@link Reply replies} back
 * into its platform's format ({@link Outlet}); it holds no flow of its own. One conversation per
 * surface: it owns that surface's work queue.
 */
public final class Conversation implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Conversation.class);

    /** What a user is told when there is no room for their request. */
    public static final String BUSY = "I'm answering a lot of questions right now and couldn't take yours. Please send it again "
            + "in a minute.";

    private final Hostwise hostwise;
    private final Platform platform;
    private final WorkQueue work;
    private final RequestKeys keys;
    private final RecentVerdicts recent;
    private final Delivery delivery;
    private final OutboxDecisions decisions;

    /**
     * @param platform the chat platform this conversation is held on
     * @param outlet   how the platform's surface sends replies
     * @param work     the surface's work queue
     * @param keys     this process's request keys: the fast first check in front of the store's table
     * @param remembered how many recent verdicts to keep in memory for "Show the math"
     */
    public Conversation(Hostwise hostwise, Platform platform, Outlet outlet, WorkQueue work, RequestKeys keys, int remembered) {
        this(hostwise, platform, outlet, work, keys, remembered, OutboxSettings.standard());
    }

    /** As above, with the outbox's limits (tests shorten its leases and waits). */
    public Conversation(Hostwise hostwise, Platform platform, Outlet outlet, WorkQueue work, RequestKeys keys, int remembered,
                        OutboxSettings outbox) {
        this.hostwise = hostwise;
        this.platform = platform;
        this.work = work;
        this.keys = new SharedRequestKeys(keys, hostwise.store().outbox(), hostwise.store().database(), outbox.keyTtl());
        this.recent = new RecentVerdicts(remembered);
        this.delivery = new Delivery(outlet);
        this.decisions = new OutboxDecisions(hostwise, platform, keys, work, recent, delivery, outlet,
                new VerdictFlow(hostwise, recent, delivery), outbox);
    }

    public Hostwise hostwise() {
        return hostwise;
    }

    public Platform platform() {
        return platform;
    }

    public Delivery delivery() {
        return delivery;
    }

    public RequestKeys keys() {
        return keys;
    }

    /** The key of one of this platform's user actions ({@code trigger}, {@code view}, {@code event}); null when it has no ID. */
    public RequestKey key(String kind, String id) {
        return RequestKey.of(platform, kind, id);
    }

    // ---- ask and collect ----

    /** What the slash command's text asks for. */
    public Ask ask(String commandText) {
        return Ask.read(commandText);
    }

    /** The one-line form read into a scenario, or what to tell the user (only them) about it. */
    public sealed interface QuickAnswer {
        record Understood(Scenario scenario) implements QuickAnswer {
        }

        record NotUnderstood(String reply) implements QuickAnswer {
        }
    }

    /** Reads the one-line form and checks it as every front end does; problems are named in the form's own keys. */
    public QuickAnswer readQuickForm(String text) {
        return readQuickForm(text, hostwise.reader());
    }

    /** As above, with the scenario reader given: what every surface's one-line form goes through. */
    public static QuickAnswer readQuickForm(String text, ScenarioReader reader) {
        QuickForm form = QuickForm.parse(text == null ? "" : text);
        if (!form.ok()) {
            return new QuickAnswer.NotUnderstood(QuickForm.usage(form.problems()));
        }
        try {
            return new QuickAnswer.Understood(reader.fromText(form.byJsonName()));
        } catch (InvalidScenarioException e) {
            return new QuickAnswer.NotUnderstood(QuickForm.usage(e.errors().stream().map(QuickForm::problem).toList()));
        }
    }

    /**
     * Reads a submitted form.
     *
     * @throws InvalidScenarioException naming each bad field, for the surface to show under it
     *                                  ({@link FormDefinition#errorInFormWords})
     */
    public Scenario readForm(FormValues values) {
        return hostwise.reader().fromText(values.byJsonName());
    }

    /** The form showing the catalog defaults, or an earlier verdict's inputs. */
    public FormDefinition form(FormValues values) {
        return FormDefinition.of(values.text(), hostwise.catalog());
    }

    /** The values a form is filled with for "Adjust inputs": the verdict's scenario, or the defaults when it could not be carried. */
    public static FormValues valuesToAdjust(String buttonValue) {
        return AdjustValue.parse(buttonValue).map(v -> FormValues.of(v.scenario())).orElseGet(FormValues::defaults);
    }

    // ---- decide, record, deliver ----

    /** Takes a question to decide and answer off the request thread, unless it repeats one already taken. */
    public Admission decide(RequestKey key, Scenario scenario, Requester who, ReplyAddress to) {
        return decisions.submit(key, new DecisionJob(scenario, who, to));
    }

    // ---- follow-ups ----

    /** Replies under the verdict's message with every figure and its formula; a repeat of the click does nothing. */
    public Admission showTheMath(RequestKey key, String verdictId, ReplyAddress to, String thread) {
        return offer(key, "the math of " + verdictId, () -> {
            // recent verdicts are in memory; older ones come from the verdict store
            Optional<Verdict> verdict = recent.find(verdictId).or(() -> stored(verdictId).map(StoredVerdict::verdict));
            if (verdict.isPresent()) {
                delivery.showMath(verdict.get(), to, thread);
            } else {
                delivery.tell(to, verdictId, "I can't find the figures of " + verdictId + " right now (it was not saved, or the "
                        + "verdict store is unavailable). Press *Adjust inputs* and *Decide* for a fresh verdict with its math.");
            }
        });
    }

    /** Shows a cited verdict to the member who asked, through the reply link, off the request thread. */
    public Admission lookUp(String verdictId, ReplyAddress to) {
        boolean queued = work.offer("looking up " + verdictId + " for " + to.user(), () -> {
            Optional<StoredVerdict> found;
            try {
                found = hostwise.store().byId(verdictId);
            } catch (StoreUnavailableException e) {
                // the store's own words stay in the log: a notice never carries exception text
                delivery.tell(to, verdictId, "The verdict store is unavailable right now; try again shortly.");
                return;
            }
            if (found.isEmpty()) {
                delivery.tell(to, verdictId, "There is no verdict " + verdictId + ". IDs look like HW-2026-0042.");
                return;
            }
            StoredVerdict v = found.get();
            RecordedVerdict recorded = new RecordedVerdict(v.verdict(), Optional.of(v.linkToken()), Optional.empty());
            if (!delivery.answerPrivately(to, new Reply.VerdictReply(recorded, v.requester(), Optional.empty()))
                    && to.responseUrl() == null) {
                // a slash command always has a reply link; just in case, a direct message
                delivery.tell(to, verdictId, v.verdict().recommendation().headline() + " (" + v.id() + ")");
            }
        });
        return queued ? Admission.ACCEPTED : Admission.BUSY;
    }

    /**
     * Mutes a verdict's notices for the person who asked for it, off the request thread: the watch still
     * supersedes it when its inputs change (its page says so), but posts nothing. Its current successors,
     * if any, are muted too. Anyone else is told who can.
     */
    public Admission mute(String verdictId, String user, ReplyAddress to) {
        boolean queued = work.offer("muting " + verdictId + " for " + user, () -> {
            try {
                Optional<StoredVerdict> found = hostwise.store().byId(verdictId);
                if (found.isEmpty()) {
                    delivery.tell(to, verdictId, "There is no verdict " + verdictId + ". IDs look like HW-2026-0042.");
                    return;
                }
                Requester asker = found.get().requester();
                if (asker.platform() != platform || asker.user() == null || !asker.user().equals(user)) {
                    delivery.tell(to, verdictId, "Only the person who asked for " + verdictId + " (" + asker.inWords()
                            + ") can mute it.");
                    return;
                }
                List<String> muted = new java.util.ArrayList<>();
                String id = verdictId;
                while (id != null) {
                    hostwise.store().watch().mute(id, user, hostwise.clock().instant());
                    muted.add(id);
                    List<VerdictSummary> newer = hostwise.store().supersededBy(id);
                    id = newer.isEmpty() ? null : newer.get(newer.size() - 1).id();
                }
                delivery.tell(to, verdictId, "Muted " + String.join(", ", muted) + ": I won't post here when "
                        + (muted.size() == 1 ? "it is" : "they are") + " re-checked and superseded. "
                        + (muted.size() == 1 ? "Its" : "Their") + " page still says when a newer verdict replaces "
                        + (muted.size() == 1 ? "it." : "them."));
            } catch (StoreUnavailableException e) {
                // the store's own words stay in the log: a notice never carries exception text
                LOG.warn("muting {}: {}", verdictId, e.getMessage());
                delivery.tell(to, verdictId, "The verdict store is unavailable right now; try again shortly.");
            }
        });
        return queued ? Admission.ACCEPTED : Admission.BUSY;
    }

    /** Finds the pools among stored verdicts (see {@code Pools}) off the request thread and tells the asker what they are. */
    public Admission pool(ReplyAddress to, java.util.function.Supplier<String> report) {
        boolean queued = work.offer("pooling for " + to.user(), () -> {
            try {
                delivery.tell(to, "pooling", report.get());
            } catch (StoreUnavailableException e) {
                LOG.warn("pooling: {}", e.getMessage());
                delivery.tell(to, "pooling", "The verdict store is unavailable right now; try again shortly.");
            }
        });
        return queued ? Admission.ACCEPTED : Admission.BUSY;
    }

    /** A user's own most recent verdicts on this platform, newest first; none while the store is unavailable. */
    public List<VerdictSummary> recentVerdicts(String user, int limit) {
        try {
            return hostwise.store().recentBy(platform, user, limit);
        } catch (StoreUnavailableException e) {
            return List.of();
        }
    }

    /** Tells a user something off the request thread (e.g. that a form did not open); false when there is no room. */
    public boolean tellLater(String what, ReplyAddress to, String subject, String text) {
        return work.offer(what, () -> delivery.tell(to, subject, text));
    }

    // ---- the queue and the keys ----

    /**
     * Queues a follow-up under the key of the request that asked for it: a repeat of the request does
     * nothing, and when the queue has no room the key is given back (so the platform's retry, or the
     * user pressing again, is served).
     */
    public Admission offer(RequestKey key, String what, Runnable task) {
        if (!keys.claim(key)) {
            return Admission.REPEAT;
        }
        if (work.offer(what, task)) {
            return Admission.ACCEPTED;
        }
        keys.release(key);
        return Admission.BUSY;
    }

    /** Queues work that answers no particular request (an announcement, a reload); false when there is no room. */
    public boolean queue(String what, Runnable task) {
        return work.offer(what, task);
    }

    /** Waits until no work is queued or running (for tests and orderly shutdown). */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        return work.awaitQuiet(timeout);
    }

    private Optional<StoredVerdict> stored(String id) {
        try {
            return hostwise.store().byId(id);
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    /** This conversation's outbox worker (its owner name, a scan now): for operations and tests. */
    public OutboxDecisions outbox() {
        return decisions;
    }

    /**
     * Stops: gives back outbox jobs not started (another replica answers them at once), lets running work
     * finish within the queue's drain bound (20 s), then gives back whatever is still held.
     */
    @Override
    public void close() {
        decisions.stopTaking();
        work.close();
        decisions.close();
    }
}
