package dev.hostwise.bot.web;

import dev.hostwise.bot.render.ConditionRow;
import dev.hostwise.bot.render.ConfigurationSearchView;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.bot.render.HowSure;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.bot.render.SensitivityRow;
import dev.hostwise.bot.render.SensitivityRows;
import dev.hostwise.bot.store.VerdictSummary;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.evidence.LoadTestPlan;
import dev.hostwise.rules.ConditionResult;
import dev.hostwise.rules.FiredRule;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.Format;
import dev.hostwise.rules.facts.Recommendation;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The verdict as a MADR-style Architecture Decision Record ({@code GET /v/{token}.md}), for a team's
 * {@code docs/adr/}: front matter, context, the policy's conditions as decision drivers, both options
 * with their daily cost, the outcome and its consequences, how to confirm it, and where it came
 * from (verdict ID, rules revision, catalog date). Figures come from {@link FigureRows}.
 */
public final class VerdictAdr {

    /**
     * @param view the verdict and what the store keeps with it
     * @param link the page's address, e.g. https://hostwise.example.com/v/abc…
     */
    public String render(VerdictView view, String link) {
        Verdict v = view.verdict();
        Scenario s = v.pricedScenario();
        Map<String, FigureRow> fig = FigureRows.of(v.figures()).stream()
                .collect(Collectors.toMap(FigureRow::name, Function.identity()));
        StringBuilder md = new StringBuilder(8_192);

        md.append("---\n");
        md.append("status: ").append(view.supersededBy().isEmpty() ? "proposed"
                : yaml("superseded by " + view.supersededBy().get(view.supersededBy().size() - 1).id())).append('\n');
        md.append("date: ").append(v.createdAt().atZone(ZoneOffset.UTC).toLocalDate()).append('\n');
        // Hostwise knows where the question came from, not who signs off: reviewers add their names
        md.append("deciders: ").append(yaml("asked from " + view.askedBy() + "; decided by Hostwise verdict " + v.id())).append('\n');
        md.append("---\n\n");
        SupersededNotice.adr(md, view, link);

        md.append("# ").append(v.recommendation().headline()).append(": ").append(s.taskType().label().toLowerCase(Locale.ROOT))
                .append(" at ").append(Format.count(s.requestsPerDay())).append(" requests a day\n\n");

        md.append("## Context and Problem Statement\n\n");
        md.append("We run ").append(s.taskType().label().toLowerCase(Locale.ROOT)).append(" (").append(s.taskType().hint())
                .append(") at about ").append(Format.count(s.requestsPerDay())).append(" requests a day, ")
                .append(Format.count(s.effectiveTokensPerRequest())).append(" tokens per request. Should we self-host an open LLM")
                .append(s.openModel() == null ? "" : " (" + text(s.openModel()) + ")")
                .append(", or keep paying a hosted API per token? Quality need: ").append(s.qualityNeed().label().toLowerCase(Locale.ROOT))
                .append(" (").append(s.qualityNeed().hint()).append("). Data: ").append(s.privacyNeed().label().toLowerCase(Locale.ROOT))
                .append(" (").append(s.privacyNeed().hint()).append(").\n\n");
        md.append("Hostwise verdict ").append(v.id()).append(" priced both options and applied the policy: self-host only when ")
                .append(PolicyWords.names(v.conditions().keySet()))
                .append(v.conditions().size() == 1 ? " holds.\n\n" : " all hold at once.\n\n");

        md.append("## Decision Drivers\n\n");
        for (ConditionRow r : ConditionRow.of(v)) {
            md.append("* **").append(r.name()).append("** ").append(r.holds() ? "holds" : "does not hold").append(": ")
                    .append(text(r.reason())).append('\n');
        }
        md.append('\n');

        String selfHost = "Self-host an open model";
        String hosted = "Stay on the hosted API";
        md.append("## Considered Options\n\n");
        md.append("* ").append(selfHost).append(": ").append(fig.get("selfHostPerDay").value()).append(" a day all-in (")
                .append(Format.replicas(v.figures().replicasNeeded())).append(" of ").append(s.gpusPerReplica())
                .append(s.gpusPerReplica() == 1 ? " GPU" : " GPUs").append(" at ").append(Format.usd(s.gpuDollarsPerHour()))
                .append(" per GPU-hour").append(s.gpuType() == null ? "" : " (" + text(s.gpuType()) + ")")
                .append(", plus ").append(fig.get("opsCostPerDay").value()).append(" a day of operations; ")
                .append(fig.get("allInPerRequest").value()).append(" per request at ")
                .append(fig.get("requestsPerDayAtUtilization").value()).append(" requests a replica serves per day)\n");
        md.append("* ").append(hosted).append(": ").append(fig.get("hostedPerDay").value()).append(" a day (")
                .append(fig.get("hostedPerRequest").value()).append(" per request")
                .append(s.hostedModel() == null ? "" : ", " + text(s.hostedModel())).append(")\n\n");

        configurationSearch(md, v);

        md.append("## Decision Outcome\n\n");
        md.append("Chosen option: \"").append(chosen(v.recommendation(), selfHost, hosted)).append("\", because ")
                .append(lowerFirst(text(v.reasons().isEmpty() ? v.recommendation().headline() : v.reasons().get(0)))).append('\n');
        for (String reason : v.reasons().stream().skip(1).toList()) {
            md.append("\n").append(text(reason)).append('\n');
        }
        md.append('\n');

        md.append("### Consequences\n\n");
        consequences(md, v, fig);
        for (String caveat : v.caveats()) {
            md.append("* Caveat: ").append(text(caveat)).append('\n');
        }
        md.append('\n');

        md.append("### Confirmation\n\n");
        loadTest(md, v);
        confirmation(md, v, fig);
        md.append('\n');

        md.append("## More Information\n\n");
        md.append("* Verdict: **").append(v.id()).append("**, ").append(link).append(" (the link is the access: share it ")
                .append("with reviewers, not publicly)\n");
        md.append("* Rules revision: `").append(v.rulesRevision()).append("`\n");
        md.append("* Catalog date: ").append(v.catalogDate()).append('\n');
        md.append("* Decided: ").append(v.createdAt()).append(" by Hostwise ").append(text(view.appVersion())).append('\n');
        view.supersedes().ifPresent(o -> md.append("* Supersedes: ").append(o.id()).append('\n'));
        for (VerdictSummary newer : view.supersededBy()) {
            md.append("* Superseded by: ").append(newer.id()).append('\n');
        }
        List<SensitivityRow> sensitivity = SensitivityRows.of(v);
        if (!sensitivity.isEmpty()) {
            md.append("\n### What would flip the cost case\n\n");
            for (SensitivityRow r : sensitivity) {
                md.append("* ").append(text(r.sentence())).append(" Daily saving at −50% / +50%: ").append(cell(r.low()))
                        .append(" / ").append(cell(r.high())).append('\n');
            }
            md.append("\n![Break-even chart](").append(link).append("-break-even.png)\n\n![Tornado chart](")
                    .append(link).append("-tornado.png)\n");
        }
        howSure(md, v, link);
        md.append("\n### Figures\n\n| figure | value | how it is computed |\n|---|---|---|\n");
        for (FigureRow r : FigureRows.of(v.figures())) {
            md.append("| `").append(r.name()).append("` ").append(cell(r.label())).append(" | ").append(cell(r.value()))
                    .append(" | ").append(cell(r.formula())).append(" |\n");
        }
        md.append("\n### Rules that fired\n\n");
        List<FiredRule> fired = v.firedRules();
        for (int i = 0; i < fired.size(); i++) {
            String reason = view.reasonOf(i);
            md.append(i + 1).append(". `").append(fired.get(i).file()).append("`: ").append(text(fired.get(i).rule()))
                    .append(reason.isEmpty() ? "" : ". " + text(reason)).append('\n');
        }
        return md.toString();
    }

    /** How sure the cost case is: the one line, the saving's histogram, and each uncertain input's range and pull. */
    private static void howSure(StringBuilder md, Verdict v, String link) {
        if (v.probabilities() == null) {
            return;
        }
        md.append("\n### How sure the cost case is\n\n");
        HowSure.line(v).ifPresent(line -> md.append(text(line)).append('\n'));
        v.probabilities().conditions().forEach((condition, share) -> md.append("\n**").append(condition).append("** holds in ")
                .append(HowSure.share(share)).append(" of them.\n"));
        md.append("\n| input | range | where the range comes from | rank correlation with the saving |\n|---|---|---|---|\n");
        for (HowSure.Row r : HowSure.rows(v)) {
            md.append("| `").append(r.input()).append("` ").append(cell(r.label())).append(" | ").append(cell(r.range()))
                    .append(" | ").append(cell(r.basis())).append(" | ").append(cell(r.rankCorrelation())).append(" |\n");
        }
        md.append("\n![Daily saving across the plausible cases](").append(link).append("-saving.png)\n");
    }

    /** The hardware search behind the self-host option, when the verdict chose it: chosen, runners-up, why the others lost. */
    private static void configurationSearch(StringBuilder md, Verdict v) {
        ConfigurationSearchView.of(v).ifPresent(view -> {
            md.append("### Configurations searched\n\n").append(text(view.summary())).append(".\n\n");
            md.append("| | configuration | $ per day | replicas | batch | per request | evidence |\n|---|---|---|---|---|---|---|\n");
            searchRow(md, "chosen", view.chosen());
            view.shownRunnersUp().forEach(r -> searchRow(md, r.passedOver() ? "runner-up, passed over" : "runner-up", r));
            md.append('\n');
            if (!view.lost().isEmpty()) {
                md.append("Why the others lost: ").append(text(view.lostInWords())).append(".\n\n");
            }
            view.evidenceNote().ifPresent(n -> md.append(text(n)).append("\n\n"));
        });
    }

    private static void searchRow(StringBuilder md, String role, ConfigurationSearchView.Row r) {
        md.append("| ").append(role).append(" | ").append(cell(r.configuration())).append(" (").append(cell(r.gpuName())).append(")")
                .append(r.note().isEmpty() ? "" : "; " + cell(r.note())).append(" | ").append(cell(r.perDay())).append(" | ")
                .append(r.replicas()).append(" | ").append(r.batch()).append(" | ").append(cell(r.secondsPerRequest())).append(" | ")
                .append(cell(r.evidence())).append(r.evidenceNotes().isEmpty() ? "" : ": " + cell(String.join("; ", r.evidenceNotes())))
                .append(" |\n");
    }

    /** For "Measure first": the load test to run, as commands filled in from the scenario, and how to hand the result back. */
    private static void loadTest(StringBuilder md, Verdict v) {
        LoadTestPlan plan = v.loadTest();
        if (plan == null) {
            return;
        }
        md.append(String.format(Locale.ROOT, "* Run this load test (%s on %d x %s at %s: %d requests in flight, %,d prompt and %,d"
                        + " completion tokens, %,d requests), import its result, and ask again; the new verdict supersedes %s:\n\n",
                text(plan.model()), plan.gpusPerReplica(), plan.gpuType() == null ? "your GPU" : text(plan.gpuType()), plan.precision(),
                plan.concurrency(), plan.inputTokens(), plan.outputTokens(), plan.prompts(), v.id()));
        plan.notes().forEach(n -> md.append("  * ").append(text(n)).append('\n'));
        if (!plan.notes().isEmpty()) {
            md.append('\n');
        }
        // commands in a fenced block, unescaped: they are meant to be pasted as they are (catalog IDs only)
        md.append("  ```sh\n");
        plan.commands().forEach(c -> md.append("  ").append(c.replace("`", "")).append('\n'));
        md.append("  ```\n\n");
    }

    private static String chosen(Recommendation r, String selfHost, String hosted) {
        return switch (r) {
            case SELF_HOST -> selfHost;
            case HOSTED_API -> hosted;
            case MEASURE_FIRST -> "Measure first, then decide";
        };
    }

    private static void consequences(StringBuilder md, Verdict v, Map<String, FigureRow> fig) {
        boolean cheaper = v.figures().selfHostCheaper();
        String saving = fig.get("monthlySavings").value();
        switch (v.recommendation()) {
            case HOSTED_API -> {
                md.append("* Good, because there are no GPUs to buy and no on-call rotation to staff: at this volume the hosted API costs ")
                        .append(fig.get("hostedPerDay").value()).append(" a day against ").append(fig.get("selfHostPerDay").value())
                        .append(" self-hosted (monthly saving from self-hosting: ").append(saving).append(").\n");
                ConditionResult privacy = v.condition(Condition.PRIVACY);
                if (privacy != null && privacy.holds()) {
                    md.append("* Bad, because the data requirement still has to be met with the vendor: get a data-handling ")
                            .append("clause (zero retention, regional processing, no training on our data) before going live.\n");
                }
                md.append("* Bad, because the per-token bill grows with volume; past the break-even (")
                        .append(fig.get("breakEvenRequestsPerDayWholeReplicas").value()).append(") self-hosting would cost less.\n");
            }
            case SELF_HOST -> {
                md.append("* Good, because it ").append(cheaper ? "saves " + saving + " a month against the hosted API"
                        : "meets " + PolicyWords.all(v.conditions().size()) + (v.conditions().size() == 1 ? " condition" : " conditions"))
                        .append(" and the data stays in-house.\n");
                md.append("* Bad, because we run ").append(Format.replicas(v.figures().replicasNeeded()))
                        .append(" and an on-call rotation (").append(fig.get("opsCostPerDay").value())
                        .append(" a day), and own upgrades, capacity and incidents.\n");
            }
            case MEASURE_FIRST -> {
                md.append("* Good, because no hardware is bought on a throughput nobody load-tested: every self-host figure scales with it.\n");
                md.append("* Bad, because the decision waits for a load test; until then we stay on the hosted API at ")
                        .append(fig.get("hostedPerDay").value()).append(" a day.\n");
            }
            default -> { }
        }
    }

    private static void confirmation(StringBuilder md, Verdict v, Map<String, FigureRow> fig) {
        Scenario s = v.scenario();
        md.append("* Load-test our real prompts on the real GPU, at peak concurrency, before buying anything: this verdict used ")
                .append(fig.get("requestsPerSecond").value()).append(" per replica.\n");
        md.append("* Run our own evaluation set (including the messy production cases) on the open model before switching any traffic.\n");
        md.append("* Compare the next monthly hosted bill with ").append(fig.get("hostedPerDay").value())
                .append(" a day at ").append(Format.count(s.requestsPerDay())).append(" requests a day.\n");
        md.append("* Re-run Hostwise with the measured numbers (`throughputMeasured: true`), or re-evaluate this verdict from its ")
                .append("page after a rules or catalog change, and cite the new verdict in place of ").append(v.id()).append(".\n");
    }

    /** Text from rules and the catalog, made safe for Markdown: no raw HTML, no accidental table breaks. */
    static String text(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }

    private static String cell(String s) {
        return text(s).replace("|", "\\|");
    }

    /**
     * A YAML double-quoted scalar that cannot end early or start a line of its own, whatever the text holds
     * (Slack IDs and user names reach the front matter): the quote and the backslash are escaped, and so is
     * every character YAML counts as a line break ({@code \r}, NEL, U+2028, U+2029) or does not allow
     * unescaped (C0 and C1 controls, DEL, the byte-order mark, a lone surrogate), as {@code \\uXXXX}.
     */
    static String yaml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(s.charAt(i - 1)));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff' || loneSurrogate) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String lowerFirst(String s) {
        if (s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
