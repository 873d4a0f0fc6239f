package dev.hostwise.bot.render;

/**
 * One figure as every renderer shows it.
 *
 * @param name    the JSON name, so a reviewer can find it in the verdict JSON
 * @param label   what it is, in words
 * @param value   formatted: per-request money to 3 significant figures, daily and monthly money to the cent, volumes whole
 * @param formula how it was computed, in terms of scenario fields and other figures
 */
public record FigureRow(String name, String label, String value, String formula) {
}
