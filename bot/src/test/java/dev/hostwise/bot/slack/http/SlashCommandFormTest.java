package dev.hostwise.bot.slack.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import com.slack.api.app_backend.slash_commands.SlashCommandPayloadDetector;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Our one-pass reading of a slash command's form body gives exactly the payload Bolt's own three
 * passes give, and treats as "not a command" exactly the bodies Bolt's parser does not route as one.
 */
class SlashCommandFormTest {

    /** The body Slack's documentation shows for a slash command (api.slack.com/interactivity/slash-commands). */
    private static final String SLACK_EXAMPLE = "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example"
            + "&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test"
            + "&user_id=U2147483697&user_name=Steve&command=/weather&text=94070"
            + "&response_url=https://hooks.slack.com/commands/1234/5678&trigger_id=13345224609.738474920.8088930838d88f008e0"
            + "&api_app_id=A123456";

    @Test
    void slacksOwnExampleReadsAsBoltReadsIt() {
        SlashCommandPayload ours = SlashCommandForm.read(SLACK_EXAMPLE).orElseThrow();
        assertThat(ours).isEqualTo(bolt(SLACK_EXAMPLE).orElseThrow());
        assertThat(ours.getEnterpriseName()).isEqualTo("Globular Construct Inc");
        assertThat(ours.getCommand()).isEqualTo("/weather");
        assertThat(ours.getTriggerId()).isEqualTo("13345224609.738474920.8088930838d88f008e0");
    }

    @Test
    void theQuickFormsTextIsDecodedOnceWithItsSignsAndSpaces() {
        String text = "50000/day task=classification quality=good_enough privacy=in_house util=150% note=a&b <!channel> …";
        String body = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fselfhost&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&is_enterprise_install=TRUE&response_url=" + URLEncoder.encode("https://hooks.slack.com/commands/T1/2/x", StandardCharsets.UTF_8);
        SlashCommandPayload ours = SlashCommandForm.read(body).orElseThrow();
        assertThat(ours.getText()).isEqualTo(text);
        assertThat(ours.isEnterpriseInstall()).isTrue();
        assertThat(ours).isEqualTo(bolt(body).orElseThrow());
    }

    @Test
    void anEmptyTextIsNoTextAsInBolt() {
        String body = "command=%2Fselfhost&text=&user_id=U1";
        assertThat(SlashCommandForm.read(body).orElseThrow().getText()).isNull();
        assertThat(SlashCommandForm.read(body)).isEqualTo(bolt(body));
    }

    @Test
    void interactivityEventsAndBodiesWithoutACommandAreLeftToBolt() {
        assertThat(SlashCommandForm.read("payload=%7B%22type%22%3A%22block_actions%22%7D")).isEmpty();
        assertThat(SlashCommandForm.read("command=%2Fselfhost&payload=%7B%22type%22%3A%22block_actions%22%7D")).isEmpty();
        assertThat(SlashCommandForm.read("{\"type\":\"event_callback\",\"command\":\"/selfhost\"}")).isEmpty();
        assertThat(SlashCommandForm.read("  [1]")).isEmpty();
        assertThat(SlashCommandForm.read("ssl_check=1&token=x")).isEmpty();
        assertThat(SlashCommandForm.read("command=&text=x")).isEmpty();
        assertThat(SlashCommandForm.read("")).isEmpty();
        assertThat(SlashCommandForm.read(null)).isEmpty();
    }

    @Test
    void aBrokenEscapeIsRefusedAsBoltRefusesIt() {
        assertThatThrownBy(() -> SlashCommandForm.read("command=%2Fselfhost&text=100%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlashCommandPayloadParser().parse("command=%2Fselfhost&text=100%zz"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Generated bodies: known and unknown names, encoded values, stray '=' and '&', empty pairs. Whatever
     * this reads as a command, Bolt reads as the same command; whatever it refuses, Bolt refuses; what it
     * leaves ("not a command") goes to Bolt's own parser, so only a command read here must agree.
     */
    @Test
    void generatedBodiesReadAsBoltReadsThem() {
        int[] commands = {0};
        qt().withFixedSeed(20261201L).withExamples(5000).forAll(bodies()).checkAssert(body -> {
            Optional<SlashCommandPayload> ours;
            try {
                ours = SlashCommandForm.read(body);
            } catch (IllegalArgumentException e) {
                assertThatThrownBy(() -> bolt(body)).as(body).isInstanceOf(IllegalArgumentException.class);
                return;
            }
            if (ours.isPresent()) {
                commands[0]++;
                assertThat(bolt(body)).as(body).isEqualTo(ours);
            }
        });
        // the property says something only if many generated bodies are commands
        assertThat(commands[0]).isGreaterThan(1000);
    }

    /** What Bolt's {@code SlackRequestParser} does with a body: a command only when no payload is extracted and the detector says so. */
    private static Optional<SlashCommandPayload> bolt(String body) {
        if (new JsonPayloadExtractor().extractIfExists(body) != null || !new SlashCommandPayloadDetector().isCommand(body)) {
            return Optional.empty();
        }
        return Optional.of(new SlashCommandPayloadParser().parse(body));
    }

    private static final List<String> NAMES = List.of("token", "team_id", "team_domain", "enterprise_id", "enterprise_name",
            "api_app_id", "channel_id", "channel_name", "user_id", "user_name", "command", "text", "response_url", "trigger_id",
            "is_enterprise_install", "payload", "ssl_check", "unknown", "te%78t", "", " text");
    private static final List<String> VALUES = List.of("", "/selfhost", "50000/day task=rag", "a&b=c", "100%", "true", "True",
            " true ", "false", "…ſı", "<!channel>", "x+y", "1", "{\"type\":\"block_actions\"}");
    private static final List<String> RAW = List.of("", "=", "==", "&", "&&", "%zz", "%2", "+", "%20", "a=b=c", "%3D");

    private static Gen<String> bodies() {
        return in -> {
            StringBuilder b = new StringBuilder();
            int pairs = (int) in.next(Constraint.between(0, 8));
            for (int i = 0; i < pairs; i++) {
                if (i > 0) {
                    b.append('&');
                }
                String name = pick(in, NAMES);
                String value = pick(in, VALUES);
                switch ((int) in.next(Constraint.between(0, 5))) {
                    case 0 -> b.append(name).append('=').append(value);
                    case 1 -> b.append(name).append('=').append(pick(in, RAW));
                    case 2 -> b.append(name).append(pick(in, RAW)).append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                    default -> b.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
            // half the bodies carry a well-formed command somewhere, as Slack's do
            if (in.next(Constraint.between(0, 1)) == 0) {
                int at = b.length() == 0 ? 0 : (int) in.next(Constraint.between(0, b.length()));
                b.insert(at, "&command=%2Fselfhost&");
            }
            return b.toString();
        };
    }

    private static String pick(org.quicktheories.core.RandomnessSource in, List<String> from) {
        return from.get((int) in.next(Constraint.between(0, from.size() - 1)));
    }
}
