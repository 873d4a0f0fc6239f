package dev.hostwise.bot.web;

import dev.hostwise.bot.render.ChartColours;
import dev.hostwise.bot.render.charts.CostCurves;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.knowledge.Figures;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Format;
import java.util.Locale;

/**
 * The verdict's chart as SVG, drawn on the server: cost per day against requests per day for the
 * hosted API and for self-hosting (GPUs only, and GPUs plus ops), with GPUs bought in whole replicas
 * so the self-host lines are steps. The break-evens and the user's own volume are marked.
 *
 * <p>The lines price hypothetical volumes with the cost model; the verdict's own figures (its
 * volume, daily costs and the break-even with ops) are read from the verdict, never recomputed. No
 * script and no style attributes: colours are presentation attributes, so the page's CSP holds and
 * the SVG also renders on its own.
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


    /** The chart as a standalone SVG document fragment ({@code <svg>...</svg>}). */
    public String svg(Verdict v) {
        Figures f = v.figures();
        // the same curves the PNG charts draw: one computation, so the formats never disagree
        CostCurves c = CostCurves.of(v);
        double volume = c.userVolume();
        Double breakEven = c.breakEven();
        Double gpuBreakEven = c.gpuOnlyBreakEven();
        double[] vol = c.volumes();
        double[] hosted = c.hosted();
        double[] gpu = c.gpuOnly();
        double[] allIn = c.allIn();
        Axis x = Axis.covering(c.maxVolume());
        Axis y = Axis.covering(c.maxCost());
        Plot p = new Plot(x, y);

        StringBuilder out = new StringBuilder(16_384);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"12\">\n");
        out.append("<title id=\"chart-title\">Cost per day against requests per day</title>\n");
        out.append("<desc id=\"chart-desc\">").append(Html.esc(describe(v, breakEven, gpuBreakEven))).append("</desc>\n");
        out.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"#ffffff\"/>\n");
        axes(out, p);

        line(out, "series hosted", HOSTED_COLOUR, "", path(p, vol, hosted, false));
        line(out, "series self-host-gpu", GPU_COLOUR, " stroke-dasharray=\"6 4\"", path(p, vol, gpu, true));
        line(out, "series self-host-all-in", ALL_IN_COLOUR, "", path(p, vol, allIn, true));

        // the markers, each on its own label row above the plot so the labels never overlap
        marker(out, p, "your-volume", "marker your-volume", VOLUME_COLOUR, volume, 1,
                "Your volume: " + Format.count(volume) + " req/day", "4 3");
        if (breakEven != null) {
            marker(out, p, "break-even", "marker break-even", BREAK_EVEN_COLOUR, breakEven, 2,
                    "Break-even, GPUs + ops: " + row(f, "breakEvenRequestsPerDayWholeReplicas"), "");
        } else {
            out.append("<text id=\"break-even\" class=\"marker break-even break-even-none\" x=\"").append(LEFT).append("\" y=\"")
                    .append(labelRow(2)).append("\" fill=\"").append(BREAK_EVEN_COLOUR)
                    .append("\">No break-even: self-hosting with ops never costs less at these prices</text>\n");
        }
        if (gpuBreakEven != null) {
            marker(out, p, "break-even-gpu-only", "marker break-even gpu-only", GPU_COLOUR, gpuBreakEven, 3,
                    "Break-even, GPUs only: " + Format.count(gpuBreakEven) + " req/day", "2 3");
        }
        // the verdict's own two daily costs at the user's volume
        dot(out, p, volume, f.hostedPerDay(), HOSTED_COLOUR, "point hosted-at-volume",
                "Hosted API at your volume: " + row(f, "hostedPerDay") + " a day");
        dot(out, p, volume, f.selfHostPerDay(), ALL_IN_COLOUR, "point self-host-at-volume",
                "Self-host, all-in, at your volume: " + row(f, "selfHostPerDay") + " a day");

        legend(out);
        out.append("</svg>\n");
        return out.toString();
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

    private static void axes(StringBuilder out, Plot p) {
        out.append("<g class=\"axes\" stroke=\"#d1d5db\" stroke-width=\"1\">\n");
        for (double t : p.y().ticks()) {
            out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(fmt(p.py(t))).append("\" y2=\"").append(fmt(p.py(t))).append("\"/>\n");
        }
        out.append("</g>\n<g class=\"tick-labels\" fill=\"#374151\">\n");
        for (double t : p.y().ticks()) {
            out.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(fmt(p.py(t) + 4))
                    .append("\" text-anchor=\"end\">$").append(Html.esc(compact(t))).append("</text>\n");
        }
        for (double t : p.x().ticks()) {
            out.append("<text x=\"").append(fmt(p.px(t))).append("\" y=\"").append(HEIGHT - BOTTOM + 18)
                    .append("\" text-anchor=\"middle\">").append(Html.esc(compact(t))).append("</text>\n");
        }
        out.append("</g>\n");
        out.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#6b7280\"/>\n");
        out.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#6b7280\"/>\n");
        out.append("<text class=\"axis-title\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - BOTTOM + 38)
                .append("\" text-anchor=\"middle\" fill=\"#111827\">Requests per day</text>\n");
        out.append("<text class=\"axis-title\" x=\"14\" y=\"").append((TOP + HEIGHT - BOTTOM) / 2)
                .append("\" text-anchor=\"middle\" fill=\"#111827\" transform=\"rotate(-90 14 ")
                .append((TOP + HEIGHT - BOTTOM) / 2).append(")\">Cost per day (USD)</text>\n");
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

    private static void line(StringBuilder out, String cls, String colour, String extra, String d) {
        out.append("<path class=\"").append(cls).append("\" d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\"").append(extra).append("/>\n");
    }

    private static void marker(StringBuilder out, Plot p, String id, String cls, String colour, double at, int row,
                               String label, String dash) {
        double x = p.px(at);
        boolean leftHalf = x < (LEFT + WIDTH - RIGHT) / 2.0;
        out.append("<g id=\"").append(id).append("\" class=\"").append(cls).append("\" data-requests-per-day=\"")
                .append(Math.round(at)).append("\">\n");
        out.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(labelRow(row) + 4)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\"")
                .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"").append("/>\n");
        out.append("<text x=\"").append(fmt(leftHalf ? x + 5 : x - 5)).append("\" y=\"").append(labelRow(row))
                .append("\" text-anchor=\"").append(leftHalf ? "start" : "end").append("\" fill=\"").append(colour)
                // a white halo keeps the label readable where another marker's line crosses it
                .append("\" font-weight=\"600\" stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">").append(Html.esc(label)).append("</text>\n");
        out.append("</g>\n");
    }

    private static int labelRow(int row) {
        return 4 + 17 * row;
    }

    private static void dot(StringBuilder out, Plot p, double x, double y, String colour, String cls, String title) {
        out.append("<circle class=\"").append(cls).append("\" cx=\"").append(fmt(p.px(x))).append("\" cy=\"").append(fmt(p.py(y)))
                .append("\" r=\"5\" fill=\"").append(colour).append("\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>")
                .append(Html.esc(title)).append("</title></circle>\n");
    }

    private static void legend(StringBuilder out) {
        int y = HEIGHT - 16;
        String[][] items = {
            {HOSTED_COLOUR, "", "Hosted API"},
            {GPU_COLOUR, "6 4", "Self-host, GPUs only (whole replicas)"},
            {ALL_IN_COLOUR, "", "Self-host, GPUs + ops (whole replicas)"},
        };
        int x = LEFT;
        out.append("<g class=\"legend\">\n");
        for (String[] item : items) {
            out.append("<line x1=\"").append(x).append("\" x2=\"").append(x + 26).append("\" y1=\"").append(y - 4)
                    .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(item[0]).append("\" stroke-width=\"2.5\"")
                    .append(item[1].isEmpty() ? "" : " stroke-dasharray=\"" + item[1] + "\"").append("/>\n");
            out.append("<text x=\"").append(x + 32).append("\" y=\"").append(y).append("\" fill=\"#111827\">")
                    .append(Html.esc(item[2])).append("</text>\n");
            x += 40 + item[2].length() * 6.4;
        }
        out.append("</g>\n");
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

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
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
