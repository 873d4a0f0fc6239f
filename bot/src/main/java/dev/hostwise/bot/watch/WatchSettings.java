package dev.hostwise.bot.watch;

import dev.hostwise.bot.Env;
import java.time.Duration;
import java.util.Locale;

/**
 * The watch's settings: whether it runs ({@code HOSTWISE_WATCH}, {@code on} unless set to {@code off}: the
 * admins' switch) and how far back it looks ({@code HOSTWISE_WATCH_DAYS}, 180 days).
 *
 * @param on    false when an admin turned the watch off: no re-checks, no notices (changes are still recorded)
 * @param days  verdicts younger than this are re-checked; pooling looks at the same window
 * @param every how often a running server looks for pending changes and notices besides being woken
 * @param batch how many verdicts are re-decided between renewals of the lease
 */
public record WatchSettings(boolean on, int days, Duration every, int batch) {

    public static final int DEFAULT_DAYS = 180;

    /**
     * @throws IllegalArgumentException naming the variable, when one is malformed
     */
    public static WatchSettings from(Env env) {
        boolean on = env.get("HOSTWISE_WATCH").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("HOSTWISE_WATCH must be on or off; it is '" + v + "'");
        }).orElse(true);
        int days = env.watchDays();
        return new WatchSettings(on, days, Duration.ofSeconds(30), 50);
    }

    public Duration window() {
        return Duration.ofDays(days);
    }

    public WatchSettings withEvery(Duration d) {
        return new WatchSettings(on, days, d, batch);
    }

    public WatchSettings withBatch(int n) {
        return new WatchSettings(on, days, every, n);
    }
}
