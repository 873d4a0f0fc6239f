package dev.hostwise.bot.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.conversation.FormValues;
import dev.hostwise.bot.mattermost.callback.CallbackSeal;
import dev.hostwise.bot.mattermost.render.HelpPost;
import dev.hostwise.bot.mattermost.render.MathPost;
import dev.hostwise.bot.mattermost.render.PostBody;
import dev.hostwise.bot.mattermost.render.ScenarioDialog;
import dev.hostwise.bot.mattermost.render.VerdictPost;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.rules.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The verdict post, "Show the math", help and the dialog as Mattermost receives them, compared with golden
 * files under {@code bot/src/test/resources/golden/mattermost/}. The rules revision and catalog date are
 * replaced by placeholders, so a rule's new wording shows up here but a new revision hash alone does not.
 * After an intended change, rewrite them with
 * {@code ./mvnw -B -q -pl bot -am test -Dtest=MattermostGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}
 * and review the diff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MattermostGoldenTest {

    private static final Path DIR = Path.of("src", "test", "resources", "golden", "mattermost");
    // a day no catalog file is dated, so the catalog-date placeholder never swallows the verdict's own date
    private static final Instant AT = Instant.parse("2026-06-15T09:30:00Z");
    private static final Requester ANA = Requester.chat(Platform.MATTERMOST, MattermostBot.TEAM, MattermostBot.CHANNEL, MattermostBot.USER);
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Hostwise hostwise;
    private Map<String, String> placeholders;

    @BeforeAll
    void compileThePolicyOnce() {
        hostwise = Hostwise.start(dev.hostwise.bot.store.StoreFixture.freshH2(), Optional.empty(), Clock.systemUTC());
        placeholders = Map.of(hostwise.decider().activePolicy().revision(), "RULES-REVISION",
                hostwise.catalog().date().toString(), "CATALOG-DATE");
    }

    @AfterAll
    void stop() {
        hostwise.close();
    }

    private Verdict readmeVerdict() {
        Scenario s = hostwise.reader().fromText(Map.of("requestsPerDay", "100000", "taskType", "CLASSIFICATION",
                "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE"));
        return hostwise.decider().decide(s, "HW-2026-0042", AT);
    }

    private VerdictPost verdictPost() {
        return new VerdictPost(MattermostBot.PAGE_BASE_URL, MattermostBot.PAGE_BASE_URL + "/mattermost/action",
                new CallbackSeal(MattermostBot.BOT_TOKEN), id -> id.equals(MattermostBot.USER) ? Optional.of("ana") : Optional.empty());
    }

    @Test
    void theVerdictPost() throws Exception {
        PostBody body = verdictPost().render(new RecordedVerdict(readmeVerdict(), Optional.of("tok3n"), Optional.empty()), ANA,
                Optional.empty());
        assertMatches("verdict-post.md", body.message());
        assertMatches("verdict-post-buttons.json", PRETTY.writeValueAsString(body.attachments()));
    }

    @Test
    void theVerdictPostThroughTheReplyLinkUnsavedAndAskedBySomeoneUnknown() throws Exception {
        PostBody body = verdictPost().render(RecordedVerdict.unsaved(readmeVerdict(), "the verdict store is unavailable"),
                Requester.chat(Platform.MATTERMOST, MattermostBot.TEAM, MattermostBot.CHANNEL, "user00000000000000000000xx"),
                Optional.of("I couldn't post in this channel myself (Mattermost said HTTP 403), so this came through the command's reply link."));
        assertMatches("verdict-post-fallback.md", body.message());
    }

    @Test
    void theMath() throws Exception {
        assertMatches("math-post.md", new MathPost().render(readmeVerdict(), Optional.empty()).message());
    }

    @Test
    void help() throws Exception {
        var policy = hostwise.decider().activePolicy();
        assertMatches("help.md", new HelpPost().render(policy.revision(), policy.conditions()).message());
    }

    @Test
    void theDialogWithTheCatalogDefaults() throws Exception {
        Map<String, Object> open = new ScenarioDialog(hostwise.catalog()).open("TRIGGER", "https://hostwise.example.com/mattermost/dialog",
                FormValues.defaults(), true, "STATE");
        assertMatches("dialog-defaults.json", PRETTY.writeValueAsString(open));
    }

    private void assertMatches(String name, String text) throws IOException {
        String actual = text;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            actual = actual.replace(p.getKey(), p.getValue());
        }
        actual = actual.endsWith("\n") ? actual : actual + "\n";
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
        assertThat(actual).as("%s differs from its golden file; if the change is intended, rerun with -Dgolden.update=true", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
