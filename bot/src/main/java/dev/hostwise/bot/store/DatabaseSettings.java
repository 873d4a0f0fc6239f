package dev.hostwise.bot.store;

import dev.hostwise.bot.Env;
import java.nio.file.Path;

/**
 * Which database holds the verdicts. The default is an embedded H2 file under the data directory
 * ({@code HOSTWISE_DATA_DIR}, else {@code ./data}); {@code HOSTWISE_DB_URL} (with
 * {@code HOSTWISE_DB_USER} and {@code HOSTWISE_DB_PASSWORD}) points at PostgreSQL instead.
 *
 * @param jdbcUrl     the JDBC URL
 * @param user        the user name, may be empty
 * @param password    the password, may be empty; never shown
 * @param description what a person reads in logs and notices: the kind and place, never the password
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, String description) {

    /** The name of the H2 database file in the data directory ({@code hostwise.mv.db}). */
    public static final String H2_FILE_NAME = "hostwise";

    public static DatabaseSettings from(Env env) {
        if (env.dbUrl().isPresent()) {
            String url = env.dbUrl().get();
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                // a typo here is a configuration mistake, not an outage: say so at start-up
                throw new IllegalArgumentException("HOSTWISE_DB_URL must be a PostgreSQL JDBC URL such as "
                        + "jdbc:postgresql://db.internal:5432/hostwise (or jdbc:h2:...); it starts with '"
                        + url.substring(0, Math.min(url.length(), 16)) + "'");
            }
            return new DatabaseSettings(url, env.dbUser().orElse(""), env.dbPassword().orElse(""), describe(url));
        }
        return h2File(env.dataDir());
    }

    /**
     * The embedded database in a data directory. AUTO_SERVER lets {@code hostwise decide} write to the
     * file while {@code hostwise serve} has it open: the first process serves it to the others over
     * loopback (see {@link Database}).
     */
    public static DatabaseSettings h2File(Path dataDir) {
        // H2 refuses paths that are implicitly relative to the working directory
        Path file = dataDir.toAbsolutePath().normalize().resolve(H2_FILE_NAME);
        // WRITE_DELAY=0: every commit is written to the file before it returns; H2's default (write within
        //   half a second) lost acknowledged verdicts when the process was killed right after saving them.
        // TRACE_LEVEL_FILE=0: no hostwise.trace.db beside the data; errors reach Hostwise's own log as exceptions.
        // CACHE_SIZE=4096: a 4 MB page cache instead of H2's 16 MB, which lived in the server's small heap; a
        //   page view reads one verdict, and its pages come from the operating system's file cache anyway.
        return new DatabaseSettings("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;CACHE_SIZE=4096",
                "hostwise", "",
                "H2 file database in " + dataDir.toAbsolutePath().normalize());
    }

    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** The directory of an H2 file database ({@code jdbc:h2:file:/dir/name;...}); empty for any other database. */
    public java.util.Optional<Path> h2Directory() {
        String prefix = "jdbc:h2:file:";
        if (!jdbcUrl.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        Path file = Path.of(jdbcUrl.substring(prefix.length()).split(";", 2)[0]);
        return java.util.Optional.ofNullable(file.toAbsolutePath().getParent());
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    private static String describe(String url) {
        // query parameters may carry a password; the place is what a person needs to see
        int q = url.indexOf('?');
        String place = q < 0 ? url : url.substring(0, q);
        if (url.startsWith("jdbc:postgresql:")) {
            return "PostgreSQL at " + place;
        }
        if (url.startsWith("jdbc:h2:")) {
            int semi = place.indexOf(';');
            return "H2 at " + (semi < 0 ? place : place.substring(0, semi));
        }
        return place;
    }

    @Override
    public String toString() {
        return description;
    }
}
