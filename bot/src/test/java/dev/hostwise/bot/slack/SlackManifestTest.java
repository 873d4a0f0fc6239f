package dev.hostwise.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hostwise.bot.slack.blocks.SlackIds;
import dev.hostwise.bot.slack.http.SlackEventsRoutes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app manifests in deploy/slack/ ask for what the code uses, and no more. */
class SlackManifestTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode manifest(String name) throws Exception {
        return YAML.readTree(Path.of("..", "deploy", "slack", name).toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theHttpManifestSendsEverythingToSlackEvents() throws Exception {
        JsonNode m = manifest("manifest.yml");

        assertThat(m.at("/features/slash_commands/0/command").asText()).isEqualTo(SlackIds.COMMAND);
        assertThat(m.at("/features/slash_commands/0/url").asText()).endsWith(SlackEventsRoutes.PATH);
        assertThat(m.at("/settings/interactivity/request_url").asText()).endsWith(SlackEventsRoutes.PATH);
        assertThat(m.at("/settings/event_subscriptions/request_url").asText()).endsWith(SlackEventsRoutes.PATH);
        assertThat(texts(m.at("/settings/event_subscriptions/bot_events"))).containsExactly("app_home_opened");
        assertThat(texts(m.at("/oauth_config/scopes/bot"))).containsExactlyInAnyOrder("commands", "chat:write", "im:write", "files:write",
                "channels:history", "groups:history");
        assertThat(m.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
        assertThat(m.at("/settings/socket_mode_enabled").asBoolean()).isFalse();
        assertThat(m.at("/display_information/name").asText()).isEqualTo("Hostwise");
    }

    @Test
    void theSocketModeManifestNeedsNoUrl() throws Exception {
        JsonNode m = manifest("manifest-socket-mode.yml");

        assertThat(m.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
        assertThat(m.at("/features/slash_commands/0/command").asText()).isEqualTo(SlackIds.COMMAND);
        assertThat(m.at("/features/slash_commands/0/url").isMissingNode()).isTrue();
        assertThat(m.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        assertThat(texts(m.at("/settings/event_subscriptions/bot_events"))).containsExactly("app_home_opened");
        assertThat(texts(m.at("/oauth_config/scopes/bot"))).containsExactlyInAnyOrder("commands", "chat:write", "im:write", "files:write",
                "channels:history", "groups:history");
    }
}
