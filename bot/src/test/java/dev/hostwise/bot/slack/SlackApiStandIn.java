package dev.hostwise.bot.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Slack's Web API and for response_urls, on loopback: records every call with its
 * body and answers {@code {"ok":true,...}}, or a scripted answer (429, 500, not_in_channel, ...).
 */
class SlackApiStandIn implements AutoCloseable {

    /** One recorded call: the Web API method (or "response_url"), its parameters and raw body. */
    record Call(String method, Map<String, String> params, String body, String authorization, String path) {

        JsonElement json(String param) {
            return JsonParser.parseString(params.get(param));
        }

        /** The body of a JSON request (response_url posts). */
        JsonObject jsonBody() {
            return JsonParser.parseString(body).getAsJsonObject();
        }
    }

    /** A scripted answer, sent after {@code delay} (a slow Slack). */
    record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        Reply(int status, Map<String, String> headers, String body) {
            this(status, headers, body, Duration.ZERO);
        }

        /** This answer, sent only after {@code d}. */
        Reply after(Duration d) {
            return new Reply(status, headers, body, d);
        }

        static Reply ok(String json) {
            return new Reply(200, Map.of(), json);
        }

        static Reply error(String error) {
            return new Reply(200, Map.of(), "{\"ok\":false,\"error\":\"" + error + "\"}");
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), "{\"ok\":false,\"error\":\"status_" + status + "\"}");
        }

        static Reply rateLimited(int retryAfterSeconds) {
            return new Reply(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), "{\"ok\":false,\"error\":\"ratelimited\"}");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Reply>> scripted = new HashMap<>();
    private final Map<String, Reply> standing = new HashMap<>();
    private volatile String socketModeUrl = "ws://127.0.0.1:1/";

    SlackApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/hooks/", this::hook);
        server.createContext("/upload/", this::upload);
        server.setExecutor(executor);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + name;
    }

    void socketModeUrl(String url) {
        this.socketModeUrl = url;
    }

    /** The next calls of {@code method} get these answers, in order; then the defaults again. */
    synchronized void script(String method, Reply... replies) {
        scripted.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    /** Every call of {@code method} gets this answer from now on. */
    synchronized void always(String method, Reply reply) {
        standing.put(method, reply);
    }

    /** Slack answers normally again: every scripted and standing answer is forgotten. */
    synchronized void recover() {
        scripted.clear();
        standing.clear();
    }

    synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waits for at least {@code n} calls of {@code method} (the work is asynchronous) and returns them. */
    synchronized List<Call> await(String method, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (calls(method).size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " call(s) of " + method + ", got " + calls(method).size()
                        + "; all calls: " + calls.stream().map(Call::method).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return calls(method);
    }

    Call await(String method) throws InterruptedException {
        return await(method, 1).get(0);
    }

    /** Waits for the post to one response_url, {@code name} as given to {@link #responseUrl}. */
    synchronized Call awaitReply(String name) throws InterruptedException {
        String path = "/hooks/" + name;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (Call c : calls) {
                if (c.method().equals("response_url") && c.path().equals(path)) {
                    return c;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected a post to the response_url " + path + "; all calls: "
                        + calls.stream().map(c -> c.method() + " " + c.path()).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Call call = new Call(method, body.startsWith("{") ? jsonArgs(body) : form(body), body,
                ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestURI().getPath());
        Reply reply;
        synchronized (this) {
            calls.add(call);
            Deque<Reply> queue = scripted.get(method);
            reply = queue != null && !queue.isEmpty() ? queue.poll() : standing.getOrDefault(method, defaultReply(call));
            notifyAll();
        }
        send(ex, reply);
    }

    private void hook(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        synchronized (this) {
            calls.add(new Call("response_url", Map.of(), body, null, ex.getRequestURI().getPath()));
            Deque<Reply> queue = scripted.get("response_url");
            reply = queue != null && !queue.isEmpty() ? queue.poll()
                    : standing.getOrDefault("response_url", new Reply(200, Map.of(), "ok"));
            notifyAll();
        }
        send(ex, reply);
    }

    /** The upload URLs files.getUploadURLExternal hands out: the file bytes arrive here. */
    private void upload(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readAllBytes();
        synchronized (this) {
            calls.add(new Call("upload", Map.of("bytes", String.valueOf(bytes.length)), "", null, ex.getRequestURI().getPath()));
            notifyAll();
        }
        send(ex, new Reply(200, Map.of(), "OK - " + bytes.length));
    }

    private Reply defaultReply(Call call) {
        return switch (call.method()) {
            case "auth.test" -> Reply.ok("{\"ok\":true,\"url\":\"https://hostwise-test.slack.com/\",\"team\":\"Hostwise Test\","
                    + "\"user\":\"hostwise\",\"team_id\":\"T0TEST\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}");
            case "chat.postMessage" -> Reply.ok("{\"ok\":true,\"channel\":\"" + call.params().getOrDefault("channel", "")
                    + "\",\"ts\":\"1764450000.000100\"}");
            case "views.open", "views.update", "views.publish" -> Reply.ok("{\"ok\":true,\"view\":{\"id\":\"V0VIEW\",\"hash\":\"h0\"}}");
            case "conversations.open" -> Reply.ok("{\"ok\":true,\"channel\":{\"id\":\"D0DM\"}}");
            case "files.getUploadURLExternal" -> {
                String id = "F0" + Math.abs(call.params().getOrDefault("filename", "x").hashCode());
                yield Reply.ok("{\"ok\":true,\"upload_url\":\"http://127.0.0.1:" + server.getAddress().getPort()
                        + "/upload/" + id + "\",\"file_id\":\"" + id + "\"}");
            }
            case "files.completeUploadExternal" -> Reply.ok("{\"ok\":true,\"files\":[{\"id\":\"F0\",\"title\":\"chart\"}]}");
            case "apps.connections.open" -> Reply.ok("{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}");
            default -> Reply.ok("{\"ok\":true}");
        };
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the stand-in is closing
                ex.close();
                return;
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", reply.body().startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty() || body.startsWith("{")) {
            return out;
        }
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    /** A JSON request's top-level arguments; objects and arrays as their JSON text. */
    static Map<String, String> jsonArgs(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonParser.parseString(body).getAsJsonObject().entrySet().forEach(e -> out.put(e.getKey(),
                e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString()));
        return out;
    }

    /** The blocks of a chat.postMessage call or of a response_url post. */
    static JsonArray blocks(Call call) {
        return call.method().equals("response_url") ? call.jsonBody().getAsJsonArray("blocks") : call.json("blocks").getAsJsonArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
