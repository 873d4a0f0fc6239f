package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.hostwise.bot.slack.input.QuickFormKey;
import java.util.ArrayList;
import java.util.List;

/** {@code /selfhost help}: the policy, the ways to ask, and every key of the one-line form. */
public final class HelpMessage {

    /** The policy in the bot's words; App Home shows it too. */
    static final String POLICY = "*Self-host only when all three hold at once:*\n"
            + "✅ *Volume*: at your volume, self-hosting costs less per day than the hosted API, after paying for GPUs in "
            + "whole replicas and for the people on call.\n"
            + "✅ *Quality*: the task is narrow enough that the open model clears your quality bar.\n"
            + "✅ *Privacy*: the data really must stay in-house.\n"
            + "Two of three is not enough. And when all three hold on a throughput nobody load-tested, the answer is "
            + "*Measure first*: a guess is never enough to buy hardware on.";

    public List<LayoutBlock> blocks(String rulesRevision) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(VerdictMessage.markdown(POLICY));
        blocks.add(VerdictMessage.markdown("*Three ways to ask*\n"
                + "• `/selfhost` opens a form with every input and the catalog defaults.\n"
                + "• `/selfhost 50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 measured` "
                + "decides at once and posts the verdict here.\n"
                + "• `/selfhost help` shows this."));
        // two sections: all twenty keys with their allowed values come close to Slack's 3,000 characters per section
        QuickFormKey[] all = QuickFormKey.values();
        int half = (all.length + 1) / 2;
        blocks.add(VerdictMessage.markdown(keys("*Keys of the one-line form* (anything left out takes its default)",
                java.util.Arrays.copyOfRange(all, 0, half))));
        blocks.add(VerdictMessage.markdown(keys("*More keys*", java.util.Arrays.copyOfRange(all, half, all.length))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Words people type work too: `50k/day`, `$1.20`, `util=30%`, "
                + "`privacy=in_house`, `task=rag`. Active rules revision `" + rulesRevision + "`.")))));
        return blocks;
    }

    private static String keys(String title, QuickFormKey[] keys) {
        StringBuilder out = new StringBuilder(title);
        for (QuickFormKey k : keys) {
            out.append("\n• `").append(k.example()).append("` ")
                    .append(FieldLabels.label(k.field()).toLowerCase(java.util.Locale.ROOT))
                    .append(": ").append(SlackText.escape(k.field().allowed()))
                    .append(k.field().defaultValue().map(d -> " (default " + ModalValues.show(d) + ")")
                            .orElse(k.field().required() ? " (required)" : ""));
        }
        return out.toString();
    }
}
