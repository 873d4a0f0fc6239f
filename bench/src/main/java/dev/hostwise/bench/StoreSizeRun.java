package dev.hostwise.bench;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.VerdictJson;
import dev.hostwise.knowledge.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The 10,000-verdict store run: how many bytes a stored verdict takes on disk. Decides and stores
 * verdicts for varied scenarios from several threads at once (as the server's request threads do, so
 * saves share transactions), closes the store as a shutdown does, then measures the database.
 *
 * <pre>
 * ./mvnw -B -q -DskipTests -pl bench -am package
 * java -cp bench/target/benchmarks.jar dev.hostwise.bench.StoreSizeRun [verdicts=10000] [threads=8]          # embedded H2
 * HOSTWISE_BENCH_PG_URL=jdbc:postgresql://127.0.0.1:PORT/postgres \
 *   java -cp bench/target/benchmarks.jar dev.hostwise.bench.StoreSizeRun 10000 8 postgres                   # a fresh database on that server
 * </pre>
 * H2: the size of {@code hostwise.mv.db} after the store is closed. PostgreSQL: the total size
 * (table, TOAST, indexes) of the store's tables in a database created for the run and dropped after it.
 * {@code -Dkeep=true} keeps the H2 data directory for a look inside.
 */
public final class StoreSizeRun {

    private static final String[] TASKS = {"CLASSIFICATION", "EXTRACTION", "STRUCTURED_SUMMARIZATION", "RAG_QA",
        "CODE_GENERATION", "OPEN_ENDED_REASONING", "CREATIVE_WRITING"};
    private static final String[] PRIVACY = {"NONE", "CONTRACTUAL", "MUST_STAY_IN_HOUSE"};
    private static final String[] QUALITY = {"GOOD_ENOUGH", "QUALITY_IS_THE_PRODUCT"};
    private static final String[] GPUS = {"a10g", "l4", "a100-80gb", "h100-80gb"};
    private static final String[] MODELS = {"llama-2-7b", "llama-2-13b", "llama-2-70b"};

    private StoreSizeRun() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        int verdicts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean postgres = args.length > 2 && "postgres".equals(args[2]);
        Path dataDir = Files.createTempDirectory("hostwise-size");
        String pgAdminUrl = System.getenv("HOSTWISE_BENCH_PG_URL");
        String pgDb = "hostwise_size_" + Long.toString(System.nanoTime(), 36);
        Map<String, String> vars = new HashMap<>(Map.of("HOSTWISE_DATA_DIR", dataDir.toString()));
        if (postgres) {
            if (pgAdminUrl == null) {
                throw new IllegalArgumentException("set HOSTWISE_BENCH_PG_URL to a PostgreSQL server (user postgres)");
            }
            sql(pgAdminUrl, "CREATE DATABASE " + pgDb);
            vars.put("HOSTWISE_DB_URL", pgUrl(pgAdminUrl, pgDb));
            vars.put("HOSTWISE_DB_USER", "postgres");
        }
        try {
            Hostwise hostwise = Hostwise.start(new Env(vars), Optional.empty(), Clock.systemUTC());
            List<Scenario> scenarios = scenarios(hostwise, 500);
            AtomicInteger next = new AtomicInteger();
            AtomicLong unsaved = new AtomicLong();
            AtomicLong jsonBytes = new AtomicLong();
            VerdictJson json = new VerdictJson();
            long started = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < verdicts; i = next.getAndIncrement()) {
                        Requester who = i % 3 == 0 ? Requester.api()
                                : Requester.chat(Platform.SLACK, "T0" + (i % 7), "C0" + (i % 41), "U0" + (i % 113));
                        RecordedVerdict r = hostwise.decideFor(scenarios.get(i % scenarios.size()), who);

                        if (r.linkToken().isEmpty()) {
                            unsaved.incrementAndGet();
                        }
                        jsonBytes.addAndGet(json.writeCompact(r.verdict()).length());
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored = hostwise.store().recent(500).size();
            if (!postgres) {
                System.out.printf(Locale.ROOT, "on disk before closing: %,d bytes per verdict%n", h2Bytes(dataDir) / verdicts);
            }
            long closing = System.nanoTime();
            hostwise.close();
            System.out.printf(Locale.ROOT, "closing the store (a server's shutdown) took %d ms%n", (System.nanoTime() - closing) / 1_000_000);
            long bytes = postgres ? pgBytes(pgUrl(pgAdminUrl, pgDb)) : h2Bytes(dataDir);
            System.out.printf(Locale.ROOT, "%s: %,d verdicts in %.1f s from %d threads (%,d not saved); compact verdict JSON %,.0f bytes on average%n",
                    postgres ? "PostgreSQL" : "H2", verdicts, seconds, threads, unsaved.get(), (double) jsonBytes.get() / verdicts);
            System.out.printf(Locale.ROOT, "on disk after the store was closed: %,d bytes = %,.0f bytes per verdict%n",
                    bytes, (double) bytes / verdicts);
            if (stored == 0) {
                throw new IllegalStateException("nothing was stored");
            }
        } finally {
            if (postgres) {
                sql(pgAdminUrl, "DROP DATABASE IF EXISTS " + pgDb);
            }
            if (Boolean.getBoolean("keep")) {
                System.out.println("kept the data directory: " + dataDir);
            } else {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.exit(0);
    }

    /** Varied scenarios, the same on every run (fixed seed): volumes, tasks, needs, models and GPUs. */
    private static List<Scenario> scenarios(Hostwise hostwise, int count) {
        Random r = new Random(42);
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> fields = new HashMap<>();
            fields.put("requestsPerDay", String.valueOf(1_000 + r.nextInt(3_000_000)));
            fields.put("taskType", TASKS[r.nextInt(TASKS.length)]);
            fields.put("qualityNeed", QUALITY[r.nextInt(QUALITY.length)]);
            fields.put("privacyNeed", PRIVACY[r.nextInt(PRIVACY.length)]);
            fields.put("tokensPerRequest", String.valueOf(200 + r.nextInt(4_000)));
            if (r.nextBoolean()) {
                fields.put("openModel", MODELS[r.nextInt(MODELS.length)]);
                fields.put("gpuType", GPUS[r.nextInt(GPUS.length)]);
            } else {
                fields.put("requestsPerSecond", String.valueOf(1 + r.nextInt(40)));
                fields.put("throughputMeasured", String.valueOf(r.nextBoolean()));
            }
            if (r.nextInt(4) == 0) {
                fields.put("pricingMode", r.nextBoolean() ? "RESERVED" : "AUTOSCALED");
                fields.put("minReplicas", "2");
            }
            try {
                out.add(hostwise.reader().fromText(fields));
            } catch (RuntimeException e) {
                i--; // a combination the catalog cannot size (e.g. a model too big for one GPU type): draw again
            }
        }
        return out;
    }

    private static long h2Bytes(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("hostwise.") && name.endsWith(".db")) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    private static long pgBytes(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String pgUrl(String adminUrl, String db) {
        int slash = adminUrl.lastIndexOf('/');
        int q = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + db + (q < 0 ? "" : adminUrl.substring(q));
    }
}
