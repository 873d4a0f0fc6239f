package dev.hostwise.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Platform;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The work queue: bounded, waits a moment for room, and keeps going after a task fails. */
class BoundedWorkQueueTest {

    @Test
    void aFullQueueSaysNoOnceTheWaitIsOver() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (BoundedWorkQueue work = new BoundedWorkQueue("test", 1, 1, Duration.ofMillis(50), new SimpleMeterRegistry())) {
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
        try (BoundedWorkQueue work = new BoundedWorkQueue("test", 1, 10, Duration.ZERO, new SimpleMeterRegistry())) {
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
        RequestKeys keys = new RememberedRequestKeys(2);
        RequestKey a = RequestKey.of(Platform.SLACK, "trigger", "a");
        assertThat(keys.claim(a)).isTrue();
        assertThat(keys.claim(a)).isFalse();
        assertThat(keys.claim(RequestKey.of(Platform.SLACK, "trigger", "b"))).isTrue();
        assertThat(keys.claim(RequestKey.of(Platform.SLACK, "trigger", "c"))).isTrue(); // "a" is forgotten now
        assertThat(keys.claim(a)).isTrue();
        keys.release(a);
        assertThat(keys.claim(a)).isTrue();
        // the same ID on another platform, or of another kind, is another request
        assertThat(keys.claim(RequestKey.of(Platform.SLACK, "view", "a"))).isTrue();
        // a request without an ID is always new
        assertThat(RequestKey.of(Platform.SLACK, "trigger", " ")).isNull();
        assertThat(keys.claim(null)).isTrue();
        assertThat(keys.claim(null)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
