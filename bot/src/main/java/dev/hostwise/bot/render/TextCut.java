package dev.hostwise.bot.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cutting text to a platform's limit without breaking it, for every chat surface: never inside one of
 * the platform's entities (Slack's {@code <url|text>} and {@code &amp;}, a Markdown link), never between
 * the two halves of a surrogate pair, and with a visible mark where it was cut. Lists are cut between
 * whole items, with a line that says how many were left out and where to see them. Neutral: each surface
 * passes its own entity pattern and words.
 */
public final class TextCut {

    /** Marks where text was cut. */
    public static final String ELLIPSIS = "…";

    private TextCut() {
    }

    /**
     * The text, or its longest prefix of at most {@code max} characters (ellipsis included) that ends
     * outside every match of {@code atoms} and outside a surrogate pair.
     */
    public static String cut(String text, int max, Pattern atoms) {
        if (text.length() <= max) {
            return text;
        }
        if (max < 1) {
            return "";
        }
        int end = max - ELLIPSIS.length();
        Matcher m = atoms.matcher(text);
        while (m.find() && m.start() < end) {
            if (m.end() > end) {
                // the cut would fall inside an entity: cut before it
                end = m.start();
                break;
            }
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)).stripTrailing() + ELLIPSIS;
    }

    /**
     * A user's own words as a message repeats them: at most {@code max} characters, cut as {@link #cut}
     * does. Escaping for the platform is the surface's, after this.
     */
    public static String echo(String typed, int max) {
        return typed == null ? "" : cut(typed, max, Pattern.compile("(?!)"));
    }

    /**
     * As many whole items as fit in {@code budget} characters (each item counted with {@code separator}
     * before it), then, if any were left out, {@code more.apply(n)}: "3 more — see the page". The
     * result, joined with the separator, is at most {@code budget} characters whenever the "more" line
     * alone fits.
     */
    public static List<String> fitting(List<String> items, int budget, String separator, IntFunction<String> more) {
        int total = 0;
        for (String item : items) {
            total += separator.length() + item.length();
        }
        if (total <= budget) {
            return items;
        }
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < items.size(); i++) {
            String tail = more.apply(items.size() - i);
            int next = separator.length() + items.get(i).length();
            // room for this item and, after it, the line that counts the rest (unless it is the last)
            int reserve = i == items.size() - 1 ? 0 : separator.length() + more.apply(items.size() - i - 1).length();
            if (used + next + reserve > budget) {
                if (used + separator.length() + tail.length() <= budget) {
                    kept.add(tail);
                }
                return kept;
            }
            kept.add(items.get(i));
            used += next;
        }
        return kept;
    }
}
