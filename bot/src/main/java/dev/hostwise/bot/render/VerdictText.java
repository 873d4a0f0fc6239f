package dev.hostwise.bot.render;

import dev.hostwise.knowledge.evidence.LoadTestPlan;
import dev.hostwise.rules.FiredRule;
import dev.hostwise.rules.Verdict;
import java.util.List;

/** The verdict as plain text for a terminal: the answer first, then why, then the numbers. */
public final class VerdictText {

    private static final int WIDTH = 100;

    public String render(Verdict v) {
        StringBuilder out = new StringBuilder();
        out.append(v.recommendation().headline().toUpperCase()).append('\n');
        out.append(v.id()).append(" · rules ").append(v.rulesRevision()).append(" · catalog ").append(v.catalogDate())
                .append(" · ").append(v.createdAt()).append('\n');
        // how sure the cost case is, in one line: the uncertainty analysis's answer
        HowSure.line(v).ifPresent(line -> out.append(wrap("How sure: " + line, 2)).append('\n'));
        out.append('\n');

        out.append("Conditions (").append(PolicyWords.all(v.conditions().size())).append(" must hold)\n");
        // names padded to the longest, at least 8 wide: continuation lines start under the reasons
        int conditionWidth = Math.max(8, v.conditions().keySet().stream().mapToInt(c -> c.name().length()).max().orElse(0));
        for (ConditionRow r : ConditionRow.of(v)) {
            out.append(String.format("  %s %-" + conditionWidth + "s ", r.holds() ? "[x]" : "[ ]", r.name()));
            out.append(wrap(r.reason(), 7 + conditionWidth)).append('\n');
        }
        section(out, "Why", v.reasons());

        out.append("\nFigures\n");
        List<FigureRow> rows = FigureRows.of(v.figures());
        int nameWidth = rows.stream().mapToInt(r -> r.name().length()).max().orElse(10);
        for (FigureRow r : rows) {
            out.append(String.format("  %-" + nameWidth + "s  %18s  %s%n", r.name(), r.value(), r.label()));
        }
        List<SensitivityRow> sensitivity = SensitivityRows.of(v);
        if (!sensitivity.isEmpty()) {
            out.append("\nWhat would flip the cost case (daily saving from self-hosting at -50% / +50%)\n");
            for (SensitivityRow r : sensitivity) {
                out.append(String.format("  %-24s %14s / %-14s %s%n", r.input(), r.low(), r.high(), wrap(r.sentence(), 58)));
            }
        }
        configurationSearch(out, v);
        loadTest(out, v);
        section(out, "Caveats", v.caveats());
        out.append("\nRules that fired\n");
        for (FiredRule f : v.firedRules()) {
            out.append("  ").append(f.file()).append(": ").append(f.rule()).append('\n');
        }
        return out.toString();
    }

    /** The search behind a verdict that chose its own hardware: chosen, runners-up, and why the others lost. */
    private static void configurationSearch(StringBuilder out, Verdict v) {
        ConfigurationSearchView.of(v).ifPresent(view -> {
            out.append("\nConfiguration search\n  ").append(wrap(view.summary(), 2)).append('\n');
            out.append("  chosen\n");
            searchRow(out, view.chosen());
            if (!view.runnersUp().isEmpty()) {
                out.append("  runners-up\n");
                view.shownRunnersUp().forEach(r -> searchRow(out, r));
            }
            if (!view.lost().isEmpty()) {
                out.append("  why the others lost: ").append(wrap(view.lostInWords(), 23)).append('\n');
            }
            view.evidenceNote().ifPresent(n -> out.append("  ").append(wrap(n, 2)).append('\n'));
        });
    }

    private static void searchRow(StringBuilder out, ConfigurationSearchView.Row r) {
        out.append(String.format("    %-22s %12s/day  %3d replicas  batch %4d  %8s/request  %s%n", r.configuration(), r.perDay(),
                r.replicas(), r.batch(), r.secondsPerRequest(), r.evidence()));
        if (!r.note().isEmpty()) {
            out.append("      ").append(wrap(r.note(), 6)).append('\n');
        }
    }

    /** For "Measure first": the load test that would settle it, as commands to paste, and how to hand the result back. */
    private static void loadTest(StringBuilder out, Verdict v) {
        if (v.loadTest() == null) {
            return;
        }
        LoadTestPlan plan = v.loadTest();
        out.append("\nLoad test to run (then import the result and ask again)\n");
        out.append("  ").append(wrap(String.format("%s on %d x %s at %s: %d requests in flight, %,d prompt and %,d completion tokens,"
                        + " %,d requests.", plan.model(), plan.gpusPerReplica(), plan.gpuType() == null ? "your GPU" : plan.gpuType(),
                plan.precision(), plan.concurrency(), plan.inputTokens(), plan.outputTokens(), plan.prompts()), 2)).append('\n');
        for (String note : plan.notes()) {
            out.append("  - ").append(wrap(note, 4)).append('\n');
        }
        // commands are printed whole, one per line, so they paste as they are
        for (String command : plan.commands()) {
            out.append("  $ ").append(command).append('\n');
        }
    }

    private static void section(StringBuilder out, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append('\n');
        for (String item : items) {
            out.append("  - ").append(wrap(item, 4)).append('\n');
        }
    }

    /** Wraps at word boundaries, indenting continuation lines. */
    static String wrap(String text, int indent) {
        StringBuilder out = new StringBuilder();
        int col = indent;
        for (String word : text.split(" ")) {
            if (col + word.length() + 1 > WIDTH && col > indent) {
                out.append('\n').append(" ".repeat(indent));
                col = indent;
            } else if (out.length() > 0) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }
}
