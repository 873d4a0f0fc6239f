package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The work queue: bounded, waits a moment for room, and keeps going after a task fails. */
class SlackWorkTest {

    @Test
    void aFullQueueSaysNoOnceTheWaitIsOver() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SlackWork work = new SlackWork(1, 1, Duration.ofMillis(50), new SimpleMeterRegistry())) {
            Runnable blocked = () -> await(release);
            assertThat(work.offer("running", blocked)).isTrue();
            assertThat(work.offer("queued", blocked)).isTrue();
            assertThat(work.offer("one too many", blocked)).isFalse();

            release.countDown();
            assertThat(work.awaitQuiet(Duration.ofSeconds(10))).isTrue();
            assertThat(work.offer("room again", () -> { })).isTrue();
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        try (SlackWork work = new SlackWork(1, 10, Duration.ZERO, new SimpleMeterRegistry())) {
            work.offer("boom", () -> {
                throw new IllegalStateException("expected in this test");
            });
            work.offer("after", ran::incrementAndGet);
            assertThat(work.awaitQuiet(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(ran).hasValue(1);
    }

    @Test
    void requestKeysRememberABoundedNumberOfRequests() {
        RequestKeys keys = new RequestKeys(2);
        assertThat(keys.claim("a")).isTrue();
        assertThat(keys.claim("a")).isFalse();
        assertThat(keys.claim("b")).isTrue();
        assertThat(keys.claim("c")).isTrue(); // "a" is forgotten now
        assertThat(keys.claim("a")).isTrue();
        keys.release("a");
        assertThat(keys.claim("a")).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
