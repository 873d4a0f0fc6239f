package dev.hostwise.bot.slack;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.slack.delivery.Destination;
import dev.hostwise.bot.slack.delivery.VerdictDelivery;
import dev.hostwise.knowledge.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides a scenario that arrived through Slack and gets the verdict to the person who asked. */
public final class VerdictFlow {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictFlow.class);

    private final Hostwise hostwise;
    private final RecentVerdicts recent;
    private final VerdictDelivery delivery;

    public VerdictFlow(Hostwise hostwise, RecentVerdicts recent, VerdictDelivery delivery) {
        this.hostwise = hostwise;
        this.recent = recent;
        this.delivery = delivery;
    }

    /** Runs on {@link SlackWork}: decide (through {@link Hostwise#decideFor}, which records it), then post. */
    public void decideAndDeliver(Scenario scenario, Requester who, Destination to) {
        RecordedVerdict recorded;
        try {
            recorded = hostwise.decideFor(scenario, who);
        } catch (RuntimeException e) {
            LOG.error("deciding a scenario for {} failed", who.user(), e);
            delivery.tell(to, "a failed decision", "I couldn't reach a verdict: the policy failed while deciding ("
                    + e.getMessage() + "). It has been logged; please try again later.");
            return;
        }
        recent.remember(recorded.verdict());
        VerdictDelivery.Where where = delivery.deliver(recorded, who, to);
        LOG.info("verdict {} ({}) for {} delivered to {}", recorded.verdict().id(),
                recorded.verdict().recommendation(), who.user(), where);
    }
}
