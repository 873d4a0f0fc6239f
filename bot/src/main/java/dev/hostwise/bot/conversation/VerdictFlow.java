package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.WatchStore;
import dev.hostwise.knowledge.InvalidScenarioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides a question that arrived through a chat platform, records it, and gets the verdict to the person who asked. */
public final class VerdictFlow {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictFlow.class);

    private final Hostwise hostwise;
    private final RecentVerdicts recent;
    private final Delivery delivery;

    public VerdictFlow(Hostwise hostwise, RecentVerdicts recent, Delivery delivery) {
        this.hostwise = hostwise;
        this.recent = recent;
        this.delivery = delivery;
    }

    /** Runs off the request thread: decide (through {@link Hostwise#decideFor}, which records it), then deliver. */
    public void decideAndDeliver(DecisionJob job) {
        RecordedVerdict recorded;
        try {
            recorded = hostwise.decideFor(job.scenario(), job.who());
        } catch (InvalidScenarioException e) {
            // found only once the throughput was estimated (a fleet past the bound): the user's field errors, nothing stored
            LOG.info("a scenario for {} was refused when decided: {}", job.who().user(), e.getMessage());
            delivery.tell(job.to(), "a refused scenario", "I couldn't decide that scenario:\n• " + String.join("\n• ",
                    e.errors().stream().map(QuickForm::problem).toList()) + "\nChange it and ask again; nothing was saved.");
            return;
        } catch (RuntimeException e) {
            // the exception's own text stays in the log; the user gets words, not a stack trace's first line
            LOG.error("deciding a scenario for {} failed", job.who().user(), e);
            delivery.tell(job.to(), "a failed decision", "I couldn't reach a verdict: the policy failed while deciding."
                    + " It has been logged; please try again later.");
            return;
        }
        recent.remember(recorded.verdict());
        Delivery.Attempt delivered = delivery.deliverTracked(recorded, job.who(), job.to());
        LOG.info("verdict {} ({}) for {} delivered to {}", recorded.verdict().id(),
                recorded.verdict().recommendation(), job.who().user(), delivered.where());
        rememberThread(hostwise, recorded, job.who().platform(), delivered);
    }

    /**
     * Where the verdict's message is, so a notice that it was superseded can reply under it later: kept for a
     * stored verdict posted in its conversation, whichever way it was decided (here, or from the outbox).
     */
    static void rememberThread(Hostwise hostwise, RecordedVerdict recorded, dev.hostwise.bot.Platform platform,
                               Delivery.Attempt delivered) {
        if (recorded.linkToken().isEmpty() || delivered.conversation().isEmpty() || delivered.thread().isEmpty()) {
            return;
        }
        try {
            hostwise.store().watch().rememberThread(recorded.verdict().id(), new WatchStore.Thread(platform,
                    delivered.conversation().get(), delivered.thread().get()), hostwise.clock().instant());
        } catch (StoreUnavailableException e) {
            LOG.warn("where verdict {} was posted could not be kept ({}); a notice about it would come as a direct message",
                    recorded.verdict().id(), e.getMessage());
        }
    }
}
