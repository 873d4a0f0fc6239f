package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.store.StoreUnavailableException;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.CatalogException;
import dev.hostwise.rules.RuleCompilationException;
import java.lang.invoke.MethodHandles;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code hostwise}: the command line. Exit codes: 0 verdict or check passed, 1 a check failed, 2 bad input. */
@Command(name = "hostwise", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = HostwiseCli.Version.class,
        description = "Self-host an open LLM, or keep paying a hosted API per token? Decides with the numbers behind it.")
public final class HostwiseCli implements Runnable {

    /**
     * The subcommands, in the order help lists them. They are added by hand rather than named in the annotation
     * so that a run builds only the one it runs: picocli reads each command's annotations by reflection, from
     * class files too old for the class-data archive, and building all of them cost every start about 0.1 s.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Env env;
    private final Optional<Hostwise.Early> early;

    HostwiseCli(Env env, Optional<Hostwise.Early> early) {
        this.env = env;
        this.early = early;
    }

    /** The configuration subcommands read (the process environment, or a test's). */
    Env env() {
        return env;
    }

    /** The policy and catalog being prepared since before the command line was read, for {@code decide}. */
    Optional<Hostwise.Early> early() {
        return early;
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
        return commandLine(env, new String[0]);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that one is built;
     * otherwise (help, a version, a mistyped name that wants suggestions) all of them are.
     */
    public static CommandLine commandLine(Env env, String... args) {
        return commandLine(env, Optional.empty(), args);
    }

    private static CommandLine commandLine(Env env, Optional<Hostwise.Early> early, String... args) {
        String first = args.length == 0 ? "" : args[0];
        CommandLine cl = new CommandLine(new HostwiseCli(env, early));
        SUBCOMMANDS.forEach((name, command) -> {
            if (!SUBCOMMANDS.containsKey(first) || name.equals(first)) {
                cl.addSubcommand(name, command.get());
            }
        });
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
        CommandLine decide = cl.getSubcommands().get("decide");
        if (decide != null) {
            DecideCommand.addScenarioOptions(decide.getCommandSpec());
        }
        return cl;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("decide", DecideCommand::new);
        all.put("rules", RulesCommand::new);
        all.put("serve", ServeCommand::new);
        all.put("replay", ReplayCommand::new);
        all.put("catalog", CatalogCommand::new);
        all.put("measure", MeasureCommand::new);
        all.put("watch", WatchCommand::new);
        all.put("pool", PoolCommand::new);
        return Collections.unmodifiableMap(all);
    }

    public static void main(String[] args) {
        warmUpInBackground();
        Env env = Env.system();
        Optional<Hostwise.Early> early = Optional.empty();
        if (args.length > 0 && args[0].equals("decide")) {
            try {
                early = Optional.of(Hostwise.prepareEarly(env, rulesFlag(args)));
            } catch (InvalidPathException e) {
                // not a path: picocli says so when it reads the flag
            }
        }
        System.exit(commandLine(env, early, args).execute(args));
    }

    /**
     * The {@code --rules} directory a decide command names, read ahead of picocli for {@link Hostwise#prepareEarly}.
     * Only a guess: the start takes the early preparation over only if picocli reads the same directory, so an odd
     * spelling costs time, never a wrong policy.
     */
    static Optional<Path> rulesFlag(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--rules") && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--rules=")) {
                return Optional.of(Path.of(args[i].substring("--rules=".length())));
            }
        }
        return Optional.empty();
    }

    /**
     * Starts, on the second core, work the decide command's flags need while this thread builds the command
     * line (picocli reads annotations by reflection from classes the archive cannot hold): the scenario fields'
     * table and the bounds their help states. What this takes off the main thread is the two classes'
     * initialisation (whichever thread comes second waits for it, never repeats it) and the formatter's first,
     * slow calls; the bound strings themselves are cheap to make again once warm. Then the scenario reader's JSON
     * mapper: the first Jackson mapper of a process sets up Jackson's date format, and with it the JDK's locale
     * data, tens of milliseconds the main thread would otherwise spend reading the input. Logging is not set up here:
     * SLF4J hands a logger asked for during its set-up a stand-in, and then prints a warning on stderr about the
     * calls it replays.
     */
    private static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            for (ScenarioField f : ScenarioField.values()) {
                FieldMetadata.of(f).bounds();
            }
            try {
                MethodHandles.lookup().ensureInitialized(ScenarioReader.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }, "hostwise-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            // the class's package, not Hostwise.version(): naming a class does not initialise it, and its logging
            String v = Hostwise.class.getPackage().getImplementationVersion();
            return new String[] {"hostwise " + (v == null ? "dev" : v)};
        }
    }
}
