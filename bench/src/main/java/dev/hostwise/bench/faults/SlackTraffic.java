package dev.hostwise.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bench.load.WebApiStandIn;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What Slack sends, signed as Slack signs it (v0: HMAC-SHA256 of {@code v0:timestamp:body} with the signing
 * secret): quick-form slash commands, and the modal flow (an empty {@code /selfhost} opens the form through
 * views.open on the stand-in; the submission fills in the view the server itself built).
 */
final class SlackTraffic {

    static final String QUICK_FORM = "50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 measured";
    /** What a user types into the modal; every other field keeps the value the form opened with. */
    private static final Map<String, String> MODAL_ANSWERS = Map.of("requestsPerDay", "50000", "taskType", "CLASSIFICATION",
            "qualityNeed", "GOOD_ENOUGH", "privacyNeed", "MUST_STAY_IN_HOUSE");

    private final WebApiStandIn slack;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    SlackTraffic(WebApiStandIn slack) {
        this.slack = slack;
    }

    /** A slash command's form body, with its own trigger, channel, user and response_url. */
    String commandBody(Command c, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", "T0FAULT");
        form.put("team_domain", "faults");
        form.put("channel_id", c.channel);
        form.put("channel_name", "faults");
        form.put("user_id", c.user);
        form.put("user_name", "tester");
        form.put("command", "/selfhost");
        form.put("text", text);
        form.put("api_app_id", "A0FAULT");
        form.put("response_url", slack.responseUrl(c.channel));
        form.put("trigger_id", c.trigger);
        return encode(form);
    }

    /**
     * Opens the form for a modal command (an empty {@code /selfhost}) and returns the submission body, or
     * empty when the form did not open (the command's ack then says why).
     */
    Optional<String> openAndFill(Command c, Replica to) {
        Delivery opened = send(to, commandBody(c, ""), 0);
        c.openStatus = opened.status();
        Optional<JsonNode> view = slack.openedView(c.trigger);
        if (opened.status() != 200 || view.isEmpty()) {
            c.openBody = opened.body();
            return Optional.empty();
        }
        return Optional.of(viewSubmission(c, (ObjectNode) view.get()));
    }

    private String viewSubmission(Command c, ObjectNode view) {
        ObjectNode values = json.createObjectNode();
        for (JsonNode block : view.path("blocks")) {
            if (!block.path("type").asText().equals("input")) {
                continue;
            }
            String blockId = block.path("block_id").asText();
            String field = blockId.contains(".") ? blockId.substring(0, blockId.indexOf('.')) : blockId;
            JsonNode element = block.path("element");
            String type = element.path("type").asText();
            String answer = MODAL_ANSWERS.get(field);
            ObjectNode value = json.createObjectNode().put("type", type);
            switch (type) {
                case "plain_text_input", "number_input" -> {
                    String text = answer != null ? answer : element.path("initial_value").isMissingNode() ? null
                            : element.path("initial_value").asText();
                    value.put("value", text);
                }
                case "static_select", "radio_buttons" -> {
                    JsonNode chosen = element.path("initial_option");
                    if (answer != null) {
                        for (JsonNode o : element.path("options")) {
                            if (o.path("value").asText().equalsIgnoreCase(answer)) {
                                chosen = o;
                            }
                        }
                    }
                    value.set("selected_option", chosen.isMissingNode() ? null : chosen);
                }
                case "checkboxes" -> {
                    ArrayNode ticked = json.createArrayNode();
                    element.path("initial_options").forEach(ticked::add);
                    value.set("selected_options", ticked);
                }
                default -> {
                    continue;
                }
            }
            values.set(blockId, json.createObjectNode().set(element.path("action_id").asText(), value));
        }
        view.set("state", json.createObjectNode().set("values", values));
        view.put("hash", "1764450000.fault");
        view.put("team_id", "T0FAULT");
        ObjectNode p = json.createObjectNode();
        p.put("type", "view_submission");
        p.set("team", json.createObjectNode().put("id", "T0FAULT").put("domain", "faults"));
        p.set("user", json.createObjectNode().put("id", c.user).put("username", "tester").put("name", "tester").put("team_id", "T0FAULT"));
        p.put("api_app_id", "A0FAULT");
        p.put("token", "legacy-verification-token");
        p.put("trigger_id", c.trigger + ".submit");
        p.set("view", view);
        p.set("response_urls", json.createArrayNode());
        c.viewId = view.path("id").asText();
        return "payload=" + URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
    }

    /** One HTTP answer: the status (-1 when none came) and the body. */
    record Delivery(int status, String body, long atNanos) {
    }

    /**
     * Sends a body to {@code /slack/events}, signed now. {@code retry} above 0 adds Slack's retry headers,
     * as Slack sends them when it redelivers.
     */
    Delivery send(Replica to, String body, int retry) {
        long ts = Instant.now().getEpochSecond();
        HttpRequest.Builder b = HttpRequest.newBuilder(to.uri("/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                .header("X-Slack-Signature", sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (retry > 0) {
            b.header("X-Slack-Retry-Num", String.valueOf(retry)).header("X-Slack-Retry-Reason", "http_timeout");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Delivery(r.statusCode(), r.body(), System.nanoTime());
        } catch (IOException e) {
            return new Delivery(-1, e.getClass().getSimpleName(), System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(-1, "interrupted", System.nanoTime());
        }
    }

    private static String sign(long ts, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Replica.SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
