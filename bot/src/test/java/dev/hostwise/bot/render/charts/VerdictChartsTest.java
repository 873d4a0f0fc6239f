package dev.hostwise.bot.render.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.rules.Verdict;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class VerdictChartsTest {

    private static final Hostwise HOSTWISE = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());
    private final VerdictCharts charts = new VerdictCharts();

    private static Verdict verdict(Map<String, String> fields) {
        return HOSTWISE.decide(HOSTWISE.reader().fromText(fields));
    }

    private static final Map<String, String> ARTICLE = Map.of("requestsPerDay", "103680", "taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");

    /** Decoded, the right size, and actually drawn: many colours, not one flat fill. */
    private static BufferedImage assertDrawn(byte[] png, String name) throws Exception {
        Path out = Path.of("target", "charts");
        Files.createDirectories(out);
        Files.write(out.resolve(name), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(VerdictCharts.WIDTH);
        assertThat(img.getHeight()).isEqualTo(VerdictCharts.HEIGHT);
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 3) {
            for (int y = 0; y < img.getHeight(); y += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours).hasSizeGreaterThan(20);
        return img;
    }

    @Test
    void theBreakEvenChartIsAPngWithTheLinesDrawn() throws Exception {
        BufferedImage img = assertDrawn(charts.breakEvenPng(verdict(ARTICLE)), "break-even.png");
        assertThat(containsColour(img, VerdictCharts.HOSTED)).as("the hosted line's colour").isTrue();
    }

    private static boolean containsColour(BufferedImage img, java.awt.Color colour) {
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if ((img.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theTornadoChartIsAPngWithItsBarsDrawn() throws Exception {
        BufferedImage img = assertDrawn(charts.tornadoPng(verdict(ARTICLE)).orElseThrow(), "tornado.png");
        assertThat(containsColour(img, VerdictCharts.ALL_IN)).as("the bars' colour").isTrue();
    }

    @Test
    void aVerdictWithoutSensitivityHasNoTornado() {
        Verdict v = verdict(ARTICLE);
        Verdict old = new Verdict(v.id(), v.createdAt(), v.recommendation(), v.conditions(), v.figures(), null, v.reasons(),
                v.caveats(), v.firedRules(), v.rulesRevision(), v.catalogDate(), v.scenario());
        assertThat(charts.tornadoPng(old)).isEmpty();
    }

    @Test
    void theSavingHistogramShowsBothSidesOfTheBreakEvenWhenTheCostCaseCouldGoEitherWay() throws Exception {
        // at the whole-replica break-even, some plausible cases favour each side
        Verdict v = verdict(Map.of("requestsPerDay", "190667", "throughputMeasured", "true", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        assertThat(v.probabilities().selfHostCheaper()).isBetween(0.1, 0.9);
        BufferedImage img = assertDrawn(charts.savingPng(v).orElseThrow(), "saving.png");
        assertThat(containsColour(img, VerdictCharts.HOSTED)).as("bars where the hosted API is cheaper").isTrue();
        assertThat(containsColour(img, VerdictCharts.ALL_IN)).as("bars where self-hosting is cheaper").isTrue();
        // a case where every draw favours the hosted API draws only the hosted colour's bars
        BufferedImage hosted = assertDrawn(charts.savingPng(verdict(ARTICLE)).orElseThrow(), "saving-hosted.png");
        assertThat(containsColour(hosted, VerdictCharts.HOSTED)).isTrue();
        assertThat(containsColour(hosted, VerdictCharts.ALL_IN)).isFalse();
    }

    @Test
    void aVerdictStoredBeforeProbabilitiesHasNoSavingChart() {
        Verdict v = verdict(ARTICLE);
        Verdict old = new Verdict(v.id(), v.createdAt(), v.recommendation(), v.conditions(), v.figures(), v.sensitivity(),
                v.reasons(), v.caveats(), v.firedRules(), v.rulesRevision(), v.catalogDate(), v.scenario());
        assertThat(charts.savingPng(old)).isEmpty();
    }

    @Test
    void anEstimatedAutoscaledVerdictCharts() throws Exception {
        Verdict v = verdict(Map.of("requestsPerDay", "400000", "openModel", "llama-2-13b", "gpuType", "a100-80gb",
                "pricingMode", "AUTOSCALED", "taskType", "EXTRACTION", "qualityNeed", "GOOD_ENOUGH",
                "privacyNeed", "MUST_STAY_IN_HOUSE"));
        assertDrawn(charts.breakEvenPng(v), "break-even-estimated.png");
    }
}
