package dev.hostwise.bot;

import dev.hostwise.knowledge.StaleAfter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration from the environment, 12-factor style. Every setting has a working default, so the
 * bot runs with no chat platform, no database server and no configuration at all.
 */
public record Env(Map<String, String> vars) {

    public static Env system() {
        return new Env(System.getenv());
    }

    public Optional<String> get(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /**
     * A comma-separated variable as a set of its items, each trimmed, empty items left out, in the
     * order given; empty when the variable is unset or blank.
     */
    public Set<String> list(String name) {
        Set<String> items = new LinkedHashSet<>();
        get(name).ifPresent(v -> {
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        });
        return Collections.unmodifiableSet(items);
    }

    /** A rules directory to use instead of the bundled policy. */
    public Optional<Path> rulesDir() {
        return get("HOSTWISE_RULES_DIR").map(Path::of);
    }

    /** A catalog directory to use instead of the bundled catalog. */
    public Optional<Path> catalogDir() {
        return get("HOSTWISE_CATALOG_DIR").map(Path::of);
    }

    /**
     * {@code HOSTWISE_STALE_AFTER_DAYS}: how old a price or throughput measurement may be before a verdict
     * resting on it calls it stale; 180 when unset.
     *
     * @throws IllegalArgumentException naming the variable when it is not a whole number of days, 1 or more
     */
    public StaleAfter staleAfter() {
        return get("HOSTWISE_STALE_AFTER_DAYS").map(d -> {
            try {
                int days = Integer.parseInt(d);
                if (days >= 1) {
                    return new StaleAfter(days);
                }
            } catch (NumberFormatException notANumber) {
                // answered below, with the variable's name
            }
            throw new IllegalArgumentException("HOSTWISE_STALE_AFTER_DAYS must be a whole number of days, 1 or more"
                    + " (e.g. 180); it is '" + d + "'");
        }).orElse(StaleAfter.DEFAULT);
    }

    /**
     * {@code HOSTWISE_WATCH_DAYS}: stored verdicts younger than this are re-checked when their inputs change,
     * and looked at for pooling; 180 when unset.
     *
     * @throws IllegalArgumentException naming the variable when it is not a whole number of days, 1 or more
     */
    public int watchDays() {
        return get("HOSTWISE_WATCH_DAYS").map(d -> {
            try {
                int n = Integer.parseInt(d);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException notANumber) {
                // answered below, with the variable's name
            }
            throw new IllegalArgumentException("HOSTWISE_WATCH_DAYS must be a whole number of days, 1 or more (e.g. 180);"
                    + " it is '" + d + "'");
        }).orElse(180);
    }

    /** A copy with one variable set; tests use it to point the bot at a temporary data directory. */
    public Env with(String name, String value) {
        Map<String, String> copy = new HashMap<>(vars);
        copy.put(name, value);
        return new Env(Map.copyOf(copy));
    }

    /** Where the embedded H2 database lives when no {@code HOSTWISE_DB_URL} is given. */
    public Path dataDir() {
        return get("HOSTWISE_DATA_DIR").map(Path::of).orElse(Path.of("data"));
    }

    /**
     * Where compiled policies are cached between runs, so unchanged rules are not compiled again:
     * {@code HOSTWISE_CACHE_DIR}, else {@code $XDG_CACHE_HOME/hostwise}, else {@code $HOME/.cache/hostwise};
     * none when none of them is set (then every start compiles).
     */
    public Optional<Path> cacheDir() {
        return get("HOSTWISE_CACHE_DIR").map(Path::of)
                .or(() -> get("XDG_CACHE_HOME").map(d -> Path.of(d, "hostwise")))
                .or(() -> get("HOME").map(h -> Path.of(h, ".cache", "hostwise")));
    }

    /** A JDBC URL of an external database (PostgreSQL); empty means the embedded H2 file database. */
    public Optional<String> dbUrl() {
        return get("HOSTWISE_DB_URL");
    }

    public Optional<String> dbUser() {
        return get("HOSTWISE_DB_USER");
    }

    public Optional<String> dbPassword() {
        return Optional.ofNullable(vars.get("HOSTWISE_DB_PASSWORD")).filter(p -> !p.isEmpty());
    }

    /** The bearer token that lets an admin list verdicts; without it, listing is switched off. */
    public Optional<String> adminToken() {
        return get("HOSTWISE_ADMIN_TOKEN");
    }

    /** The port the server listens on, from {@code PORT}; 3000 when unset. */
    /** {@code PORT}, default 3000. @throws IllegalArgumentException naming the variable when it is not a port */
    public int port() {
        return get("PORT").map(String::trim).map(p -> {
            try {
                int n = Integer.parseInt(p);
                if (n >= 1 && n <= 65535) {
                    return n;
                }
            } catch (NumberFormatException notANumber) {
                // answered below, with the variable's name
            }
            throw new IllegalArgumentException("PORT must be a whole number from 1 to 65535; it is '" + p + "'");
        }).orElse(3000);
    }

    /**
     * The public address of the verdict pages, without a trailing slash: what links in API answers,
     * the CLI and Slack start with. Defaults to {@code http://localhost:PORT}.
     */
    public String baseUrl(int port) {
        return get("HOSTWISE_BASE_URL").map(u -> u.replaceAll("/+$", "")).orElse("http://localhost:" + port);
    }

    /** As {@link #baseUrl(int)} on {@code PORT}, which is read only when {@code HOSTWISE_BASE_URL} is not set. */
    public String baseUrl() {
        return get("HOSTWISE_BASE_URL").map(u -> u.replaceAll("/+$", "")).orElseGet(() -> "http://localhost:" + port());
    }
}
