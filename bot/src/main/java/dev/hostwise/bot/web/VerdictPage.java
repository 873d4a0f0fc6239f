package dev.hostwise.bot.web;

import dev.hostwise.bot.render.ConditionRow;
import dev.hostwise.bot.render.ConfigurationSearchView;
import dev.hostwise.bot.render.FigureRows;
import dev.hostwise.bot.render.PolicyWords;
import dev.hostwise.bot.render.SensitivityRow;
import dev.hostwise.bot.render.SensitivityRows;
import dev.hostwise.bot.store.VerdictSummary;
import dev.hostwise.bot.render.HowSure;
import dev.hostwise.bot.web.view.ConditionsModel;
import dev.hostwise.bot.web.view.HowSureModel;
import dev.hostwise.bot.web.view.PageFrame;
import dev.hostwise.bot.web.view.VerdictLink;
import dev.hostwise.bot.web.view.VerdictPageModel;
import dev.hostwise.bot.web.view.VerdictPageModel.Actions;
import dev.hostwise.bot.web.view.VerdictPageModel.Changes;
import dev.hostwise.bot.web.view.VerdictPageModel.FiredRuleLine;
import dev.hostwise.bot.web.view.VerdictPageModel.Head;
import dev.hostwise.bot.web.view.VerdictPageModel.Input;
import dev.hostwise.bot.web.view.VerdictPageModel.LoadTestSection;
import dev.hostwise.bot.web.view.VerdictPageModel.Meta;
import dev.hostwise.bot.web.view.VerdictPageModel.Sensitivity;
import dev.hostwise.bot.web.view.VerdictPageModel.Successor;
import dev.hostwise.knowledge.evidence.LoadTestPlan;
import dev.hostwise.rules.FiredRule;
import dev.hostwise.rules.Verdict;
import dev.hostwise.rules.facts.Format;
import dev.hostwise.knowledge.uncertainty.Probabilities;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict as an HTML page ({@code GET /v/{token}}): the recommendation, the policy's conditions,
 * the reasons, the chart, every figure with its formula, the caveats, and the rules that fired with
 * their reasons. This class gathers them into a {@link VerdictPageModel} (figures from
 * {@link FigureRows}, conditions from the verdict; nothing is recomputed here) and {@code verdict.jte}
 * lays them out.
 */
public final class VerdictPage {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final CostChart chart = new CostChart();
    private final Pages pages;

    public VerdictPage() {
        this(new Pages());
    }

    VerdictPage(Pages pages) {
        this.pages = pages;
    }

    /**
     * @param view     the verdict and what the store keeps with it
     * @param homeLink whether the site name links to the form at {@code /}
     */
    public String render(VerdictView view, boolean homeLink) {
        return render(view, homeLink, view.linkToken().filter(t -> view.verdict().loadTest() != null)
                .map(t -> LoadTestUpload.of(t, view.verdict().loadTest())));
    }

    /**
     * @param upload the load-test upload form, as pre-filled or as last submitted with its problems; empty
     *               for a verdict that asks for no load test, or could not be saved (nothing to supersede)
     */
    public String render(VerdictView view, boolean homeLink, Optional<LoadTestUpload> upload) {
        return pages.verdict(model(view, homeLink, upload));
    }

    /** Everything the page shows, section by section. */
    public VerdictPageModel model(VerdictView view, boolean homeLink, Optional<LoadTestUpload> upload) {
        Verdict v = view.verdict();
        List<String> reasons = v.reasons();
        return new VerdictPageModel(
                new PageFrame(v.id() + " · " + v.recommendation().headline() + " · Hostwise", homeLink),
                view.saveProblem(),
                view.supersededBy().isEmpty() ? Optional.empty() : Optional.of(successor(view.supersededBy().get(view.supersededBy().size() - 1))),
                new Head(v.id(), v.recommendation().name(), v.recommendation().headline(),
                        reasons.isEmpty() ? Optional.empty() : Optional.of(reasons.get(0))),
                meta(view),
                view.supersedes().map(old -> new Changes(link(old), view.changes())),
                new ConditionsModel(PolicyWords.all(v.conditions().size()), ConditionRow.of(v)),
                reasons.size() > 1 ? reasons.subList(1, reasons.size()) : List.of(),
                Optional.ofNullable(v.loadTest()).map(plan -> loadTest(plan, upload)),
                ConfigurationSearchView.of(v),
                chart.model(v),
                sensitivity(view),
                howSure(view),
                FigureRows.of(v.figures()),
                v.caveats(),
                firedRules(view),
                inputs(v),
                view.linkToken().map(token -> new Actions(token, v.id())));
    }

    /**
     * For "Measure first": the load test that would settle it (the commands, filled in from the scenario),
     * and the form that hands its result back, which decides again as a new verdict superseding this one.
     */
    private static LoadTestSection loadTest(LoadTestPlan plan, Optional<LoadTestUpload> upload) {
        String summary = String.format(Locale.ROOT, "%s on %d x %s at %s: %d requests in flight, %,d prompt and %,d completion"
                        + " tokens, %,d requests. Run these, then hand the result back below (or with the last command).",
                plan.model(), plan.gpusPerReplica(), plan.gpuType() == null ? "your GPU" : plan.gpuType(), plan.precision(),
                plan.concurrency(), plan.inputTokens(), plan.outputTokens(), plan.prompts());
        return new LoadTestSection(summary, plan.notes(), plan.commands(), upload);
    }

    private static Meta meta(VerdictView view) {
        Verdict v = view.verdict();
        return new Meta(WHEN.format(v.createdAt()), view.askedBy(), v.rulesRevision(), String.valueOf(v.catalogDate()),
                view.appVersion(), view.supersedes().map(VerdictPage::link),
                view.supersededBy().stream().map(VerdictPage::link).toList());
    }

    /** Which input would flip the cost case, and the tornado of daily savings at ±50% of each. */
    private static Optional<Sensitivity> sensitivity(VerdictView view) {
        List<SensitivityRow> rows = SensitivityRows.of(view.verdict());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sensitivity(rows, view.linkToken().map(token -> "/v/" + token + "-tornado.png")));
    }

    private static List<FiredRuleLine> firedRules(VerdictView view) {
        List<FiredRule> fired = view.verdict().firedRules();
        List<FiredRuleLine> lines = new ArrayList<>(fired.size());
        for (int i = 0; i < fired.size(); i++) {
            lines.add(new FiredRuleLine(fired.get(i).file(), fired.get(i).rule(), view.reasonOf(i)));
        }
        return lines;
    }

    /** The inputs exactly as decided, defaults filled in: what a reviewer checks first. */
    private static List<Input> inputs(Verdict v) {
        return ScenarioValues.of(v.scenario()).entrySet().stream().map(e -> new Input(e.getKey(), e.getValue())).toList();
    }

    private static Successor successor(VerdictSummary newest) {
        return new Successor(link(newest), WHEN.format(newest.createdAt()), newest.rulesRevision(), String.valueOf(newest.catalogDate()),
                newest.supersedeReason().map(SupersededNotice::sentence));
    }

    /** How sure the verdict is; nothing for a verdict stored before verdicts carried probabilities. */
    private static Optional<HowSureModel> howSure(VerdictView view) {
        Verdict v = view.verdict();
        Probabilities p = v.probabilities();
        if (p == null) {
            return Optional.empty();
        }
        List<HowSureModel.ConditionShare> conditions = new ArrayList<>();
        p.conditions().forEach((condition, share) -> conditions.add(new HowSureModel.ConditionShare(condition, HowSure.share(share))));
        String draws = Format.count(p.draws());
        return Optional.of(new HowSureModel(draws, draws + (p.draws() == 1 ? " case" : " plausible cases, seeded"), HowSure.line(v),
                p.selfHostCheaper(), conditions, view.linkToken().map(token -> "/v/" + token + "-saving.png"), HowSure.rows(v),
                p.seed()));
    }

    private static VerdictLink link(VerdictSummary s) {
        return new VerdictLink(s.id(), s.linkToken());
    }
}
