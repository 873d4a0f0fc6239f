package dev.hostwise.bot.pool;

import dev.hostwise.bot.render.HowSure;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.rules.Pooling;
import dev.hostwise.rules.facts.Format;

/**
 * What pooling found, as plain text: the CLI prints it, and chat surfaces send it as a notice (plain text
 * with {@code code} spans only), so every platform says the same.
 */
public final class PoolText {

    private PoolText() {
    }

    /** @param pageBaseUrl where verdict pages are served; null prints IDs without links */
    public static String render(Pools.Found found, String pageBaseUrl) {
        StringBuilder t = new StringBuilder();
        if (found.pools().isEmpty()) {
            t.append("No pool: of ").append(found.lookedAt()).append(" current verdicts from the last ").append(found.days())
                    .append(" days, ").append(found.candidates()).append(found.candidates() == 1 ? " is a candidate" : " are candidates")
                    .append(" (PRIVACY and QUALITY hold, VOLUME fails), and no open model serves two or more teams' candidates.\n");
            return t.toString();
        }
        t.append(found.pools().size()).append(found.pools().size() == 1 ? " pool" : " pools").append(" among ").append(found.candidates())
                .append(" candidates (PRIVACY and QUALITY hold, VOLUME fails) in ").append(found.lookedAt())
                .append(" current verdicts from the last ").append(found.days()).append(" days.\n");
        for (Pools.Shown s : found.pools()) {
            Pooling.Pool p = s.pool();
            t.append('\n').append(s.stored().id()).append(": ").append(p.verdict().recommendation().headline()).append(" for ")
                    .append(p.group().members().size()).append(" verdicts on ").append(p.group().openModelName())
                    .append(p.group().namedByAll() ? " (named by all)" : p.group().keepOwnHardware() ? " (judged for all, as when none is named)"
                            : " (the rules say it clears QUALITY for each)")
                    .append(link(pageBaseUrl, s.stored())).append('\n');
            if (p.verdict().pool() != null) {
                t.append("  ").append(p.verdict().pool().recommended() ? "Pool recommended: " : "Pool not recommended: ")
                        .append(p.verdict().pool().reason()).append('\n');
            }
            t.append("  Together: ").append(Format.count(p.verdict().scenario().requestsPerDay())).append(" requests a day, ")
                    .append(Format.usd(p.verdict().figures().hostedPerDay())).append(" a day hosted, ")
                    .append(Format.usd(p.verdict().figures().selfHostPerDay())).append(" a day self-hosted all-in.");
            HowSure.line(p.verdict()).ifPresent(line -> t.append(' ').append(line));
            t.append('\n');
            if (p.moreVolumeNeeded() != null) {
                t.append("  Still short: about ").append(Format.count(p.moreVolumeNeeded())).append(" more requests a day to break even.\n");
            }
            for (Pooling.MemberSaving m : p.savings()) {
                StoredVerdict member = s.members().get(m.id());
                t.append("  - ").append(m.id()).append(" (").append(member == null ? m.team() : member.requester().inWords()).append("): ")
                        .append(member == null ? "" : member.verdict().recommendation().headline() + " alone, ")
                        .append(Format.usd(m.hostedPerDay())).append(" a day hosted; its share of the pool ")
                        .append(Format.usd(m.shareOfPoolPerDay())).append(", saving ").append(Format.usd(m.saving())).append(" a day")
                        .append(member == null ? "" : link(pageBaseUrl, member)).append('\n');
            }
        }
        return t.toString();
    }

    private static String link(String base, StoredVerdict s) {
        return base == null ? "" : " " + base + "/v/" + s.linkToken();
    }
}
