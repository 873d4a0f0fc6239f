package dev.hostwise.bot.web;

import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.Hostwise;
import java.util.ArrayList;
import java.util.List;

/**
 * The web front end's routes for the shared server: verdict pages, the JSON API, the stylesheet, status, metrics,
 * and in local mode the scenario form at {@code /}. The Slack app adds its own routes beside these.
 */
public final class WebApp {

    private WebApp() {
    }

    public static List<Routes> routes(Hostwise hostwise, WebSettings settings) {
        List<Routes> routes = new ArrayList<>();
        routes.add(new StaticRoutes());
        routes.add(new VerdictRoutes(hostwise, settings));
        routes.add(new VerdictApiRoutes(hostwise, settings));
        routes.add(new StatusRoutes(hostwise, hostwise.reloader()));
        routes.add(new MetricsRoutes(hostwise.metrics()));
        if (settings.localMode()) {
            routes.add(new LocalFormRoutes(hostwise));
        }
        return routes;
    }
}
