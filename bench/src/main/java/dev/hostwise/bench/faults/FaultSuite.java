package dev.hostwise.bench.faults;

import dev.hostwise.bench.load.WebApiStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault suite: the real server ({@code java -jar bot/target/hostwise.jar serve}) as two replicas on a
 * throwaway PostgreSQL, a Slack Web API stand-in, signed Slack traffic, and one fault at a time. For each fault
 * it prints what Slack got back, what the database holds and what was posted, and whether the target (nothing
 * lost, nothing doubled) was met. Exit code 0 when every fault run met it, 1 when one did not, 2 on bad usage.
 *
 * <pre>
 * ./mvnw -B -q -DskipTests -pl bot,bench -am package
 * java -cp bench/target/benchmarks.jar dev.hostwise.bench.faults.FaultSuite              # the full form, every fault
 * java -cp bench/target/benchmarks.jar dev.hostwise.bench.faults.FaultSuite --short      # what .ci/run runs (under 90 s)
 * java -cp bench/target/benchmarks.jar dev.hostwise.bench.faults.FaultSuite --faults crash,duplicates
 * </pre>
 *
 * Needs root (or sudo) for PostgreSQL (run as the postgres user) and for the disk fault (a tmpfs it mounts).
 */
public final class FaultSuite {

    /** Every fault, in the order they run. */
    static final List<String> ALL = List.of("duplicates", "crash", "db-outage", "slack-outage", "disk");
    /** The faults today's code already meets the target on: the short form, run by .ci/run. */
    static final List<String> PASSING = List.of("db-outage", "disk");

    private final Path work;
    private final Path jar;
    private final boolean quick;
    private final List<Tally> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private WebApiStandIn slack;
    private SlackTraffic traffic;
    private Postgres pg;
    private final List<Replica> replicas = new ArrayList<>();
    private final String runTag = Integer.toString((int) (System.nanoTime() % 46656 + 46656) % 46656, 36).toUpperCase(Locale.ROOT);
    private final AtomicInteger seq = new AtomicInteger();
    private boolean shutDown;
    /** Replicas started for one fault only (the H2 one), and the tmpfs the disk fault mounted, for the cleanup. */
    private final List<Replica> others = Collections.synchronizedList(new ArrayList<>());
    private volatile Path mounted;

    private FaultSuite(Path work, Path jar, boolean quick) {
        this.work = work;
        this.jar = jar;
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> faults = new LinkedHashSet<>(ALL);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> {
                    quick = true;
                    faults = new LinkedHashSet<>(PASSING);
                }
                case "--faults" -> {
                    if (i + 1 >= args.length) {
                        usage("--faults needs a list, e.g. --faults crash,duplicates");
                    }
                    faults = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    if (!ALL.containsAll(faults)) {
                        usage("unknown fault in " + faults + "; the faults are " + String.join(", ", ALL));
                    }
                }
                case "--all" -> faults = new LinkedHashSet<>(ALL);
                case "-h", "--help" -> {
                    System.out.println("usage: FaultSuite [--short] [--all | --faults " + String.join(",", ALL) + "]");
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        Path jar = Path.of("bot", "target", "hostwise.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            usage(jar + " is missing: build it with ./mvnw -B -q -DskipTests -pl bot,bench -am package (run from the repository root)");
        }
        Path work = Files.createTempDirectory("hostwise-faults");
        long started = System.nanoTime();
        FaultSuite suite = new FaultSuite(work, jar, quick);
        // Ctrl-C or a CI timeout must not leave PostgreSQL, a replica or a tmpfs behind
        Thread cleanup = new Thread(suite::shutdown, "faults-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean met = false;
        try {
            met = suite.run(List.copyOf(faults));
        } finally {
            suite.shutdown();
            System.out.printf(Locale.ROOT, "%nfault suite (%s form) took %.0f s; %s%n", quick ? "short" : "full",
                    (System.nanoTime() - started) / 1e9, met ? "every target met" : "replica logs are kept in " + work);
            if (met) {
                Shell.run("rm", "-rf", work.toString());
            }
        }
        System.exit(met ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("faults: " + problem);
        System.exit(2);
    }

    private boolean run(List<String> faults) throws Exception {
        System.out.printf(Locale.ROOT, "fault suite, %s form: %s; %d cores, Java %s, load average %s%n", quick ? "short" : "full",
                String.join(", ", faults), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
        slack = new WebApiStandIn();
        traffic = new SlackTraffic(slack);
        boolean twoReplicas = faults.stream().anyMatch(f -> !f.equals("disk"));
        if (twoReplicas) {
            pg = Postgres.start();
            for (String name : List.of("replica-a", "replica-b")) {
                Path data = Files.createDirectories(work.resolve(name));
                replicas.add(new Replica(name, jar, work, data, pg.jdbcUrl(), slack.apiUrl()).start());
            }
            for (Replica r : replicas) {
                r.awaitUp(Duration.ofSeconds(90), true);
            }
            System.out.println("two replicas ready on PostgreSQL at " + pg.jdbcUrl());
        }
        for (String fault : faults) {
            System.out.println("\n== " + fault);
            switch (fault) {
                case "duplicates" -> duplicates();
                case "crash" -> crash();
                case "db-outage" -> databaseOutage();
                case "slack-outage" -> slackOutage();
                case "disk" -> disk();
                default -> throw new IllegalArgumentException(fault);
            }
        }
        System.out.println();
        System.out.println(Tally.header());
        results.forEach(t -> System.out.println(t.row()));
        System.out.println();
        notes.forEach(n -> System.out.println("- " + n));
        return results.stream().allMatch(Tally::targetMet);
    }

    // ---------------------------------------------------------------------------------------------- the faults

    /** The same delivery twice: on one replica (a retry landing where the first went), then across both. */
    private void duplicates() throws Exception {
        int n = quick ? 6 : 15;
        record Variant(String name, boolean crossReplica, long apartMillis, Command.Kind kind) {
        }
        for (Variant v : List.of(
                new Variant("duplicates: one replica, 1 s apart", false, 1000, Command.Kind.QUICK),
                new Variant("duplicates: both replicas at once", true, 0, Command.Kind.QUICK),
                new Variant("duplicates: both replicas, 1 s apart", true, 1000, Command.Kind.QUICK),
                new Variant("duplicates: modal submitted to both at once", true, 0, Command.Kind.MODAL))) {
            String tag = tag();
            List<Command> commands = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < n; i++) {
                Command c = new Command(v.name(), tag, seq.incrementAndGet(), v.kind());
                commands.add(c);
                pool.execute(() -> {
                    Replica first = replicas.get(0);
                    Replica second = v.crossReplica() ? replicas.get(1) : first;
                    String body = c.kind == Command.Kind.MODAL ? traffic.openAndFill(c, first).orElse(null)
                            : traffic.commandBody(c, SlackTraffic.QUICK_FORM);
                    if (body == null) {
                        return;
                    }
                    c.sentTo = first.name() + "+" + second.name();
                    c.sentNanos = System.nanoTime();
                    if (v.apartMillis() == 0) {
                        var other = Executors.newSingleThreadExecutor();
                        var again = other.submit(() -> traffic.send(second, body, 1));
                        SlackTraffic.Delivery d = traffic.send(first, body, 0);
                        try {
                            SlackTraffic.Delivery d2 = again.get();
                            c.answered(d.status() == 200 ? d : d2);
                        } catch (Exception e) {
                            c.answered(d);
                        } finally {
                            other.shutdown();
                        }
                    } else {
                        c.answered(traffic.send(first, body, 0));
                        sleep(v.apartMillis());
                        traffic.send(second, body, 1);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
            settle(Duration.ofSeconds(60));
            record(v.name(), commands, storedOnPostgres(), "");
        }
    }

    /**
     * kill -9 of one replica while commands it has just acknowledged are still waiting to be decided and posted.
     * Slack's API answers in a second here, as it does under strain, so each replica's eight workers post about
     * eight verdicts a second and a burst of ten a second per replica leaves work queued, as a real burst does.
     * (With an empty queue the window between an acknowledgement and its post is a few milliseconds.)
     */
    private void crash() throws Exception {
        String tag = tag();
        Replica victim = replicas.get(1);
        slack.postLatency(Duration.ofSeconds(1));
        int killAt = quick ? 6 : 10;
        List<Command> commands = load("crash", tag, Duration.ofSeconds(quick ? 12 : 20), 20, 0.2, List.of(
                new Event(killAt, "kill -9 " + victim.name(), () -> {
                    routable.remove(victim);
                    victim.kill();
                })));
        settle(Duration.ofSeconds(60));
        slack.postLatency(Duration.ZERO);
        long killedAt = events.get("kill -9 " + victim.name());
        long justBefore = commands.stream().filter(c -> c.sentTo.equals(victim.name()) && c.ack() == Command.Ack.ACCEPTED
                && killedAt - c.ackNanos < 2_000_000_000L && killedAt - c.ackNanos >= 0).count();
        record("crash: kill -9 of one replica under load", commands, storedOnPostgres(),
                justBefore + " commands were acknowledged by " + victim.name() + " in the 2 s before it was killed; Slack's API "
                        + "answered each post in 1 s");
        victim.start().awaitUp(Duration.ofSeconds(90), true);
        routable.add(victim);
    }

    /** PostgreSQL stopped for 10 s under load, then started again; the replicas are not restarted. */
    private void databaseOutage() throws Exception {
        String tag = tag();
        List<String> readyz = new ArrayList<>();
        int stopAt = quick ? 4 : 8;
        List<Command> commands = load("db-outage", tag, Duration.ofSeconds(quick ? 24 : 30), quick ? 6 : 8, 0.2, List.of(
                new Event(stopAt, "PostgreSQL stopped", pg::down),
                new Event(stopAt + 5, "readyz during", () -> readyz.add(replicas.get(0).readyz())),
                new Event(stopAt + 10, "PostgreSQL started", pg::up)));
        settle(Duration.ofSeconds(60));
        // recovery without a restart: commands sent a few seconds after the start are stored again
        long upAt = events.get("PostgreSQL started");
        Map<String, List<String>> stored = storedOnPostgres();
        List<Command> after = commands.stream().filter(c -> c.sentNanos - upAt > 5_000_000_000L && c.ack() == Command.Ack.ACCEPTED).toList();
        long storedAfter = after.stream().filter(c -> stored.containsKey(c.channel)).count();
        readyz.add(replicas.get(0).readyz());
        record("database outage: PostgreSQL stopped 10 s", commands, stored, String.format(Locale.ROOT,
                "%d of %d commands acknowledged from 5 s after PostgreSQL started were stored (no restart); "
                        + "/readyz during the outage: %s; after: %s", storedAfter, after.size(), readyz.get(0), readyz.get(1)),
                storedAfter < after.size() || after.isEmpty() ? "saving did not resume after the outage" : null);
    }

    /** Slack's API answers 429 with Retry-After, then 500, for 30 s in all. */
    private void slackOutage() throws Exception {
        String tag = tag();
        int half = quick ? 8 : 15;
        List<Command> commands = load("slack-outage", tag, Duration.ofSeconds(2L * half + 15), 5, 0.0, List.of(
                new Event(5, "Slack answers 429 (Retry-After: 2)", () -> slack.mode(WebApiStandIn.Mode.RATE_LIMITED, 2)),
                new Event(5 + half, "Slack answers 500", () -> slack.mode(WebApiStandIn.Mode.FAILING, 0)),
                new Event(5 + 2 * half, "Slack answers again", () -> slack.mode(WebApiStandIn.Mode.OK, 0))));
        settle(Duration.ofSeconds(120));
        record("Slack outage: 429 then 500 for " + 2 * half + " s", commands, storedOnPostgres(),
                slack.refused() + " Web API calls and response_url posts were refused in all");
    }

    /**
     * Embedded H2 (one replica, its data directory on a small tmpfs): started on a read-only directory that then
     * becomes writable, and a disk that fills up under load and then gets room again. No restart in between.
     */
    private void disk() throws Exception {
        Path mount = Files.createDirectories(work.resolve("h2-disk"));
        Shell.run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString());
        mounted = mount;
        Path data = mount.resolve("data");
        try {
            Files.createDirectories(data);
            Shell.run("mount", "-o", "remount,ro", mount.toString());
            Replica h2 = new Replica("replica-h2", jar, work, data, null, slack.apiUrl());
            others.add(h2);
            h2.start();
            List<Replica> saved = new ArrayList<>(routable);
            try {
                long t0 = System.nanoTime();
                h2.awaitUp(Duration.ofSeconds(90), false);
                String startedIn = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
                String readyzReadOnly = h2.readyz();
                routable.clear();
                routable.add(h2);
                String tag = tag();
                List<Command> readOnly = load("disk: read-only", tag, Duration.ofSeconds(quick ? 10 : 16), 5, 0.2, List.of(
                        new Event(quick ? 4 : 6, "data directory writable again", () -> Shell.run("mount", "-o", "remount,rw",
                                mount.toString()))));
                settle(Duration.ofSeconds(30));
                String readyzAfter = h2.readyz();

                String fullTag = tag();
                Path filler = mount.resolve("filler");
                List<Command> full = load("disk: full", fullTag, Duration.ofSeconds(quick ? 14 : 24), 5, 0.2, List.of(
                        new Event(3, "disk filled", () -> fill(filler)),
                        new Event(quick ? 8 : 12, "disk has room again", () -> Files.deleteIfExists(filler))));
                settle(Duration.ofSeconds(30));
                h2.stop();
                Map<String, List<String>> stored = storedOnH2(data);
                record("disk: H2 started on a read-only directory", readOnly, stored, "up (healthz) " + startedIn
                        + " after start; /readyz while read-only: " + readyzReadOnly + "; after: " + readyzAfter);
                record("disk: H2 disk full under load", full, stored, "");
            } finally {
                h2.stop();
                routable.clear();
                routable.addAll(saved);
            }
        } finally {
            try {
                Shell.run("umount", mount.toString());
                mounted = null;
            } catch (RuntimeException e) {
                notes.add("could not unmount " + mount + ": " + e.getMessage());
            }
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException noSpaceLeft) {
            // full
        }
    }

    // ---------------------------------------------------------------------------------------------- load and events

    /** Something done to the system at an offset from the start of a load, on a thread of its own. */
    record Event(int atSecond, String name, Action action) {
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** The replicas a load balancer would send to now; a killed one leaves at once. */
    private final List<Replica> routable = Collections.synchronizedList(new ArrayList<>());
    /** When each event of the last load happened ({@code System.nanoTime()}). */
    private final Map<String, Long> events = new LinkedHashMap<>();

    /**
     * Sends commands at a steady rate for a while, round-robin over the routable replicas, a share of them
     * through the modal, while the events happen; returns once every command has been answered or timed out.
     */
    private List<Command> load(String fault, String tag, Duration length, double perSecond, double modalShare, List<Event> timeline)
            throws InterruptedException {
        if (routable.isEmpty()) {
            routable.addAll(replicas);
        }
        events.clear();
        List<Command> commands = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(32);
        long start = System.nanoTime();
        Thread faults = new Thread(() -> {
            for (Event e : timeline) {
                long wait = start + TimeUnit.SECONDS.toNanos(e.atSecond()) - System.nanoTime();
                if (wait > 0) {
                    sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                }
                long at = System.nanoTime();
                try {
                    e.action().run();
                    System.out.printf(Locale.ROOT, "  %5.1f s  %s%n", (at - start) / 1e9, e.name());
                } catch (Exception ex) {
                    System.out.printf(Locale.ROOT, "  %5.1f s  %s FAILED: %s%n", (at - start) / 1e9, e.name(), ex.getMessage());
                }
                synchronized (events) {
                    events.put(e.name(), at);
                }
            }
        }, "faults-timeline");
        faults.start();
        long n = Math.round(length.toSeconds() * perSecond);
        int modalEvery = modalShare <= 0 ? 0 : (int) Math.round(1 / modalShare);
        for (int i = 0; i < n; i++) {
            long due = start + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Command.Kind kind = modalEvery > 0 && i % modalEvery == modalEvery - 1 ? Command.Kind.MODAL : Command.Kind.QUICK;
            Command c = new Command(fault, tag, seq.incrementAndGet(), kind);
            commands.add(c);
            Replica to;
            synchronized (routable) {
                to = routable.get(i % routable.size());
            }
            senders.execute(() -> send(c, to));
        }
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        faults.join();
        return commands;
    }

    private void send(Command c, Replica to) {
        c.sentTo = to.name();
        String body = c.kind == Command.Kind.MODAL ? traffic.openAndFill(c, to).orElse(null)
                : traffic.commandBody(c, SlackTraffic.QUICK_FORM);
        c.sentNanos = System.nanoTime();
        if (body == null) {
            // the form did not open: the user saw the ephemeral answer to the empty /selfhost, or Slack's error
            c.answered(new SlackTraffic.Delivery(c.openStatus, c.openStatus == 200 ? c.openBody : "", System.nanoTime()));
            return;
        }
        c.answered(traffic.send(to, body, 0));
    }

    /** Waits until no message has reached the stand-in for 5 s (every retry and fallback is over), or the limit. */
    private void settle(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end) {
            int now = slack.messages().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 5_000_000_000L) {
                return;
            }
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------------------------------------- counting

    private String tag() {
        return runTag + (char) ('A' + results.size() % 26) + (char) ('A' + seq.get() % 26);
    }

    private void record(String name, List<Command> commands, Map<String, List<String>> stored, String note) {
        record(name, commands, stored, note, null);
    }

    private void record(String name, List<Command> commands, Map<String, List<String>> stored, String note, String failure) {
        Tally t = Tally.of(name, commands, stored, slack.messages(), note, failure);
        results.add(t);
        System.out.println(Tally.header());
        System.out.println(t.row());
        if (!note.isEmpty()) {
            notes.add(name + ": " + note);
            System.out.println("  " + note);
        }
        if (t.answeredAfterFailedAck() > 0) {
            notes.add(name + ": " + t.answeredAfterFailedAck() + " commands Slack would have shown an error for were decided anyway");
        }
    }

    private Map<String, List<String>> storedOnPostgres() throws SQLException {
        try (Connection c = pg.connect()) {
            return stored(c);
        }
    }

    private Map<String, List<String>> storedOnH2(Path dataDir) throws SQLException {
        String url = "jdbc:h2:file:" + dataDir.resolve("hostwise").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "hostwise", "")) {
            return stored(c);
        }
    }

    /** Every verdict this run stored, by the channel of the command it answers. */
    private Map<String, List<String>> stored(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT slack_channel, id FROM verdict WHERE slack_channel LIKE ?")) {
            ps.setString(1, "C" + runTag + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    private synchronized void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        List<Replica> all = new ArrayList<>(replicas);
        all.addAll(others);
        for (Replica r : all) {
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("faults: stopping " + r.name() + ": " + e.getMessage());
            }
        }
        if (pg != null) {
            pg.close();
        }
        if (mounted != null) {
            try {
                Shell.run("umount", mounted.toString());
            } catch (RuntimeException e) {
                System.err.println("faults: " + e.getMessage());
            }
        }
        if (slack != null) {
            slack.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
