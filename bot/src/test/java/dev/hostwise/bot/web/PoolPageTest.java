package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /pool}: admins see the pools among stored verdicts, with links to each member and the pool's own verdict. */
class PoolPageTest {

    private static final String TOKEN = "pool-admin-token-8c1d";

    @TempDir
    Path tmp;
    private WebFixture web;

    @BeforeEach
    void start() {
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", tmp.toString(), "HOSTWISE_ADMIN_TOKEN", TOKEN)), false);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private void ask(String channel, String requestsPerDay) {
        web.hostwise().decideFor(web.hostwise().reader().fromText(Map.of("requestsPerDay", requestsPerDay, "throughputMeasured", "true",
                "taskType", "CLASSIFICATION", "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE")),
                Requester.chat(Platform.SLACK, "T0", channel, "U0" + channel));
    }

    @Test
    void onlyAdminsSeeThePoolsWithTheTeamsVerdictsAndWhatEachWouldSave() throws Exception {
        for (String c : new String[] {"C1", "C2", "C3", "C4"}) {
            ask(c, "60000");
        }
        HttpResponse<String> anonymous = web.get("/pool");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
        assertThat(web.get("/pool", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);

        // a browser signs in with the token as the password
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> page = web.get("/pool", "Authorization", basic);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("1 pool among 4 candidates", "Pool recommended.", "Together: 240,000 requests a day",
                "Saving per day", "Slack user U0C1 in channel C1");
        assertThat(page.body().split("<a href=\"/v/", -1)).hasSize(6);
        // the pool's verdict is stored and opens like any other
        String pooledLink = page.body().substring(page.body().indexOf("<h2><a href=\"") + 13);
        pooledLink = pooledLink.substring(0, pooledLink.indexOf('"'));
        assertThat(web.get(pooledLink + ".json").body()).contains("\"pooledFrom\"", "\"pool\" : {", "\"recommended\" : true");
        assertThat(web.get("/pool", "Authorization", "Bearer " + TOKEN).body()).contains(pooledLink);
    }

    @Test
    void withoutAnAdminTokenThePageIsClosed() throws Exception {
        try (WebFixture closed = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", tmp.resolve("other").toString())), false)) {
            assertThat(closed.get("/pool").statusCode()).isEqualTo(403);
        }
    }
}
