package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Golden JSON files under {@code bot/src/test/resources/golden/}: the blocks and views exactly as the
 * Slack SDK serialises them. After an intended change, rewrite them with
 * {@code ./mvnw -B -q verify -pl knowledge,rules,bot -Dtest=SlackBlocksGoldenTest -Dgolden.update=true}
 * and review the diff.
 */
final class Golden {

    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final Gson SLACK = GsonFactory.createSnakeCase();
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Golden() {
    }

    /** The JSON Slack would receive, pretty-printed, with volatile parts replaced by the given placeholders. */
    static String json(Object slackModel, Map<String, String> placeholders) {
        String json = PRETTY.toJson(JsonParser.parseString(SLACK.toJson(slackModel)));
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            json = json.replace(p.getKey(), p.getValue());
        }
        return json + "\n";
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name + ".json");
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
