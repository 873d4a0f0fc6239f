package dev.hostwise.bot.web.view;

import dev.hostwise.bot.render.ConfigurationSearchView;
import dev.hostwise.bot.render.FigureRow;
import dev.hostwise.bot.render.SensitivityRow;
import dev.hostwise.bot.replay.VerdictChange;
import dev.hostwise.bot.web.LoadTestUpload;
import java.util.List;
import java.util.Optional;

/**
 * The verdict page ({@code verdict.jte}), section by section, in the order it shows them. Each part
 * is drawn by a partial of its own, so a new section is a new component here and one line in the page.
 *
 * @param frame           title and site link
 * @param saveProblem     why the verdict was not saved, when it was not
 * @param newestSuccessor the newest verdict that re-evaluated this one, for the banner
 * @param head            the recommendation
 * @param meta            when, from where, on which rules and catalog
 * @param changes         what the current rules and catalog changed, when this verdict re-evaluated another
 * @param conditions      the policy's conditions, from the verdict
 * @param why             the reasons after the first (which heads the page)
 * @param loadTest        for "Measure first": the load test to run and the form to hand its result back
 * @param configurationSearch the configurations weighed, when the verdict chose its own hardware
 * @param chart           cost per day against requests per day
 * @param sensitivity     which input would flip the cost case, when the verdict has a sensitivity analysis
 * @param howSure         how sure the verdict is, when it carries probabilities (verdicts stored before them do not)
 * @param figures         every figure with its formula
 * @param caveats         the verdict's caveats
 * @param firedRules      the rules that fired, with their reasons
 * @param inputs          the scenario as decided, defaults filled in
 * @param actions         the verdict's other forms and re-evaluation, when it has a link
 */
public record VerdictPageModel(
        PageFrame frame,
        Optional<String> saveProblem,
        Optional<Successor> newestSuccessor,
        Head head,
        Meta meta,
        Optional<Changes> changes,
        ConditionsModel conditions,
        List<String> why,
        Optional<LoadTestSection> loadTest,
        Optional<ConfigurationSearchView> configurationSearch,
        CostChartModel chart,
        Optional<Sensitivity> sensitivity,
        Optional<HowSureModel> howSure,
        List<FigureRow> figures,
        List<String> caveats,
        List<FiredRuleLine> firedRules,
        List<Input> inputs,
        Optional<Actions> actions) {

    /**
     * @param link          the newer verdict
     * @param decidedAt     when it was decided, in words
     * @param rulesRevision the rules it was decided on
     * @param catalogDate   the catalog it was decided on
     * @param reason        why it superseded this one, as a sentence ("Inputs changed: …."); empty for rows written before reasons were kept
     */
    public record Successor(VerdictLink link, String decidedAt, String rulesRevision, String catalogDate, Optional<String> reason) {
    }

    /**
     * @param id             the citable ID
     * @param recommendation the recommendation's constant, e.g. {@code HOSTED_API}
     * @param headline       the recommendation in words
     * @param lead           the first reason, when there is one
     */
    public record Head(String id, String recommendation, String headline, Optional<String> lead) {

        /** The class the stylesheet colours the head by: {@code HOSTED_API} is {@code rec-hosted-api}. */
        public String cssClass() {
            return "rec-" + recommendation.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param decided       when, in words
     * @param askedBy       who asked, from where
     * @param rulesRevision the rules revision that decided it
     * @param catalogDate   the catalog's date
     * @param appVersion    the Hostwise version that decided it
     * @param supersedes    the verdict this one re-evaluated
     * @param supersededBy  the verdicts that re-evaluated this one, oldest first
     */
    public record Meta(String decided, String askedBy, String rulesRevision, String catalogDate, String appVersion,
                       Optional<VerdictLink> supersedes, List<VerdictLink> supersededBy) {
    }

    /**
     * @param since the verdict this one re-evaluated
     * @param rows  what differs; empty when nothing does
     */
    public record Changes(VerdictLink since, List<VerdictChange> rows) {
    }

    /**
     * @param rows       each input's bearing on the cost case
     * @param tornadoSrc the tornado chart's address, when the verdict has a link
     */
    public record Sensitivity(List<SensitivityRow> rows, Optional<String> tornadoSrc) {
    }

    /**
     * @param file   the rule's file
     * @param rule   its name
     * @param reason its {@code @reason}; empty for verdicts stored without them
     */
    public record FiredRuleLine(String file, String rule, String reason) {
    }

    /**
     * @param summary  the configuration and workload to load-test, in one sentence
     * @param notes    what to watch for while running it
     * @param commands the commands, filled in from the scenario
     * @param upload   the form to hand the result back; empty when there is nothing to supersede
     */
    public record LoadTestSection(String summary, List<String> notes, List<String> commands, Optional<LoadTestUpload> upload) {
    }

    /** One scenario input as decided: its JSON name and value. */
    public record Input(String name, String value) {
    }

    /**
     * @param token     the verdict's page token
     * @param verdictId its citable ID, for the ADR's file name
     */
    public record Actions(String token, String verdictId) {
    }
}
