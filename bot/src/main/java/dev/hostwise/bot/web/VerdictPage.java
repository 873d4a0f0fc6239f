package dev.hostwise.bot.web;

import static dev.hostwise.bot.web.Html.esc;

import dev.hostwise.bot.render.ConditionRow;
import dev.hostwise.bot.render.ConfigurationSearchView;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.bot.render.SensitivityRow;
import dev.hostwise.bot.render.SensitivityRows;
import dev.hostwise.bot.store.VerdictSummary;
import dev.hostwise.knowledge.evidence.LoadTestPlan;
import dev.hostwise.rules.FiredRule;
import dev.hostwise.rules.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The verdict as an HTML page ({@code GET /v/{token}}): the recommendation, the policy's conditions,
 * the reasons, the chart, every figure with its formula, the caveats, and the rules that fired with
 * their reasons. Figures come from {@link FigureRows}; nothing is recomputed here.
 */
public final class VerdictPage {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final CostChart chart = new CostChart();

    public String render(VerdictView view, boolean homeLink) {
        return render(view, homeLink, view.linkToken().filter(t -> view.verdict().loadTest() != null)
                .map(t -> LoadTestUpload.of(t, view.verdict().loadTest())));
    }

    /**
     * @param upload the load-test upload form, as pre-filled or as last submitted with its problems; empty
     *               for a verdict that asks for no load test, or could not be saved (nothing to supersede)
     */
    public String render(VerdictView view, boolean homeLink, java.util.Optional<LoadTestUpload> upload) {
        Verdict v = view.verdict();
        StringBuilder b = new StringBuilder(32_768);

        view.saveProblem().ifPresent(p -> b.append("<p class=\"notice warning\" id=\"not-saved\" role=\"alert\">")
                .append(esc(p)).append("</p>\n"));
        if (!view.supersededBy().isEmpty()) {
            VerdictSummary newest = view.supersededBy().get(view.supersededBy().size() - 1);
            b.append("<p class=\"notice superseded\" role=\"status\">Superseded: this verdict was re-evaluated as ")
                    .append(link(newest)).append(" on ").append(esc(WHEN.format(newest.createdAt())))
                    .append(" (rules ").append(esc(newest.rulesRevision())).append(").</p>\n");
        }

        b.append("<section class=\"verdict-head rec-").append(esc(v.recommendation().name().toLowerCase(Locale.ROOT).replace('_', '-')))
                .append("\">\n<p class=\"verdict-id\">Verdict <strong id=\"verdict-id\">").append(esc(v.id())).append("</strong></p>\n")
                .append("<h1 id=\"recommendation\" data-recommendation=\"").append(esc(v.recommendation().name())).append("\">")
                .append(esc(v.recommendation().headline())).append("</h1>\n");
        if (!v.reasons().isEmpty()) {
            b.append("<p class=\"lead\">").append(esc(v.reasons().get(0))).append("</p>\n");
        }
        b.append("</section>\n");

        meta(b, view);
        changes(b, view);

        b.append("<section id=\"conditions\">\n<h2>Conditions <span class=\"sub\">self-host only when ")
                .append(esc(PolicyWords.all(v.conditions().size()))).append(" hold</span></h2>\n")
                .append("<ul class=\"conditions\">\n");
        for (ConditionRow r : ConditionRow.of(v)) {
            b.append("<li class=\"condition ").append(r.holds() ? "holds" : "fails").append("\" id=\"condition-")
                    .append(esc(r.anchor())).append("\"><span class=\"mark\" aria-hidden=\"true\">")
                    .append(r.holds() ? "✓" : "✗").append("</span> <strong>").append(esc(r.name())).append("</strong> <span class=\"state\">")
                    .append(r.holds() ? "holds" : "does not hold").append("</span><p>").append(esc(r.reason())).append("</p></li>\n");
        }
        b.append("</ul>\n</section>\n");

        if (v.reasons().size() > 1) {
            list(b, "why", "Why", v.reasons().subList(1, v.reasons().size()));
        }

        loadTest(b, v, upload);
        configurationSearch(b, v);

        b.append("<section id=\"chart\">\n<h2>Cost per day against requests per day</h2>\n<figure>\n")
                .append(chart.svg(v))
                .append("<figcaption>Self-hosting is bought in whole replicas, so its cost climbs in steps. "
                        + "The break-even with ops is where the orange steps fall below the blue line for good.</figcaption>\n")
                .append("</figure>\n</section>\n");

        sensitivity(b, view);

        b.append("<section id=\"figures\">\n<h2>Figures</h2>\n<table class=\"figures\">\n<thead><tr><th scope=\"col\">Figure</th>"
                + "<th scope=\"col\">Value</th><th scope=\"col\">How it is computed</th></tr></thead>\n<tbody>\n");
        for (FigureRow r : FigureRows.of(v.figures())) {
            b.append("<tr id=\"figure-").append(esc(r.name())).append("\"><th scope=\"row\">").append(esc(r.label()))
                    .append("<code>").append(esc(r.name())).append("</code></th><td class=\"value\">").append(esc(r.value()))
                    .append("</td><td class=\"formula\">").append(esc(r.formula())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");

        list(b, "caveats", "Caveats", v.caveats());

        b.append("<section id=\"fired-rules\">\n<h2>Rules that fired</h2>\n<ol class=\"rules\">\n");
        List<FiredRule> fired = v.firedRules();
        for (int i = 0; i < fired.size(); i++) {
            FiredRule f = fired.get(i);
            String reason = view.reasonOf(i);
            b.append("<li><span class=\"rule-file\">").append(esc(f.file())).append("</span> <strong class=\"rule-name\">")
                    .append(esc(f.rule())).append("</strong>");
            if (!reason.isEmpty()) {
                b.append("<p class=\"rule-reason\">").append(esc(reason)).append("</p>");
            }
            b.append("</li>\n");
        }
        b.append("</ol>\n</section>\n");

        scenario(b, v);

        view.linkToken().ifPresent(token -> b.append("<section id=\"actions\" class=\"actions\">\n<h2>Use this verdict</h2>\n")
                .append("<p><a href=\"/v/").append(esc(token)).append(".md\" download=\"").append(esc(v.id()))
                .append(".md\">Architecture Decision Record (Markdown)</a> · <a href=\"/v/").append(esc(token))
                .append(".json\">Verdict JSON</a> · <a href=\"/v/").append(esc(token)).append(".svg\">Chart (SVG)</a></p>\n")
                .append("<form method=\"post\" action=\"/v/").append(esc(token)).append("/reevaluate\">")
                .append("<button type=\"submit\">Re-evaluate on the current rules and catalog</button> ")
                .append("<span class=\"hint\">This verdict stays as it is; the new one links back to it.</span></form>\n")
                .append("</section>\n"));

        return PageLayout.page(v.id() + " · " + v.recommendation().headline() + " · Hostwise", homeLink, b.toString());
    }

    /**
     * The configuration search, when the verdict chose its own hardware: the configuration chosen, the
     * runners-up (those passed over on thinner evidence marked), and why the others lost. One self-contained
     * section drawn from {@link ConfigurationSearchView}, nothing recomputed.
     */
    private static void configurationSearch(StringBuilder b, Verdict v) {
        ConfigurationSearchView.of(v).ifPresent(view -> {
            b.append("<section id=\"configuration-search\">\n<h2>Configuration search</h2>\n<p class=\"lead\">")
                    .append(esc(view.summary())).append(".</p>\n")
                    .append("<table class=\"figures search\">\n<thead><tr><th scope=\"col\"></th><th scope=\"col\">Configuration</th>")
                    .append("<th scope=\"col\">$ per day</th><th scope=\"col\">Replicas</th><th scope=\"col\">Batch</th>")
                    .append("<th scope=\"col\">Per request</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
            searchRow(b, "Chosen", "chosen", view.chosen());
            for (ConfigurationSearchView.Row r : view.shownRunnersUp()) {
                searchRow(b, "Runner-up", r.passedOver() ? "runner-up passed-over" : "runner-up", r);
            }
            b.append("</tbody>\n</table>\n");
            if (!view.lost().isEmpty()) {
                b.append("<h3>Why the others lost</h3>\n<ul class=\"search-losses\">\n");
                for (ConfigurationSearchView.LossRow l : view.lost()) {
                    b.append("<li><strong>").append(esc(l.reason())).append("</strong>: ").append(l.count());
                    if (!l.examples().isEmpty()) {
                        b.append(" <span class=\"hint\">(e.g. ").append(esc(String.join("; ", l.examples()))).append(")</span>");
                    }
                    b.append("</li>\n");
                }
                b.append("</ul>\n");
            }
            view.evidenceNote().ifPresent(n -> b.append("<p class=\"hint\" id=\"search-evidence-note\">").append(esc(n)).append("</p>\n"));
            b.append("</section>\n");
        });
    }

    private static void searchRow(StringBuilder b, String role, String css, ConfigurationSearchView.Row r) {
        b.append("<tr class=\"").append(css).append("\"><th scope=\"row\">").append(esc(role)).append("</th><td><strong>")
                .append(esc(r.configuration())).append("</strong><span class=\"hint\"> ").append(esc(r.gpuName())).append("</span>");
        if (!r.note().isEmpty()) {
            b.append("<p class=\"hint\">").append(esc(r.note())).append("</p>");
        }
        b.append("</td><td class=\"value\">").append(esc(r.perDay())).append("</td><td class=\"value\">").append(r.replicas())
                .append("</td><td class=\"value\">").append(r.batch()).append("</td><td class=\"value\">")
                .append(esc(r.secondsPerRequest())).append("</td><td>").append(esc(r.evidence()));
        if (!r.evidenceNotes().isEmpty()) {
            b.append("<p class=\"hint\">").append(esc(String.join("; ", r.evidenceNotes()))).append("</p>");
        }
        b.append("</td></tr>\n");
    }

    /**
     * For "Measure first": the load test that would settle it (the commands, filled in from the scenario),
     * and a form to hand its result back, which decides again as a new verdict superseding this one.
     */
    private static void loadTest(StringBuilder b, Verdict v, java.util.Optional<LoadTestUpload> upload) {
        LoadTestPlan plan = v.loadTest();
        if (plan == null) {
            return;
        }
        b.append("<section id=\"load-test\">\n<h2>Load test to run</h2>\n<p class=\"lead\">")
                .append(esc(String.format(Locale.ROOT, "%s on %d x %s at %s: %d requests in flight, %,d prompt and %,d completion"
                                + " tokens, %,d requests. Run these, then hand the result back below (or with the last command).",
                        plan.model(), plan.gpusPerReplica(), plan.gpuType() == null ? "your GPU" : plan.gpuType(), plan.precision(),
                        plan.concurrency(), plan.inputTokens(), plan.outputTokens(), plan.prompts())))
                .append("</p>\n");
        if (!plan.notes().isEmpty()) {
            b.append("<ul>\n");
            plan.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("<pre class=\"commands\"><code>");
        for (String command : plan.commands()) {
            b.append(esc(command)).append('\n');
        }
        b.append("</code></pre>\n");
        upload.ifPresent(form -> {
            b.append("<h3>Hand the result back</h3>\n");
            if (!form.problems().isEmpty()) {
                b.append("<div class=\"notice error\" id=\"load-test-problems\" role=\"alert\"><p>The result was not imported,"
                        + " and nothing was stored:</p>\n<ul>\n");
                form.problems().forEach(p -> b.append("<li>").append(esc(p)).append("</li>\n"));
                b.append("</ul></div>\n");
            }
            b.append("<form class=\"scenario-form load-test-upload\" method=\"post\" action=\"").append(esc(form.action()))
                    .append("\" enctype=\"multipart/form-data\">\n");
            uploadField(b, "result", "Result file", "<input type=\"file\" id=\"result\" name=\"" + LoadTestUpload.FILE_FIELD
                    + "\" accept=\".json,application/json\" required>", "The JSON vllm bench serve --save-result wrote (up to 256 KB:"
                    + " save it without --save-detailed).");
            uploadField(b, "model", "Open model", input("model", form.model()), "The catalog ID of the model it served.");
            uploadField(b, "gpu", "GPU type", input("gpu", form.gpu()), "The catalog ID of the GPU it ran on, e.g. h100-80gb.");
            uploadField(b, "gpus", "GPUs per replica", "<input type=\"number\" id=\"gpus\" name=\"gpus\" min=\"1\" max=\"64\" value=\""
                    + esc(form.gpus()) + "\" required>", "GPUs the server spanned (its tensor-parallel size).");
            uploadField(b, "precision", "Precision", input("precision", form.precision()), "FP16, BF16, FP8, INT8, INT4, FP4 or MXFP4.");
            b.append("<button type=\"submit\">Import and decide again</button> <span class=\"hint\">The result is stored as"
                    + " evidence and this verdict is decided again as a new one that supersedes it.</span>\n</form>\n");
        });
        b.append("</section>\n");
    }

    private static String input(String name, String value) {
        return "<input type=\"text\" id=\"" + name + "\" name=\"" + name + "\" value=\"" + esc(value) + "\" required>";
    }

    private static void uploadField(StringBuilder b, String id, String label, String control, String hint) {
        b.append("<div class=\"field\"><label for=\"").append(id).append("\">").append(esc(label)).append("</label>")
                .append(control).append("<p class=\"hint\">").append(esc(hint)).append("</p></div>\n");
    }

    /** After a re-evaluation: what the current rules and catalog changed, against the verdict this one supersedes. */
    private static void changes(StringBuilder b, VerdictView view) {
        view.supersedes().ifPresent(old -> {
            b.append("<section id=\"changes\">\n<h2>What changed since ").append(link(old)).append("</h2>\n");
            if (view.changes().isEmpty()) {
                b.append("<p>Nothing: the same inputs give the same verdict and figures on today's rules and catalog.</p>\n");
            } else {
                b.append("<table class=\"figures\">\n<thead><tr><th scope=\"col\">What</th><th scope=\"col\">Before</th>")
                        .append("<th scope=\"col\">Now</th></tr></thead>\n<tbody>\n");
                for (var c : view.changes()) {
                    b.append("<tr><th scope=\"row\">").append(esc(c.what())).append("</th><td>").append(esc(c.before()))
                            .append("</td><td>").append(esc(c.after())).append("</td></tr>\n");
                }
                b.append("</tbody>\n</table>\n");
            }
            b.append("</section>\n");
        });
    }

    /** Which input would flip the cost case, and the tornado of daily savings at ±50% of each. */
    private static void sensitivity(StringBuilder b, VerdictView view) {
        List<SensitivityRow> rows = SensitivityRows.of(view.verdict());
        if (rows.isEmpty()) {
            return;
        }
        b.append("<section id=\"sensitivity\">\n<h2>What would flip the cost case</h2>\n<table class=\"figures sensitivity\">\n")
                .append("<thead><tr><th scope=\"col\">Input</th><th scope=\"col\">Now</th><th scope=\"col\">Flips at</th>")
                .append("<th scope=\"col\">Daily saving at −50% / +50%</th></tr></thead>\n<tbody>\n");
        for (SensitivityRow r : rows) {
            b.append("<tr id=\"sensitivity-").append(esc(r.input())).append("\"><th scope=\"row\">").append(esc(r.label()))
                    .append("<code>").append(esc(r.input())).append("</code><p class=\"hint\">").append(esc(r.sentence()))
                    .append("</p></th><td class=\"value\">").append(esc(r.now())).append("</td><td class=\"value flip-at\">")
                    .append(esc(r.flipAt())).append("</td><td class=\"value\">").append(esc(r.low())).append(" / ")
                    .append(esc(r.high())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        view.linkToken().ifPresent(token -> b.append("<figure><img class=\"chart\" src=\"/v/").append(esc(token))
                .append("-tornado.png\" width=\"800\" height=\"480\" alt=\"Tornado chart: the daily saving from self-hosting ")
                .append("with each input at half and one and a half times its value\"></figure>\n"));
        b.append("</section>\n");
    }

    private static void meta(StringBuilder b, VerdictView view) {
        Verdict v = view.verdict();
        b.append("<dl class=\"meta\">\n");
        item(b, "Decided", esc(WHEN.format(v.createdAt())));
        item(b, "Asked from", esc(view.askedBy()));
        item(b, "Rules revision", "<code id=\"rules-revision\">" + esc(v.rulesRevision()) + "</code>");
        item(b, "Catalog date", "<span id=\"catalog-date\">" + esc(v.catalogDate()) + "</span>");
        item(b, "Hostwise version", esc(view.appVersion()));
        view.supersedes().ifPresent(s -> item(b, "Supersedes", link(s)));
        if (!view.supersededBy().isEmpty()) {
            item(b, "Superseded by", String.join(", ", view.supersededBy().stream().map(VerdictPage::link).toList()));
        }
        b.append("</dl>\n");
    }

    private static void item(StringBuilder b, String term, String html) {
        b.append("<div><dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd></div>\n");
    }

    private static String link(VerdictSummary s) {
        return "<a href=\"/v/" + esc(s.linkToken()) + "\">" + esc(s.id()) + "</a>";
    }

    private static void list(StringBuilder b, String id, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n<ul>\n");
        for (String item : items) {
            b.append("<li>").append(esc(item)).append("</li>\n");
        }
        b.append("</ul>\n</section>\n");
    }

    /** The inputs exactly as decided, defaults filled in: what a reviewer checks first. */
    private static void scenario(StringBuilder b, Verdict v) {
        b.append("<section id=\"scenario\">\n<h2>Inputs</h2>\n<table class=\"scenario\">\n<tbody>\n");
        ScenarioValues.of(v.scenario()).forEach((name, value) -> b.append("<tr><th scope=\"row\"><code>").append(esc(name))
                .append("</code></th><td>").append(esc(value)).append("</td></tr>\n"));
        b.append("</tbody>\n</table>\n</section>\n");
    }
}
