package dev.hostwise.bot.web;

import static dev.hostwise.bot.web.Html.esc;

import dev.hostwise.bot.render.ConditionRow;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.bot.render.SensitivityRow;
import dev.hostwise.bot.render.SensitivityRows;
import dev.hostwise.bot.store.VerdictSummary;
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
        Verdict v = view.verdict();
        StringBuilder b = new StringBuilder(32_768);

        view.saveProblem().ifPresent(p -> b.append("<p class=\"notice warning\" id=\"not-saved\" role=\"alert\">")
                .append(esc(p)).append("</p>\n"));
        SupersededNotice.page(b, view);

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

        b.append("<section id=\"chart\">\n<h2>Cost per day against requests per day</h2>\n<figure>\n")
                .append(chart.svg(v))
                .append("<figcaption>Self-hosting is bought in whole replicas, so its cost climbs in steps. "
                        + "The break-even with ops is where the orange steps fall below the blue line for good.</figcaption>\n")
                .append("</figure>\n</section>\n");

        sensitivity(b, view);
        HowSureSection.append(b, v, view.linkToken());

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
