package dev.hostwise.bot.mattermost.render;

import dev.hostwise.rules.CaseResult;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.PolicyReloader;
import dev.hostwise.rules.ReloadOutcome;
import dev.hostwise.rules.RuleInfo;
import dev.hostwise.rules.RuleProblem;
import java.util.ArrayList;
import java.util.List;

/** {@code /selfhost rules} and {@code /selfhost reload} in Markdown: the active revision, the last refused reload, every rule with its reason. */
public final class RulesPost {

    private static final int MAX_LINES = 12;

    private RulesPost() {
    }

    /** What a reload attempt did, with its errors and failing cases (the first dozen of each). */
    public static PostBody outcome(ReloadOutcome o) {
        return PostBody.text(Markdown.fit(outcomeText(o), "_Cut to fit a Mattermost post: see /status for the rest._"));
    }

    private static String outcomeText(ReloadOutcome o) {
        StringBuilder out = new StringBuilder(o.activated() || o.unchanged() ? "✅ " : "❌ ").append(Markdown.escape(o.summary()));
        List<String> lines = new ArrayList<>();
        for (RuleProblem p : o.problems()) {
            lines.add("`" + p.file() + ":" + p.line() + "` " + Markdown.escape(p.message()));
        }
        for (CaseResult c : o.failedCases()) {
            lines.add("case **" + Markdown.escape(c.policyCase().name()) + "** (`" + c.policyCase().file() + ":" + c.policyCase().line()
                    + "`): expected " + Markdown.escape(c.expected()) + ", got " + Markdown.escape(c.actual()));
        }
        for (String line : lines.subList(0, Math.min(lines.size(), MAX_LINES))) {
            out.append("\n- ").append(line);
        }
        if (lines.size() > MAX_LINES) {
            out.append("\n- …and ").append(lines.size() - MAX_LINES).append(" more (see /status)");
        }
        return out.toString();
    }

    /** The active revision, the last refused reload, and every rule with its reason. */
    public static PostBody status(CompiledPolicy active, PolicyReloader reloader) {
        StringBuilder out = new StringBuilder("**Active rules revision** `").append(active.revision()).append("` since ")
                .append(reloader.activatedAt()).append('\n');
        reloader.lastFailure().ifPresent(f -> out.append('\n').append(outcomeText(f)).append('\n'));
        out.append("\n**Rules**\n");
        for (RuleInfo r : active.rules()) {
            out.append("- **").append(Markdown.escape(r.name())).append("** (`").append(r.file()).append("`): ")
                    .append(Markdown.escape(r.reason())).append('\n');
        }
        out.append("\nEdit the `.drl` files in the rules directory; every change is compiled and checked against the policy cases "
                + "before it goes live.");
        return PostBody.text(Markdown.fit(out.toString(), "_Cut to fit a Mattermost post: every rule is listed on /status._"));
    }
}
