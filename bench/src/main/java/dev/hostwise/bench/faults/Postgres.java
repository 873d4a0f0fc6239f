package dev.hostwise.bench.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL on 127.0.0.1 and a random port, run by the postgres user (initdb and pg_ctl refuse
 * root), as .ci/run starts one: created for the suite, stopped and started as a fault, removed at the end.
 */
final class Postgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;

    private Postgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    static Postgres start() throws IOException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(Files::isDirectory)
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql: apt-get install -y postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL under /usr/lib/postgresql: apt-get install -y postgresql", e);
        }
        Path dir = Files.createTempDirectory("hostwise-faults-pg");
        Shell.run("chown", "postgres:postgres", dir.toString());
        Postgres pg = new Postgres(dir, bin, freePort());
        Shell.run("runuser", "-u", "postgres", "--", bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        pg.up();
        return pg;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server (again), and waits until it takes connections. */
    void up() {
        Shell.run("runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", "30",
                "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off", "start");
    }

    /** Stops the server the way an operator or a crash would take it away: fast, every connection cut. */
    void down() {
        Shell.run("runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-m", "fast", "-w", "stop");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                down();
            }
        } catch (RuntimeException e) {
            System.err.println("faults: stopping PostgreSQL: " + e.getMessage());
        }
        try {
            Shell.run("rm", "-rf", dir.toString());
        } catch (RuntimeException e) {
            System.err.println("faults: removing " + dir + ": " + e.getMessage());
        }
    }
}
