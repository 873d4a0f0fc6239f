package dev.hostwise.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the outbox cannot be written (the database is down), a question is still taken and answered at once, as
 * before the outbox: decided in this process, its verdict marked "not saved". Never a hang, never a refusal.
 */
class OutboxStoreDownTest {

    @Test
    @Timeout(60) // a guard against hanging, not a performance target
    void withTheStoreDownAQuestionIsStillAnsweredWithAVerdictMarkedNotSaved() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Env env = new Env(Map.of("HOSTWISE_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/hostwise", "HOSTWISE_DB_USER", "hostwise"));
        RecordingOutlet platform = new RecordingOutlet();
        try (Hostwise hw = OutboxDecisionsContract.start(env);
             Conversation c = OutboxDecisionsContract.conversation(hw, platform, 2, 10, OutboxDecisionsContract.QUICK)) {
            OutboxDecisionsContract questions = new H2OutboxDecisionsTest();
            assertThat(questions.ask(c, "down", 0)).isEqualTo(Admission.ACCEPTED);
            // a retry on this replica is still recognised (the keys in memory)
            assertThat(questions.ask(c, "down", 0)).isEqualTo(Admission.REPEAT);

            RecordingOutlet.Post answer = platform.await(1, Duration.ofSeconds(20)).get(0);
            assertThat(answer.conversation()).isEqualTo(questions.channel(0));
            assertThat(answer.subject()).contains("-UNSAVED-");
            assertThat(hw.metrics().registry().get("hostwise.outbox.unwritten").counter().count()).isEqualTo(1.0);
        }
    }
}
