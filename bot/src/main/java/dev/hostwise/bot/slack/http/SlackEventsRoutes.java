package dev.hostwise.bot.slack.http;

import dev.hostwise.bot.http.Routes;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;

/** {@code POST /slack/events}: the one URL Slack sends slash commands, interactivity and events to. */
public record SlackEventsRoutes(HttpHandler handler) implements Routes {

    public static final String PATH = "/slack/events";

    @Override
    public void register(RoutingHandler routing) {
        routing.post(PATH, handler);
    }
}
