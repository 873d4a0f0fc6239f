package dev.hostwise.bot.conversation.archfixture;

import dev.hostwise.bot.slack.blocks.SlackIds;

/** A core class that knows a surface: what {@code ArchitectureTest} must refuse. */
public final class CoreThatImportsSlack {

    public String block() {
        return SlackIds.inputBlock(dev.hostwise.knowledge.ScenarioField.REQUESTS_PER_DAY);
    }
}
