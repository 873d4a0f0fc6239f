package dev.hostwise.bench.faults;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Hostwise server as production runs it: {@code java -jar bot/target/hostwise.jar serve}, a process of its
 * own with its own port, environment and log, killed with SIGKILL when a fault asks for a crash.
 */
final class Replica implements AutoCloseable {

    static final String SIGNING_SECRET = "fault-suite-signing-secret";
    static final String ADMIN_TOKEN = "fault-suite-admin-token";

    private final String name;
    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param dataDir where its audit log (and, without a database URL, its H2 database) lives
     * @param dbUrl   a PostgreSQL JDBC URL, or null for the embedded H2 in {@code dataDir}
     */
    Replica(String name, Path jar, Path workDir, Path dataDir, String dbUrl, String slackApiUrl) throws IOException {
        this.name = name;
        this.jar = jar;
        this.port = freePort();
        this.log = workDir.resolve(name + ".log");
        this.env = new LinkedHashMap<>();
        env.put("HOSTWISE_DATA_DIR", dataDir.toString());
        env.put("HOSTWISE_AUDIT_LOG", workDir.resolve(name + "-decisions.jsonl").toString());
        if (dbUrl != null) {
            env.put("HOSTWISE_DB_URL", dbUrl);
            env.put("HOSTWISE_DB_USER", "postgres");
        }
        env.put("SLACK_BOT_TOKEN", "xoxb-fault-suite");
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.put("SLACK_API_URL", slackApiUrl);
        env.put("HOSTWISE_BASE_URL", "http://127.0.0.1:" + port);
        env.put("HOSTWISE_ADMIN_TOKEN", ADMIN_TOKEN);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Path log() {
        return log;
    }

    /** Starts the process (again, after a kill), appending to its log. */
    Replica start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dorg.jboss.logging.provider=slf4j",
                "-Djava.awt.headless=true", "-jar", jar.toString(), "serve", "--host", "127.0.0.1", "--port", String.valueOf(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // only what the suite sets: nothing from the calling shell (a CI job's HOSTWISE_* or PORT) reaches the replica
        pb.environment().keySet().removeIf(k -> k.startsWith("HOSTWISE_") || k.startsWith("SLACK_") || k.equals("PORT"));
        pb.environment().putAll(env);
        Files.writeString(log, "=== faults: starting " + name + " ===\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = pb.start();
        return this;
    }

    /** Waits until {@code /readyz} says 200, or until {@code /healthz} does when {@code readyToo} is false. */
    void awaitUp(Duration within, boolean readyToo) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (code " + process.exitValue() + "); see " + log);
            }
            if (status(readyToo ? "/readyz" : "/healthz") == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not " + (readyToo ? "ready" : "up") + " within " + within.toSeconds()
                + " s; /readyz says " + readyz() + "; see " + log);
    }

    /** The status of a GET, or -1 when the server did not answer. */
    int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code /readyz} as status and body, for the report. */
    String readyz() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** kill -9: no shutdown hook runs, nothing in memory survives. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as a deploy stops it; waits for the process to end. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(java.time.Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
