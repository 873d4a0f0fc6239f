package dev.hostwise.bot.render.charts;

import dev.hostwise.bot.render.ChartColours;
import dev.hostwise.bot.render.HowSure;
import dev.hostwise.knowledge.uncertainty.Probabilities;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import dev.hostwise.bot.render.SensitivityRow;
import dev.hostwise.bot.render.SensitivityRows;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Format;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The verdict's charts, drawn headless with JFreeChart: the break-even chart (cost per day against
 * requests per day, hosted vs self-host, whole-replica steps, break-evens and the user's volume
 * marked), the tornado (daily saving at ±50% of each input) and the histogram of the daily saving
 * across the uncertainty analysis's draws, as PNG: uploaded to Slack, linked from the page and the ADR. (The page's own inline chart is {@code web.CostChart}.)
 */
public final class VerdictCharts {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 480;

    static final Color HOSTED = ChartColours.HOSTED.awt();
    static final Color GPU_ONLY = ChartColours.GPU_ONLY.awt();
    static final Color ALL_IN = ChartColours.ALL_IN.awt();
    static final Color BREAK_EVEN = ChartColours.BREAK_EVEN.awt();
    static final Color VOLUME = ChartColours.VOLUME.awt();

    public byte[] breakEvenPng(Verdict v) {
        return png(breakEven(v));
    }

    /** Empty for a verdict stored before sensitivity analysis was part of every decision. */
    public Optional<byte[]> tornadoPng(Verdict v) {
        List<SensitivityRow> rows = SensitivityRows.of(v);
        return rows.isEmpty() ? Optional.empty() : Optional.of(png(tornado(v, rows)));
    }


    /**
     * The daily saving's distribution across the uncertainty analysis's draws, as a histogram: bars
     * where the hosted API is cheaper in the hosted colour, the rest in the self-host colour, with the
     * break-even (a saving of zero) and the 10th, 50th and 90th percentiles marked. Empty for a verdict
     * stored before verdicts carried probabilities.
     */
    public Optional<byte[]> savingPng(Verdict v) {
        return Optional.ofNullable(v.probabilities()).map(p -> png(saving(v, p)));
    }

    JFreeChart saving(Verdict v, Probabilities p) {
        Probabilities.Histogram h = p.histogram();
        XYIntervalSeries hostedCheaper = new XYIntervalSeries("Hosted API cheaper");
        XYIntervalSeries selfCheaper = new XYIntervalSeries("Self-hosting cheaper");
        // a run with nothing uncertain has one case: a bar one dollar wide, so it shows
        double width = h.width() > 0 ? h.width() : Math.max(1, Math.abs(h.from()) * 0.02);
        for (int i = 0; i < h.counts().size(); i++) {
            double from = h.from() + i * width;
            double share = 100.0 * h.counts().get(i) / Math.max(1, h.total());
            XYIntervalSeries series = from + width / 2 < 0 ? hostedCheaper : selfCheaper;
            series.add(from + width / 2, from, from + width, share, 0, share);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYBarRenderer bars = new XYBarRenderer();
        // only the sides some case fell on: an empty series would still put its colour in the legend
        for (XYIntervalSeries series : List.of(hostedCheaper, selfCheaper)) {
            if (series.getItemCount() > 0) {
                bars.setSeriesPaint(data.getSeriesCount(), series == hostedCheaper ? HOSTED : ALL_IN);
                data.addSeries(series);
            }
        }
        bars.setShadowVisible(false);
        bars.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        bars.setDrawBarOutline(false);
        NumberAxis x = new NumberAxis("Daily saving from self-hosting (US$; below 0, the hosted API is cheaper)");
        NumberAxis y = new NumberAxis("Share of plausible cases (%)");
        XYPlot plot = new XYPlot(data, x, y, bars);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe5e7eb));
        plot.setRangeGridlinePaint(new Color(0xe5e7eb));
        plot.addDomainMarker(marker(0, BREAK_EVEN, "break-even", true, RectangleAnchor.TOP_RIGHT, TextAnchor.TOP_LEFT));
        if (p.anyUncertain()) {
            plot.addDomainMarker(marker(p.savingP10(), VOLUME, "P10 " + Format.usd(p.savingP10()), false,
                    RectangleAnchor.BOTTOM_RIGHT, TextAnchor.BOTTOM_LEFT));
            plot.addDomainMarker(marker(p.savingP50(), VOLUME, "P50 " + Format.usd(p.savingP50()), false,
                    RectangleAnchor.RIGHT, TextAnchor.CENTER_LEFT));
            plot.addDomainMarker(marker(p.savingP90(), VOLUME, "P90 " + Format.usd(p.savingP90()), false,
                    RectangleAnchor.TOP_RIGHT, TextAnchor.TOP_LEFT));
        }
        // the break-even always in view, even when every case falls on one side of it
        double lo = Math.min(0, h.from());
        double hi = Math.max(0, h.from() + width * h.counts().size());
        double pad = Math.max(1, (hi - lo) * 0.05);
        x.setRange(lo - pad, hi + pad);
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.addSubtitle(new TextTitle(v.id() + ": the daily saving across " + Format.count(p.draws()) + " plausible "
                + (p.draws() == 1 ? "case" : "cases"), new Font(Font.SANS_SERIF, Font.BOLD, 15)));
        HowSure.line(v).ifPresent(line -> chart.addSubtitle(new TextTitle(line, new Font(Font.SANS_SERIF, Font.PLAIN, 12))));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    JFreeChart breakEven(Verdict v) {
        CostCurves c = CostCurves.of(v);
        XYSeries hosted = new XYSeries("Hosted API");
        XYSeries gpu = new XYSeries("Self-host, GPUs only");
        XYSeries allIn = new XYSeries("Self-host, GPUs + ops");
        for (int i = 0; i < c.volumes().length; i++) {
            hosted.add(c.volumes()[i], c.hosted()[i]);
            gpu.add(c.volumes()[i], c.gpuOnly()[i]);
            allIn.add(c.volumes()[i], c.allIn()[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(hosted);
        data.addSeries(gpu);
        data.addSeries(allIn);

        NumberAxis x = new NumberAxis("Requests per day");
        x.setRange(0, c.maxVolume());
        NumberAxis y = new NumberAxis("Cost per day (US$)");
        y.setRange(0, c.maxCost());
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setSeriesPaint(0, HOSTED);
        lines.setSeriesPaint(1, GPU_ONLY);
        lines.setSeriesPaint(2, ALL_IN);
        for (int i = 0; i < 3; i++) {
            lines.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        XYPlot plot = new XYPlot(data, x, y, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe5e7eb));
        plot.setRangeGridlinePaint(new Color(0xe5e7eb));
        // labels at different heights so that nearby markers stay readable
        plot.addDomainMarker(marker(c.userVolume(), VOLUME, "your volume " + Format.count(c.userVolume()), true,
                RectangleAnchor.BOTTOM_RIGHT, TextAnchor.BOTTOM_LEFT));
        if (c.breakEven() != null) {
            plot.addDomainMarker(marker(c.breakEven(), BREAK_EVEN, "break-even with ops " + Format.count(c.breakEven()), false,
                    RectangleAnchor.TOP_RIGHT, TextAnchor.TOP_LEFT));
        }
        if (c.gpuOnlyBreakEven() != null) {
            plot.addDomainMarker(marker(c.gpuOnlyBreakEven(), GPU_ONLY, "GPU-only break-even " + Format.count(c.gpuOnlyBreakEven()),
                    false, RectangleAnchor.RIGHT, TextAnchor.CENTER_LEFT));
        }
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.addSubtitle(new TextTitle(v.id() + ": " + v.recommendation().headline(), new Font(Font.SANS_SERIF, Font.BOLD, 15)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private JFreeChart tornado(Verdict v, List<SensitivityRow> rows) {
        int n = rows.size();
        Number[][] starts = new Number[1][n];
        Number[][] ends = new Number[1][n];
        String[] categories = new String[n];
        for (int i = 0; i < n; i++) {
            SensitivityRow r = rows.get(i);
            starts[0][i] = Math.min(r.lowDollars(), r.highDollars());
            ends[0][i] = Math.max(r.lowDollars(), r.highDollars());
            categories[i] = r.label() + " ±50%";
        }
        DefaultIntervalCategoryDataset data = new DefaultIntervalCategoryDataset(
                new String[] {"Daily saving from self-hosting"}, categories, starts, ends);
        IntervalBarRenderer bars = new IntervalBarRenderer();
        bars.setSeriesPaint(0, ALL_IN);
        bars.setDrawBarOutline(false);
        bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        bars.setShadowVisible(false);
        NumberAxis value = new NumberAxis("Daily saving from self-hosting (US$; below 0, hosted is cheaper)");
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), value, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xe5e7eb));
        double now = v.figures().hostedPerDay() - v.figures().selfHostPerDay();
        ValueMarker current = new ValueMarker(now, VOLUME, new BasicStroke(1.5f));
        current.setLabel("as entered " + Format.usd(now));
        current.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        current.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(current);
        plot.addRangeMarker(new ValueMarker(0, BREAK_EVEN, new BasicStroke(1.5f)));
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, false);
        chart.addSubtitle(new TextTitle(v.id() + ": what moves the daily saving most", new Font(Font.SANS_SERIF, Font.BOLD, 15)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueMarker marker(double at, Color colour, String label, boolean solid,
                                      RectangleAnchor anchor, TextAnchor textAnchor) {
        ValueMarker m = new ValueMarker(at, colour, solid ? new BasicStroke(1.5f)
                : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        m.setLabelPaint(colour);
        m.setLabelAnchor(anchor);
        m.setLabelTextAnchor(textAnchor);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        return m;
    }

    private static byte[] png(JFreeChart chart) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
