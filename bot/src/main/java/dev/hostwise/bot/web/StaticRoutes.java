package dev.hostwise.bot.web;

import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.web.view.PageFrame;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The stylesheet, served as a file so pages need no inline style (the CSP forbids it). */
public final class StaticRoutes implements Routes {

    static final String STYLESHEET = PageFrame.STYLESHEET;

    private final String css = resource("/web/hostwise.css");

    @Override
    public void register(RoutingHandler routing) {
        routing.get(STYLESHEET, ex -> {
            ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=3600");
            HttpResponses.send(ex, 200, "text/css; charset=utf-8", css);
        });
    }

    private static String resource(String path) {
        try (InputStream in = StaticRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
