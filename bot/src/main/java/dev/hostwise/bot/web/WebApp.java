package dev.hostwise.bot.web;

import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.metrics.ActiveRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The web surface's routes for the shared server: verdict pages, the JSON API, the stylesheet, status and
 * metrics, which always run, and the scenario form at {@code /} when no chat surface is configured. Chat
 * surfaces add their own routes beside these.
 */
public final class WebApp {

    private WebApp() {
    }

    public static List<Routes> routes(Hostwise hostwise, WebSettings settings) {
        List<Routes> routes = new ArrayList<>();
        routes.add(new StaticRoutes());
        routes.add(new VerdictRoutes(hostwise, settings));
        routes.add(new VerdictApiRoutes(hostwise, settings));
        routes.add(new PoolRoutes(hostwise, settings));
        routes.add(new StatusRoutes(hostwise, hostwise.reloader()));
        ActiveRules.track(hostwise);
        routes.add(new MetricsRoutes(hostwise.metrics()));
        if (settings.formAtRoot()) {
            routes.add(new LocalFormRoutes(hostwise));
        }
        return routes;
    }
}
