package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a catalog figure was seen or took effect, as its source gives it: a day ({@code 2026-11-09}),
 * a month ({@code 2024-12}), a year ({@code 2026}), or a span ({@code 2023-2024},
 * {@code 2023-07..2025-05}), optionally marked approximate with a leading {@code ~}.
 *
 * <p>Sources rarely give a day, and a staleness check must not cry wolf: a period is read as its
 * last day ({@link #latest()}), the youngest the figure can be. A figure is then called stale only
 * when it certainly is.
 *
 * @param text   the date as the catalog writes it, kept for display
 * @param latest the last day the text allows
 */
public record AsOf(String text, LocalDate latest) {

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    /** The end of a span: what follows ".." or a year-to-year dash. */
    private static final Pattern SPAN_END = Pattern.compile(".*?(?:\\.\\.|(?<=^\\d{4})-(?=\\d{4}$))(.+)");

    public AsOf {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("asOf is missing; give the date the figure was seen, e.g. 2026-11-09");
        }
    }

    /**
     * Reads a catalog date. Anything else is an error naming the forms allowed, so a typo in a
     * catalog file is refused at load time with the file and line.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AsOf parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("asOf is missing; give the date the figure was seen, e.g. 2026-11-09");
        }
        String t = text.strip();
        String body = t.startsWith("~") ? t.substring(1).strip() : t;
        Matcher span = SPAN_END.matcher(body);
        String end = span.matches() ? span.group(1).strip() : body;
        LocalDate latest = lastDayOf(end);
        if (latest == null) {
            throw new IllegalArgumentException("asOf '" + text + "' is not a date: write 2026-11-09, 2026-11, 2026,"
                    + " or a span such as 2023-2024 or 2023-07..2025-05");
        }
        return new AsOf(t, latest);
    }

    /** A day the figure was seen. */
    public static AsOf of(LocalDate day) {
        return new AsOf(day.toString(), day);
    }

    private static LocalDate lastDayOf(String s) {
        try {
            Matcher m = DAY.matcher(s);
            if (m.matches()) {
                return LocalDate.parse(s);
            }
            m = MONTH.matcher(s);
            if (m.matches()) {
                return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).atEndOfMonth();
            }
            m = YEAR.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), 12, 31);
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    /** Whole days from the figure's latest possible date to {@code today}; 0 when it lies ahead. */
    public long ageInDays(LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(latest, today));
    }

    /** True when the figure is certainly more than {@code days} days old on {@code today}. */
    public boolean olderThan(long days, LocalDate today) {
        return ageInDays(today) > days;
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }
}
