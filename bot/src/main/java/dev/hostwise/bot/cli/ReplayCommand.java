package dev.hostwise.bot.cli;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.replay.VerdictChange;
import dev.hostwise.bot.replay.VerdictComparison;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostwise replay HW-YYYY-NNNN}: decide a stored verdict's exact inputs again on the rules and
 * catalog active now, and show what changed. The stored verdict is never modified. By default the load
 * tests imported up to now count (what would today's evidence decide?); with {@code --own-revision} only
 * those imported up to the verdict's own moment, so the original decision is reproduced.
 */
@Command(name = "replay", description = {"Decide a stored verdict's inputs again on the current rules, and show what changed.",
    "The stored verdict is not modified."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:replayed (whether or not anything changed)", "2:no such verdict, or the store is unavailable"})
final class ReplayCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    HostwiseCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "HW-YYYY-NNNN", description = "the verdict's citable ID")
    String id;

    @Option(names = "--rules", paramLabel = "DIR", description = "replay on this rules directory instead of the active rules")
    Path rulesDir;

    @Option(names = "--own-revision", description = "replay on the rules revision that decided the verdict (its sources are kept in the store),"
            + " with only the load tests imported before it was decided")
    boolean ownRevision;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Hostwise hostwise = Hostwise.start(parent.env(), Optional.ofNullable(rulesDir), java.time.Clock.systemUTC())) {
            Optional<StoredVerdict> stored;
            try {
                stored = hostwise.store().byId(id.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (StoreUnavailableException e) {
                err.println("hostwise replay: " + e.getMessage());
                return HostwiseCli.BAD_INPUT;
            }
            if (stored.isEmpty()) {
                err.println("hostwise replay: no verdict " + id + " in " + hostwise.store().database().settings().description()
                        + "; IDs look like HW-2026-0042");
                return HostwiseCli.BAD_INPUT;
            }
            Verdict before = stored.get().verdict();
            Verdict after;
            try {
                Scenario scenario = hostwise.restored(before.scenario());
                if (ownRevision) {
                    Optional<RuleSet> sources = hostwise.store().ruleRevisions().find(before.rulesRevision());
                    if (sources.isEmpty()) {
                        err.println("hostwise replay: the sources of rules revision " + before.rulesRevision()
                                + " were not kept; replay on the current rules, or on a checkout of them with --rules DIR");
                        return HostwiseCli.BAD_INPUT;
                    }
                    CompiledPolicy own = hostwise.compiler().compile(sources.get());
                    // the evidence it saw too: load tests imported after it was decided are not counted
                    after = hostwise.decideOn(scenario, before.id(), own, before.createdAt());
                } else {
                    after = hostwise.decide(scenario);
                }
            } catch (InvalidScenarioException e) {
                err.println("hostwise replay: " + before.id() + " cannot be decided again on today's catalog: " + e.getMessage());
                return HostwiseCli.BAD_INPUT;
            }
            VerdictComparison cmp = VerdictComparison.of(before, after);
            out.printf("%s decided %s on rules %s: %s%n", before.id(), before.createdAt(), before.rulesRevision(),
                    before.recommendation().headline());
            out.printf("replayed now on rules %s: %s%n", after.rulesRevision(), after.recommendation().headline());
            if (cmp.changes().isEmpty()) {
                out.println("nothing changed");
            } else {
                out.println(cmp.changes().size() + " change(s):");
                for (VerdictChange c : cmp.changes()) {
                    out.println("  " + c);
                }
            }
            out.flush();
            return HostwiseCli.OK;
        }
    }
}
