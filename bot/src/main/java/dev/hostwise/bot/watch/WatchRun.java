package dev.hostwise.bot.watch;

/**
 * What one run of the watch did: the metrics a run reports.
 *
 * @param checked    watched verdicts re-decided
 * @param superseded of those, how many got a successor because their recommendation changed or their saving crossed zero
 * @param notified   notices posted in their threads (or to their askers)
 * @param unreadable verdicts whose scenario no longer reads on today's catalog (left standing; their check is recorded)
 * @param reason     the changes re-checked for, in words; empty when none was pending
 * @param note       why the run did nothing, or stopped early; empty when it ran to the end
 */
public record WatchRun(int checked, int superseded, int notified, int unreadable, String reason, String note) {

    static WatchRun skipped(String why) {
        return new WatchRun(0, 0, 0, 0, "", why);
    }

    static WatchRun nothing() {
        return new WatchRun(0, 0, 0, 0, "", "");
    }

    WatchRun withNotified(int n) {
        return new WatchRun(checked, superseded, n, unreadable, reason, note);
    }
}
