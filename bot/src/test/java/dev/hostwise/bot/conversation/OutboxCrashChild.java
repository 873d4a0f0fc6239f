package dev.hostwise.bot.conversation;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.store.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The replica {@link OutboxDecisionsContract} kills: takes {@code n} questions, prints each acknowledgement,
 * and prints each post as it starts, which then never returns (the platform got it; its answer never came).
 * Arguments: run tag, n, then {@code h2 DIR} or {@code pg URL}.
 */
public final class OutboxCrashChild {

    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String run = args[0];
        int n = Integer.parseInt(args[1]);
        Env env = args[2].equals("h2") ? StoreFixture.h2(java.nio.file.Path.of(args[3]))
                : new Env(Map.of("HOSTWISE_DB_URL", args[3], "HOSTWISE_DB_USER", "postgres"));
        Hostwise hw = Hostwise.start(env, Optional.empty(), Clock.systemUTC());
        Outlet stuck = new Outlet() {
            @Override
            public Sent post(String conversation, Reply reply) {
                System.out.println("posting " + reply.subject() + " " + conversation);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Sent.Failed("interrupted");
            }

            @Override
            public Sent replyLink(String responseUrl, Reply reply, boolean forEveryone) {
                return new Sent.Failed("not in this test");
            }

            @Override
            public Sent directMessage(String user, Reply reply) {
                return new Sent.Failed("not in this test");
            }

            @Override
            public Sent inThread(String conversation, String thread, Reply reply) {
                return new Sent.Failed("not in this test");
            }

            @Override
            public Seen alreadyPosted(String conversation, String subject, Instant since) {
                return Seen.NOT_POSTED;
            }
        };
        Conversation c = new Conversation(hw, Platform.SLACK, stuck,
                new BoundedWorkQueue("crash", 2, 20, Duration.ZERO, hw.metrics().registry()),
                new RememberedRequestKeys(1000), 100, OutboxDecisionsContract.QUICK);
        for (int i = 0; i < n; i++) {
            String channel = "C" + run + i;
            Admission a = c.decide(c.key("trigger", run + ".crash" + i), StoreFixture.scenario(hw, 10_000 + i),
                    Requester.chat(Platform.SLACK, "T1", channel, "U" + run + i), new ReplyAddress(channel, null, "U" + run + i));
            System.out.println(a == Admission.ACCEPTED ? "acknowledged " + channel : "not taken " + channel + " " + a);
            System.out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
