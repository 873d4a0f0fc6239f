package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.knowledge.catalog.CatalogException;
import dev.hostwise.rules.RuleCompilationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code hostwise}: the command line. Exit codes: 0 verdict or check passed, 1 a check failed, 2 bad input. */
@Command(name = "hostwise", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = HostwiseCli.Version.class,
        description = "Self-host an open LLM, or keep paying a hosted API per token? Decides with the numbers behind it.",
        subcommands = {DecideCommand.class, RulesCommand.class, ServeCommand.class, ReplayCommand.class, CatalogCommand.class,
            MeasureCommand.class, WatchCommand.class, PoolCommand.class})
public final class HostwiseCli implements Runnable {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Env env;

    HostwiseCli(Env env) {
        this.env = env;
    }

    /** The configuration subcommands read (the process environment, or a test's). */
    Env env() {
        return env;
    }

    @Override
    public void run() {
        // no subcommand: show what there is, the way `git` does
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        return commandLine(Env.system());
    }

    public static CommandLine commandLine(Env env) {
        CommandLine cl = new CommandLine(new HostwiseCli(env));
        // a failure is a line on stderr, never a stack trace (HOSTWISE_DEBUG=1 shows the trace). Rules that
        // do not compile, a bad catalog, bad settings or an unreachable store are the user's to fix: exit 2,
        // the same in every command; anything else is unexpected: exit 1
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String prefix = "hostwise " + cmd.getCommandName() + ": ";
            int code = BAD_INPUT;
            if (e instanceof RuleCompilationException r) {
                r.problems().forEach(p -> cmd.getErr().println(prefix + "rules: " + p));
            } else if (e instanceof CatalogException) {
                cmd.getErr().println(prefix + "catalog: " + e.getMessage());
            } else if (e instanceof StoreUnavailableException || e instanceof IllegalArgumentException) {
                cmd.getErr().println(prefix + e.getMessage());
            } else {
                cmd.getErr().println(prefix + (e.getMessage() == null ? e.toString() : e.getMessage()));
                code = CHECK_FAILED;
            }
            if (System.getenv("HOSTWISE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return code;
        });
        DecideCommand.addScenarioOptions(cl.getSubcommands().get("decide").getCommandSpec());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hostwise " + Hostwise.version()};
        }
    }
}
