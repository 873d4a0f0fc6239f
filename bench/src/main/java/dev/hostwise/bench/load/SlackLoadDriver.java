package dev.hostwise.bench.load;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.slack.SlackModule;
import dev.hostwise.bot.slack.SlackSettings;
import dev.hostwise.bot.slack.SlackTuning;
import dev.hostwise.bot.web.HostwiseServer;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load driver for the Slack endpoint: signed quick-form slash commands at a fixed concurrency against
 * POST /slack/events on loopback, reporting throughput and time-to-ack percentiles; then the same
 * requests against a bare Undertow handler that only answers 200, the ceiling on this machine.
 * Bounded: a fixed number of client threads for a fixed time, loopback only.
 *
 * <pre>
 * ./mvnw -B -q -DskipTests -pl bench -am package
 * java -cp bench/target/benchmarks.jar dev.hostwise.bench.load.SlackLoadDriver [concurrency] [warm-up s] [measure s]
 * </pre>
 */
public final class SlackLoadDriver {

    private static final String SECRET = "load-driver-signing-secret";
    private static final String TEXT = "50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 measured";

    /** What one measured phase saw. */
    record Result(String name, long requests, long non200, long busy, double seconds, Histogram latency) {
        double throughput() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("org.jboss.logging.provider", "slf4j");
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);

        Hostwise hostwise = Hostwise.start(new Env(Map.of()), Optional.empty(), Clock.systemUTC());
        try (WebApiStandIn slackApi = new WebApiStandIn()) {
            SlackSettings settings = new SlackSettings(SlackSettings.Mode.HTTP, "xoxb-load-driver", SECRET, null, slackApi.apiUrl());
            SlackModule slack = new SlackModule(settings, hostwise, SlackTuning.standard());
            HostwiseServer server = new HostwiseServer("127.0.0.1", 0, List.of(slack.routes().orElseThrow())).start();
            slack.start();
            while (!slack.ready()) {
                Thread.sleep(20);
            }
            Undertow bare = Undertow.builder().addHttpListener(0, "127.0.0.1")
                    .setHandler(ex -> {
                        ex.setStatusCode(200);
                        ex.getResponseSender().send("");
                    }).build();
            bare.start();
            int barePort = ((InetSocketAddress) bare.getListenerInfo().get(0).getAddress()).getPort();
            try {
                URI slackUri = URI.create("http://127.0.0.1:" + server.port() + "/slack/events");
                URI bareUri = URI.create("http://127.0.0.1:" + barePort + "/");
                System.out.printf(Locale.ROOT, "concurrency %d, warm-up %d s, measure %d s, %d cores, Java %s%n",
                        concurrency, warmUp.toSeconds(), measure.toSeconds(), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
                run("slack-warmup", slackUri, concurrency, warmUp);
                long postsBefore = slackApi.posts();
                Result s = run("slack", slackUri, concurrency, measure);
                slack.awaitQuiet(Duration.ofSeconds(60));
                long posted = slackApi.posts() - postsBefore;
                run("bare-warmup", bareUri, concurrency, warmUp);
                Result b = run("bare", bareUri, concurrency, measure);
                report(s, b, posted);
            } finally {
                bare.stop();
                server.close();
                slack.close();
            }
        }
        System.exit(0);
    }

    private static Result run(String name, URI uri, int concurrency, Duration length) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Histogram latency = new Histogram();
        AtomicLong requests = new AtomicLong();
        AtomicLong non200 = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong triggers = new AtomicLong();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    String body = commandBody(name + "." + triggers.incrementAndGet());
                    long ts = Instant.now().getEpochSecond();
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                            .header("X-Slack-Signature", sign(ts, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        latency.add(System.nanoTime() - t0);
                        requests.incrementAndGet();
                        if (r.statusCode() != 200) {
                            non200.incrementAndGet();
                        } else if (!r.body().isEmpty()) {
                            busy.incrementAndGet(); // an ephemeral answer instead of a verdict: the queue was full
                        }
                    } catch (Exception e) {
                        non200.incrementAndGet();
                    }
                }
            }, "load-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, requests.get(), non200.get(), busy.get(), seconds, latency);
    }

    private static void report(Result slack, Result bare, long posted) {
        System.out.println();
        System.out.println("| endpoint | requests | throughput (req/s) | p50 ack (ms) | p99 ack (ms) | p99.9 (ms) | max (ms) | not 200 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Result r : List.of(slack, bare)) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %d |%n", r.name().equals("slack")
                            ? "POST /slack/events (quick form)" : "bare Undertow 200", r.requests(), r.throughput(),
                    r.latency().percentileMillis(50), r.latency().percentileMillis(99), r.latency().percentileMillis(99.9),
                    r.latency().percentileMillis(100), r.non200());
        }
        double ratio = slack.throughput() / bare.throughput();
        System.out.printf(Locale.ROOT, "%nSlack endpoint at %.0f%% of the bare handler's throughput (target >= 40%%): %s%n",
                ratio * 100, ratio >= 0.40 ? "met" : "NOT met");
        double p99 = slack.latency().percentileMillis(99);
        System.out.printf(Locale.ROOT, "p99 time-to-ack %.2f ms (target <= 50 ms): %s%n", p99, p99 <= 50 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "verdicts posted to the Web API stand-in: %,d of %,d commands; %,d answered 'busy' (queue full)%n",
                posted, slack.requests(), slack.busy());
    }

    private static String commandBody(String trigger) {
        Map<String, String> form = Map.of("team_id", "T0LOAD", "channel_id", "C0LOAD", "user_id", "U0LOAD",
                "command", "/selfhost", "text", TEXT, "api_app_id", "A0LOAD",
                "response_url", "http://127.0.0.1:9/hooks/none", "trigger_id", trigger);
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static String sign(long ts, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
