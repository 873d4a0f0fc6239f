package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * What makes a running server check and activate changed rules: saving a file in the rules directory
 * (watched, debounced so a burst of saves is one reload) and {@code kill -HUP}. Slack's
 * {@code /selfhost reload} is the third trigger, for admins.
 */
final class RulesReloadTriggers {

    /** Long enough to coalesce an editor's save-rename-chmod burst, short enough to feel immediate. */
    static final Duration DEBOUNCE = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(RulesReloadTriggers.class);

    private RulesReloadTriggers() {
    }

    static void install(Hostwise hostwise, Env env) {
        List<Path> watched = new ArrayList<>();
        hostwise.rulesDir().ifPresent(dir -> watched.addAll(List.of(dir, dir.resolve("cases"))));
        hostwise.catalogDir().ifPresent(watched::add);
        if (!watched.isEmpty()) {
            try {
                hostwise.reloader().watch(watched, DEBOUNCE);
            } catch (IOException e) {
                LOG.warn("cannot watch {} for changes ({}); reload with kill -HUP instead", watched, e.toString());
            }
        }
        try {
            Signal.handle(new Signal("HUP"), sig -> hostwise.reloader().requestReload("SIGHUP", Duration.ZERO));
        } catch (IllegalArgumentException e) {
            // not every platform has SIGHUP; the file watch and Slack still work
            LOG.debug("SIGHUP is not available here: {}", e.getMessage());
        }
    }
}
