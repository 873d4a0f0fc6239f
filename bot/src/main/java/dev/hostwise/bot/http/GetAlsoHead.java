package dev.hostwise.bot.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * The server's router: every GET route also answers HEAD (RFC 9110 asks it of every GET resource, and
 * uptime checkers and link previewers use it). The handler runs as for GET; Undertow sends the status
 * and headers, Content-Length included, and drops the body.
 */
final class GetAlsoHead extends RoutingHandler {

    @Override
    public synchronized RoutingHandler add(HttpString method, String template, HttpHandler handler) {
        super.add(method, template, handler);
        if (method.equals(Methods.GET)) {
            super.add(Methods.HEAD, template, handler);
        }
        return this;
    }
}
