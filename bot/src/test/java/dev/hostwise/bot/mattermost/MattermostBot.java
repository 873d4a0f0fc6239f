package dev.hostwise.bot.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Mattermost surface running for real on loopback: the shared server with its three routes, the REST
 * API pointed at a {@link MattermostApiStandIn}. It also plays the Mattermost server's other half: it sends
 * what Mattermost sends when a user runs the slash command, submits the dialog it was asked to open, or
 * presses a button on a post it was asked to create, with the fields Mattermost's source says it sends.
 */
final class MattermostBot implements AutoCloseable {

    static final String BOT_TOKEN = "mm-bot-token-that-must-never-be-logged-4f1c";
    static final String COMMAND_TOKEN = "mm-command-token-team-one-never-logged-8a2d";
    static final String OTHER_TEAM_TOKEN = "mm-command-token-team-two-never-logged-3b7e";
    static final String PAGE_BASE_URL = "https://hostwise.example.com";
    static final String TEAM = "team0000000000000000000001";
    static final String CHANNEL = "chan0000000000000000000001";
    static final String USER = "user0000000000000000000ana";
    static final String USER_NAME = "ana";
    static final String ADMIN = "user00000000000000000admin";

    /** Short waits, so retries happen within a test. */
    static final MattermostTuning TUNING = MattermostTuning.standard()
            .withRetry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)))
            .withConnectRetry(Duration.ofMillis(100));

    private static final ObjectMapper JSON = new ObjectMapper();

    final MattermostApiStandIn mattermost;
    final MattermostModule module;
    final HostwiseServer server;
    final MattermostSettings settings;
    private final HttpClient http = HttpClient.newHttpClient();

    private MattermostBot(MattermostApiStandIn mattermost, MattermostModule module, HostwiseServer server, MattermostSettings settings) {
        this.mattermost = mattermost;
        this.module = module;
        this.server = server;
        this.settings = settings;
    }

    static MattermostBot start(Hostwise hostwise) throws Exception {
        return start(hostwise, new MattermostApiStandIn(BOT_TOKEN), BOT_TOKEN, TUNING, true);
    }

    /** Starts the surface with this bot token (a wrong one never becomes ready) and these limits. */
    static MattermostBot start(Hostwise hostwise, MattermostApiStandIn mattermost, String botToken, MattermostTuning tuning,
                               boolean awaitReady) throws Exception {
        // the callback URLs carry the server's port, so it is chosen before the module is built
        int port = freePort();
        MattermostSettings settings = new MattermostSettings(mattermost.url(), botToken, Set.of(COMMAND_TOKEN, OTHER_TEAM_TOKEN),
                "http://127.0.0.1:" + port, Set.of(ADMIN));
        MattermostModule module = new MattermostModule(settings, hostwise, tuning, PAGE_BASE_URL);
        HostwiseServer real = new HostwiseServer("127.0.0.1", port, module.routes()).start();
        module.start();
        MattermostBot bot = new MattermostBot(mattermost, module, real, settings);
        if (awaitReady) {
            bot.awaitReady();
        }
        return bot;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!module.ready()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Mattermost surface never became ready");
            }
            Thread.sleep(20);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A slash command as Mattermost posts it; {@code trigger} and {@code responseUrl} as Mattermost would make them. */
    record Command(String text, String trigger, String responseUrl) {
    }

    Command newCommand(String text) {
        return new Command(text, mattermost.newTrigger(), mattermost.newResponseUrl());
    }

    HttpResponse<String> command(String text) throws Exception {
        return command(newCommand(text));
    }

    HttpResponse<String> command(Command c) throws Exception {
        return command(c, COMMAND_TOKEN, USER);
    }

    /** The form Mattermost posts for a custom slash command (server/channels/app/command.go), with this token and user. */
    HttpResponse<String> command(Command c, String token, String user) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        if (token != null) {
            form.put("token", token);
        }
        form.put("team_id", TEAM);
        form.put("team_domain", "capacity");
        form.put("channel_id", CHANNEL);
        form.put("channel_name", "capacity-planning");
        form.put("user_id", user);
        form.put("user_name", user.equals(USER) ? USER_NAME : "admin");
        form.put("command", "/selfhost");
        form.put("text", c.text());
        form.put("trigger_id", c.trigger());
        form.put("response_url", c.responseUrl());
        return post("/mattermost/command", encode(form), "application/x-www-form-urlencoded", Map.of());
    }

    /** Mattermost's dialog submission for the dialog that {@code open} opened (SubmitDialogRequest), as {@code user}. */
    HttpResponse<String> submit(MattermostApiStandIn.Call open, Map<String, Object> submission, String user) throws Exception {
        return postTo(open.json().path("url").asText(), submission(open, submission, user));
    }

    /**
     * The same submission, sent to this replica's {@code /mattermost/dialog} whichever replica opened the dialog: what
     * happens when a double-click's second request is routed to another replica behind the load balancer.
     */
    HttpResponse<String> submitHere(MattermostApiStandIn.Call open, Map<String, Object> submission, String user) throws Exception {
        return postTo(uri("/mattermost/dialog").toString(), submission(open, submission, user));
    }

    private static String submission(MattermostApiStandIn.Call open, Map<String, Object> submission, String user) {
        JsonNode req = open.json();
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "dialog_submission");
        body.put("callback_id", req.path("dialog").path("callback_id").asText());
        body.put("state", req.path("dialog").path("state").asText());
        body.put("user_id", user);
        body.put("channel_id", CHANNEL);
        body.put("team_id", TEAM);
        body.set("submission", JSON.valueToTree(submission));
        body.put("cancelled", false);
        return body.toString();
    }

    /** What Mattermost sends when {@code button} on {@code post} is pressed (PostActionIntegrationRequest), with a fresh trigger. */
    HttpResponse<String> click(MattermostApiStandIn.Call post, String postId, String button, String trigger) throws Exception {
        JsonNode action = action(post, button);
        ObjectNode body = JSON.createObjectNode();
        body.put("user_id", USER);
        body.put("user_name", USER_NAME);
        body.put("channel_id", post.json().path("channel_id").asText(CHANNEL));
        body.put("channel_name", "capacity-planning");
        body.put("team_id", TEAM);
        body.put("team_domain", "capacity");
        body.put("post_id", postId);
        body.put("trigger_id", trigger);
        body.put("type", "button");
        body.put("data_source", "");
        body.set("context", action.path("integration").path("context"));
        return postTo(action.path("integration").path("url").asText(), body.toString());
    }

    static JsonNode action(MattermostApiStandIn.Call post, String button) {
        for (JsonNode a : post.json().path("props").path("attachments").path(0).path("actions")) {
            if (a.path("name").asText().equals(button)) {
                return a;
            }
        }
        throw new AssertionError("no button '" + button + "' on " + post.body());
    }

    HttpResponse<String> postTo(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String contentType, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every verdict is decided and posted, so a test can count calls. */
    void awaitQuiet() throws InterruptedException {
        if (!module.awaitQuiet(Duration.ofSeconds(20))) {
            throw new AssertionError("the Mattermost surface's work did not finish");
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Override
    public void close() {
        server.close();
        module.close();
        mattermost.close();
    }
}
