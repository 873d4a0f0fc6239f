package dev.hostwise.bot.web;

import dev.hostwise.bot.http.Requests;
import dev.hostwise.bot.http.HttpResponses;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.VerdictJson;
import dev.hostwise.bot.render.charts.VerdictCharts;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.bot.web.view.MessagePageModel;
import dev.hostwise.bot.web.view.PageFrame;
import dev.hostwise.knowledge.InvalidScenarioException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verdict's link and its other forms: {@code GET /v/{token}} (HTML page), {@code .json},
 * {@code .md} (ADR) and {@code .svg} (chart); {@code POST /v/{token}/reevaluate} decides the same
 * scenario again as a new verdict that supersedes this one.
 */
public final class VerdictRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictRoutes.class);

    private final Hostwise hostwise;
    private final WebSettings settings;
    private final Pages pages = new Pages();
    private final VerdictPage page = new VerdictPage(pages);
    private final VerdictAdr adr = new VerdictAdr();
    private final CostChart chart = new CostChart(pages);
    private final VerdictCharts charts = new VerdictCharts();
    private final VerdictJson json = new VerdictJson();

    public VerdictRoutes(Hostwise hostwise, WebSettings settings) {
        this.hostwise = hostwise;
        this.settings = settings;
    }

    /** The forms a verdict is served in, by the suffix of its link. */
    private enum Form {
        PAGE(""), JSON(".json"), MARKDOWN(".md"), SVG(".svg"), BREAK_EVEN_PNG("-break-even.png"), TORNADO_PNG("-tornado.png");

        final String suffix;

        Form(String suffix) {
            this.suffix = suffix;
        }

        static Form of(String tokenWithSuffix) {
            for (Form f : new Form[] {JSON, MARKDOWN, SVG, BREAK_EVEN_PNG, TORNADO_PNG}) {
                if (tokenWithSuffix.endsWith(f.suffix)) {
                    return f;
                }
            }
            return PAGE;
        }
    }

    @Override
    public void register(RoutingHandler routing) {
        routing.get("/v/{token}", this::show);
        routing.post("/v/{token}/reevaluate", this::reevaluate);
    }

    private void show(HttpServerExchange ex) {
        String raw = Requests.pathParam(ex, "token");
        Form form = Form.of(raw);
        String token = raw.substring(0, raw.length() - form.suffix.length());
        // the page shows business-sensitive inputs: no shared caches, no search engines
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("X-Robots-Tag"), "noindex, nofollow");
        Optional<StoredVerdict> found;
        try {
            found = hostwise.store().byToken(token);
        } catch (StoreUnavailableException e) {
            // the path holds the link token, which is as good as the verdict: it stays out of the log
            LOG.warn("GET /v/{token}: {}", e.getMessage());
            unavailable(ex, form);
            return;
        }
        if (found.isEmpty()) {
            notFound(ex, form);
            return;
        }
        StoredVerdict stored = found.get();
        switch (form) {
            case JSON -> HttpResponses.send(ex, 200, "application/json; charset=utf-8", json.write(stored.verdict()) + "\n");
            case SVG -> HttpResponses.send(ex, 200, "image/svg+xml; charset=utf-8", chart.svg(stored.verdict()));
            case BREAK_EVEN_PNG -> png(ex, charts.breakEvenPng(stored.verdict()));
            case TORNADO_PNG -> charts.tornadoPng(stored.verdict()).ifPresentOrElse(png -> png(ex, png), () -> notFound(ex, form));
            case MARKDOWN -> {
                ex.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "inline; filename=\"" + stored.id() + ".md\"");
                HttpResponses.send(ex, 200, "text/markdown; charset=utf-8",
                        adr.render(view(stored), settings.link(stored.linkToken())));
            }
            case PAGE -> HttpResponses.send(ex, 200, "text/html; charset=utf-8", page.render(view(stored), settings.formAtRoot()));
        }
    }

    private static void png(HttpServerExchange ex, byte[] png) {
        ex.setStatusCode(200);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/png");
        ex.getResponseSender().send(java.nio.ByteBuffer.wrap(png));
    }

    private VerdictView view(StoredVerdict stored) {
        return VerdictView.of(stored, hostwise.store());
    }

    private void reevaluate(HttpServerExchange ex) {
        String token = Requests.pathParam(ex, "token");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        Optional<StoredVerdict> found;
        try {
            found = hostwise.store().byToken(token);
        } catch (StoreUnavailableException e) {
            LOG.warn("POST /v/{token}/reevaluate: {}", e.getMessage());
            unavailable(ex, Form.PAGE);
            return;
        }
        if (found.isEmpty()) {
            notFound(ex, Form.PAGE);
            return;
        }
        RecordedVerdict again;
        try {
            again = hostwise.reevaluate(found.get(), Requester.web());
        } catch (InvalidScenarioException e) {
            // e.g. the catalog no longer lists the verdict's open model or GPU type
            HttpResponses.send(ex, 409, "text/html; charset=utf-8", pages.message(new MessagePageModel(
                    new PageFrame("Cannot re-evaluate · Hostwise", settings.formAtRoot()),
                    "This verdict cannot be decided on today's catalog",
                    "Its inputs no longer read as a scenario; the verdict itself is unchanged. Decide a new "
                            + "scenario with values the catalog lists today.",
                    e.errors().stream().map(f -> new MessagePageModel.FieldProblem(f.field(), f.message())).toList())));
            return;
        }
        if (again.linkToken().isPresent()) {
            ex.getResponseHeaders().put(Headers.LOCATION, "/v/" + again.linkToken().get());
            HttpResponses.send(ex, 303, "text/plain; charset=utf-8", "re-evaluated as " + again.verdict().id());
            return;
        }
        LOG.warn("re-evaluation of {} not saved: {}", found.get().id(), again.saveProblem().orElse(""));
        HttpResponses.send(ex, 200, "text/html; charset=utf-8",
                page.render(VerdictView.unsaved(again, Requester.web()), settings.formAtRoot()));
    }

    private void notFound(HttpServerExchange ex, Form form) {
        String message = "There is no verdict at this link. Check that the whole link was copied; "
                + "links are long on purpose, because a verdict's inputs are business-sensitive.";
        switch (form) {
            case JSON -> HttpResponses.error(ex, 404, message);
            case PAGE -> HttpResponses.send(ex, 404, "text/html; charset=utf-8", message("No such verdict", message));
            default -> HttpResponses.send(ex, 404, "text/plain; charset=utf-8", message + "\n");
        }
    }

    private void unavailable(HttpServerExchange ex, Form form) {
        ex.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
        // the details (database host, driver message) go to the log, not to whoever holds the link
        String message = "The verdict store cannot be reached right now, so this verdict cannot be shown. Try again in a minute.";
        switch (form) {
            case JSON -> HttpResponses.error(ex, 503, message);
            case PAGE -> HttpResponses.send(ex, 503, "text/html; charset=utf-8", message("Verdict store unavailable", message));
            default -> HttpResponses.send(ex, 503, "text/plain; charset=utf-8", message + "\n");
        }
    }

    /** A page with a heading and one paragraph, titled by its heading. */
    private String message(String heading, String lead) {
        return pages.message(new MessagePageModel(new PageFrame(heading + " · Hostwise", settings.formAtRoot()), heading, lead,
                java.util.List.of()));
    }
}
