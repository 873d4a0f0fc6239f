package dev.hostwise.bench;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hostwise.bench.load.SlackLoadDriver;
import dev.hostwise.bot.conversation.Conversation;
import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.bot.slack.http.SlashCommandForm;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU a {@code /selfhost} quick form costs on the acknowledgement path, in process and warm, in the
 * two parts that are not Undertow's: reading the Slack form body into Bolt's request, and reading the
 * one-line form into a scenario (or into the reply naming what is wrong). The bodies are the load
 * driver's ({@link SlackLoadDriver}): a good form and one with a bad value, answered in the ack itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QuickFormAckBenchmark {

    @Param({"bad-value", "good"})
    public String form;

    private String text;
    private String body;
    private ScenarioReader reader;
    private SlackRequestParser sdkParser;
    private RequestHeaders headers;

    @Setup
    public void setUp() {
        text = switch (form) {
            case "good" -> SlackLoadDriver.TEXT;
            case "bad-value" -> SlackLoadDriver.BAD_TEXT;
            default -> throw new IllegalArgumentException(form);
        };
        body = SlackLoadDriver.commandBody(text, "13345224609.738474920.8088930838d88f008e0");
        reader = new ScenarioReader(Catalog.bundled());
        sdkParser = new SlackRequestParser(AppConfig.builder().singleTeamBotToken("xoxb-bench").signingSecret("bench").build());
        headers = new RequestHeaders(Map.of("content-type", List.of("application/x-www-form-urlencoded"),
                "x-slack-request-timestamp", List.of("1764547200"), "x-slack-signature", List.of("v0=00")));
    }

    /** The one-line form read as every surface reads it; a bad one also escaped and capped for mrkdwn, as the Slack reply is. */
    @Benchmark
    public Object readQuickForm() {
        Conversation.QuickAnswer answer = Conversation.readQuickForm(text, reader);
        return answer instanceof Conversation.QuickAnswer.NotUnderstood no
                ? SlackText.fit(SlackText.escape(no.reply()), SlackText.SECTION_MAX) : answer;
    }

    /** Bolt's own parser: the form body into a slash-command request (three passes over the body). */
    @Benchmark
    public Request<?> sdkParse() {
        return sdkParser.parse(SlackRequestParser.HttpRequest.builder().requestUri("/slack/events").queryString(Map.of())
                .headers(headers).requestBody(body).remoteAddress("127.0.0.1").build());
    }

    /** The one pass the Slack route makes instead ({@code SlashCommandForm}), and the request built from it. */
    @Benchmark
    public Request<?> onePass() {
        return new SlashCommandRequest(body, SlashCommandForm.read(body).orElseThrow(), headers);
    }
}
