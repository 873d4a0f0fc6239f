package dev.hostwise.bot.web;

import dev.hostwise.bot.render.ChartColours;
import dev.hostwise.bot.render.charts.CostCurves;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.rules.Verdict;
import dev.hostwise.bot.web.view.CostChartModel;
import dev.hostwise.bot.web.view.CostChartModel.Dot;
import dev.hostwise.bot.web.view.CostChartModel.LegendItem;
import dev.hostwise.bot.web.view.CostChartModel.Marker;
import dev.hostwise.bot.web.view.CostChartModel.Note;
import dev.hostwise.bot.web.view.CostChartModel.Series;
import dev.hostwise.bot.web.view.CostChartModel.Tick;
import dev.hostwise.rules.facts.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict's chart as SVG, drawn on the server: cost per day against requests per day for the
 * hosted API and for self-hosting (GPUs only, and GPUs plus ops), with GPUs bought in whole replicas
 * so the self-host lines are steps. The break-evens and the user's own volume are marked.
 *
 * <p>The lines price hypothetical volumes with the cost model; the verdict's own figures (its
 * volume, daily costs and the break-even with ops) are read from the verdict, never recomputed. This
 * class computes the geometry ({@link CostChartModel}); {@code costChart.jte} draws it. No script and
 * no style attributes: colours are presentation attributes, so the page's CSP holds and the SVG also
 * renders on its own.
 */
public final class CostChart {

    static final int WIDTH = 800;
    static final int HEIGHT = 460;
    private static final int LEFT = 78;
    private static final int RIGHT = 28;
    private static final int TOP = 66;
    private static final int BOTTOM = 82;

    static final String HOSTED_COLOUR = ChartColours.HOSTED.hex();
    static final String GPU_COLOUR = ChartColours.GPU_ONLY.hex();
    static final String ALL_IN_COLOUR = ChartColours.ALL_IN.hex();
    static final String BREAK_EVEN_COLOUR = ChartColours.BREAK_EVEN.hex();
    static final String VOLUME_COLOUR = ChartColours.VOLUME.hex();

    private final Pages pages;

    public CostChart() {
        this(new Pages());
    }

    CostChart(Pages pages) {
        this.pages = pages;
    }

    /** The chart as a standalone SVG document ({@code <svg>...</svg>}), drawn by {@code costChart.jte}. */
    public String svg(Verdict v) {
        return pages.costChart(model(v));
    }

    /** The chart with every position in pixels: what {@code costChart.jte} draws, inline on the page or on its own. */
    public CostChartModel model(Verdict v) {
        Figures f = v.figures();
        // the same curves the PNG charts draw: one computation, so the formats never disagree
        CostCurves c = CostCurves.of(v);
        double volume = c.userVolume();
        Double breakEven = c.breakEven();
        Double gpuBreakEven = c.gpuOnlyBreakEven();
        double[] vol = c.volumes();
        Axis x = Axis.covering(c.maxVolume());
        Axis y = Axis.covering(c.maxCost());
        Plot p = new Plot(x, y);

        List<String> grid = new ArrayList<>();
        List<Tick> yTicks = new ArrayList<>();
        for (double t : y.ticks()) {
            grid.add(fmt(p.py(t)));
            yTicks.add(new Tick(String.valueOf(LEFT - 8), fmt(p.py(t) + 4), "$" + compact(t)));
        }
        List<Tick> xTicks = new ArrayList<>();
        for (double t : x.ticks()) {
            xTicks.add(new Tick(fmt(p.px(t)), String.valueOf(HEIGHT - BOTTOM + 18), compact(t)));
        }

        List<Series> series = List.of(
                new Series("series hosted", HOSTED_COLOUR, null, path(p, vol, c.hosted(), false)),
                new Series("series self-host-gpu", GPU_COLOUR, "6 4", path(p, vol, c.gpuOnly(), true)),
                new Series("series self-host-all-in", ALL_IN_COLOUR, null, path(p, vol, c.allIn(), true)));

        // the markers, each on its own label row above the plot so the labels never overlap
        List<Marker> markers = new ArrayList<>();
        markers.add(marker(p, "your-volume", "marker your-volume", VOLUME_COLOUR, volume, 1,
                "Your volume: " + Format.count(volume) + " req/day", "4 3"));
        Optional<Note> noBreakEven = Optional.empty();
        if (breakEven != null) {
            markers.add(marker(p, "break-even", "marker break-even", BREAK_EVEN_COLOUR, breakEven, 2,
                    "Break-even, GPUs + ops: " + row(f, "breakEvenRequestsPerDayWholeReplicas"), null));
        } else {
            noBreakEven = Optional.of(new Note(LEFT, labelRow(2), BREAK_EVEN_COLOUR,
                    "No break-even: self-hosting with ops never costs less at these prices"));
        }
        if (gpuBreakEven != null) {
            markers.add(marker(p, "break-even-gpu-only", "marker break-even gpu-only", GPU_COLOUR, gpuBreakEven, 3,
                    "Break-even, GPUs only: " + Format.count(gpuBreakEven) + " req/day", "2 3"));
        }
        // the verdict's own two daily costs at the user's volume
        List<Dot> dots = List.of(
                new Dot("point hosted-at-volume", fmt(p.px(volume)), fmt(p.py(f.hostedPerDay())), HOSTED_COLOUR,
                        "Hosted API at your volume: " + row(f, "hostedPerDay") + " a day"),
                new Dot("point self-host-at-volume", fmt(p.px(volume)), fmt(p.py(f.selfHostPerDay())), ALL_IN_COLOUR,
                        "Self-host, all-in, at your volume: " + row(f, "selfHostPerDay") + " a day"));

        return new CostChartModel(WIDTH, HEIGHT, describe(v, breakEven, gpuBreakEven),
                new CostChartModel.Plot(LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM), grid, yTicks, xTicks, series, markers,
                noBreakEven, dots, legend());
    }

    private static String describe(Verdict v, Double breakEven, Double gpuBreakEven) {
        Figures f = v.figures();
        return "At " + Format.count(v.scenario().requestsPerDay()) + " requests a day the hosted API costs "
                + Format.usd(f.hostedPerDay()) + " a day and self-hosting costs " + Format.usd(f.selfHostPerDay())
                + " a day with ops. "
                + (breakEven == null ? "Self-hosting with ops never breaks even at these prices."
                        : "Self-hosting with ops breaks even at " + Format.count(breakEven) + " requests a day.")
                + (gpuBreakEven == null ? "" : " Counting GPUs only, it breaks even at " + Format.count(gpuBreakEven)
                        + " requests a day.");
    }

    private static String row(Figures f, String name) {
        return FigureRows.of(f).stream().filter(r -> r.name().equals(name)).map(FigureRow::value).findFirst().orElse("");
    }

    private static String path(Plot p, double[] xs, double[] ys, boolean steps) {
        StringBuilder d = new StringBuilder("M").append(fmt(p.px(xs[0]))).append(' ').append(fmt(p.py(ys[0])));
        if (!steps) {
            for (int i = 1; i < xs.length; i++) {
                d.append(" L").append(fmt(p.px(xs[i]))).append(' ').append(fmt(p.py(ys[i])));
            }
            return d.toString();
        }
        // whole replicas: flat until the next replica is bought, then a vertical jump
        for (int i = 1; i < xs.length; i++) {
            if (ys[i] != ys[i - 1]) {
                d.append(" H").append(fmt(p.px(xs[i]))).append(" V").append(fmt(p.py(ys[i])));
            }
        }
        d.append(" H").append(fmt(p.px(xs[xs.length - 1])));
        return d.toString();
    }

    private static Marker marker(Plot p, String id, String cls, String colour, double at, int row, String label, String dash) {
        double x = p.px(at);
        boolean leftHalf = x < (LEFT + WIDTH - RIGHT) / 2.0;
        return new Marker(id, cls, colour, Math.round(at), fmt(x), labelRow(row) + 4, fmt(leftHalf ? x + 5 : x - 5),
                labelRow(row), leftHalf ? "start" : "end", label, dash);
    }

    private static int labelRow(int row) {
        return 4 + 17 * row;
    }

    private static List<LegendItem> legend() {
        int y = HEIGHT - 16;
        List<LegendItem> items = new ArrayList<>();
        int x = LEFT;
        for (String[] item : new String[][] {
            {HOSTED_COLOUR, null, "Hosted API"},
            {GPU_COLOUR, "6 4", "Self-host, GPUs only (whole replicas)"},
            {ALL_IN_COLOUR, null, "Self-host, GPUs + ops (whole replicas)"},
        }) {
            items.add(new LegendItem(x, y, item[0], item[1], item[2]));
            // room for the line and the label, at about 6.4 px a character in the 12 px font
            x += 40 + item[2].length() * 6.4;
        }
        return items;
    }

    /** 0, 950, 50k, 1.5M: tick labels short enough to sit side by side. */
    static String compact(double n) {
        if (Math.abs(n) >= 1e6) {
            return Format.num(n / 1e6) + "M";
        }
        if (Math.abs(n) >= 1e3) {
            return Format.num(n / 1e3) + "k";
        }
        return Format.num(n);
    }

    /**
     * A pixel position to one decimal, as {@code String.format(Locale.ROOT, "%.1f", v)} prints it (halves
     * away from zero) but without the Formatter: a chart prints about a thousand of them, and through the
     * Formatter they were most of the page's render time (BENCHMARKS.md, "The verdict page").
     */
    static String fmt(double v) {
        double scaled = Math.abs(v) * 10;
        if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6 || scaled > 1e12) {
            // at a half, v * 10 may have rounded across it: decide on the decimal digits, as the Formatter does
            return java.math.BigDecimal.valueOf(v).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
        }
        long tenths = Math.round(scaled);
        return (v < 0 && tenths != 0 ? "-" : "") + tenths / 10 + "." + tenths % 10;
    }

    /** An axis from 0 to a round maximum, with round ticks. */
    record Axis(double max, double step) {

        static Axis covering(double value) {
            double v = value > 0 && Double.isFinite(value) ? value : 1;
            double step = niceStep(v / 5);
            return new Axis(Math.ceil(v / step) * step, step);
        }

        double[] ticks() {
            int n = (int) Math.round(max / step);
            double[] t = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                t[i] = i * step;
            }
            return t;
        }

        private static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / magnitude;
            double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
            return nice * magnitude;
        }
    }

    /** Data to pixels. */
    private record Plot(Axis x, Axis y) {
        double px(double v) {
            return LEFT + v / x.max() * (WIDTH - LEFT - RIGHT);
        }

        double py(double v) {
            return HEIGHT - BOTTOM - v / y.max() * (HEIGHT - TOP - BOTTOM);
        }
    }
}
