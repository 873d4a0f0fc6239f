package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Requester;
import dev.hostwise.knowledge.Scenario;

/**
 * A question accepted and acknowledged, waiting to be decided and answered: the scenario, who asked,
 * and where the answer goes. All data, so an outbox can persist it before the acknowledgement and any
 * replica can finish it.
 */
public record DecisionJob(Scenario scenario, Requester who, ReplyAddress to) {
}
