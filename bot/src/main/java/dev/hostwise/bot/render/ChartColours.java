package dev.hostwise.bot.render;

/** One palette for every chart (the page's SVG and the PNGs), so a line means the same thing everywhere. */
public enum ChartColours {
    HOSTED(0x1f6fb4),
    GPU_ONLY(0x8a8f98),
    ALL_IN(0xc2410c),
    BREAK_EVEN(0x15803d),
    VOLUME(0x111827);

    private final int rgb;

    ChartColours(int rgb) {
        this.rgb = rgb;
    }

    public java.awt.Color awt() {
        return new java.awt.Color(rgb);
    }

    /** As CSS and SVG write it: #1f6fb4. */
    public String hex() {
        return String.format("#%06x", rgb);
    }
}
