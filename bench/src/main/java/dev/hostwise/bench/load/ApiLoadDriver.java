package dev.hostwise.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load driver for the JSON API and the verdict pages, against a real {@code hostwise serve} process
 * started the way a user starts it (the launcher, with its default JVM flags), so that the memory it
 * reports is the whole server process's: heap, metaspace, code cache, thread stacks, CDS mappings and
 * native buffers. The server gets a temporary data directory (embedded H2) and a free loopback port.
 *
 * <p>Each client thread loops: {@code POST /api/v1/verdicts} with a scenario whose volume and task
 * vary (decided, stored, audited), then every 4th time opens the verdict's page (HTML with the SVG
 * chart) and its JSON, and every 16th time its break-even PNG. Every answer must be a 2xx; anything
 * else, or a connection failure, counts as a failed request. The server's resident set size is read
 * from {@code /proc/PID/status} every 100 ms.
 *
 * <pre>
 * ./mvnw -B -q -DskipTests -pl bench -am package
 * java -cp bench/target/benchmarks.jar dev.hostwise.bench.load.ApiLoadDriver [concurrency=32] [warm-up s=30] [measured s=60] [server command...]
 * </pre>
 * The server command defaults to {@code ./hostwise serve}; it is given {@code --host 127.0.0.1 --port N}.
 */
public final class ApiLoadDriver {

    private static final String[] TASKS = {"CLASSIFICATION", "EXTRACTION", "RAG_QA", "CODE_GENERATION", "CREATIVE_WRITING"};
    private static final String[] PRIVACY = {"NONE", "CONTRACTUAL", "MUST_STAY_IN_HOUSE"};
    private static final Pattern LINK = Pattern.compile("\"link\"\\s*:\\s*\"([^\"]+)\"");

    private ApiLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30);
        Duration measured = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60);
        List<String> command = new ArrayList<>(args.length > 3 ? List.of(args).subList(3, args.length) : List.of("./hostwise", "serve"));
        int port = freePort();
        command.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port)));
        Path data = Files.createTempDirectory("hostwise-load");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
        pb.environment().put("HOSTWISE_DATA_DIR", data.toString());
        pb.environment().put("HOSTWISE_LOG_LEVEL", "WARN");
        Process server = pb.start();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            long startedAt = System.nanoTime();
            awaitHealthy(client, base, server);
            System.out.printf(Locale.ROOT, "server %s (pid %d) ready after %.1f s; concurrency %d, warm-up %d s, measured %d s, "
                            + "%d cores, load average %s%n", String.join(" ", command), server.pid(),
                    (System.nanoTime() - startedAt) / 1e9, concurrency, warmUp.toSeconds(), measured.toSeconds(),
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.printf(Locale.ROOT, "RSS after start-up: %,d MB%n", rssKb(server.pid(), "VmRSS") / 1024);
            Phase warm = run(client, base, server.pid(), concurrency, warmUp);
            System.out.printf(Locale.ROOT, "warm-up: %,d requests, %,d failed, peak RSS %,d MB%n", warm.requests.get(),
                    warm.failed.get(), warm.peakRssKb / 1024);
            Phase m = run(client, base, server.pid(), concurrency, measured);
            double seconds = measured.toNanos() / 1e9;
            System.out.println();
            System.out.println("| requests | failed | verdicts stored | throughput (req/s) | p50 (ms) | p99 (ms) | RSS at the end (MB) | peak RSS while measured (MB) | VmHWM, whole life (MB) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %,.0f | %.2f | %.2f | %,d | %,d | %,d |%n", m.requests.get(), m.failed.get(),
                    m.verdicts.get(), m.requests.get() / seconds, m.latency.percentileMillis(50), m.latency.percentileMillis(99),
                    rssKb(server.pid(), "VmRSS") / 1024, m.peakRssKb / 1024, rssKb(server.pid(), "VmHWM") / 1024);
            if (m.failed.get() + warm.failed.get() > 0) {
                System.out.println("FAILED requests: " + (m.failed.get() + warm.failed.get()) + "; first: " + m.firstFailure + warm.firstFailure);
            }
            System.out.println("load average at the end: " + loadAverage());
        } finally {
            server.destroy();
            server.waitFor();
            deleteTree(data);
        }
        System.exit(0);
    }

    private static final class Phase {
        final Histogram latency = new Histogram();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong verdicts = new AtomicLong();
        volatile String firstFailure = "";
        volatile long peakRssKb;

        void fail(String what) {
            if (failed.getAndIncrement() == 0) {
                firstFailure = what;
            }
        }
    }

    private static Phase run(HttpClient client, URI base, long pid, int concurrency, Duration length) throws InterruptedException {
        Phase phase = new Phase();
        long end = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    n++;
                    String link = postVerdict(client, base, phase);
                    if (link != null && n % 4 == 0) {
                        get(client, URI.create(link), phase);
                        get(client, URI.create(link + ".json"), phase);
                    }
                    if (link != null && n % 16 == 0) {
                        get(client, URI.create(link + "-break-even.png"), phase);
                    }
                }
            }, "load-" + i);
            threads.add(t);
            t.start();
        }
        while (System.nanoTime() < end) {
            phase.peakRssKb = Math.max(phase.peakRssKb, rssKb(pid, "VmRSS"));
            Thread.sleep(100);
        }
        for (Thread t : threads) {
            t.join();
        }
        return phase;
    }

    private static String postVerdict(HttpClient client, URI base, Phase phase) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String body = String.format(Locale.ROOT, "{\"requestsPerDay\": %d, \"taskType\": \"%s\", \"qualityNeed\": \"GOOD_ENOUGH\", "
                        + "\"privacyNeed\": \"%s\", \"tokensPerRequest\": %d}",
                1_000 + r.nextInt(2_000_000), TASKS[r.nextInt(TASKS.length)], PRIVACY[r.nextInt(PRIVACY.length)], 200 + r.nextInt(3_000));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/verdicts"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(client, request, phase);
        if (response == null) {
            return null;
        }
        Matcher m = LINK.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            phase.fail("POST answered " + response.statusCode() + ": " + abbreviate(response.body()));
            return null;
        }
        phase.verdicts.incrementAndGet();
        return m.group(1);
    }

    private static void get(HttpClient client, URI uri, Phase phase) {
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), phase);
        if (response != null && response.statusCode() != 200) {
            phase.fail("GET " + uri.getPath() + " answered " + response.statusCode());
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request, Phase phase) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            phase.latency.add(System.nanoTime() - t0);
            phase.requests.incrementAndGet();
            return response;
        } catch (IOException e) {
            phase.requests.incrementAndGet();
            phase.fail(request.method() + " " + request.uri().getPath() + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void awaitHealthy(HttpClient client, URI base, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/healthz")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server was not ready within 5 minutes");
    }

    /** A field of /proc/PID/status in kB (VmRSS: resident now; VmHWM: the most it was resident). */
    static long rssKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
