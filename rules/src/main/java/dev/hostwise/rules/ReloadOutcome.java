package dev.hostwise.rules;

import java.time.Instant;
import java.util.List;

/**
 * One attempt to activate a changed policy, successful or not. A failed attempt leaves the previous
 * revision active and says exactly why: the files, lines and messages, and each failing case with
 * what it expected and what the candidate rules said.
 *
 * @param trigger         what asked for it: {@code watch}, {@code SIGHUP}, {@code slack:<user>}, {@code startup}...
 * @param candidate       the revision that was tried
 * @param activated       whether it is now the active revision
 * @param unchanged       true when the candidate was already active, so nothing was swapped
 * @param problems        compile and case-file problems, as file:line: message
 * @param failedCases     failing policy cases, with expected and actual
 * @param millis          how long checking and swapping took
 */
public record ReloadOutcome(Instant at, String trigger, String candidate, boolean activated, boolean unchanged,
                            List<RuleProblem> problems, List<CaseResult> failedCases, long millis) {

    public ReloadOutcome {
        problems = List.copyOf(problems);
        failedCases = List.copyOf(failedCases);
    }

    /** One line for the log and for admins. */
    public String summary() {
        if (unchanged) {
            return "rules revision " + candidate + " is already active (" + trigger + ")";
        }
        if (activated) {
            return "activated rules revision " + candidate + " (" + trigger + ", " + millis + " ms)";
        }
        return "refused rules revision " + candidate + " (" + trigger + "): " + problems.size() + " problem(s), "
                + failedCases.size() + " failing case(s); the previous revision stays active";
    }
}
