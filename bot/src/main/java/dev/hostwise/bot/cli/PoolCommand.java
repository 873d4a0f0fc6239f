package dev.hostwise.bot.cli;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.pool.PoolText;
import dev.hostwise.bot.pool.Pools;
import dev.hostwise.bot.watch.WatchSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hostwise pool}: the volume no single team has. Looks at the stored verdicts that are not superseded
 * and are younger than {@code HOSTWISE_WATCH_DAYS}, groups those where PRIVACY and QUALITY hold but VOLUME
 * fails by the open model that serves them all, decides each group as one scenario, stores each pool's
 * verdict (with {@code pooledFrom}), and prints them with their members and what each would save.
 */
@Command(name = "pool", description = {"Find teams whose pooled demand would clear the break-even together; decide and store each pool."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:looked (whether or not a pool was found)", "2:the store is unavailable, or a setting is malformed"})
final class PoolCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    HostwiseCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WatchSettings settings = WatchSettings.from(parent.env());
        try (Hostwise hostwise = Hostwise.start(parent.env(), Optional.empty(), Clock.systemUTC())) {
            Pools.Found found = new Pools(hostwise, settings.window()).find(Requester.cli());
            out.print(PoolText.render(found, parent.env().baseUrl()));
            out.flush();
            return HostwiseCli.OK;
        }
    }
}
