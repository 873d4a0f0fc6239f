package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run behind the launcher's class-data archive (AppCDS, or the AOT cache on JDK 25):
 * the JVM records the classes this run loads and maps them, already parsed and verified, into every
 * later start. So the run does what users do: {@code decide} (compiling the rules, then reading them
 * from the policy cache), {@code rules check}, and {@code serve} with the form, the API, a verdict's
 * page, JSON, ADR and charts, {@code /status} and {@code /metrics}. Everything happens in a temporary
 * directory, with the embedded database and the bundled rules and catalog, whatever the environment
 * says: a training run never touches real data. It ends with {@code System.exit}, the normal exit the
 * JVM needs to write the archive.
 *
 * <pre>java -XX:ArchiveClassesAtExit=hostwise.jsa -cp hostwise.jar dev.hostwise.bot.cli.ClassDataTraining</pre>
 */
public final class ClassDataTraining {

    private static final Pattern LINK = Pattern.compile("\"link\"\\s*:\\s*\"([^\"]+)\"");

    private ClassDataTraining() {
    }

    /**
     * {@code ClassDataTraining --fill-policy-cache DIR} compiles the bundled rules into a policy cache
     * in DIR (with the parsed bundled catalog and rules beside it), in a JVM of its own;
     * {@code ClassDataTraining DIR} then trains with that cache, so the archive holds what commands load when the policy is cached (nearly always) and not the rules
     * compiler (Drools' builder, the Java compiler, the DRL parser): thousands of classes that a
     * server would otherwise keep resident for nothing. Without DIR it starts from an empty cache.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && "--fill-policy-cache".equals(args[0])) {
            // the bundled catalog and rules go into the same cache, so the training reads them as later starts do
            Env env = new Env(Map.of("HOSTWISE_CACHE_DIR", args[1]));
            dev.hostwise.knowledge.catalog.Catalog catalog =
                    new dev.hostwise.knowledge.catalog.CatalogCache(Path.of(args[1]), note -> { }).bundled().load();
            dev.hostwise.rules.PolicyCompiler compiler = dev.hostwise.bot.Hostwise.compiler(env);
            compiler.compile(compiler.cache().orElseThrow().bundledRules(), catalog.revision());
            System.exit(0);
        }
        Path dir = Files.createTempDirectory("hostwise-training");
        int status = 1;
        try {
            Path cache = args.length == 1 ? Path.of(args[0]) : dir.resolve("cache");
            status = train(dir, cache);
        } finally {
            removeScratch(dir);
        }
        System.exit(status);
    }

    private static int train(Path dir, Path cache) throws Exception {
        Env env = new Env(Map.of(
                "HOSTWISE_DATA_DIR", dir.resolve("data").toString(),
                "HOSTWISE_CACHE_DIR", cache.toString(),
                "HOSTWISE_BASE_URL", "http://127.0.0.1"));
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        for (String json : List.of("--json", "--json", "")) {
            run(env, quiet, "decide", "--requests-per-day", "100000", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH",
                    "--privacy", "MUST_STAY_IN_HOUSE", json);
        }
        run(env, quiet, "decide", "--requests-per-day", "250000", "--task", "RAG_QA", "--quality", "GOOD_ENOUGH",
                "--privacy", "NONE", "--open-model", "llama-2-13b", "--gpu-type", "a10g", "--min-replicas", "2");
        run(env, quiet, "decide", "--requests-per-day", "-5", "--task", "POETRY");
        run(env, quiet, "rules", "check");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Thread server = new Thread(() -> run(env, quiet, "serve", "--host", "127.0.0.1", "--port", String.valueOf(port)),
                "training-serve");
        server.setDaemon(true);
        server.start();
        String base = "http://127.0.0.1:" + port;
        awaitHealthy(base + "/healthz");
        request("GET", base + "/", null, null);
        request("POST", base + "/", "application/x-www-form-urlencoded",
                "requestsPerDay=50000&taskType=EXTRACTION&qualityNeed=GOOD_ENOUGH&privacyNeed=CONTRACTUAL");
        String created = request("POST", base + "/api/v1/verdicts", "application/json",
                "{\"requestsPerDay\": 100000, \"taskType\": \"CLASSIFICATION\", \"qualityNeed\": \"GOOD_ENOUGH\", "
                        + "\"privacyNeed\": \"MUST_STAY_IN_HOUSE\"}");
        request("POST", base + "/api/v1/verdicts", "application/json", "{\"requestsPerDay\": \"lots\"}");
        Matcher m = LINK.matcher(created);
        if (m.find()) {
            String page = base + URI.create(m.group(1)).getPath();
            for (String suffix : List.of("", ".json", ".md", ".svg", "-break-even.png", "-tornado.png")) {
                request("GET", page + suffix, null, null);
            }
        }
        request("GET", base + "/static/hostwise.css", null, null);
        request("GET", base + "/status", null, null);
        request("GET", base + "/metrics", null, null);
        request("GET", base + "/no-such-page", null, null);
        return 0;
    }

    private static int run(Env env, PrintWriter quiet, String... args) {
        CommandLine cl = HostwiseCli.commandLine(env);
        cl.setOut(quiet);
        cl.setErr(quiet);
        return cl.execute(java.util.Arrays.stream(args).filter(a -> !a.isEmpty()).toArray(String[]::new));
    }

    private static void awaitHealthy(String url) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                request("GET", url, null, null);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the training server did not start within 2 minutes");
    }

    private static String request(String method, String url, String contentType, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(30_000);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int code = c.getResponseCode();
        try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Removes the training's scratch directory. The training server is still running on its daemon thread
     * (its outbox, watch and H2 may create a file while the tree is walked), so a failed attempt is tried
     * again; leaving scratch files in the temp directory must never cost the archive.
     */
    private static void removeScratch(Path dir) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTree(dir);
                return;
            } catch (IOException e) {
                if (attempt == 5) {
                    System.err.println("hostwise: training scratch left in " + dir + ": " + e);
                    return;
                }
                Thread.sleep(200);
            }
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
