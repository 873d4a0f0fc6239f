package dev.hostwise.bot.web;

import dev.hostwise.bot.web.view.CostChartModel;
import dev.hostwise.bot.web.view.FormPageModel;
import dev.hostwise.bot.web.view.MessagePageModel;
import dev.hostwise.bot.web.view.PoolPageModel;
import dev.hostwise.bot.web.view.VerdictPageModel;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Every HTML page, and the chart's SVG, rendered from the templates in {@code bot/src/main/jte}. The
 * jte Maven plugin compiles them to Java classes at build time (package {@value #TEMPLATES}), so there is
 * no template file and no compiler at run time, in tests and in the shaded jar alike. The content type is
 * HTML: every {@code ${...}} is escaped for where it lands (text, attribute), with nothing to remember.
 *
 * <p>One method per page, each taking that page's view record: the record is the template's only
 * {@code @param}, so a template and its caller cannot disagree on what the page shows without a test
 * that renders it failing.
 */
public final class Pages {

    /** Where the plugin puts the compiled templates (bot/pom.xml, jte-maven-plugin's packageName). */
    static final String TEMPLATES = "dev.hostwise.bot.web.templates";

    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(), TEMPLATES);

    /** {@code GET /v/{token}}. */
    public String verdict(VerdictPageModel page) {
        return render("verdict.jte", page, 32_768);
    }

    /** {@code GET /pool}, for admins. */
    public String pool(PoolPageModel page) {
        return render("pool.jte", page, 8_192);
    }

    /** {@code GET /} and a rejected {@code POST /}, when no chat surface is configured. */
    public String scenarioForm(FormPageModel page) {
        return render("scenarioForm.jte", page, 32_768);
    }

    /** A page that says one thing: no such verdict, the store is down, a verdict that cannot be re-evaluated. */
    public String message(MessagePageModel page) {
        return render("message.jte", page, 2_048);
    }

    /** The cost chart alone, as an SVG document ({@code GET /v/{token}.svg}); the verdict page draws the same template inline. */
    public String costChart(CostChartModel chart) {
        return render("costChart.jte", chart, 16_384);
    }

    private String render(String template, Object model, int sizeHint) {
        StringOutput out = new StringOutput(sizeHint);
        engine.render(template, model, out);
        return out.toString();
    }
}
