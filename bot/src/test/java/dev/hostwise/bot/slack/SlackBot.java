package dev.hostwise.bot.slack;

import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.conversation.RetryPolicy;
import dev.hostwise.bot.http.HostwiseServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Slack app running for real on loopback: the shared Undertow server with POST /slack/events, and
 * the Web API pointed at a {@link SlackApiStandIn}. Sends requests signed like Slack's.
 */
final class SlackBot implements AutoCloseable {

    static final String PAGE_BASE_URL = "https://hostwise.example.com";
    static final String ADMIN_CHANNEL = "C0ADMINS";

    static final String BOT_TOKEN = "xoxb-1111-2222-botTokenThatMustNeverBeLogged";
    static final String SIGNING_SECRET = "8f7e6d5c4b3a2910signingSecretNeverLogged";
    static final String CHANNEL = "C0CHANNEL";
    static final String USER = "U0ASKER";
    static final String TEAM = "T0TEST";

    /** Short waits, so retries and reconnects happen within a test. */
    static final SlackTuning TUNING = SlackTuning.standard()
            .withRetry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)))
            .withConnectRetry(Duration.ofMillis(100))
            // a verdict that reached nobody is tried again within a fraction of a second
            .withOutbox(dev.hostwise.bot.conversation.OutboxSettings.standard()
                    .withLease(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(100))
                    .withRetries(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(5)));

    final SlackApiStandIn slack;
    final SlackModule module;
    final HostwiseServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
    private int triggers;

    private SlackBot(SlackApiStandIn slack, SlackModule module, HostwiseServer server) {
        this.slack = slack;
        this.module = module;
        this.server = server;
    }

    static SlackBot start(Hostwise hostwise) throws Exception {
        return start(hostwise, new SlackApiStandIn(), true);
    }

    /** Starts the bot; with {@code awaitReady} false it may still be trying to reach Slack when this returns. */
    static SlackBot start(Hostwise hostwise, SlackApiStandIn slack, boolean awaitReady) throws Exception {
        return start(hostwise, slack, awaitReady, TUNING);
    }

    /** Starts the bot with other limits (a tiny work queue, say). */
    static SlackBot start(Hostwise hostwise, SlackApiStandIn slack, boolean awaitReady, SlackTuning tuning) throws Exception {
        SlackSettings settings = new SlackSettings(SlackSettings.Mode.HTTP, BOT_TOKEN, SIGNING_SECRET, null, slack.apiUrl());
        SlackModule module = new SlackModule(settings, hostwise, tuning, PAGE_BASE_URL,
                new SlackAdmins(java.util.Set.of(USER), java.util.Optional.of(ADMIN_CHANNEL)));
        HostwiseServer server = new HostwiseServer("127.0.0.1", 0, module.routes()).start();
        module.start();
        SlackBot bot = new SlackBot(slack, module, server);
        if (awaitReady) {
            bot.awaitReady();
        }
        return bot;
    }

    void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!module.ready()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Slack app never became ready");
            }
            Thread.sleep(20);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    String nextTrigger() {
        return "1337." + (++triggers) + ".trigger" + System.nanoTime();
    }

    /** The form body of a slash command, as Slack sends it. */
    String commandBody(String text, String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacyVerificationToken");
        form.put("team_id", TEAM);
        form.put("team_domain", "hostwise-test");
        form.put("channel_id", CHANNEL);
        form.put("channel_name", "capacity-planning");
        form.put("user_id", USER);
        form.put("user_name", "ana");
        form.put("command", "/selfhost");
        form.put("text", text);
        form.put("api_app_id", "A0APP");
        form.put("is_enterprise_install", "false");
        form.put("response_url", slack.responseUrl("commands/" + triggerId));
        form.put("trigger_id", triggerId);
        return encode(form);
    }

    HttpResponse<String> command(String text) throws Exception {
        return command(text, nextTrigger());
    }

    HttpResponse<String> command(String text, String triggerId) throws Exception {
        return post(commandBody(text, triggerId), Map.of());
    }

    /** An interactivity payload (view_submission, block_actions), form-encoded as {@code payload=...}. */
    HttpResponse<String> interaction(String payloadJson) throws Exception {
        return post("payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8), Map.of());
    }

    /** An Events API delivery (JSON body). */
    HttpResponse<String> event(String json, Map<String, String> headers) throws Exception {
        return post(json, headers);
    }

    /** Posts a body signed now with the right secret, plus any extra headers. */
    HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        long ts = Instant.now().getEpochSecond();
        return postSigned(body, String.valueOf(ts), signer.sign(ts, body), headers);
    }

    /** Posts with the given timestamp and signature headers (null leaves a header out). */
    HttpResponse<String> postSigned(String body, String timestamp, String signature, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/slack/events"))
                .header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            b.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            b.header("X-Slack-Signature", signature);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String sign(long ts, String body) {
        return signer.sign(ts, body);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every verdict is decided and posted, so a test can count calls. */
    void awaitQuiet() throws InterruptedException {
        if (!module.awaitQuiet(Duration.ofSeconds(20))) {
            throw new AssertionError("the Slack app's work did not finish");
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        server.close();
        module.close();
        slack.close();
    }
}
