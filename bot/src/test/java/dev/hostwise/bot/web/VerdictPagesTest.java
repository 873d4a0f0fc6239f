package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.rules.Verdict;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict's link in its four forms, over real HTTP, from the real store. */
class VerdictPagesTest {

    @TempDir
    Path dataDir;

    private WebFixture web;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), true);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private String create(String scenarioJson) throws Exception {
        HttpResponse<String> r = web.postJson("/api/v1/verdicts", scenarioJson);
        assertThat(r.statusCode()).isEqualTo(201);
        return WebFixture.pathOf(json.readTree(r.body()).get("link").asText());
    }

    /** Text as the page's templates escape it in an element's content: {@code & < >} (quotes need no escaping there). */
    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private StoredVerdict stored(String path) {
        return web.hostwise().store().byToken(path.substring(path.lastIndexOf('/') + 1)).orElseThrow();
    }

    @Test
    void thePageShowsTheRecommendationConditionsFiguresChartCaveatsAndRules() throws Exception {
        String path = create(VerdictApiTest.SCENARIO);
        Verdict v = stored(path).verdict();

        HttpResponse<String> r = web.get(path);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        String page = r.body();
        assertThat(page).contains("<h1 id=\"recommendation\" data-recommendation=\"HOSTED_API\">Stay on the hosted API</h1>",
                v.id(), v.rulesRevision(), v.catalogDate().toString(), "the API");
        assertThat(page).contains("id=\"condition-volume\"", "id=\"condition-quality\"", "id=\"condition-privacy\"",
                "does not hold", "Self-hosting starts to pay at about 190,667 requests a day.");
        for (FigureRow row : FigureRows.of(v.figures())) {
            assertThat(page).contains("<code>" + row.name() + "</code>", ">" + text(row.value()) + "<");
        }
        assertThat(page).contains("Throughput of 4 requests per second per replica is a guess.");
        assertThat(page).contains("Volume fails when the hosted API costs no more than self-hosting all-in",
                "Below the break-even volume the fixed cost of GPUs and on-call outweighs");
        assertThat(page).contains("<svg", "id=\"break-even\"", "Break-even, GPUs + ops: 190,667 req/day",
                "id=\"your-volume\"", "Your volume: 100,000 req/day");
        assertThat(page).contains("<link rel=\"stylesheet\" href=\"/static/hostwise.css\">");
        // the CSP allows neither inline script nor inline style, so the page must not need them
        assertThat(page).doesNotContain("<script", " style=", "<style", "javascript:", "onclick", "onerror");
    }

    @Test
    void thePageSaysWhichInputWouldFlipTheCostCaseWithATornadoChart() throws Exception {
        String path = create(VerdictApiTest.SCENARIO);
        String page = web.get(path).body();
        assertThat(page).contains("<section id=\"sensitivity\">", "What would flip the cost case", "id=\"sensitivity-requestsPerSecond\"")
                .contains("src=\"" + path + "-tornado.png\"");
        for (String chart : new String[] {"-tornado.png", "-break-even.png"}) {
            HttpResponse<byte[]> png = web.getBytes(path + chart);
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
            assertThat(img.getWidth()).isEqualTo(800);
        }
    }

    @Test
    void thePageSaysHowSureTheCostCaseIsWithAHistogramOfTheSaving() throws Exception {
        String path = create(VerdictApiTest.SCENARIO);
        Verdict v = stored(path).verdict();
        String page = web.get(path).body();
        assertThat(page).contains("<section id=\"how-sure\">", "10,000 plausible cases, seeded",
                esc(dev.hostwise.bot.render.HowSure.line(v).orElseThrow()), "src=\"" + path + "-saving.png\"");
        // every range drawn, with where it came from
        for (var r : v.probabilities().ranges()) {
            assertThat(page).contains("id=\"how-sure-" + r.input() + "\"", esc(r.basis()));
        }
        assertThat(page).contains("class=\"strongest\"", "<strong>VOLUME</strong> holds in");
        HttpResponse<byte[]> png = web.getBytes(path + "-saving.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body())).getWidth()).isEqualTo(800);
    }

    /** Text as the templates write it into an element: jte's own escaping. */
    private static String esc(String text) {
        gg.jte.output.StringOutput out = new gg.jte.output.StringOutput();
        gg.jte.html.escape.Escape.htmlContent(text, out);
        return out.toString();
    }

    @Test
    void theStylesheetIsServedAsAFile() throws Exception {
        HttpResponse<String> css = web.get("/static/hostwise.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
        assertThat(css.body()).contains(".verdict-head");
    }

    @Test
    void theJsonIsTheVerdictContractAndTheSvgIsTheChart() throws Exception {
        String path = create(VerdictApiTest.SCENARIO);
        HttpResponse<String> r = web.get(path + ".json");
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        JsonNode v = json.readTree(r.body());
        assertThat(v.fieldNames()).toIterable().containsExactly("id", "createdAt", "recommendation", "conditions", "figures",
                "sensitivity", "probabilities", "reasons", "caveats", "firedRules", "rulesRevision", "catalogDate", "scenario");

        HttpResponse<String> svg = web.get(path + ".svg");
        assertThat(svg.headers().firstValue("Content-Type")).contains("image/svg+xml; charset=utf-8");
        assertThat(svg.body()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("id=\"break-even\"");
    }

    @Test
    void textFromSlackCannotBreakOutOfTheAdrFrontMatter() throws Exception {
        // IDs as a crafted request could carry them: a quote, line breaks of every kind YAML knows, a document
        // marker and keys of its own, a tab, a control character and a byte-order mark
        String user = "U1\"\nstatus: accepted\r\n---\n# pwned";
        String channel = "C1\u2028deciders: [mallory]\u0085\u2029...\u0007\t\ufeff\\";
        RecordedVerdict r = web.hostwise().decideFor(web.hostwise().reader().fromJson(VerdictApiTest.SCENARIO),
                Requester.chat(Platform.SLACK, "T1", channel, user));
        String md = web.get("/v/" + r.linkToken().orElseThrow() + ".md").body();

        assertThat(md).startsWith("---\nstatus: proposed\ndate: ");
        String frontMatter = md.substring(4, md.indexOf("\n---\n", 4));
        assertThat(frontMatter.lines()).hasSize(3);
        JsonNode yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(frontMatter);
        assertThat(yaml.fieldNames()).toIterable().containsExactly("status", "date", "deciders");
        assertThat(yaml.get("status").asText()).isEqualTo("proposed");
        assertThat(yaml.get("deciders").asText()).isEqualTo("asked from Slack user " + user + " in channel " + channel
                + " (workspace T1); decided by Hostwise verdict " + r.verdict().id());
        // and the document goes on with the ADR's own title, not the injected one
        assertThat(md.substring(md.indexOf("\n---\n", 4) + 5)).startsWith("\n# Stay on the hosted API");
    }

    @Test
    void theMarkdownIsAnAdrAReviewerCanPasteIntoDocsAdr() throws Exception {
        String path = create(VerdictApiTest.SCENARIO);
        Verdict v = stored(path).verdict();

        HttpResponse<String> r = web.get(path + ".md");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/markdown; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Disposition")).contains("inline; filename=\"" + v.id() + ".md\"");
        String md = r.body();
        assertThat(md).startsWith("---\nstatus: proposed\ndate: " + v.createdAt().toString().substring(0, 10)
                + "\ndeciders: \"asked from the API; decided by Hostwise verdict " + v.id() + "\"\n---\n\n# Stay on the hosted API");
        assertThat(md.lines().filter(l -> l.startsWith("## ") || l.startsWith("### ")).toList()).containsExactly(
                "## Context and Problem Statement", "## Decision Drivers", "## Considered Options", "## Decision Outcome",
                "### Consequences", "### Confirmation", "## More Information", "### What would flip the cost case",
                "### How sure the cost case is", "### Figures", "### Rules that fired");
        assertThat(md).contains(dev.hostwise.bot.render.HowSure.line(v).orElseThrow(),
                "![Daily saving across the plausible cases](" + web.settings().baseUrl() + path + "-saving.png)",
                "| `requestsPerSecond` Throughput per replica, requests per second | 2 to 6 (most likely 4) | a guess: ±50% (Hostwise's default) |");
        assertThat(md).contains("Self-hosting wins only if the", "![Break-even chart](" + web.settings().baseUrl() + path + "-break-even.png)",
                "![Tornado chart](" + web.settings().baseUrl() + path + "-tornado.png)");
        assertThat(md).contains("* **VOLUME** does not hold:", "* **QUALITY** holds:", "* **PRIVACY** holds:");
        assertThat(md).contains("* Self-host an open model: $428.80 a day all-in", "* Stay on the hosted API: $240.00 a day");
        assertThat(md).contains("Chosen option: \"Stay on the hosted API\", because 2 of the three conditions hold");
        assertThat(md).contains("Load-test our real prompts on the real GPU");
        assertThat(md).contains("* Verdict: **" + v.id() + "**, " + web.settings().baseUrl() + path,
                "* Rules revision: `" + v.rulesRevision() + "`", "* Catalog date: " + v.catalogDate());
        assertThat(md).contains("| `breakEvenRequestsPerDayWholeReplicas` Break-even in whole replicas | 190,667 req/day |");
    }

    @Test
    void anUnknownLinkIs404InEveryForm() throws Exception {
        HttpResponse<String> page = web.get("/v/AAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<h1>No such verdict</h1>");
        HttpResponse<String> data = web.get("/v/AAAAAAAAAAAAAAAAAAAAAAAA.json");
        assertThat(data.statusCode()).isEqualTo(404);
        assertThat(json.readTree(data.body()).at("/errors/0/message").asText()).startsWith("There is no verdict at this link");
        assertThat(web.get("/v/AAAAAAAAAAAAAAAAAAAAAAAA.md").statusCode()).isEqualTo(404);
        // the citable ID is not a link: pages hold business-sensitive inputs
        String path = create(VerdictApiTest.SCENARIO);
        assertThat(web.get("/v/" + stored(path).id()).statusCode()).isEqualTo(404);
        // a query parameter cannot stand in for the path's token
        assertThat(web.get("/v/nope?token=" + path.substring(3)).statusCode()).isEqualTo(404);
    }

    @Test
    void textFromSlackIsEscapedOnThePageAndQuotedInTheAdr() throws Exception {
        String evil = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)>";
        RecordedVerdict r = web.hostwise().decideFor(web.hostwise().reader().fromJson(VerdictApiTest.SCENARIO),
                Requester.chat(Platform.SLACK, "T" + evil, "C" + evil, "U" + evil));
        String path = "/v/" + r.linkToken().orElseThrow();

        String page = web.get(path).body();
        assertThat(page).doesNotContain("<script", "<img src=x", "onerror=alert(1)>")
                .contains("Slack user U&lt;script&gt;alert('x')&lt;/script&gt;\"'&gt;&lt;img src=x onerror=alert(1)&gt;");

        String md = web.get(path + ".md").body();
        String deciders = md.lines().filter(l -> l.startsWith("deciders: ")).findFirst().orElseThrow();
        assertThat(deciders).startsWith("deciders: \"asked from Slack user U<script>alert('x')</script>\\\"'>");
        assertThat(md.lines().filter(l -> l.equals("---")).count()).isEqualTo(2);
    }

    @Test
    void reEvaluatingAVerdictWhoseModelTheCatalogDroppedSaysWhichFieldInsteadOfA500() throws Exception {
        // as if the catalog had listed this model when the verdict was decided, and no longer does
        dev.hostwise.bot.VerdictJson vj = new dev.hostwise.bot.VerdictJson();
        Verdict v = stored(create(VerdictApiTest.SCENARIO)).verdict();
        com.fasterxml.jackson.databind.node.ObjectNode node = vj.mapper().valueToTree(v);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("scenario")).put("openModel", "a-model-since-retired");
        Verdict retired = vj.read(node.toString()).withId("HW-PENDING");
        StoredVerdict saved = web.hostwise().store().save(retired, Requester.api(), "test", java.util.Optional.empty(), List.of());

        HttpResponse<String> r = web.post("/v/" + saved.linkToken() + "/reevaluate", "application/x-www-form-urlencoded", "");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("cannot be decided on today", "<code>openModel</code>", "a-model-since-retired")
                .doesNotContain("Exception");
        assertThat(stored("/v/" + saved.linkToken())).isEqualTo(saved);
    }

    @Test
    void reEvaluatingMakesANewVerdictThatLinksBothWays() throws Exception {
        String path = create(VerdictApiTest.SCENARIO);
        StoredVerdict old = stored(path);

        HttpResponse<String> r = web.post(path + "/reevaluate", "application/x-www-form-urlencoded", "");

        assertThat(r.statusCode()).isEqualTo(303);
        String newPath = r.headers().firstValue("Location").orElseThrow();
        StoredVerdict newer = stored(newPath);
        assertThat(newer.supersedes()).contains(old.id());
        assertThat(web.get(newPath).body()).contains("Supersedes", "<a href=\"" + path + "\">" + old.id() + "</a>")
                // same inputs, same rules and catalog: the page says nothing changed
                .contains("What changed since <a href=\"" + path + "\">" + old.id() + "</a>", "Nothing: the same inputs give the same verdict");
        String oldPage = web.get(path).body();
        assertThat(oldPage).contains("Superseded by <a href=\"" + newPath + "\">" + newer.id() + "</a> on ", ": re-evaluated on request.");
        String adr = web.get(path + ".md").body();
        assertThat(adr).contains("status: \"superseded by " + newer.id() + "\"");
        // at the top, under the front matter
        assertThat(adr.substring(adr.indexOf("---\n\n") + 5)).startsWith("> **Superseded by " + newer.id() + "** on ");
        JsonNode oldJson = json.readTree(web.get(path + ".json").body());
        assertThat(oldJson.at("/supersededBy/id").asText()).isEqualTo(newer.id());
        assertThat(oldJson.at("/supersededBy/reason").asText()).isEqualTo("re-evaluated on request");
        // the old verdict itself is unchanged
        assertThat(stored(path)).isEqualTo(old);
    }

    @Test
    void afterARestartTheSameLinkShowsTheSameVerdict() throws Exception {
        String path = create(VerdictApiTest.SCENARIO);
        String before = web.get(path + ".json").body();
        String adrBefore = web.get(path + ".md").body();
        String id = stored(path).id();

        web.restart();

        HttpResponse<String> after = web.get(path + ".json");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before);
        assertThat(web.get(path).body()).contains(id, "Stay on the hosted API");
        // the ADR names the server's base URL, which changed with the port; everything else is the same
        assertThat(web.get(path + ".md").body().replaceAll("http://localhost:\\d+", ""))
                .isEqualTo(adrBefore.replaceAll("http://localhost:\\d+", ""));
        // numbering carries on from the stored counter
        String next = create(VerdictApiTest.SCENARIO);
        assertThat(stored(next).id()).isEqualTo(String.format("%s%04d", id.substring(0, 8), Integer.parseInt(id.substring(8)) + 1));
    }

    @Test
    void aVerdictWithNoBreakEvenSaysSoInTheChart() throws Exception {
        // a GPU that costs more per day than the hosted bill it could ever replace
        String path = create("{\"requestsPerDay\": 1000, \"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\","
                + " \"privacyNeed\": \"NONE\", \"hostedPricePer1kTokens\": 0.00001, \"gpuDollarsPerHour\": 40}");
        assertThat(web.get(path).body()).contains("break-even-none", "never costs less at these prices")
                .doesNotContain("Break-even, GPUs + ops:");
        assertThat(List.of(web.get(path + ".md").statusCode())).containsExactly(200);
    }
}
