package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.rules.PolicyConditions;
import java.util.ArrayList;
import java.util.List;

/** {@code /selfhost help}: the policy, the ways to ask, and every key of the one-line form. */
public final class HelpMessage {

    /**
     * The policy in the bot's words, from the active policy's declared conditions (App Home shows it
     * too). The measure-first sentence is Hostwise's own promise, whatever the conditions are: it never
     * recommends buying hardware on a throughput nobody load-tested.
     */
    static String policy(PolicyConditions conditions) {
        int n = conditions.size();
        StringBuilder out = new StringBuilder("*Self-host only when " + PolicyWords.all(n) + " hold at once:*");
        for (PolicyConditions.Declared d : conditions.conditions()) {
            out.append("\n✅ *").append(SlackText.escape(d.condition().label())).append("*: ").append(SlackText.escape(d.summary()));
        }
        String notEnough = PolicyWords.nearMissIsNotEnough(n);
        return out.append('\n').append(notEnough.isEmpty() ? "" : notEnough + " ").append("And when ").append(PolicyWords.all(n))
                .append(" hold on a throughput nobody load-tested, the answer is *Measure first*: a guess is never enough to "
                        + "buy hardware on.").toString();
    }

    public List<LayoutBlock> blocks(String rulesRevision, PolicyConditions conditions) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(VerdictMessage.markdown(policy(conditions)));
        blocks.add(VerdictMessage.markdown("*Three ways to ask*\n"
                + "• `/selfhost` opens a form with every input and the catalog defaults.\n"
                + "• `/selfhost 50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 measured` "
                + "decides at once and posts the verdict here.\n"
                + "• `/selfhost help` shows this."));
        blocks.add(VerdictMessage.markdown("*Later*\n"
                + "• When the rules, the catalog's prices or measured throughput change, Hostwise re-checks recent verdicts and "
                + "posts in a verdict's thread when its answer changes. `/selfhost mute HW-2026-0042` (or *Mute updates* under "
                + "the verdict) stops that for a verdict you asked for.\n"
                + "• `/selfhost pool` (admins) finds teams whose demand would clear the break-even together on one shared cluster."));
        // two sections: all the keys with their allowed values come close to Slack's 3,000 characters per section
        List<FieldMetadata> all = FieldMetadata.withQuickKeys();
        int half = (all.size() + 1) / 2;
        blocks.add(VerdictMessage.markdown(keys("*Keys of the one-line form* (anything left out takes its default)",
                all.subList(0, half))));
        blocks.add(VerdictMessage.markdown(keys("*More keys*", all.subList(half, all.size()))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Words people type work too: `50k/day`, `$1.20`, `util=30%`, "
                + "`privacy=in_house`, `task=rag`. Active rules revision `" + rulesRevision + "`.")))));
        return blocks;
    }

    private static String keys(String title, List<FieldMetadata> keys) {
        StringBuilder out = new StringBuilder(title);
        for (FieldMetadata k : keys) {
            out.append("\n• `").append(k.quickKey().orElseThrow().example()).append("` ")
                    .append(k.label().toLowerCase(java.util.Locale.ROOT))
                    .append(": ").append(SlackText.escape(k.field().allowed()))
                    .append(k.field().defaultValue().map(d -> " (default " + FormValues.show(d) + ")")
                            .orElse(k.field().required() ? " (required)" : ""));
        }
        return out.toString();
    }
}
