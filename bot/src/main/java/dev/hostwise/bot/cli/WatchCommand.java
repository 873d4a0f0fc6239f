package dev.hostwise.bot.cli;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.watch.Watch;
import dev.hostwise.bot.watch.WatchRun;
import dev.hostwise.bot.watch.WatchSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostwise watch [--dry-run]}: re-check the stored verdicts now, as the server's watch does when
 * rules, catalog or evidence change. {@code --dry-run} lists what would be superseded, and why, and
 * changes nothing. Without it, the run supersedes what changed; its notices wait for a running
 * {@code hostwise serve}, which posts them through its chat surfaces.
 */
@Command(name = "watch", description = {"Re-check stored verdicts on today's rules and catalog; supersede those whose answer changed.",
    "With --dry-run, list what would be superseded and why, and change nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:checked (or listed)", "2:the store is unavailable, the watch is off (HOSTWISE_WATCH=off; --dry-run still works), or a setting is malformed"})
final class WatchCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    HostwiseCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dry-run", description = "list what would be superseded, and why; store and post nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WatchSettings settings = WatchSettings.from(parent.env());
        try (Hostwise hostwise = Hostwise.start(parent.env(), Optional.empty(), Clock.systemUTC());
             Watch watch = new Watch(hostwise, settings, Map::of, parent.env().baseUrl())) {
            if (dryRun) {
                List<Watch.WouldSupersede> would = watch.dryRun();
                out.printf("Verdicts younger than %d days, re-decided on rules %s and catalog %s:%n", settings.days(),
                        hostwise.decider().activePolicy().revision(), hostwise.catalog().date());
                if (would.isEmpty()) {
                    out.println("  none would be superseded");
                }
                for (Watch.WouldSupersede w : would) {
                    out.printf("  %s %s: %s%n", w.id(), w.unreadable() ? "would stand (cannot be re-decided)" : "would be superseded",
                            w.why());
                }
                out.println("Nothing was stored or posted (dry run).");
                out.flush();
                return HostwiseCli.OK;
            }
            if (!settings.on()) {
                err.println("hostwise watch: the watch is off (HOSTWISE_WATCH=off); `hostwise watch --dry-run` still lists what it would do");
                return HostwiseCli.BAD_INPUT;
            }
            hostwise.inputsChanged("manual:" + hostwise.clock().instant(), "a re-check asked for on the command line");
            WatchRun run = watch.runOnce();
            if (!run.note().isEmpty()) {
                out.println("Note: " + run.note());
            }
            out.printf("checked %d, superseded %d, notified %d%s%n", run.checked(), run.superseded(), run.notified(),
                    run.unreadable() == 0 ? "" : ", " + run.unreadable() + " no longer read on today's catalog (left standing)");
            int waiting = hostwise.store().watch().notices("pending", 10_000).size();
            if (waiting > 0) {
                out.printf("%d notice(s) wait for a running `hostwise serve` to post them in their threads%n", waiting);
            }
            out.flush();
            return HostwiseCli.OK;
        }
    }
}
