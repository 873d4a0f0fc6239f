package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.slack.SlackApiStandIn.Call;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /selfhost mute HW-…}, the Mute updates button, and {@code /selfhost pool}, over real signed requests. */
class SlackMuteAndPoolTest {

    @TempDir
    Path tmp;
    private Hostwise hostwise;
    private SlackBot bot;

    @BeforeEach
    void start() throws Exception {
        hostwise = Hostwise.start(new Env(Map.of("HOSTWISE_DATA_DIR", tmp.toString())), Optional.empty(), Clock.systemUTC());
        bot = SlackBot.start(hostwise);
    }

    @AfterEach
    void stop() {
        bot.close();
        hostwise.close();
    }

    /** Asks in a channel as a user, and returns the verdict's ID from the message posted. */
    private String ask(String text, String channel, String user) throws Exception {
        int before = bot.slack.calls("chat.postMessage").size();
        bot.post(bot.commandBody(text, bot.nextTrigger()).replace("channel_id=" + SlackBot.CHANNEL, "channel_id=" + channel)
                .replace("user_id=" + SlackBot.USER, "user_id=" + user), Map.of());
        Call posted = bot.slack.await("chat.postMessage", before + 1).get(before);
        String notification = posted.params().get("text");
        return notification.substring(notification.lastIndexOf('(') + 1, notification.lastIndexOf(')'));
    }

    private HttpResponse<String> command(String text, String user, String trigger) throws Exception {
        return bot.post(bot.commandBody(text, trigger).replace("user_id=" + SlackBot.USER, "user_id=" + user), Map.of());
    }

    @Test
    void theAskerMutesAVerdictAndAnyoneElseIsToldWhoCan() throws Exception {
        String id = ask("100000/day task=classification quality=good_enough privacy=in_house", SlackBot.CHANNEL, SlackBot.USER);

        String other = bot.nextTrigger();
        assertThat(command("mute " + id, "U0OTHER", other).statusCode()).isEqualTo(200);
        assertThat(bot.slack.awaitReply("commands/" + other).body()).contains("Only the person who asked for " + id);
        assertThat(hostwise.store().watch().muted(id)).isFalse();

        String mine = bot.nextTrigger();
        command("mute " + id.toLowerCase(), SlackBot.USER, mine);
        assertThat(bot.slack.awaitReply("commands/" + mine).body()).contains("Muted " + id + ": I won't post here");
        assertThat(hostwise.store().watch().muted(id)).isTrue();

        HttpResponse<String> bad = command("mute", SlackBot.USER, bot.nextTrigger());
        assertThat(bad.body()).contains("ID, e.g. `/selfhost mute HW-2026-0042`.");
    }

    @Test
    void theMuteButtonUnderAVerdictMutesItForTheAsker() throws Exception {
        bot.command("100000/day task=classification quality=good_enough privacy=in_house");
        Call posted = bot.slack.await("chat.postMessage");
        JsonArray message = SlackApiStandIn.blocks(posted);
        String id = hostwise.store().recentVerdicts(1).get(0).id();
        assertThat(message.toString()).contains("\"action_id\":\"mute_updates\"", "Mute updates");

        bot.interaction(Payloads.buttonClick(message, "mute_updates", SlackBot.CHANNEL, "1764450000.000100",
                bot.slack.responseUrl("actions/mute"), bot.nextTrigger()));

        assertThat(bot.slack.awaitReply("actions/mute").body()).contains("Muted " + id);
        assertThat(hostwise.store().watch().muted(id)).isTrue();
    }

    @Test
    void poolIsForAdminsAndFindsTeamsThatClearTheBreakEvenTogether() throws Exception {
        for (String channel : new String[] {"C0PAYMENTS", "C0SEARCH", "C0SUPPORT", "C0RISK"}) {
            ask("60000/day task=classification quality=good_enough privacy=in_house measured", channel, "U0" + channel.substring(2));
        }
        HttpResponse<String> refused = command("pool", "U0OTHER", bot.nextTrigger());
        assertThat(refused.body()).contains("Only Hostwise admins can look for pools");

        String trigger = bot.nextTrigger();
        HttpResponse<String> ack = command("pool", SlackBot.USER, trigger);
        assertThat(ack.body()).contains("Looking for teams");
        String report = bot.slack.awaitReply("commands/" + trigger).body();
        assertThat(report).contains("1 pool among 4 candidates", "Pool recommended: Together, the 4 teams", "240,000 requests a day",
                SlackBot.PAGE_BASE_URL + "/v/");
        // the pool's verdict is stored like any other, citing its members
        assertThat(hostwise.store().recentVerdicts(1).get(0).verdict().pooledFrom()).hasSize(4);
    }
}
