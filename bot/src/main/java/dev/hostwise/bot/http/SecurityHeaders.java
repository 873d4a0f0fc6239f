package dev.hostwise.bot.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Headers every response carries: a content security policy with no inline script, no MIME sniffing,
 * and no framing (pages show business-sensitive figures); and, when the public address is https,
 * {@code Strict-Transport-Security}, so a browser that has seen it never asks over plain http again.
 */
final class SecurityHeaders implements HttpHandler {

    static final String CSP = "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** A year, the usual minimum for HSTS preload lists. No includeSubDomains: other hosts of the domain are not ours to decide. */
    static final String HSTS = "max-age=31536000";

    private final HttpHandler next;
    private final boolean hsts;

    SecurityHeaders(HttpHandler next, boolean hsts) {
        this.next = next;
        this.hsts = hsts;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        ex.getResponseHeaders().put(HttpString.tryFromString("Content-Security-Policy"), CSP);
        ex.getResponseHeaders().put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        ex.getResponseHeaders().put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        ex.getResponseHeaders().put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        if (hsts) {
            // sent on plain-http answers too: behind a TLS-terminating proxy that is how every answer arrives,
            // and browsers ignore the header on a connection that is not https
            ex.getResponseHeaders().put(HttpString.tryFromString("Strict-Transport-Security"), HSTS);
        }
        next.handleRequest(ex);
    }
}
