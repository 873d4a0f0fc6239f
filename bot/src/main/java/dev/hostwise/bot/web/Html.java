package dev.hostwise.bot.web;

/**
 * Escaping for HTML and SVG text and attribute values. Every piece of text that did not come from a
 * constant in this code goes through {@link #esc}: scenario values, requester names, rule texts.
 */
final class Html {

    private Html() {
    }

    /** Escapes the five characters that can end a text node or a quoted attribute. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
