package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.serve.Server;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hostwise serve}: the HTTP server (verdict pages, API, status, and each configured chat surface) until stopped. */
@Command(name = "serve", description = "Run the server: verdict pages and API, each chat surface whose settings are present "
        + "(Slack), the web form when none is. Stops on Ctrl-C or SIGTERM.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @picocli.CommandLine.ParentCommand
    HostwiseCli parent;

    @Option(names = "--port", paramLabel = "PORT", description = "port to listen on (default: PORT, else 3000)")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "address to bind (default: HOSTWISE_BIND, else 0.0.0.0)")
    String host;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules directory (default: HOSTWISE_RULES_DIR, else the bundled policy)")
    Path rulesDir;

    @Override
    public Integer call() throws InterruptedException {
        Env env = parent.env();
        int listenPort = port != null ? port : env.port();
        String bind = host != null ? host : env.get("HOSTWISE_BIND").orElse("0.0.0.0");
        Hostwise hostwise = Hostwise.start(env, Optional.ofNullable(rulesDir), Clock.systemUTC());
        hostwise.store().database().startupProblem().ifPresentOrElse(
                p -> LOG.warn("{} (verdicts are answered but not saved until it is back)", p),
                () -> LOG.info("verdicts are stored in the {}", hostwise.store().database().settings().description()));
        Server server;
        try {
            server = Server.start(env, hostwise, bind, listenPort);
        } catch (IllegalArgumentException e) {
            System.err.println("hostwise serve: " + e.getMessage());
            hostwise.close();
            return HostwiseCli.BAD_INPUT;
        }
        RulesReloadTriggers.install(hostwise, env);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            hostwise.close();
            stopped.countDown();
        }, "hostwise-shutdown"));
        LOG.info("hostwise {} ready, rules revision {}", Hostwise.version(), hostwise.decider().activePolicy().revision());
        stopped.await();
        return HostwiseCli.OK;
    }
}
