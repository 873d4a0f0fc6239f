package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart as a reviewer reads it: the lines, the steps, and the markers where the verdict says they are. */
class CostChartTest {

    private static Decider decider;
    private static ScenarioReader reader;

    @BeforeAll
    static void policy() {
        Catalog catalog = Catalog.bundled();
        decider = new Decider(catalog, new PolicyCompiler().compile(RuleSet.bundled()));
        reader = new ScenarioReader(catalog);
    }

    private static Verdict decide(Map<String, String> fields) {
        Scenario s = reader.fromText(fields);
        return decider.decide(s, "HW-2026-0001", Instant.parse("2026-11-29T12:00:00Z"));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element byId(Document d, String id) {
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }

    private static Element path(Document d, String cls) {
        NodeList paths = d.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element e = (Element) paths.item(i);
            if (e.getAttribute("class").contains(cls)) {
                return e;
            }
        }
        throw new AssertionError("no path " + cls);
    }

    @Test
    void theChartMarksTheBreakEvensAndTheUsersVolume() throws Exception {
        Verdict v = decide(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "MUST_STAY_IN_HOUSE"));
        String svg = new CostChart().svg(v);
        Document d = parse(svg);

        assertThat(svg).doesNotContain("NaN", "Infinity", "<script", "style=");
        Element breakEven = byId(d, "break-even");
        assertThat(breakEven).isNotNull();
        assertThat(breakEven.getAttribute("data-requests-per-day")).isEqualTo("190667");
        assertThat(breakEven.getTextContent()).contains("Break-even, GPUs + ops: 190,667 req/day");
        assertThat(byId(d, "your-volume").getTextContent()).contains("Your volume: 100,000 req/day");
        // GPUs only, one replica of $28.80 a day against $0.0024 a request: 12,000 requests a day
        assertThat(byId(d, "break-even-gpu-only").getAttribute("data-requests-per-day")).isEqualTo("12000");

        double volumeX = x(byId(d, "your-volume"));
        double breakEvenX = x(breakEven);
        assertThat(breakEvenX).isGreaterThan(volumeX).isLessThanOrEqualTo(CostChart.WIDTH);

        // the hosted line rises; the self-host lines are steps (whole replicas) that jump at least once
        assertThat(path(d, "series hosted").getAttribute("d")).startsWith("M");
        assertThat(path(d, "series self-host-all-in").getAttribute("d")).contains(" V");
        assertThat(path(d, "series self-host-gpu").getAttribute("d")).contains(" V");
        assertThat(svg).contains(">Requests per day</text>", ">Cost per day (USD)</text>", ">Hosted API</text>",
                ">Self-host, GPUs only (whole replicas)</text>", ">Self-host, GPUs + ops (whole replicas)</text>");
        assertThat(svg).contains("<title>Hosted API at your volume: $240.00 a day</title>",
                "<title>Self-host, all-in, at your volume: $428.80 a day</title>");
    }

    @Test
    void withoutABreakEvenTheChartSaysSo() throws Exception {
        Verdict v = decide(Map.of("requestsPerDay", "1000", "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "NONE", "hostedPricePer1kTokens", "0.00001", "gpuDollarsPerHour", "40"));
        assertThat(v.figures().breakEvenRequestsPerDayWholeReplicas()).isNull();
        Document d = parse(new CostChart().svg(v));
        Element none = byId(d, "break-even");
        assertThat(none.getAttribute("class")).contains("break-even-none");
        assertThat(none.getTextContent()).contains("never costs less");
        assertThat(byId(d, "break-even-gpu-only")).isNull();
    }

    @Test
    void axisLabelsAreShortAndRound() {
        assertThat(CostChart.compact(0)).isEqualTo("0");
        assertThat(CostChart.compact(950)).isEqualTo("950");
        assertThat(CostChart.compact(50_000)).isEqualTo("50k");
        assertThat(CostChart.compact(1_500_000)).isEqualTo("1.5M");
        CostChart.Axis axis = CostChart.Axis.covering(238_333);
        assertThat(axis.max()).isEqualTo(250_000);
        assertThat(axis.ticks()).containsExactly(0, 50_000, 100_000, 150_000, 200_000, 250_000);
    }

    @Test
    void pixelPositionsPrintAsTheFormatterPrintsThemToOneDecimal() {
        java.util.Random random = new java.util.Random(12);
        java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(0.0, 0.05, 0.15, 0.25, 0.35, 1.05, 2.25,
                99.95, 123.45, 799.95, 378.0, -0.25, -12.35, -42.75));
        for (int i = 0; i < 20_000; i++) {
            double v = random.nextDouble() * 1_000 - 100;
            values.add(i % 2 == 0 ? v : Math.round(v * 100) / 100.0);
        }
        for (double v : values) {
            String formatted = String.format(java.util.Locale.ROOT, "%.1f", v);
            // the Formatter's "-0.0" for a tiny negative is the one place it says something sillier
            assertThat(CostChart.fmt(v)).as("%s", v).isEqualTo(formatted.equals("-0.0") ? "0.0" : formatted);
        }
    }

    /** The x position of a marker's line. */
    private static double x(Element marker) {
        return Double.parseDouble(((Element) marker.getElementsByTagName("line").item(0)).getAttribute("x1"));
    }
}
