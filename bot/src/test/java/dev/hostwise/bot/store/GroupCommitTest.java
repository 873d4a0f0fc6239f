package dev.hostwise.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GroupCommitTest {

    @Test
    @Timeout(30) // a guard against hanging, not a performance target
    void savesQueuedWhileATransactionIsOpenShareTheNextOneAndEachCallerGetsItsOwnResult() throws Exception {
        CountDownLatch firstBatchOpen = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        GroupCommit<String, String> commits = new GroupCommit<>(batch -> {
            batches.add(batch.stream().map(GroupCommit.Entry::item).toList());
            if (batches.size() == 1) {
                firstBatchOpen.countDown();
                await(othersQueued);
            }
            batch.forEach(e -> e.succeed("saved " + e.item()));
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<String> first = pool.submit(() -> commits.save("a"));
            firstBatchOpen.await(10, TimeUnit.SECONDS);
            List<Future<String>> others = new ArrayList<>();
            for (String item : List.of("b", "c", "d", "e", "f")) {
                others.add(pool.submit(() -> commits.save(item)));
            }
            // the five are queued behind the open transaction
            while (commits.queued() < 5) {
                Thread.sleep(5);
            }
            othersQueued.countDown();

            assertThat(first.get()).isEqualTo("saved a");
            List<String> results = new ArrayList<>();
            for (Future<String> f : others) {
                results.add(f.get());
            }
            assertThat(results).containsExactly("saved b", "saved c", "saved d", "saved e", "saved f");
            assertThat(batches).hasSize(2);
            assertThat(batches.get(0)).containsExactly("a");
            assertThat(batches.get(1)).containsExactlyInAnyOrder("b", "c", "d", "e", "f");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureReachesOnlyTheCallersItConcerns() {
        GroupCommit<String, String> commits = new GroupCommit<>(batch -> batch.forEach(e -> {
            if (e.item().startsWith("bad")) {
                e.fail(new StoreUnavailableException("refused " + e.item(), null));
            } else {
                e.succeed("saved " + e.item());
            }
        }));
        assertThat(commits.save("good")).isEqualTo("saved good");
        assertThatThrownBy(() -> commits.save("bad one")).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("refused bad one");
        assertThat(commits.save("good again")).isEqualTo("saved good again");
    }

    @Test
    void aWriterThatThrowsFailsItsWholeBatchAndTheNextSaveStillWorks() {
        boolean[] down = {true};
        GroupCommit<String, String> commits = new GroupCommit<>(batch -> {
            if (down[0]) {
                throw new StoreUnavailableException("the verdict store is unavailable: connection refused", null);
            }
            batch.forEach(e -> e.succeed("saved " + e.item()));
        });
        assertThatThrownBy(() -> commits.save("x")).hasMessageContaining("connection refused");
        down[0] = false;
        assertThat(commits.save("y")).isEqualTo("saved y");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
