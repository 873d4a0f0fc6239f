package dev.hostwise.bot.cli;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.replay.VerdictComparison;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.bot.store.StoredVerdict;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.rules.CompiledPolicy;
import dev.hostwise.rules.RuleCompilationException;
import dev.hostwise.rules.RuleSet;
import dev.hostwise.rules.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostwise rules diff DIR}: impact analysis before a rules change goes live. Decides the last N
 * stored verdicts' inputs under the candidate rules and lists those whose recommendation would change.
 */
@Command(name = "diff", description = {"Show which of the last N stored verdicts would change recommendation under candidate rules.",
    "Nothing is stored or activated."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared (changes or not)", "1:the candidate rules do not compile", "2:bad input or store unavailable"})
final class RulesDiffCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    RulesCommand rules;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the candidate rules directory")
    Path dir;

    @Option(names = "--last", paramLabel = "N", defaultValue = "100", description = "how many recent verdicts to replay (default ${DEFAULT-VALUE})")
    int last;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (last < 1 || last > 10_000) {
            err.println("hostwise rules diff: --last must be between 1 and 10000");
            return HostwiseCli.BAD_INPUT;
        }
        try (Hostwise hostwise = Hostwise.start(rules.parent.env(), Optional.empty(), Clock.systemUTC())) {
            CompiledPolicy candidate;
            try {
                candidate = hostwise.compiler().compile(RuleSet.fromDirectory(dir));
            } catch (RuleCompilationException e) {
                e.problems().forEach(out::println);
                out.flush();
                return HostwiseCli.CHECK_FAILED;
            }
            List<StoredVerdict> recent;
            try {
                recent = hostwise.store().recentVerdicts(last);
            } catch (StoreUnavailableException e) {
                err.println("hostwise rules diff: " + e.getMessage());
                return HostwiseCli.BAD_INPUT;
            }
            int changed = 0;
            for (StoredVerdict stored : recent) {
                Verdict before = stored.verdict();
                Verdict after;
                try {
                    // on the evidence each verdict saw, so a load test imported since does not pass for a rules change
                    after = hostwise.decideOn(hostwise.restored(before.scenario()), before.id(), candidate, before.createdAt());
                } catch (InvalidScenarioException e) {
                    out.printf("%s: cannot be decided again on today's catalog: %s%n", before.id(), e.getMessage());
                    continue;
                }
                VerdictComparison cmp = VerdictComparison.of(before, after);
                if (cmp.recommendationChanged()) {
                    changed++;
                    out.printf("%s (%s, rules %s): %s -> %s%n", before.id(), before.createdAt(), before.rulesRevision(),
                            before.recommendation().headline(), after.recommendation().headline());
                }
            }
            out.printf("candidate revision %s: %d of the last %d verdict(s) would change recommendation%n",
                    candidate.revision(), changed, recent.size());
            out.flush();
            return HostwiseCli.OK;
        }
    }
}
