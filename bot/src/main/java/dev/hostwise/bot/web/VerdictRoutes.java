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
import dev.hostwise.bot.http.ServerSettings;
import dev.hostwise.bot.store.EvidenceConflictException;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.evidence.LoadTestFileException;
import dev.hostwise.knowledge.evidence.LoadTestImport;
import dev.hostwise.knowledge.evidence.LoadTestPlan;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import java.util.List;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verdict's link and its other forms: {@code GET /v/{token}} (HTML page), {@code .json},
 * {@code .md} (ADR) and {@code .svg} (chart); {@code POST /v/{token}/reevaluate} decides the same
 * scenario again as a new verdict that supersedes this one, and {@code POST /v/{token}/load-test} does so
 * with a load test's result handed back as evidence.
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
        PAGE(""), JSON(".json"), MARKDOWN(".md"), SVG(".svg"), BREAK_EVEN_PNG("-break-even.png"), TORNADO_PNG("-tornado.png"),
        SAVING_PNG("-saving.png");

        final String suffix;

        Form(String suffix) {
            this.suffix = suffix;
        }

        static Form of(String tokenWithSuffix) {
            for (Form f : new Form[] {JSON, MARKDOWN, SVG, BREAK_EVEN_PNG, TORNADO_PNG, SAVING_PNG}) {
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
        routing.post("/v/{token}" + LoadTestUpload.PATH, this::uploadLoadTest);
    }

    /**
     * {@code POST /v/{token}/load-test}: a load test's result handed back on a "Measure first" verdict's
     * page, as the form's multipart upload ({@code result} file, {@code model}, {@code gpu}, {@code gpus},
     * {@code precision}) or as the raw JSON body with those as query parameters (left out, they are the
     * verdict's load-test plan's). A good, comparable result is stored as evidence and the verdict decided
     * again as a new one that supersedes it (303 to its page); a bad one is refused naming each problem
     * (422: the page again for the form, {@code {"errors": [...]}} for a JSON body), and nothing is stored.
     */
    private void uploadLoadTest(HttpServerExchange ex) throws Exception {
        Optional<StoredVerdict> found = verdictToActOn(ex, "load-test");
        if (found.isEmpty()) {
            return;
        }
        StoredVerdict stored = found.get();
        LoadTestPlan plan = stored.verdict().loadTest();
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE)).orElse("")
                .toLowerCase(java.util.Locale.ROOT);
        boolean json = type.startsWith("application/json");
        if (plan == null) {
            refuse(ex, json, stored, null, 409, List.of(stored.id() + " is not a \"Measure first\" verdict, so it asks for no"
                    + " load test; import one with ./hostwise measure import and decide a new scenario"));
            return;
        }
        LoadTestUpload.Submitted submitted;
        if (json) {
            submitted = new LoadTestUpload.Submitted(Requests.bodyBytes(ex), "uploaded.json",
                    orPlan(Requests.queryParam(ex, "model"), plan.model()),
                    orPlan(Requests.queryParam(ex, "gpu"), plan.gpuType() == null ? "" : plan.gpuType()),
                    orPlan(Requests.queryParam(ex, "gpus"), String.valueOf(plan.gpusPerReplica())),
                    orPlan(Requests.queryParam(ex, "precision"), plan.precision().name()));
        } else if (type.startsWith(MultiPartParserDefinition.MULTIPART_FORM_DATA)) {
            submitted = multipart(ex);
        } else {
            refuse(ex, false, stored, null, 415, List.of("send the result as the form's file upload (multipart/form-data) or as"
                    + " the JSON itself (Content-Type: application/json)"));
            return;
        }
        LoadTestUpload asTyped = new LoadTestUpload("/v/" + stored.linkToken() + LoadTestUpload.PATH, submitted.model(), submitted.gpu(),
                submitted.gpus(), submitted.precision(), List.of());
        List<String> problems = new java.util.ArrayList<>();
        int gpus = 0;
        try {
            gpus = Integer.parseInt(submitted.gpus().trim());
        } catch (NumberFormatException e) {
            problems.add("GPUs per replica '" + submitted.gpus() + "' is not a whole number: the GPUs the server spanned, e.g. 2");
        }
        dev.hostwise.knowledge.Precision precision = null;
        if (!submitted.precision().isBlank()) {
            try {
                precision = dev.hostwise.knowledge.Precision.valueOf(submitted.precision().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("precision '" + submitted.precision() + "' is not one of FP16, BF16, FP8, INT8, INT4, FP4, MXFP4");
            }
        }
        if (submitted.file() == null || submitted.file().length == 0) {
            problems.add("no result file came with the form: choose the JSON vllm bench serve --save-result wrote");
        }
        if (!problems.isEmpty()) {
            refuse(ex, json, stored, asTyped, 422, problems);
            return;
        }
        RecordedVerdict again;
        Hostwise.ImportedLoadTest imported;
        try {
            LoadTestImport.Imported read = hostwise.readLoadTest(submitted.file(), submitted.fileName(),
                    new LoadTestImport.Configuration(submitted.model(), submitted.gpu(), gpus, precision));
            // refused before anything is stored when it would not count for this verdict
            hostwise.scenarioFor(stored, read.run());
            imported = hostwise.storeLoadTest(read, Requester.web());
            again = hostwise.reevaluateWithLoadTest(stored, imported.run(), Requester.web());
        } catch (LoadTestFileException e) {
            refuse(ex, json, stored, asTyped, 422, e.problems());
            return;
        } catch (EvidenceConflictException e) {
            refuse(ex, json, stored, asTyped, 422, List.of(e.getMessage()));
            return;
        } catch (InvalidScenarioException e) {
            refuse(ex, json, stored, asTyped, 409, e.errors().stream().map(f -> f.field() + " " + f.message()).toList());
            return;
        } catch (StoreUnavailableException e) {
            LOG.warn("POST /v/{token}/load-test: {}", e.getMessage());
            unavailable(ex, json ? Form.JSON : Form.PAGE);
            return;
        }
        LOG.info("load test {} imported from the page of {} ({})", imported.run().shortId(), stored.id(),
                imported.isNew() ? "new" : "already imported");
        if (again.linkToken().isPresent()) {
            ex.getResponseHeaders().put(Headers.LOCATION, "/v/" + again.linkToken().get());
            HttpResponses.send(ex, 303, "text/plain; charset=utf-8", "load test " + imported.run().shortId()
                    + " imported; decided again as " + again.verdict().id());
            return;
        }
        LOG.warn("re-evaluation of {} with a load test not saved: {}", stored.id(), again.saveProblem().orElse(""));
        HttpResponses.send(ex, 200, "text/html; charset=utf-8",
                page.render(VerdictView.unsaved(again, Requester.web()), settings.formAtRoot()));
    }

    private static String orPlan(String given, String planned) {
        return given == null || given.isBlank() ? planned : given;
    }

    /** The form's parts: the file (kept in memory: the body is at most the server's limit) and the four fields. */
    private static LoadTestUpload.Submitted multipart(HttpServerExchange ex) throws java.io.IOException {
        MultiPartParserDefinition multipart = new MultiPartParserDefinition();
        multipart.setDefaultEncoding("UTF-8");
        multipart.setFileSizeThreshold(ServerSettings.MAX_BODY_BYTES + 1);
        try (FormDataParser parser = FormParserFactory.builder(false).addParsers(multipart).build().createParser(ex)) {
            FormData data = parser.parseBlocking();
            FormData.FormValue file = data.getFirst(LoadTestUpload.FILE_FIELD);
            byte[] bytes = null;
            String name = "uploaded.json";
            if (file != null && file.isFileItem()) {
                try (java.io.InputStream in = file.getFileItem().getInputStream()) {
                    bytes = in.readAllBytes();
                }
                if (file.getFileName() != null && !file.getFileName().isBlank()) {
                    name = java.nio.file.Path.of(file.getFileName().replace('\\', '/')).getFileName().toString();
                }
            } else if (file != null) {
                bytes = file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return new LoadTestUpload.Submitted(bytes, name, field(data, "model"), field(data, "gpu"), field(data, "gpus"),
                    field(data, "precision"));
        }
    }

    private static String field(FormData data, String name) {
        FormData.FormValue v = data.getFirst(name);
        return v == null || v.isFileItem() ? "" : v.getValue();
    }

    /** A refused upload: the page again with the problems above the form, or the JSON error list. */
    private void refuse(HttpServerExchange ex, boolean json, StoredVerdict stored, LoadTestUpload typed, int status,
                        List<String> problems) {
        if (json) {
            HttpResponses.errors(ex, status, problems.stream().map(p -> HttpResponses.problem("loadTest", p)).toList());
            return;
        }
        if (typed == null) {
            // no form to show them in: this verdict asks for no load test
            HttpResponses.send(ex, status, "text/html; charset=utf-8", pages.message(new MessagePageModel(
                    new PageFrame("Cannot import a load test here · Hostwise", settings.formAtRoot()),
                    "This verdict asks for no load test",
                    "The result was not imported, and nothing was stored: " + String.join("; ", problems)
                            + ". Its page is /v/" + stored.linkToken() + ".",
                    List.of())));
            return;
        }
        LoadTestUpload form = new LoadTestUpload(typed.action(), typed.model(), typed.gpu(), typed.gpus(), typed.precision(), problems);
        String html = page.render(view(stored), settings.formAtRoot(), Optional.of(form));
        HttpResponses.send(ex, status, "text/html; charset=utf-8", html);
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
            case JSON -> HttpResponses.send(ex, 200, "application/json; charset=utf-8", servedJson(stored) + "\n");
            case SVG -> HttpResponses.send(ex, 200, "image/svg+xml; charset=utf-8", chart.svg(stored.verdict()));
            case BREAK_EVEN_PNG -> png(ex, charts.breakEvenPng(stored.verdict()));
            case TORNADO_PNG -> charts.tornadoPng(stored.verdict()).ifPresentOrElse(png -> png(ex, png), () -> notFound(ex, form));
            case SAVING_PNG -> charts.savingPng(stored.verdict()).ifPresentOrElse(png -> png(ex, png), () -> notFound(ex, form));
            case MARKDOWN -> {
                ex.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "inline; filename=\"" + stored.id() + ".md\"");
                HttpResponses.send(ex, 200, "text/markdown; charset=utf-8",
                        adr.render(view(stored), settings.link(stored.linkToken())));
            }
            case PAGE -> HttpResponses.send(ex, 200, "text/html; charset=utf-8", page.render(view(stored), settings.formAtRoot()));
        }
    }

    /** The verdict JSON, with {@code supersededBy} when a newer verdict re-decided it (the store knows; the verdict never changes). */
    private String servedJson(StoredVerdict stored) {
        com.fasterxml.jackson.databind.node.ObjectNode node = json.mapper().valueToTree(stored.verdict());
        List<dev.hostwise.bot.store.VerdictSummary> newer = hostwise.store().supersededBy(stored.id());
        if (newer.isEmpty()) {
            return json.write(stored.verdict());
        }
        SupersededNotice.json(node, new VerdictView(stored.verdict(), Optional.of(stored.linkToken()), stored.requester(),
                stored.appVersion(), stored.ruleReasons(), Optional.empty(), newer, Optional.empty(), List.of()));
        try {
            return json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void png(HttpServerExchange ex, byte[] png) {
        ex.setStatusCode(200);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/png");
        ex.getResponseSender().send(java.nio.ByteBuffer.wrap(png));
    }

    /**
     * The verdict a {@code POST /v/{token}/...} acts on; empty once the page has answered for it (no such
     * verdict, or the store is down). Such answers are never cached.
     */
    private Optional<StoredVerdict> verdictToActOn(HttpServerExchange ex, String action) {
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        Optional<StoredVerdict> found;
        try {
            found = hostwise.store().byToken(Requests.pathParam(ex, "token"));
        } catch (StoreUnavailableException e) {
            LOG.warn("POST /v/{token}/{}: {}", action, e.getMessage());
            unavailable(ex, Form.PAGE);
            return Optional.empty();
        }
        if (found.isEmpty()) {
            notFound(ex, Form.PAGE);
        }
        return found;
    }

    private VerdictView view(StoredVerdict stored) {
        return VerdictView.of(stored, hostwise.store());
    }

    private void reevaluate(HttpServerExchange ex) {
        Optional<StoredVerdict> found = verdictToActOn(ex, "reevaluate");
        if (found.isEmpty()) {
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
