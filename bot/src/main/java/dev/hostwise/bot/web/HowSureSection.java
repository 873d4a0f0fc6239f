package dev.hostwise.bot.web;

import static dev.hostwise.bot.web.Html.esc;

import dev.hostwise.bot.render.HowSure;
import dev.hostwise.knowledge.uncertainty.Probabilities;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Format;
import java.util.Optional;

/**
 * The page's "How sure" section, self-contained so a template can take it whole: the one line, the
 * histogram of the daily saving ({@code /v/{token}-saving.png}), and each uncertain input with its
 * range, where the range comes from, and how strongly it drives the saving.
 */
final class HowSureSection {

    private HowSureSection() {
    }

    /** Appends the section; nothing for a verdict stored before verdicts carried probabilities. */
    static void append(StringBuilder b, Verdict v, Optional<String> linkToken) {
        Probabilities p = v.probabilities();
        if (p == null) {
            return;
        }
        b.append("<section id=\"how-sure\">\n<h2>How sure <span class=\"sub\">")
                .append(esc(Format.count(p.draws()))).append(p.draws() == 1 ? " case" : " plausible cases, seeded")
                .append("</span></h2>\n");
        HowSure.line(v).ifPresent(line -> b.append("<p class=\"lead\" id=\"how-sure-line\" data-self-host-cheaper=\"")
                .append(p.selfHostCheaper()).append("\">").append(esc(line)).append("</p>\n"));
        if (!p.conditions().isEmpty()) {
            b.append("<p>");
            p.conditions().forEach((condition, share) -> b.append("<strong>").append(esc(condition)).append("</strong> holds in ")
                    .append(esc(HowSure.share(share))).append(" of them. "));
            b.append("</p>\n");
        }
        linkToken.ifPresent(token -> b.append("<figure><img class=\"chart\" id=\"saving-chart\" src=\"/v/").append(esc(token))
                .append("-saving.png\" width=\"800\" height=\"480\" alt=\"Histogram of the daily saving from self-hosting across the ")
                .append("plausible cases, with the break-even and the 10th, 50th and 90th percentiles marked\"></figure>\n"));
        b.append("<table class=\"figures how-sure\">\n<thead><tr><th scope=\"col\">Input</th><th scope=\"col\">Range</th>")
                .append("<th scope=\"col\">Where the range comes from</th><th scope=\"col\">Rank correlation with the saving</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (HowSure.Row r : HowSure.rows(v)) {
            b.append("<tr id=\"how-sure-").append(esc(r.input())).append("\"").append(r.rank() == 1 ? " class=\"strongest\"" : "")
                    .append("><th scope=\"row\">").append(esc(r.label())).append("<code>").append(esc(r.input()))
                    .append("</code></th><td class=\"value\">").append(esc(r.range())).append("</td><td>").append(esc(r.basis()))
                    .append("</td><td class=\"value\">").append(esc(r.rankCorrelation())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n<p class=\"hint\">Each input is drawn independently from its range, ")
                .append(esc(Format.count(p.draws()))).append(" times with seed ").append(p.seed())
                .append("; the same inputs always give the same figures. A rank correlation near 1 or -1 means the saving ")
                .append("follows that input closely: measuring it would narrow the range most. Give your own ranges with ")
                .append("<code>ranges</code> in the scenario.</p>\n</section>\n");
    }
}
