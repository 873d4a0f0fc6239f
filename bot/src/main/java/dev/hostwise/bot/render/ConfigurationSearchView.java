package dev.hostwise.bot.render;

import static dev.hostwise.rules.facts.Format.num;
import static dev.hostwise.rules.facts.Format.seconds;
import static dev.hostwise.rules.facts.Format.usd;

import dev.hostwise.knowledge.ConfigurationSearch;
import dev.hostwise.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration search of a verdict ({@code figures.configurationSearch}) as every renderer shows it
 * (CLI text, Slack, the page, the ADR; a template or another chat platform draws it the same way): what
 * was searched, the configuration chosen, the runners-up, and why the others lost, formatted once.
 * Nothing is recomputed here; a verdict without a search has no view.
 *
 * @param summary      "144 configurations of llama-3.3-70b searched (every catalog GPU, 1 to 8 per replica, at BF16, FP8, FP4);
 *                     41 meet the 10 s target"
 * @param chosen       the configuration the verdict decides on
 * @param runnersUp    the next ones, those meeting the target first, cheapest first (at least 3 when there are)
 * @param lost         why the others lost: a count per reason, with examples in words; reasons with none left out
 * @param evidenceNote when a cheaper configuration was passed over on its thinner evidence, the sentence saying so
 */
public record ConfigurationSearchView(String summary, Row chosen, List<Row> runnersUp, List<LossRow> lost,
                                      Optional<String> evidenceNote) {

    /**
     * One configuration.
     *
     * @param configuration "1 x b200 at FP4"
     * @param gpuName       "NVIDIA B200 180GB"
     * @param perDay        self-hosting per day, all-in: "$1,363.36"
     * @param replicas      replicas the volume and peak need
     * @param batch         requests in flight per replica
     * @param secondsPerRequest "9.98 s"
     * @param requestsPerSecond "22.7 req/s"
     * @param evidence      "estimated ±23%", "load test sha256:3fa9c1e2b7d4", "thin, ±35%"
     * @param evidenceNotes why it is thin, or which load test, in words
     * @param note          "passed over: cheaper, but on thinner evidence", "too slow", or empty
     * @param passedOver    true when it was cheaper but lost on evidence
     */
    public record Row(String configuration, String gpuName, String perDay, int replicas, int batch, String secondsPerRequest,
                      String requestsPerSecond, String evidence, List<String> evidenceNotes, String note, boolean passedOver) {
    }

    /** One reason others lost: "out of memory", 19, and up to three examples. */
    public record LossRow(String reason, int count, List<String> examples) {
    }

    /** Runners-up every renderer shows at least (the verdict carries up to five). */
    public static final int SHOWN_RUNNERS_UP = 3;

    /** The view of a verdict's search; empty when the verdict did not search. */
    public static Optional<ConfigurationSearchView> of(Verdict v) {
        ConfigurationSearch s = v.figures().configurationSearch();
        if (s == null) {
            return Optional.empty();
        }
        String summary = s.considered() + " configurations of " + v.scenario().openModel() + " searched (every catalog GPU, 1 to 8"
                + " per replica, at " + String.join(", ", s.precisions().stream().map(Enum::name).toList()) + "; "
                + s.pricing() + "); " + s.meetingTarget() + " meet the " + seconds(v.scenario().maxSecondsPerRequest()) + " target";
        List<Row> runnersUp = s.runnersUp().stream().map(c -> row(c, false)).toList();
        List<LossRow> lost = new ArrayList<>();
        ConfigurationSearch.Losses l = s.lost();
        if (l != null) {
            loss(lost, "out of memory", l.outOfMemory());
            loss(lost, "no FP8 or FP4 compute", l.noCompute());
            loss(lost, "too slow for the target", l.tooSlow());
            loss(lost, "dearer", l.dearer());
            loss(lost, "cheaper, passed over on thinner evidence", l.thinnerEvidence());
        }
        Optional<String> evidenceNote = Optional.empty();
        if (s.chosenOnEvidence()) {
            Row cheapest = runnersUp.stream().filter(Row::passedOver).findFirst().orElse(null);
            if (cheapest != null) {
                evidenceNote = Optional.of("Cheaper configurations were passed over: " + cheapest.configuration() + " costs "
                        + cheapest.perDay() + " a day, but rests on thinner evidence (" + cheapest.evidence() + "); a thinner-backed"
                        + " configuration is chosen only when it is still cheaper with its throughput at the low end of its band.");
            }
        }
        return Optional.of(new ConfigurationSearchView(summary, row(s.chosen(), true), runnersUp, List.copyOf(lost), evidenceNote));
    }

    private static void loss(List<LossRow> out, String reason, ConfigurationSearch.Loss loss) {
        if (loss != null && loss.count() > 0) {
            out.add(new LossRow(reason, loss.count(), loss.examples()));
        }
    }

    private static Row row(ConfigurationSearch.Configuration c, boolean chosen) {
        ConfigurationSearch.Evidence e = c.evidence();
        String evidence;
        List<String> notes;
        if (e == null) {
            // a verdict stored before the search weighed evidence
            evidence = c.throughputSource().json();
            notes = List.of();
        } else {
            evidence = switch (e.tier()) {
                case MEASURED -> "load test " + (e.evidenceId() == null ? "" : "sha256:" + e.evidenceId().substring(0, Math.min(12,
                        e.evidenceId().length())));
                case ESTIMATED -> "estimated ±" + e.uncertaintyPercent() + "%";
                case THIN -> "thin evidence, ±" + e.uncertaintyPercent() + "%";
            };
            notes = e.notes();
        }
        String note = "";
        if (c.passedOver()) {
            note = "passed over: cheaper, but on thinner evidence"
                    + (c.selfHostPerDayAtBandLow() == null ? "" : "; " + usd(c.selfHostPerDayAtBandLow()) + " a day at the low end of its band");
        } else if (!c.meetsLatencyTarget()) {
            note = chosen ? "the fastest: nothing met the target" : "too slow for the target";
        }
        return new Row(c.describe(), c.gpuName(), usd(c.selfHostPerDay()), c.replicas(), c.batch(), seconds(c.secondsPerRequest()),
                num(c.requestsPerSecond()) + " req/s", evidence, notes, note, c.passedOver());
    }

    /** The runners-up every renderer lists: the first {@link #SHOWN_RUNNERS_UP}, and any passed over on evidence among the rest. */
    public List<Row> shownRunnersUp() {
        List<Row> shown = new ArrayList<>();
        for (int i = 0; i < runnersUp.size(); i++) {
            if (i < SHOWN_RUNNERS_UP || runnersUp.get(i).passedOver()) {
                shown.add(runnersUp.get(i));
            }
        }
        return shown;
    }

    /** "out of memory 19, no FP8 or FP4 compute 60, too slow for the target 23, dearer 39". */
    public String lostInWords() {
        return String.join(", ", lost.stream().map(l -> l.reason() + " " + l.count()).toList());
    }
}
