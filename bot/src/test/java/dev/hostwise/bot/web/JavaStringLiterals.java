package dev.hostwise.bot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string literals of a Java source file (plain and text blocks), with the line each starts on;
 * comments and char literals are skipped, so Javadoc's {@code <p>} is not a literal. Enough of a lexer
 * for {@link HtmlLivesInTemplatesTest}: it does not unescape, and it assumes the file compiles.
 */
final class JavaStringLiterals {

    /**
     * An HTML start or end tag, a doctype or a comment: {@code <p>}, {@code </li>}, {@code <input type=},
     * {@code <svg xmlns=}, {@code <br/>}, {@code <!doctype}, {@code <!--}. Not a bare {@code <}, a
     * comparison, Slack's {@code <https://…|text>}, {@code <@U123>} or {@code <!here>}.
     */
    static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(?=[\\s>/])|<!(?i:doctype)|<!--");

    /** A literal and the line it starts on. */
    record Literal(int line, String text) {

        boolean hasHtmlTag() {
            return TAG.matcher(text).find();
        }
    }

    private JavaStringLiterals() {
    }

    static List<Literal> of(String source) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(source, i, end);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int start = i + 3;
                int end = start;
                while (end < n && !(source.startsWith("\"\"\"", end) && source.charAt(end - 1) != '\\')) {
                    end++;
                }
                out.add(new Literal(line, source.substring(start, Math.min(end, n))));
                line += count(source, i, Math.min(end + 3, n));
                i = Math.min(end + 3, n);
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.add(new Literal(line, source.substring(i + 1, Math.min(end, n))));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
