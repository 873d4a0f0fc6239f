package dev.hostwise.bot.http;

import io.undertow.server.RoutingHandler;

/**
 * A group of HTTP endpoints (Slack events, verdict pages and API, status, health). Each front end
 * registers its own routes; the server only adds what every response needs.
 */
public interface Routes {

    void register(RoutingHandler routing);
}
