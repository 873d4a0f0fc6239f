package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HOSTWISE_STALE_AFTER_DAYS reaches the decision: a verdict on today's date names a catalog price older than it. */
class StaleFiguresCliTest {

    // GPT-3.5 Turbo (0125)'s price is a hand-written row seen on 2025-09-01: older than 180 days on any day this runs
    private static final String[] OLD_PRICE = {"decide", "--requests-per-day", "100000", "--hosted-model", "gpt-3.5-turbo-0125",
        "--input-tokens", "900", "--output-tokens", "300", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH",
        "--privacy", "NONE"};

    private static CliRun decide(Path data, Map<String, String> vars) {
        Map<String, String> env = new java.util.HashMap<>(vars);
        env.put("HOSTWISE_DATA_DIR", data.toString());
        return CliRun.run(new Env(Map.copyOf(env)), null, OLD_PRICE);
    }

    @Test
    void aPriceOlderThanTheLimitIsNamedWithItsDate(@TempDir Path data) {
        CliRun run = decide(data, Map.of());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("The GPT-3.5 Turbo (0125) price ($0.50 in / $1.50 out per 1M tokens at"
                + " OpenAI) dates from 2025-09-01,", "older than the 180 days a figure is trusted for");
    }

    @Test
    void theLimitComesFromTheEnvironment(@TempDir Path data) {
        CliRun run = decide(data, Map.of("HOSTWISE_STALE_AFTER_DAYS", "36500"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("a figure is trusted for");
    }

    @Test
    void aLimitThatIsNotADayCountIsNamedWithTheFix(@TempDir Path data) {
        CliRun run = decide(data, Map.of("HOSTWISE_STALE_AFTER_DAYS", "six months"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("hostwise decide: HOSTWISE_STALE_AFTER_DAYS must be a whole number of days, 1 or more"
                + " (e.g. 180); it is 'six months'\n");
        assertThat(run.out()).isEmpty();
    }
}
