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

    /** Every fault, in the order the full form runs them. */
    static final List<String> ALL = List.of("duplicates", "crash", "db-outage", "slack-outage", "disk");
    /**
     * The short form, run by .ci/run: every fault (each meets the target since the outbox), shorter, and the crash
     * after the other PostgreSQL faults so the killed replica need not be started again.
     */
    static final List<String> PASSING = List.of("duplicates", "db-outage", "slack-outage", "crash", "disk");

    private final Path work;
    private final Path jar;
    private final boolean quick;
    private final List<Tally> results = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    /** The PostgreSQL faults' stage (two replicas), and the disk fault's (one H2 replica, a Slack stand-in of its own). */
    private Stage main;
    private Stage diskStage;
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
        long begun = System.nanoTime();
        main = new Stage(new WebApiStandIn());
        diskStage = new Stage(new WebApiStandIn());
        List<String> sequential = new ArrayList<>(faults);
        // the short form runs the disk fault (its own H2 replica and Slack stand-in) beside the PostgreSQL ones
        Thread diskAlongside = null;
        if (quick && faults.contains("disk") && faults.size() > 1) {
            sequential.remove("disk");
            diskAlongside = new Thread(() -> {
                long t0 = System.nanoTime();
                try {
                    disk();
                } catch (Exception e) {
                    notes.add("disk: the fault could not run: " + e);
                    results.add(new Tally("disk", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "it could not run: " + e.getMessage()));
                }
                System.out.printf(Locale.ROOT, "  (disk, alongside the others, took %.0f s)%n", (System.nanoTime() - t0) / 1e9);
            }, "faults-disk");
            diskAlongside.start();
        }
        boolean twoReplicas = sequential.stream().anyMatch(f -> !f.equals("disk"));
        if (twoReplicas) {
            pg = Postgres.start();
            for (String name : List.of("replica-a", "replica-b")) {
                Path data = Files.createDirectories(work.resolve(name));
                replicas.add(new Replica(name, jar, work, data, pg.jdbcUrl(), main.slack.apiUrl()).start());
            }
            for (Replica r : replicas) {
                r.awaitUp(Duration.ofSeconds(90), true);
            }
            main.routable.addAll(replicas);
            System.out.println("two replicas ready on PostgreSQL at " + pg.jdbcUrl());
        }
        System.out.printf(Locale.ROOT, "  set-up took %.0f s%n", (System.nanoTime() - begun) / 1e9);
        for (String fault : sequential) {
            long faultStarted = System.nanoTime();
            System.out.println("\n== " + fault);
            switch (fault) {
                case "duplicates" -> duplicates();
                case "crash" -> crash();
                case "db-outage" -> databaseOutage();
                case "slack-outage" -> slackOutage();
                case "disk" -> disk();
                default -> throw new IllegalArgumentException(fault);
            }
            System.out.printf(Locale.ROOT, "  (%s took %.0f s)%n", fault, (System.nanoTime() - faultStarted) / 1e9);
        }
        if (diskAlongside != null) {
            diskAlongside.join();
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
    /** One way the same delivery reaches the replicas twice. */
    private record Variant(String name, boolean crossReplica, long apartMillis, Command.Kind kind) {
    }

    private void duplicates() throws Exception {
        int n = quick ? 4 : 15;
        List<Variant> variants = List.of(
                new Variant("duplicates: one replica, 1 s apart", false, 1000, Command.Kind.QUICK),
                new Variant("duplicates: both replicas at once", true, 0, Command.Kind.QUICK),
                new Variant("duplicates: both replicas, 1 s apart", true, 1000, Command.Kind.QUICK),
                new Variant("duplicates: modal submitted to both at once", true, 0, Command.Kind.MODAL),
                new Variant("duplicates: modal submitted to both, 1 s apart", true, 1000, Command.Kind.MODAL));
        // the short form sends the variants at the same time (each command has a channel of its own, so they are
        // still counted apart); the full form one after another
        ExecutorService variantsAtOnce = Executors.newFixedThreadPool(quick ? variants.size() : 1);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (Variant v : variants) {
            running.add(variantsAtOnce.submit(() -> {
                duplicates(v, n);
                return null;
            }));
        }
        variantsAtOnce.shutdown();
        for (var f : running) {
            f.get();
        }
    }

    private void duplicates(Variant v, int n) throws Exception {
        {
            String tag = tag();
            List<Command> commands = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < n; i++) {
                Command c = new Command(v.name(), tag, seq.incrementAndGet(), v.kind());
                commands.add(c);
                pool.execute(() -> {
                    Replica first = replicas.get(0);
                    Replica second = v.crossReplica() ? replicas.get(1) : first;
                    String body = c.kind == Command.Kind.MODAL ? main.traffic.openAndFill(c, first).orElse(null)
                            : main.traffic.commandBody(c, SlackTraffic.QUICK_FORM);
                    if (body == null) {
                        return;
                    }
                    c.sentTo = first.name() + "+" + second.name();
                    c.sentNanos = System.nanoTime();
                    if (v.apartMillis() == 0) {
                        var other = Executors.newSingleThreadExecutor();
                        var again = other.submit(() -> main.traffic.send(second, body, 1));
                        SlackTraffic.Delivery d = main.traffic.send(first, body, 0);
                        try {
                            SlackTraffic.Delivery d2 = again.get();
                            c.answered(d.status() == 200 ? d : d2);
                        } catch (Exception e) {
                            c.answered(d);
                        } finally {
                            other.shutdown();
                        }
                    } else {
                        c.answered(main.traffic.send(first, body, 0));
                        sleep(v.apartMillis());
                        main.traffic.send(second, body, 1);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
            settle(main, Duration.ofSeconds(60), this::pendingOnPostgres);
            record(main, v.name(), commands, storedOnPostgres(), "");
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
        WebApiStandIn slack = main.slack;
        slack.postLatency(Duration.ofSeconds(1));
        int killAt = quick ? 3 : 10;
        long readBacks = slack.historyReads();
        List<Command> commands = load(main, "crash", tag, Duration.ofSeconds(quick ? 7 : 20), 20, 0.2, List.of(
                new Event(killAt, "kill -9 " + victim.name(), () -> {
                    main.routable.remove(victim);
                    victim.kill();
                })));
        // the survivor takes the dead replica's jobs once their leases (10 s) run out
        settle(main, Duration.ofSeconds(90), this::pendingOnPostgres);
        slack.postLatency(Duration.ZERO);
        long killedAt = main.events.get("kill -9 " + victim.name());
        long justBefore = commands.stream().filter(c -> c.sentTo.equals(victim.name()) && c.ack() == Command.Ack.ACCEPTED
                && killedAt - c.ackNanos < 2_000_000_000L && killedAt - c.ackNanos >= 0).count();
        record(main, "crash: kill -9 of one replica under load", commands, storedOnPostgres(),
                justBefore + " commands were acknowledged by " + victim.name() + " in the 2 s before it was killed; Slack's API "
                        + "answered each post in 1 s; the survivor read " + (slack.historyReads() - readBacks) + " channels back "
                        + "(conversations.history) before delivering a stored verdict again");
        if (!quick) {
            victim.start().awaitUp(Duration.ofSeconds(90), true);
            main.routable.add(victim);
        }
    }

    /** PostgreSQL stopped for 10 s under load, then started again; the replicas are not restarted. */
    private void databaseOutage() throws Exception {
        String tag = tag();
        List<String> readyz = new ArrayList<>();
        int stopAt = quick ? 3 : 8;
        List<Command> commands = load(main, "db-outage", tag, Duration.ofSeconds(quick ? 21 : 30), quick ? 6 : 8, 0.2, List.of(
                new Event(stopAt, "PostgreSQL stopped", pg::down),
                new Event(stopAt + 5, "readyz during", () -> readyz.add(replicas.get(0).readyz())),
                new Event(stopAt + 10, "PostgreSQL started", pg::up)));
        settle(main, Duration.ofSeconds(90), this::pendingOnPostgres);
        // recovery without a restart: commands sent a few seconds after the start are stored again
        long upAt = main.events.get("PostgreSQL started");
        Map<String, List<String>> stored = storedOnPostgres();
        List<Command> after = commands.stream().filter(c -> c.sentNanos - upAt > 5_000_000_000L && c.ack() == Command.Ack.ACCEPTED).toList();
        long storedAfter = after.stream().filter(c -> stored.containsKey(c.channel)).count();
        readyz.add(replicas.get(0).readyz());
        record(main, "database outage: PostgreSQL stopped 10 s", commands, stored, String.format(Locale.ROOT,
                "%d of %d commands acknowledged from 5 s after PostgreSQL started were stored (no restart); "
                        + "/readyz during the outage: %s; after: %s", storedAfter, after.size(), readyz.get(0), readyz.get(1)),
                storedAfter < after.size() || after.isEmpty() ? "saving did not resume after the outage" : null);
    }

    /** Slack's API answers 429 with Retry-After, then 500, for 30 s in all. */
    private void slackOutage() throws Exception {
        String tag = tag();
        int half = quick ? 5 : 15;
        int before = quick ? 3 : 5;
        WebApiStandIn slack = main.slack;
        List<Command> commands = load(main, "slack-outage", tag, Duration.ofSeconds(before + 2L * half + (quick ? 3 : 10)), 5, 0.0, List.of(
                new Event(before, "Slack answers 429 (Retry-After: 2)", () -> slack.mode(WebApiStandIn.Mode.RATE_LIMITED, 2)),
                new Event(before + half, "Slack answers 500", () -> slack.mode(WebApiStandIn.Mode.FAILING, 0)),
                new Event(before + 2 * half, "Slack answers again", () -> slack.mode(WebApiStandIn.Mode.OK, 0))));
        // verdicts whose every way of delivery failed wait in the outbox for their next attempt (5, 10, 20 s ...)
        settle(main, Duration.ofSeconds(180), this::pendingOnPostgres);
        record(main, "Slack outage: 429 then 500 for " + 2 * half + " s", commands, storedOnPostgres(),
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
            Replica h2 = new Replica("replica-h2", jar, work, data, null, diskStage.slack.apiUrl());
            others.add(h2);
            h2.start();
            try {
                long t0 = System.nanoTime();
                h2.awaitUp(Duration.ofSeconds(90), false);
                String startedIn = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
                // not ready (the store is read-only), but Slack has accepted the bot: it takes commands
                long slackBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!h2.readyz().contains("\"slack\":\"ok\"") && System.nanoTime() < slackBy) {
                    Thread.sleep(100);
                }
                String readyzReadOnly = h2.readyz();
                diskStage.routable.clear();
                diskStage.routable.add(h2);
                String tag = tag();
                List<Command> readOnly = load(diskStage, "disk: read-only", tag, Duration.ofSeconds(quick ? 8 : 16), 5, 0.2, List.of(
                        new Event(quick ? 3 : 6, "data directory writable again", () -> Shell.run("mount", "-o", "remount,rw",
                                mount.toString()))));
                settle(diskStage, Duration.ofSeconds(60), () -> pendingOnH2(data));
                String readyzAfter = h2.readyz();

                String fullTag = tag();
                Path filler = mount.resolve("filler");
                List<Command> full = load(diskStage, "disk: full", fullTag, Duration.ofSeconds(quick ? 12 : 24), 5, 0.2, List.of(
                        new Event(3, "disk filled", () -> fill(filler)),
                        new Event(quick ? 7 : 12, "disk has room again", () -> Files.deleteIfExists(filler))));
                settle(diskStage, Duration.ofSeconds(60), () -> pendingOnH2(data));
                h2.stop();
                Map<String, List<String>> stored = storedOnH2(data);
                record(diskStage, "disk: H2 started on a read-only directory", readOnly, stored, "up (healthz) " + startedIn
                        + " after start; /readyz while read-only: " + readyzReadOnly + "; after: " + readyzAfter);
                record(diskStage, "disk: H2 disk full under load", full, stored, "");
            } finally {
                h2.stop();
                diskStage.routable.clear();
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

    /**
     * What a line of faults runs against: a Slack stand-in, the replicas a load balancer would send to now (a
     * killed one leaves at once), and when each event of its last load happened ({@code System.nanoTime()}).
     */
    private static final class Stage {
        final WebApiStandIn slack;
        final SlackTraffic traffic;
        final List<Replica> routable = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Long> events = Collections.synchronizedMap(new LinkedHashMap<>());

        Stage(WebApiStandIn slack) {
            this.slack = slack;
            this.traffic = new SlackTraffic(slack);
        }
    }

    /**
     * Sends commands at a steady rate for a while, round-robin over the routable replicas, a share of them
     * through the modal, while the events happen; returns once every command has been answered or timed out.
     */
    private List<Command> load(Stage stage, String fault, String tag, Duration length, double perSecond, double modalShare,
                               List<Event> timeline) throws InterruptedException {
        List<Replica> routable = stage.routable;
        Map<String, Long> events = stage.events;
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
            senders.execute(() -> send(stage, c, to));
        }
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        faults.join();
        return commands;
    }

    private void send(Stage stage, Command c, Replica to) {
        c.sentTo = to.name();
        String body = c.kind == Command.Kind.MODAL ? stage.traffic.openAndFill(c, to).orElse(null)
                : stage.traffic.commandBody(c, SlackTraffic.QUICK_FORM);
        c.sentNanos = System.nanoTime();
        if (body == null) {
            // the form did not open: the user saw the ephemeral answer to the empty /selfhost, or Slack's error
            c.answered(new SlackTraffic.Delivery(c.openStatus, c.openStatus == 200 ? c.openBody : "", System.nanoTime()));
            return;
        }
        c.answered(stage.traffic.send(to, body, 0));
    }

    /** How many of this run's outbox jobs are not finished; -1 when the database cannot say now. */
    @FunctionalInterface
    interface PendingJobs {
        long count();
    }

    /**
     * Waits until this run's outbox holds no unfinished job (every verdict delivered, or recorded undelivered) and
     * no message has reached the stand-in for a while (5 s, 2 s in the short form: the last retries and fallbacks
     * are over), or the limit.
     */
    private void settle(Stage stage, Duration limit, PendingJobs pending) throws InterruptedException {
        long quietFor = quick ? 2_000_000_000L : 5_000_000_000L;
        long end = System.nanoTime() + limit.toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end) {
            int now = stage.slack.messages().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quietFor && pending.count() == 0) {
                return;
            }
            Thread.sleep(250);
        }
        notes.add("settling took longer than " + limit.toSeconds() + " s; " + pending.count() + " outbox jobs were still pending");
    }

    private long pendingOnPostgres() {
        try (Connection c = pg.connect()) {
            return pending(c);
        } catch (SQLException e) {
            return -1;
        }
    }

    private long pendingOnH2(Path dataDir) {
        try (Connection c = DriverManager.getConnection(h2Url(dataDir), "hostwise", "")) {
            return pending(c);
        } catch (SQLException e) {
            return -1;
        }
    }

    private long pending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox_jobs WHERE state = 'PENDING' AND conversation LIKE ?")) {
            ps.setString(1, "C" + runTag + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("hostwise").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    // ---------------------------------------------------------------------------------------------- counting

    private String tag() {
        return runTag + (char) ('A' + results.size() % 26) + (char) ('A' + seq.get() % 26);
    }

    private void record(Stage stage, String name, List<Command> commands, Map<String, List<String>> stored, String note) {
        record(stage, name, commands, stored, note, null);
    }

    private void record(Stage stage, String name, List<Command> commands, Map<String, List<String>> stored, String note,
                        String failure) {
        Tally t = Tally.of(name, commands, stored, stage.slack.messages(), note, failure);
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
        try (Connection c = DriverManager.getConnection(h2Url(dataDir), "hostwise", "")) {
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
        for (Stage s : new Stage[] {main, diskStage}) {
            if (s != null) {
                s.slack.close();
            }
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
