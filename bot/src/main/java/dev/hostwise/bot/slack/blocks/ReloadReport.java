package dev.hostwise.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.hostwise.rules.CaseResult;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.PolicyReloader;
import dev.hostwise.rules.ReloadOutcome;
import dev.hostwise.rules.RuleInfo;
import dev.hostwise.rules.RuleProblem;
import java.util.ArrayList;
import java.util.List;

/** Rules status and reload outcomes as Slack blocks: for {@code /selfhost rules}, {@code /selfhost reload} and the admin channel. */
public final class ReloadReport {

    private static final int MAX_LINES = 12;

    private ReloadReport() {
    }

    /** What a reload attempt did, with its errors and failing cases (the first dozen of each). */
    public static List<LayoutBlock> blocks(ReloadOutcome o) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(VerdictMessage.markdown((o.activated() || o.unchanged() ? "✅ " : "❌ ") + SlackText.escape(o.summary())));
        List<String> lines = new ArrayList<>();
        for (RuleProblem p : o.problems()) {
            lines.add("`" + SlackText.escape(p.file() + ":" + p.line()) + "` " + SlackText.escape(p.message()));
        }
        for (CaseResult c : o.failedCases()) {
            lines.add("case *" + SlackText.escape(c.policyCase().name()) + "* (`" + SlackText.escape(c.policyCase().file() + ":"
                    + c.policyCase().line()) + "`): expected " + SlackText.escape(c.expected()) + ", got " + SlackText.escape(c.actual()));
        }
        if (!lines.isEmpty()) {
            List<String> shown = lines.subList(0, Math.min(lines.size(), MAX_LINES));
            String more = lines.size() > MAX_LINES ? "\n…and " + (lines.size() - MAX_LINES) + " more (see /status)" : "";
            blocks.add(VerdictMessage.markdown("• " + String.join("\n• ", shown) + more));
        }
        return blocks;
    }

    /** The active revision, the last attempts, and every rule with its reason. */
    public static List<LayoutBlock> status(CompiledPolicy active, PolicyReloader reloader) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(VerdictMessage.markdown("*Active rules revision* `" + active.revision() + "` since <!date^"
                + reloader.activatedAt().getEpochSecond() + "^{date_short_pretty} at {time}|" + reloader.activatedAt() + ">"));
        reloader.lastFailure().ifPresent(f -> blocks.addAll(blocks(f)));
        StringBuilder rules = new StringBuilder("*Rules*");
        for (RuleInfo r : active.rules()) {
            String line = "\n• *" + SlackText.escape(r.name()) + "* (`" + SlackText.escape(r.file()) + "`): " + SlackText.escape(r.reason());
            if (rules.length() + line.length() > 2900) {
                blocks.add(VerdictMessage.markdown(rules.toString()));
                rules = new StringBuilder();
            }
            rules.append(line);
        }
        blocks.add(VerdictMessage.markdown(rules.toString()));
        blocks.add(context(c -> c.elements(List.of(markdownText("Edit the `.drl` files in the rules directory; "
                + "every change is compiled and checked against the policy cases before it goes live.")))));
        return blocks;
    }
}
