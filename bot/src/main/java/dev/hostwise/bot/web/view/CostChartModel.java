package dev.hostwise.bot.web.view;

import java.util.List;
import java.util.Optional;

/**
 * The cost chart as SVG ({@code costChart.jte}), every position already in pixels: the template only
 * draws. Coordinates are text, formatted once where they are computed, so the page and the standalone
 * {@code .svg} print them the same.
 *
 * @param width       the drawing's width in pixels
 * @param height      its height
 * @param description the chart in one paragraph, for screen readers
 * @param plot        where the plot area is
 * @param gridLines   the y of each horizontal grid line
 * @param yTicks      the cost axis' labels
 * @param xTicks      the volume axis' labels
 * @param series      the cost lines
 * @param markers     the vertical markers (the user's volume, the break-evens), each with its label
 * @param noBreakEven what the chart says instead of the break-even marker when there is none
 * @param dots        the verdict's own daily costs at the user's volume
 * @param legend      the legend's entries
 */
public record CostChartModel(int width, int height, String description, Plot plot, List<String> gridLines,
                             List<Tick> yTicks, List<Tick> xTicks, List<Series> series, List<Marker> markers,
                             Optional<Note> noBreakEven, List<Dot> dots, List<LegendItem> legend) {

    /** The plot area's edges, in pixels from the top left. */
    public record Plot(int left, int right, int top, int bottom) {

        public int centreX() {
            return (left + right) / 2;
        }

        public int centreY() {
            return (top + bottom) / 2;
        }
    }

    /** An axis label at a position. */
    public record Tick(String x, String y, String label) {
    }

    /**
     * One cost line.
     *
     * @param cssClass its classes, e.g. {@code series hosted}
     * @param colour   its stroke colour
     * @param dash     its dash pattern, or null for a solid line
     * @param path     the SVG path data
     */
    public record Series(String cssClass, String colour, String dash, String path) {
    }

    /**
     * A vertical marker with its label on a row of its own above the plot.
     *
     * @param id             its element id, e.g. {@code break-even} (pages and tests find it by this)
     * @param cssClass       its classes
     * @param colour         line and label colour
     * @param requestsPerDay the volume it marks, rounded
     * @param x              where its line stands
     * @param top            where its line starts, just under its label
     * @param labelX         where its label is anchored
     * @param labelY         its label row
     * @param anchor         {@code start} or {@code end}: the label stays on the plot's side
     * @param label          its text
     * @param dash           its line's dash pattern, or null for solid
     */
    public record Marker(String id, String cssClass, String colour, long requestsPerDay, String x, int top, String labelX,
                         int labelY, String anchor, String label, String dash) {
    }

    /** A line of text on the chart. */
    public record Note(int x, int y, String colour, String text) {
    }

    /** A point with a tooltip. */
    public record Dot(String cssClass, String cx, String cy, String colour, String title) {
    }

    /**
     * One legend entry: a short line in the series' style, then its name.
     *
     * @param dash the series' dash pattern, or null for solid
     */
    public record LegendItem(int x, int y, String colour, String dash, String label) {
    }
}
