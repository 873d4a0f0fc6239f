package dev.hostwise.bot.render;

/**
 * One input's bearing on the cost case, in words and numbers.
 *
 * @param input    the scenario field (JSON name)
 * @param label    what it is
 * @param now      its value in this scenario, formatted
 * @param flipAt   the value at which the VOLUME condition flips, formatted, or "never"
 * @param sentence what it means, e.g. "self-hosting wins only above 6.94 req/s per replica; you entered 4"
 * @param low      daily saving from self-hosting with the input at -50%, formatted
 * @param high     daily saving with the input at +50%, formatted
 * @param lowValue  the input at -50%, formatted
 * @param highValue the input at +50%, formatted
 * @param lowDollars  {@code low} as a number, for charts
 * @param highDollars {@code high} as a number, for charts
 */
public record SensitivityRow(String input, String label, String now, String flipAt, String sentence,
                             String low, String high, String lowValue, String highValue,
                             double lowDollars, double highDollars) {
}
