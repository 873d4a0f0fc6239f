package dev.hostwise.knowledge;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the closest known name to a mistyped one, for every front end's error messages. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate nearest to {@code given} (case-insensitive), if it is at most {@code maxDistance} edits away. */
    public static Optional<String> nearest(String given, Collection<String> candidates, int maxDistance) {
        String g = given.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .min(Comparator.comparingInt(c -> distance(g, c.toLowerCase(Locale.ROOT))))
                .filter(c -> distance(g, c.toLowerCase(Locale.ROOT)) <= maxDistance);
    }

    /** Levenshtein distance; the inputs are short names, keys and ids. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
