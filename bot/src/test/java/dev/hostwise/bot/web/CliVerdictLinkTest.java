package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.cli.HostwiseCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A verdict decided on the command line opens by its link on a server started afterwards on the same data. */
class CliVerdictLinkTest {

    @TempDir
    Path dataDir;

    @Test
    void theLinkTheCliPrintsOpensThePageAndTheAdr() throws Exception {
        Env env = new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString(), "HOSTWISE_BASE_URL", "https://hostwise.example.com"));
        StringWriter out = new StringWriter();
        CommandLine cli = HostwiseCli.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("decide", "--requests-per-day", "2000000", "--task", "EXTRACTION", "--quality", "GOOD_ENOUGH",
                "--privacy", "MUST_STAY_IN_HOUSE", "--throughput-measured");
        assertThat(code).isZero();
        String link = out.toString().lines().filter(l -> l.startsWith("Link: ")).findFirst().orElseThrow().substring(6);
        String id = out.toString().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
        assertThat(link).startsWith("https://hostwise.example.com/v/");

        try (WebFixture web = new WebFixture(env, true)) {
            String path = WebFixture.pathOf(link);
            HttpResponse<String> page = web.get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(id, ">Self-host</h1>", "the command line");
            assertThat(web.get(path + ".md").body()).contains("Chosen option: \"Self-host an open model\"", "* Verdict: **" + id + "**, " + link);
        }
    }
}
