package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.slack.SlackModule;
import dev.hostwise.bot.web.HostwiseServer;
import dev.hostwise.bot.web.Routes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hostwise serve}: the HTTP server (Slack events, verdict pages, API, status) until stopped. */
@Command(name = "serve", description = "Run the server: Slack app, verdict pages and API. Stops on Ctrl-C or SIGTERM.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", paramLabel = "PORT", description = "port to listen on (default: PORT, else 3000)")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "address to bind (default: HOSTWISE_BIND, else 0.0.0.0)")
    String host;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules directory (default: HOSTWISE_RULES_DIR, else the bundled policy)")
    Path rulesDir;

    @Override
    public Integer call() throws InterruptedException {
        Env env = Env.system();
        int listenPort = port != null ? port : env.get("PORT").map(Integer::parseInt).orElse(3000);
        String bind = host != null ? host : env.get("HOSTWISE_BIND").orElse("0.0.0.0");
        Hostwise hostwise = Hostwise.start(env, Optional.ofNullable(rulesDir), Clock.systemUTC());
        Optional<SlackModule> slack;
        try {
            slack = SlackModule.fromEnv(env, hostwise);
        } catch (IllegalArgumentException e) {
            System.err.println("hostwise serve: " + e.getMessage());
            return HostwiseCli.BAD_INPUT;
        }
        List<Routes> routes = new ArrayList<>();
        slack.flatMap(SlackModule::routes).ifPresent(routes::add);
        HostwiseServer server = new HostwiseServer(bind, listenPort, routes).start();
        slack.ifPresent(SlackModule::start);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            slack.ifPresent(SlackModule::close);
            stopped.countDown();
        }, "hostwise-shutdown"));
        LOG.info("hostwise {} ready, rules revision {}", Hostwise.version(), hostwise.decider().activePolicy().revision());
        stopped.await();
        return HostwiseCli.OK;
    }
}
