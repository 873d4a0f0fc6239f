package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.CatalogException;
import dev.hostwise.rules.CaseResult;
import dev.hostwise.rules.CheckReport;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.PolicyCheck;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleCompilationException;
import dev.hostwise.rules.RuleProblem;
import dev.hostwise.rules.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hostwise rules check [DIR]}: compile the rules, run every policy case, and report problems as
 * {@code file:line: message}. Exits 1 when anything fails, so a CI job can gate a rules change.
 */
@Command(name = "check", description = {"Compile a rules directory and run its policy cases.",
    "Problems are printed as file:line: message."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the rules compile and every case passes", "1:a problem or a failing case", "2:bad input"})
class RulesCheckCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    RulesCommand rules;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR",
            description = "rules directory (*.drl and cases/*.yaml); default HOSTWISE_RULES_DIR, else the bundled policy")
    Path dir;

    /** {@code check} prints problems and failing cases; {@code test} also lists every passing case. */
    boolean verbose() {
        return false;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Env env = rules.parent.env();
        Optional<Path> chosen = Optional.ofNullable(dir).or(env::rulesDir);
        RuleSet rules;
        try {
            rules = chosen.map(RuleSet::fromDirectory).orElseGet(RuleSet::bundled);
        } catch (RuleCompilationException e) {
            e.problems().forEach(p -> err.println("hostwise rules check: " + p));
            err.flush();
            return HostwiseCli.BAD_INPUT;
        }
        Catalog catalog;
        try {
            catalog = env.catalogDir().map(Catalog::fromDirectory).orElseGet(Catalog::bundled);
        } catch (CatalogException e) {
            err.println("hostwise rules check: catalog: " + e.getMessage());
            err.flush();
            return HostwiseCli.BAD_INPUT;
        }
        // rules that compiled before (same text, catalog and build) are read from the cache, not compiled again
        PolicyCompiler compiler = Hostwise.compiler(env);
        // the decider needs an active policy; the check itself runs cases on the candidate only
        Decider decider = new Decider(catalog, null);
        CheckReport report = new PolicyCheck(compiler, decider).check(rules);

        for (RuleProblem p : report.problems()) {
            out.println(p);
        }
        for (CaseResult r : report.cases()) {
            if (verbose() || !r.passed()) {
                out.println(r);
            }
        }
        long passed = report.cases().stream().filter(CaseResult::passed).count();
        out.printf("%s: revision %s, %d problem(s), %d case(s): %d passed, %d failed%n",
                report.passed() ? "PASS" : "FAIL", report.revision(), report.problems().size(),
                report.cases().size(), passed, report.cases().size() - passed);
        out.flush();
        return report.passed() ? HostwiseCli.OK : HostwiseCli.CHECK_FAILED;
    }
}
