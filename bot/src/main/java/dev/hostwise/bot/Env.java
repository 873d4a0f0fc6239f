package dev.hostwise.bot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration from the environment, 12-factor style. Every setting has a working default, so the
 * bot runs with no Slack workspace, no database server and no configuration at all.
 */
public record Env(Map<String, String> vars) {

    public static Env system() {
        return new Env(System.getenv());
    }

    public Optional<String> get(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A rules directory to use instead of the bundled policy. */
    public Optional<Path> rulesDir() {
        return get("HOSTWISE_RULES_DIR").map(Path::of);
    }

    /** A catalog directory to use instead of the bundled catalog. */
    public Optional<Path> catalogDir() {
        return get("HOSTWISE_CATALOG_DIR").map(Path::of);
    }
}
