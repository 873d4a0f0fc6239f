package dev.hostwise.bot.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Refuses request bodies over the limit with 413 before reading them. Undertow's own
 * {@code MAX_ENTITY_SIZE} (set on the server too) stops chunked bodies that grow past it.
 */
final class BodyLimit implements HttpHandler {

    private final HttpHandler next;
    private final long maxBytes;

    BodyLimit(HttpHandler next, long maxBytes) {
        this.next = next;
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String length = ex.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                HttpResponses.error(ex, 400, "Content-Length is not a number");
                return;
            }
            if (n > maxBytes) {
                HttpResponses.error(ex, 413, "the request body is " + n + " bytes; the limit is " + maxBytes);
                return;
            }
        }
        next.handleRequest(ex);
    }
}
