package dev.hostwise.bot.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a Mattermost server's REST API (v4) on loopback, written from Mattermost's own API
 * reference (mattermost/mattermost api/v4/source/*.yaml) and server source (server/public/model,
 * server/channels/app). It records every call and answers as Mattermost does, checking what Mattermost
 * checks:
 * <ul>
 * <li>{@code GET /api/v4/users/me}: the bot's account for the right Bearer token, 401 otherwise;</li>
 * <li>{@code POST /api/v4/actions/dialogs/open}: a trigger it issued, used within 30 s
 *     ({@code OutgoingIntegrationRequestsTimeout}), a {@code url}, and a dialog within the limits of
 *     {@code Dialog.IsValid} / {@code DialogElement.IsValid} (integration_action.go). The real server only logs an
 *     invalid dialog; this one refuses it with 400, so a test fails on any limit crossed;</li>
 * <li>{@code POST /api/v4/posts}: 201 with the post's new ID; 403 in a channel the bot is not a member of; 400
 *     for a message over 16,383 code points ({@code PostMessageMaxRunesV2}), more than 5 files, or an unknown
 *     {@code root_id};</li>
 * <li>{@code POST /api/v4/files}: multipart with {@code channel_id} and {@code files}, 201 with {@code file_infos};</li>
 * <li>{@code POST /api/v4/channels/direct}: two user IDs, 201 with the channel;</li>
 * <li>{@code GET /api/v4/channels/{id}/posts?since=}: the posts created in that channel since that Unix millisecond, as a
 *     PostList ({@code order}, {@code posts} by ID); 403 in a channel the bot is not a member of;</li>
 * <li>{@code POST /hooks/commands/{id}}: a command's reply link, good for 5 posts ({@code TryUse(hook.Id, 5)}).</li>
 * </ul>
 * Any endpoint can be scripted to answer otherwise (429 with its headers, 5xx, ...).
 */
final class MattermostApiStandIn implements AutoCloseable {

    static final String BOT_USER_ID = "bot0hostwise0000000000000a";
    static final String BOT_USER_NAME = "hostwise";
    static final int POST_MAX_RUNES = 16_383;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One recorded call. */
    record Call(String endpoint, String path, String authorization, byte[] raw, JsonNode json, Map<String, List<Part>> parts,
                java.util.concurrent.atomic.AtomicReference<Reply> answered) {

        Call(String endpoint, String path, String authorization, byte[] raw, JsonNode json, Map<String, List<Part>> parts) {
            this(endpoint, path, authorization, raw, json, parts, new java.util.concurrent.atomic.AtomicReference<>());
        }

        String body() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        /** What the stand-in answered (null until it has). */
        Reply answer() {
            return answered.get();
        }

        /** The answer's JSON, e.g. the post Mattermost created with its new {@code id}. */
        JsonNode answerJson() {
            try {
                return JSON.readTree(answered.get().body());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** One part of a multipart body. */
    record Part(String name, String filename, String contentType, byte[] bytes) {
    }

    /** A scripted answer. */
    record Reply(int status, Map<String, String> headers, String body) {

        static Reply status(int status) {
            return new Reply(status, Map.of(), appError("stand_in.scripted.app_error", "scripted " + status, status));
        }

        static Reply rateLimited(String header, int seconds) {
            return new Reply(429, Map.of(header, String.valueOf(seconds), "X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "0"),
                    "limit exceeded\n");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final String botToken;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Reply>> scripted = new HashMap<>();
    private final Map<String, Long> triggers = new ConcurrentHashMap<>();
    private final Set<String> notMember = ConcurrentHashMap.newKeySet();
    private final Set<String> posts = ConcurrentHashMap.newKeySet();
    /** Every post created, by channel, in order, as Mattermost would give it back. */
    private final Map<String, List<ObjectNode>> channelPosts = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Map<String, Integer> hookUses = new ConcurrentHashMap<>();
    private int ids;

    MattermostApiStandIn(String botToken) throws IOException {
        this.botToken = botToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v4/", this::api);
        server.createContext("/hooks/commands/", this::hook);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A reply link, as Mattermost hands one out with each command: SiteURL + /hooks/commands/ + a new ID. */
    String newResponseUrl() {
        return url() + "/hooks/commands/" + newId();
    }

    /** A trigger ID, as Mattermost issues one with a command or a click; it opens a dialog for 30 s. */
    String newTrigger() {
        String t = newId() + ":" + newId();
        triggers.put(t, System.nanoTime());
        return t;
    }

    /** The bot is not a member of this channel: posts there are refused with 403. */
    void notAMemberOf(String channel) {
        notMember.add(channel);
    }

    /** The next calls to {@code endpoint} get these answers, in order; then the usual ones again. */
    synchronized void script(String endpoint, Reply... replies) {
        scripted.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    synchronized List<Call> calls(String endpoint) {
        return calls.stream().filter(c -> c.endpoint().equals(endpoint)).toList();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waits for at least {@code n} calls to {@code endpoint} (the work is asynchronous) and returns them. */
    synchronized List<Call> await(String endpoint, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (calls(endpoint).size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " call(s) to " + endpoint + ", got " + calls(endpoint).size()
                        + "; all calls: " + calls.stream().map(Call::endpoint).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return calls(endpoint);
    }

    Call await(String endpoint) throws InterruptedException {
        return await(endpoint, 1).get(0);
    }

    /** Waits for a post to this reply link. */
    synchronized Call awaitReply(String responseUrl) throws InterruptedException {
        String path = responseUrl.substring(url().length());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (Call c : calls) {
                if (c.endpoint().equals("response_url") && c.path().equals(path)) {
                    return c;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected a post to " + path + "; all calls: " + calls.stream().map(c -> c.endpoint() + " "
                        + c.path()).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    // ---- the API ----

    private void api(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String endpoint = ex.getRequestMethod() + " " + path;
        String query = ex.getRequestURI().getRawQuery();
        byte[] raw = ex.getRequestBody().readAllBytes();
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        JsonNode json = contentType != null && contentType.startsWith("application/json") ? JSON.readTree(raw) : null;
        Map<String, List<Part>> parts = contentType != null && contentType.startsWith("multipart/form-data")
                ? multipart(raw, contentType) : Map.of();
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        Call call = new Call(endpoint, query == null ? path : path + "?" + query, authorization, raw, json, parts);
        Reply reply;
        synchronized (this) {
            Deque<Reply> queue = scripted.get(endpoint);
            reply = queue != null && !queue.isEmpty() ? queue.poll() : null;
            if (reply == null) {
                reply = ("Bearer " + botToken).equals(authorization) ? answer(call)
                        : new Reply(401, Map.of(), appError("api.context.session_expired.app_error",
                                "Invalid or expired session, please login again.", 401));
            }
            // recorded with its answer, so a test that sees the call sees what was answered
            call.answered().set(reply);
            calls.add(call);
            notifyAll();
        }
        send(ex, reply);
    }

    private Reply answer(Call c) {
        return switch (c.endpoint()) {
            case "GET /api/v4/users/me" -> ok(200, Map.of("id", BOT_USER_ID, "username", BOT_USER_NAME, "is_bot", true));
            case "POST /api/v4/actions/dialogs/open" -> openDialog(c.json());
            case "POST /api/v4/posts" -> createPost(c.json());
            case "POST /api/v4/files" -> upload(c.parts());
            case "POST /api/v4/channels/direct" -> {
                JsonNode ids = c.json();
                if (ids == null || !ids.isArray() || ids.size() != 2) {
                    yield bad("api.context.invalid_body_param.app_error", "two user IDs");
                }
                yield ok(201, Map.of("id", "dm0" + ids.get(1).asText(), "type", "D"));
            }
            default -> {
                Matcher read = CHANNEL_POSTS.matcher(c.endpoint());
                if (read.matches()) {
                    yield channelPosts(read.group(1), c.path());
                }
                yield new Reply(404, Map.of(), appError("api.context.404.app_error", "Sorry, we could not find the page.", 404));
            }
        };
    }

    private static final Pattern CHANNEL_POSTS = Pattern.compile("GET /api/v4/channels/([a-z0-9]+)/posts");
    private static final Pattern SINCE = Pattern.compile("[?&]since=(\\d+)");

    /** getPostsForChannel with {@code since}: every post of the channel created after that millisecond. */
    private Reply channelPosts(String channel, String pathAndQuery) {
        if (notMember.contains(channel)) {
            return new Reply(403, Map.of(), appError("api.context.permissions.app_error", "You do not have the appropriate permissions.", 403));
        }
        Matcher since = SINCE.matcher(pathAndQuery);
        if (!since.find()) {
            return bad("api.context.invalid_url_param.app_error", "since");
        }
        long after = Long.parseLong(since.group(1));
        ObjectNode list = JSON.createObjectNode();
        var order = list.putArray("order");
        ObjectNode byId = list.putObject("posts");
        for (ObjectNode p : channelPosts.getOrDefault(channel, List.of())) {
            if (p.path("create_at").asLong() > after) {
                order.insert(0, p.path("id").asText());
                byId.set(p.path("id").asText(), p);
            }
        }
        return new Reply(200, Map.of(), list.toString());
    }

    private Reply openDialog(JsonNode req) {
        String trigger = req.path("trigger_id").asText("");
        Long issued = triggers.get(trigger);
        if (issued == null) {
            return bad("interactive_message.decode_trigger_id.signature_decode_failed", "not a trigger this server issued");
        }
        if (System.nanoTime() - issued > Duration.ofSeconds(30).toNanos()) {
            return bad("interactive_message.decode_trigger_id.expired", "trigger ID expired");
        }
        if (req.path("url").asText("").isEmpty()) {
            return bad("api.dialog.open.url", "empty URL");
        }
        List<String> problems = DialogRules.problems(req.path("dialog"));
        return problems.isEmpty() ? ok(200, Map.of("status", "OK")) : bad("stand_in.dialog.invalid", String.join("; ", problems));
    }

    private Reply createPost(JsonNode post) {
        String channel = post.path("channel_id").asText("");
        String message = post.path("message").asText("");
        if (channel.isEmpty()) {
            return bad("api.context.invalid_body_param.app_error", "channel_id");
        }
        if (notMember.contains(channel)) {
            return new Reply(403, Map.of(), appError("api.context.permissions.app_error", "You do not have the appropriate permissions.", 403));
        }
        if (message.codePointCount(0, message.length()) > POST_MAX_RUNES) {
            return bad("model.post.is_valid.message_length.app_error", "Message too long");
        }
        if (post.path("file_ids").size() > 5) {
            return bad("model.post.is_valid.file_ids.app_error", "at most 5 files");
        }
        String root = post.path("root_id").asText("");
        if (!root.isEmpty() && !posts.contains(root)) {
            return bad("api.post.create_post.root_id.app_error", "Invalid RootId parameter.");
        }
        String id = newId();
        posts.add(id);
        ObjectNode created = ((ObjectNode) post.deepCopy()).put("id", id).put("user_id", BOT_USER_ID)
                .put("create_at", System.currentTimeMillis());
        channelPosts.computeIfAbsent(channel, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(created);
        return new Reply(201, Map.of(), created.toString());
    }

    private Reply upload(Map<String, List<Part>> parts) {
        if (!parts.containsKey("channel_id") || !parts.containsKey("files")) {
            return bad("api.file.upload_file.incorrect_number_of_files.app_error", "channel_id and files are needed");
        }
        List<Map<String, Object>> infos = new ArrayList<>();
        for (Part f : parts.get("files")) {
            infos.add(Map.of("id", newId(), "name", f.filename(), "mime_type", f.contentType(), "size", f.bytes().length));
        }
        return ok(201, Map.of("file_infos", infos, "client_ids", List.of()));
    }

    private void hook(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] raw = ex.getRequestBody().readAllBytes();
        Call call = new Call("response_url", path, ex.getRequestHeaders().getFirst("Authorization"), raw, JSON.readTree(raw), Map.of());
        Reply reply;
        synchronized (this) {
            Deque<Reply> queue = scripted.get("response_url");
            reply = queue != null && !queue.isEmpty() ? queue.poll() : null;
            if (reply == null) {
                int used = hookUses.merge(path, 1, Integer::sum);
                reply = used <= 5 ? new Reply(200, Map.of(), "") : bad("app.command_webhook.try_use.invalid", "Invalid webhook.");
            }
            call.answered().set(reply);
            calls.add(call);
            notifyAll();
        }
        send(ex, reply);
    }

    // ---- helpers ----

    private synchronized String newId() {
        // Mattermost IDs: 26 lower-case letters and digits
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%06d", ++ids));
        while (s.length() < 26) {
            s.append("abcdefghijkmnopqrstuwxyz13579".charAt(RANDOM.nextInt(29)));
        }
        return s.toString();
    }

    private static Reply ok(int status, Object body) {
        try {
            return new Reply(status, Map.of(), JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply bad(String id, String message) {
        return new Reply(400, Map.of(), appError(id, message, 400));
    }

    static String appError(String id, String message, int status) {
        return JSON.createObjectNode().put("id", id).put("message", message).put("status_code", status).toString();
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", reply.body().startsWith("{") ? "application/json" : "text/plain");
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern DISPOSITION = Pattern.compile("name=\"([^\"]*)\"(?:; filename=\"([^\"]*)\")?");

    /** A multipart/form-data body, part by part (enough of RFC 7578 for what Hostwise sends). */
    static Map<String, List<Part>> multipart(byte[] raw, String contentType) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            return Map.of();
        }
        byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, List<Part>> out = new HashMap<>();
        int at = indexOf(raw, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 2 <= raw.length && raw[start] == '-' && raw[start + 1] == '-') {
                break;
            }
            start += 2; // CRLF
            int headersEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(raw, delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(raw, start, headersEnd - start, StandardCharsets.UTF_8);
            byte[] body = java.util.Arrays.copyOfRange(raw, headersEnd + 4, next - 2);
            Matcher d = DISPOSITION.matcher(headers);
            String type = null;
            for (String h : headers.split("\r\n")) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    type = h.substring("content-type:".length()).trim();
                }
            }
            if (d.find()) {
                out.computeIfAbsent(d.group(1), k -> new ArrayList<>()).add(new Part(d.group(1), d.group(2), type, body));
            }
            at = next;
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return; // two replicas' bots may share one stand-in
        }
        server.stop(0);
        executor.shutdownNow();
    }

    /** {@code Dialog.IsValid} and {@code DialogElement.IsValid}, as mattermost/mattermost server/public/model/integration_action.go has them. */
    static final class DialogRules {

        private DialogRules() {
        }

        static List<String> problems(JsonNode d) {
            List<String> p = new ArrayList<>();
            String title = d.path("title").asText("");
            if (title.isEmpty() || bytes(title) > 24) {
                p.add("invalid dialog title " + title);
            }
            Set<String> names = new HashSet<>();
            for (JsonNode e : d.path("elements")) {
                String name = e.path("name").asText("");
                if (!names.add(name)) {
                    p.add("duplicate dialog element " + name);
                }
                String where = "\"" + name + "\" field is not valid: ";
                max(p, where, "DisplayName", e.path("display_name").asText(""), 24, true);
                max(p, where, "Name", name, 300, true);
                max(p, where, "HelpText", e.path("help_text").asText(""), 150, false);
                String type = e.path("type").asText("");
                String dflt = e.path("default").asText("");
                String placeholder = e.path("placeholder").asText("");
                switch (type) {
                    case "text" -> {
                        max(p, where, "Default", dflt, 150, false);
                        max(p, where, "Placeholder", placeholder, 150, false);
                        if (!Set.of("", "text", "email", "number", "tel", "url", "password").contains(e.path("subtype").asText(""))) {
                            p.add(where + "invalid subtype");
                        }
                    }
                    case "textarea" -> {
                        max(p, where, "Default", dflt, 3000, false);
                        max(p, where, "Placeholder", placeholder, 3000, false);
                    }
                    case "select" -> {
                        max(p, where, "Default", dflt, 3000, false);
                        max(p, where, "Placeholder", placeholder, 3000, false);
                        boolean inOptions = dflt.isEmpty();
                        for (JsonNode o : e.path("options")) {
                            inOptions |= dflt.equals(o.path("value").asText());
                        }
                        if (!inOptions) {
                            p.add(where + "default value " + dflt + " doesn't exist in options");
                        }
                    }
                    case "bool" -> {
                        if (!Set.of("", "true", "false").contains(dflt)) {
                            p.add(where + "invalid default of bool");
                        }
                        max(p, where, "Placeholder", placeholder, 150, false);
                    }
                    default -> p.add(where + "invalid element type: " + type);
                }
            }
            return p;
        }

        private static void max(List<String> p, String where, String field, String value, int max, boolean required) {
            if (required && value.isEmpty()) {
                p.add(where + field + " cannot be empty");
            }
            if (bytes(value) > max) {
                p.add(where + field + " cannot be longer than " + max + " characters, got " + bytes(value));
            }
        }

        /** Go's len(): bytes. */
        static int bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
