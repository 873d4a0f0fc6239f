package dev.hostwise.bench.load;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.slack.SlackModule;
import dev.hostwise.bot.slack.SlackSettings;
import dev.hostwise.bot.slack.SlackTuning;
import dev.hostwise.bot.http.HostwiseServer;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load driver for the Slack endpoint. Sends signed quick-form slash commands at a fixed concurrency to
 * POST /slack/events on loopback and measures throughput and time-to-ack; every command also makes
 * the bot decide and post a verdict to a loopback stand-in of the Web API, on the same cores. In the
 * same run it sends the same requests to a bare Undertow handler that only answers 200 (the ceiling)
 * and to an empty route on Hostwise's shared server (what the shared server alone costs).
 *
 * <p>The targets are measured in alternating rounds, so that anything else running on the machine
 * weighs on all of them alike. Bounded: a fixed number of client threads for a fixed time, loopback only.
 *
 * <pre>
 * ./mvnw -B -q -DskipTests -pl bench -am package
 * java -cp bench/target/benchmarks.jar dev.hostwise.bench.load.SlackLoadDriver [concurrency] [warm-up s] [rounds] [round s]
 * </pre>
 */
public final class SlackLoadDriver {

    private static final String SECRET = "load-driver-signing-secret";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The quick form every taken command sends. */
    public static final String TEXT = "50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 measured";
    /** A quick form with a bad value: answered in the acknowledgement itself, so no verdict is decided or posted. */
    public static final String BAD_TEXT = "50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 util=150%";

    /** A URL under load, and everything measured against it so far. */
    private static final class Target {
        final String name;
        final URI uri;
        final String text;
        final Histogram latency = new Histogram();
        /** Acknowledgements that took the command (an empty 200), and those that answered "busy" at once. */
        final Histogram taken = new Histogram();
        final Histogram busyAnswers = new Histogram();
        final Map<String, Double> cpu = new LinkedHashMap<>();
        long requests;
        long non200;
        /** Requests answered within their round's length: what throughput counts. */
        long inWindow;
        /** Requests that failed without an answer (a client-side timeout among them), and the first one's cause. */
        long failed;
        String firstFailure;
        long busy;
        double seconds;

        Target(String name, URI uri) {
            this(name, uri, TEXT);
        }

        Target(String name, URI uri, String text) {
            this.name = name;
            this.uri = uri;
            this.text = text;
        }

        double throughput() {
            return inWindow / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 120);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Duration round = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 5);

        // the environment's store: HOSTWISE_DB_URL for PostgreSQL, else embedded H2 in HOSTWISE_DATA_DIR (default ./data)
        Hostwise hostwise = Hostwise.start(Env.system(), Optional.empty(), Clock.systemUTC());
        try (WebApiStandIn slackApi = new WebApiStandIn()) {
            SlackSettings settings = new SlackSettings(SlackSettings.Mode.HTTP, "xoxb-load-driver", SECRET, null, slackApi.apiUrl());
            SlackModule slack = new SlackModule(settings, hostwise, SlackTuning.standard());
            // wired as `hostwise serve` wires it: every request is timed into the metrics
            HostwiseServer server = new HostwiseServer("127.0.0.1", 0, slack.routes(),
                    hostwise.metrics().registry()).start();
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
            HostwiseServer shared = new HostwiseServer("127.0.0.1", 0, List.of(r -> r.post("/ok", ex -> {
                ex.setStatusCode(200);
                ex.getResponseSender().send("");
            })), hostwise.metrics().registry()).start();
            try {
                Target s = new Target("POST /slack/events (quick form)", URI.create("http://127.0.0.1:" + server.port() + "/slack/events"));
                Target b = new Target("bare Undertow handler, 200", URI.create("http://127.0.0.1:"
                        + ((InetSocketAddress) bare.getListenerInfo().get(0).getAddress()).getPort() + "/"));
                Target e = new Target("shared server, empty route", URI.create("http://127.0.0.1:" + shared.port() + "/ok"));
                Target a = new Target("POST /slack/events, quick form with a bad value (answered in the ack)", s.uri, BAD_TEXT);
                System.out.printf(Locale.ROOT, "concurrency %d, warm-up %d s, %d rounds of %d s per target, %d cores, Java %s, load average %s%n",
                        concurrency, warmUp.toSeconds(), rounds, round.toSeconds(), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"), loadAverage());
                // warm-up: on two cores shared with 32 client threads the JIT compiler was still busy (a fifth
                // of the CPU, throughput still rising round after round) after 40 s; after 120 s it is quiet
                run(new Target("warm-up", s.uri), concurrency, warmUp);
                run(new Target("warm-up", b.uri), concurrency, warmUp.dividedBy(4));
                run(new Target("warm-up", e.uri), concurrency, warmUp.dividedBy(4));
                run(new Target("warm-up", a.uri, BAD_TEXT), concurrency, warmUp.dividedBy(4));
                slack.awaitQuiet(Duration.ofSeconds(60));
                long postsBefore = slackApi.posts();
                for (int i = 1; i <= rounds; i++) {
                    List<Target> order = i % 2 == 1 ? List.of(s, b, e, a) : List.of(a, e, b, s);
                    StringBuilder line = new StringBuilder("round " + i + ":");
                    for (Target t : order) {
                        double rate = run(t, concurrency, round);
                        // drained between rounds, untimed, so no verdict is still being posted while another target runs
                        slack.awaitQuiet(Duration.ofSeconds(60));
                        line.append(String.format(Locale.ROOT, "  %s %,.0f req/s",
                                t == s ? "slack" : t == b ? "bare" : t == e ? "shared" : "slack-bad-value", rate));
                    }
                    System.out.println(line);
                }
                report(s, b, e, a, slackApi.posts() - postsBefore);
                System.out.printf(Locale.ROOT, "chart files uploaded (rate-limited, on their own thread): %,d%n", slackApi.uploads());
                var enqueue = hostwise.metrics().registry().get("hostwise.outbox.enqueue").timer();
                System.out.printf(Locale.ROOT, "outbox write (request key + job, one transaction, shared by the acknowledgements at the "
                                + "same moment) as the acknowledgement waited, whole run: %,d writes, mean %.0f us, max %.1f ms, on %s%n",
                        enqueue.count(), enqueue.mean(java.util.concurrent.TimeUnit.MICROSECONDS),
                        enqueue.max(java.util.concurrent.TimeUnit.MILLISECONDS), hostwise.store().database().settings().description());
                var batches = hostwise.metrics().registry().get("hostwise.store.batch").summary();
                var saves = hostwise.metrics().registry().get("hostwise.store.save").timer();
                System.out.printf(Locale.ROOT, "verdict store, whole run: %,d transactions for %,.0f verdicts (%.2f per transaction, "
                                + "largest in the last two minutes %.0f); a save took %.0f us on average as its caller waited%n",
                        batches.count(), batches.totalAmount(), batches.mean(), batches.max(),
                        saves.mean(java.util.concurrent.TimeUnit.MICROSECONDS));
                System.out.println("load average at the end: " + loadAverage());
            } finally {
                bare.stop();
                shared.close();
                server.close();
                slack.close();
            }
        }
        System.exit(0);
    }

    /** Runs one round against a target and adds what it saw; returns the round's throughput. */
    private static double run(Target target, int concurrency, Duration length) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong requests = new AtomicLong();
        AtomicLong non200 = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong answeredInWindow = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicLong busy = new AtomicLong();
        AtomicLong triggers = new AtomicLong();
        ThreadCpu cpu = ThreadCpu.start(SlackLoadDriver::threadGroup);
        String run = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    String body = commandBody(target.text, run + "." + triggers.incrementAndGet());
                    long ts = Instant.now().getEpochSecond();
                    HttpRequest request = HttpRequest.newBuilder(target.uri)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                            .header("X-Slack-Signature", sign(ts, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            // a request that is never answered fails after this instead of holding the round open
                            .timeout(REQUEST_TIMEOUT)
                            .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - t0;
                        target.latency.add(took);
                        requests.incrementAndGet();
                        if (System.nanoTime() <= end) {
                            answeredInWindow.incrementAndGet();
                        }
                        if (r.statusCode() != 200) {
                            non200.incrementAndGet();
                        } else if (r.body().contains("take yours")) {
                            // Conversation.BUSY; Bolt's Gson writes its apostrophe as \u0027, so only the words after it are matched
                            busy.incrementAndGet(); // an ephemeral "busy" answer instead of a verdict
                            target.busyAnswers.add(took);
                        } else if (r.body().isEmpty()) {
                            target.taken.add(took);
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getClass().getSimpleName() + " after "
                                + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e.getMessage());
                    }
                }
            }, "load-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        // throughput counts the answers within the round's own length: one request left unanswered past it (seen on the
        // shared server's empty route, for tens of seconds before the timeout) cannot stretch the round
        double seconds = length.toNanos() / 1e9;
        synchronized (target) {
            target.requests += requests.get();
            target.inWindow += answeredInWindow.get();
            target.non200 += non200.get();
            target.failed += failed.get();
            if (target.firstFailure == null) {
                target.firstFailure = firstFailure.get();
            }
            target.busy += busy.get();
            target.seconds += seconds;
            cpu.stop().forEach((g, c) -> target.cpu.merge(g, c, Double::sum));
        }
        return answeredInWindow.get() / seconds;
    }

    private static void report(Target slack, Target bare, Target shared, Target ackOnly, long posted) {
        System.out.println();
        System.out.println("| endpoint | requests | throughput (req/s) | p50 ack (ms) | p99 ack (ms) | p99.9 (ms) | max (ms) | not 200 | no answer |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Target r : List.of(slack, bare, shared, ackOnly)) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n", r.name, r.requests,
                    r.throughput(), r.latency.percentileMillis(50), r.latency.percentileMillis(99),
                    r.latency.percentileMillis(99.9), r.latency.percentileMillis(100), r.non200, r.failed);
        }
        for (Target r : List.of(slack, bare, shared, ackOnly)) {
            if (r.failed > 0) {
                System.out.printf(Locale.ROOT, "%s: %,d requests failed without an answer (timeout %d s); the first: %s%n", r.name, r.failed,
                        REQUEST_TIMEOUT.toSeconds(), r.firstFailure);
            }
        }
        cpuSplit(slack);
        cpuSplit(bare);
        cpuSplit(ackOnly);
        double ratio = slack.throughput() / bare.throughput();
        System.out.printf(Locale.ROOT, "%nSlack endpoint at %.0f%% of the bare handler's throughput (acknowledgements of any kind)%n",
                ratio * 100);
        double p99 = slack.latency.percentileMillis(99);
        System.out.printf(Locale.ROOT, "p99 time-to-ack %.2f ms, verdict workers saturated (target <= 20 ms): %s%n", p99,
                p99 <= 20 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "  of which taken (outbox written, then 200): %,d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                slack.taken.count(), slack.taken.percentileMillis(50), slack.taken.percentileMillis(99), slack.taken.percentileMillis(100));
        System.out.printf(Locale.ROOT, "  of which answered 'busy' at once: %,d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                slack.busyAnswers.count(), slack.busyAnswers.percentileMillis(50), slack.busyAnswers.percentileMillis(99),
                slack.busyAnswers.percentileMillis(100));
        System.out.printf(Locale.ROOT, "verdicts decided and posted to the Web API stand-in: %,d for %,d commands; %,d answered 'busy'%n",
                posted, slack.requests, slack.busy);
        double alone = ackOnly.throughput() / bare.throughput();
        System.out.printf(Locale.ROOT, "the acknowledgement path alone (bad value, no verdict): %.0f%% of the bare handler (target >= 60%%): %s, "
                + "p99 %.2f ms%n", 100 * alone, alone >= 0.60 ? "met" : "NOT met", ackOnly.latency.percentileMillis(99));
    }

    private static void cpuSplit(Target r) {
        double total = r.cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "%nCPU while measuring '%s' (%.1f core-seconds in %.1f s):%n", r.name, total, r.seconds);
        r.cpu.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(c -> System.out.printf(Locale.ROOT, "  %5.1f%%  %5.0f us per request  %s%n",
                        100 * c.getValue() / total, c.getValue() * 1e6 / Math.max(1, r.requests), c.getKey()));
    }

    /**
     * The group a thread's CPU time counts in. Undertow names each server's threads XNIO-n in the order
     * the servers start: 1 is the Web API stand-in, then the servers under test.
     */
    static String threadGroup(String name) {
        if (name.startsWith("load-") || name.startsWith("HttpClient-")) {
            return "load generator (JDK HttpClient)";
        }
        if (name.startsWith("XNIO-1 ")) {
            return "Web API stand-in";
        }
        if (name.startsWith("XNIO-")) {
            return "server: Undertow request threads (ack path)";
        }
        if (name.startsWith("hostwise-slack-") || name.startsWith("OkHttp") || name.startsWith("Okio")) {
            return "server: verdict workers (decide + post)";
        }
        if (name.contains("CompilerThre")) {
            return "JIT compiler";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "garbage collector";
        }
        return "other";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A slash command's form body as the driver sends it, with the fields Bolt and Hostwise read. */
    public static String commandBody(String text, String trigger) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", "T0LOAD");
        form.put("channel_id", "C0LOAD");
        form.put("user_id", "U0LOAD");
        form.put("command", "/selfhost");
        form.put("text", text);
        form.put("api_app_id", "A0LOAD");
        form.put("response_url", "http://127.0.0.1:9/hooks/none");
        form.put("trigger_id", trigger);
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
