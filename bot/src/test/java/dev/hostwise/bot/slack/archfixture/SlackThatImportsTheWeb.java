package dev.hostwise.bot.slack.archfixture;

import dev.hostwise.bot.web.WebSettings;

/** A Slack class that reaches into the web surface: what {@code ArchitectureTest} must refuse. */
public final class SlackThatImportsTheWeb {

    public boolean form(WebSettings web) {
        return web.formAtRoot();
    }
}
