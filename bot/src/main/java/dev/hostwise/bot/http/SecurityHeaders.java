package dev.hostwise.bot.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Headers every response carries: a content security policy with no inline script, no MIME sniffing,
 * and no framing (pages show business-sensitive figures).
 */
final class SecurityHeaders implements HttpHandler {

    static final String CSP = "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final HttpHandler next;

    SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        ex.getResponseHeaders().put(HttpString.tryFromString("Content-Security-Policy"), CSP);
        ex.getResponseHeaders().put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        ex.getResponseHeaders().put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        ex.getResponseHeaders().put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        next.handleRequest(ex);
    }
}
