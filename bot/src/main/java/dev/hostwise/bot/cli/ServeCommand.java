package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.serve.Server;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
        Stop stop = new Stop(server, hostwise);
        // SIGTERM and Ctrl-C stop the server before the JVM begins to exit: the embedded database's own exit hook
        // would otherwise close it at once, under the drain's last writes and the compaction at close, which then
        // failed with stack traces. Any other exit still stops the server from the shutdown hook.
        stop.onSignal("TERM", 143);
        stop.onSignal("INT", 130);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::run, "hostwise-shutdown"));
        LOG.info("hostwise {} ready, rules revision {}", Hostwise.version(), hostwise.decider().activePolicy().revision());
        stop.stopped.await();
        return HostwiseCli.OK;
    }

    /** Stops intake, drains, closes the store: once, whichever of a signal or the shutdown hook comes first. */
    private static final class Stop implements Runnable {
        private final Server server;
        private final Hostwise hostwise;
        private final AtomicBoolean started = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);

        Stop(Server server, Hostwise hostwise) {
            this.server = server;
            this.hostwise = hostwise;
        }

        @Override
        public void run() {
            if (!started.compareAndSet(false, true)) {
                // the other path is stopping the server: the JVM must not end before it has
                awaitStopped();
                return;
            }
            try {
                LOG.info("stopping");
                server.close();
                hostwise.close();
            } finally {
                stopped.countDown();
            }
        }

        private void awaitStopped() {
            boolean interrupted = false;
            while (true) {
                try {
                    stopped.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** On the signal, stops the server and then exits with {@code status}, as the JVM would have. */
        void onSignal(String name, int status) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    run();
                    System.exit(status);
                });
            } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
                // a platform without the signal, or the JVM's own use of it (-Xrs): the shutdown hook stops the server
                LOG.debug("no {} handler ({}); the shutdown hook stops the server", name, notHere.toString());
            }
        }
    }
}
