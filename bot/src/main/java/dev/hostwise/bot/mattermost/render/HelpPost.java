package dev.hostwise.bot.mattermost.render;

import dev.hostwise.bot.conversation.Ask;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.rules.PolicyConditions;

/** {@code /selfhost help}: the policy from the active rules' declared conditions, the ways to ask, and every key of the one-line form. */
public final class HelpPost {

    public PostBody render(String rulesRevision, PolicyConditions conditions) {
        int n = conditions.size();
        StringBuilder out = new StringBuilder("**Self-host only when ").append(PolicyWords.all(n)).append(" hold at once:**\n");
        for (PolicyConditions.Declared d : conditions.conditions()) {
            out.append("- ✅ **").append(Markdown.escape(d.condition().label())).append("**: ").append(Markdown.escape(d.summary())).append('\n');
        }
        String notEnough = PolicyWords.nearMissIsNotEnough(n);
        // Hostwise's own promise, whatever the conditions are: no hardware is bought on a throughput nobody load-tested
        out.append(notEnough.isEmpty() ? "" : notEnough + " ").append("And when ").append(PolicyWords.all(n))
                .append(" hold on a throughput nobody load-tested, the answer is **Measure first**: a guess is never enough to buy hardware on.\n\n");
        String c = Ask.COMMAND;
        out.append("**Three ways to ask**\n")
                .append("- `").append(c).append("` opens a form with every input and the catalog defaults.\n")
                .append("- `").append(c).append(" 50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 measured` "
                        + "decides at once and posts the verdict here.\n")
                .append("- `").append(c).append(" help` shows this; `").append(c).append(" verdict HW-2026-0042` shows a cited verdict.\n\n");
        out.append("**Later**\n")
                .append("- When the rules, the catalog's prices or measured throughput change, Hostwise re-checks recent verdicts and "
                        + "posts in a verdict's thread when its answer changes. `").append(c).append(" mute HW-2026-0042` (or **Mute updates** "
                        + "under the verdict) stops that for a verdict you asked for.\n")
                .append("- `").append(c).append(" pool` (admins) finds teams whose demand would clear the break-even together on one "
                        + "shared cluster.\n\n");
        out.append("**Keys of the one-line form** (anything left out takes its default)\n\n| Key | What | Allowed |\n|:--|:--|:--|\n");
        for (FieldMetadata k : FieldMetadata.withQuickKeys()) {
            out.append("| `").append(k.quickKey().orElseThrow().example()).append("` | ")
                    .append(Markdown.cell(k.label())).append(" | ")
                    .append(Markdown.cell(k.field().allowed() + k.field().defaultValue().map(d -> " (default " + FormValues.show(d) + ")")
                            .orElse(k.field().required() ? " (required)" : "")))
                    .append(" |\n");
        }
        out.append("\nWords people type work too: `50k/day`, `$1.20`, `util=30%`, `privacy=in_house`, `task=rag`. Active rules revision `")
                .append(rulesRevision).append("`.");
        return PostBody.text(Markdown.fit(out.toString(), "_Cut to fit a Mattermost post._"));
    }
}
