package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.slack.SlackModule;
import dev.hostwise.bot.http.HostwiseServer;
import dev.hostwise.bot.http.Routes;
import dev.hostwise.bot.web.WebApp;
import dev.hostwise.bot.web.WebSettings;
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
        // links in Slack messages point at this server's pages, on the port it really listens on
        WebSettings web = WebSettings.from(env, listenPort);
        Optional<SlackModule> slack;
        try {
            slack = SlackModule.fromEnv(env, hostwise, web.baseUrl());
        } catch (IllegalArgumentException e) {
            System.err.println("hostwise serve: " + e.getMessage());
            hostwise.close();
            return HostwiseCli.BAD_INPUT;
        }
        List<Routes> routes = new ArrayList<>(WebApp.routes(hostwise, web));
        slack.flatMap(SlackModule::routes).ifPresent(routes::add);
        RulesReloadTriggers.install(hostwise, env);
        HostwiseServer server = new HostwiseServer(bind, listenPort, routes, hostwise.metrics().registry()).start();
        slack.ifPresent(SlackModule::start);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            slack.ifPresent(SlackModule::close);
            hostwise.close();
            stopped.countDown();
        }, "hostwise-shutdown"));
        LOG.info("hostwise {} ready, rules revision {}", Hostwise.version(), hostwise.decider().activePolicy().revision());
        if (web.localMode()) {
            LOG.info("local mode (no Slack credentials): open {}/ to decide a scenario in the browser", web.baseUrl());
        }
        stopped.await();
        return HostwiseCli.OK;
    }
}
