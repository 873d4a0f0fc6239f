package dev.hostwise.bot.web.view;

import dev.hostwise.bot.render.HowSure;
import java.util.List;
import java.util.Optional;

/**
 * The verdict page's "How sure" section ({@code partial/howSure.jte}): the one line, the share of
 * plausible cases in which each numeric condition holds, the histogram of the daily saving, and each
 * uncertain input with its range, where the range comes from, and how strongly it drives the saving.
 *
 * @param draws           how many cases were drawn, in words ("10,000")
 * @param subtitle        under the heading: "10,000 plausible cases, seeded"
 * @param line            "Self-hosting is cheaper in 73% of plausible cases…", when the verdict has one
 * @param selfHostCheaper the share of draws in which self-hosting is cheaper, 0 to 1 (a data attribute for tests and scripts)
 * @param conditions      each condition that depends on numbers, with the share of cases in which it holds
 * @param savingChartSrc  the histogram's address, when the verdict has a link
 * @param rows            each uncertain input, strongest driver first
 * @param seed            the seed the draws were made with
 */
public record HowSureModel(String draws, String subtitle, Optional<String> line, double selfHostCheaper,
                           List<ConditionShare> conditions, Optional<String> savingChartSrc, List<HowSure.Row> rows, long seed) {

    /**
     * @param condition the condition's name, e.g. VOLUME
     * @param share     the share of cases in which it holds, in words ("73%")
     */
    public record ConditionShare(String condition, String share) {
    }
}
