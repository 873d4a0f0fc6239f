package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that saved verdicts and is then killed (SIGKILL, no shutdown hooks) loses none of them,
 * and the next process opens the embedded database although the dead one left its lock file behind.
 */
class CrashRecoveryTest {

    @TempDir
    Path dataDir;

    /** The process that gets killed: saves verdicts, prints each link as it is acknowledged, then waits. */
    public static void main(String[] args) throws Exception {
        Hostwise hw = Hostwise.start(new Env(Map.of("HOSTWISE_DATA_DIR", args[0])), Optional.empty(), Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            RecordedVerdict r = hw.decideFor(StoreFixture.scenario(hw, 1000 + i), Requester.cli());
            System.out.println("saved " + r.verdict().id() + " " + r.linkToken().orElse("NOT-SAVED"));
            System.out.flush();
        }
        Thread.sleep(60_000);
    }

    @Test
    void verdictsAcknowledgedBeforeAKillAreThereAfterIt() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashRecoveryTest.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> saved = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (saved.size() < 3 && (line = out.readLine()) != null) {
                if (line.startsWith("saved ")) {
                    saved.add(line);
                }
            }
        } finally {
            // SIGKILL right after the last acknowledgement: nothing gets a chance to flush or close
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(saved).hasSize(3).allSatisfy(l -> assertThat(l).doesNotContain("NOT-SAVED"));

        try (Hostwise hw = StoreFixture.start(StoreFixture.h2(dataDir), Instant.now())) {
            assertThat(hw.store().database().startupProblem()).isEmpty();
            for (String line : saved) {
                String[] parts = line.split(" ");
                assertThat(hw.store().byToken(parts[2])).as(parts[1]).get().extracting(StoredVerdict::id).isEqualTo(parts[1]);
            }
        }
    }
}
