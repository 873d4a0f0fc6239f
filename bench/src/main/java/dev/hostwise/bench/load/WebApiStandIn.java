package dev.hostwise.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Slack's Web API (and for the response_urls Slack hands out): answers auth.test,
 * views.open, conversations.open and the chart uploads, keeps every message posted, and reads a channel's
 * messages back ({@code conversations.history}, each with the bot's {@code bot_id}), as Slack does for an app
 * with the {@code channels:history} scope. Built on Undertow
 * rather than the JDK's HttpServer (as the unit tests' stand-in is) because it shares the two cores with
 * the servers under test, and the harness should take as little of them as it can.
 *
 * <p>For the fault suite it can also misbehave the way Slack does in an outage: answer 429 with
 * {@code Retry-After}, or 500, to every call and every response_url post; or answer slowly.
 */
public final class WebApiStandIn implements AutoCloseable {

    /** How the stand-in answers. */
    public enum Mode { OK, RATE_LIMITED, FAILING }

    /**
     * A message that reached Slack.
     *
     * @param atNanos {@code System.nanoTime()} when it arrived
     * @param via     {@code chat.postMessage} or {@code response_url}
     * @param channel the channel posted to (a DM channel is {@code D} + the user ID without its {@code U});
     *                for a response_url, the key in its path
     * @param text    the message's fallback text (a verdict's carries its ID)
     */
    public record Message(long atNanos, String via, String channel, String text, String ts) {
    }

    private static final Pattern CHANNEL = Pattern.compile("\"channel\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern USERS = Pattern.compile("\"users\"\\s*:\\s*\"([^\"]*)\"");

    private final Undertow server;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ConcurrentLinkedQueue<Message> messages = new ConcurrentLinkedQueue<>();
    private final Map<String, JsonNode> openedViews = new ConcurrentHashMap<>();
    private final AtomicLong viewIds = new AtomicLong();
    private final AtomicLong lastTs = new AtomicLong();
    private final AtomicLong historyReads = new AtomicLong();
    private volatile Mode mode = Mode.OK;
    private volatile int retryAfterSeconds = 1;
    private volatile long postLatencyMillis;

    public WebApiStandIn() {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setHandler(this::handle).build();
        server.start();
    }

    public String apiUrl() {
        return base() + "/api/";
    }

    /** A response_url that lands here, under {@code key}. */
    public String responseUrl(String key) {
        return base() + "/respond/" + key;
    }

    private String base() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public long posts() {
        return posts.get();
    }

    /** Chart files whose upload was started (files.getUploadURLExternal). */
    public long uploads() {
        return uploads.get();
    }

    /** Calls answered with 429 or 500 by an outage. */
    public long refused() {
        return refused.get();
    }

    /** Every message that reached Slack so far, in arrival order. */
    public List<Message> messages() {
        return new ArrayList<>(messages);
    }

    /** The view a views.open call with this trigger_id opened. */
    public Optional<JsonNode> openedView(String triggerId) {
        return Optional.ofNullable(openedViews.get(triggerId));
    }

    /** Answer every call (auth.test too) and every response_url post this way from now on. */
    public void mode(Mode m, int retryAfter) {
        this.retryAfterSeconds = retryAfter;
        this.mode = m;
    }

    /** Answer chat.postMessage only after this long, as a busy Slack does. */
    public void postLatency(Duration d) {
        this.postLatencyMillis = d.toMillis();
    }

    private void handle(HttpServerExchange ex) {
        Mode now = mode;
        if (now != Mode.OK) {
            refused.incrementAndGet();
            if (now == Mode.RATE_LIMITED) {
                ex.setStatusCode(429);
                ex.getResponseHeaders().put(Headers.RETRY_AFTER, String.valueOf(retryAfterSeconds));
            } else {
                ex.setStatusCode(500);
            }
            ex.getResponseSender().send("");
            return;
        }
        if (ex.getRequestPath().startsWith("/upload/")) {
            // the chart file itself, which files.uploadV2 sends to the URL it was given
            ex.getResponseSender().send("OK");
            return;
        }
        ex.getRequestReceiver().receiveFullString((exchange, body) -> answer(exchange, body), StandardCharsets.UTF_8);
    }

    private void answer(HttpServerExchange ex, String body) {
        String path = ex.getRequestPath();
        if (path.startsWith("/respond/")) {
            messages.add(new Message(System.nanoTime(), "response_url", path.substring("/respond/".length()), field(TEXT, body), ts()));
            ex.getResponseSender().send("ok");
            return;
        }
        String method = path.substring("/api/".length());
        String answer = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"team\":\"Load\",\"user\":\"hostwise\",\"team_id\":\"T0LOAD\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
            case "chat.postMessage" -> {
                posts.incrementAndGet();
                String channel = field(CHANNEL, body);
                String ts = ts();
                messages.add(new Message(System.nanoTime(), method, channel, field(TEXT, body), ts));
                yield "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}";
            }
            case "conversations.history" -> history(body);
            case "views.open" -> viewOpened(body);
            case "conversations.open" -> {
                // form-encoded or JSON; the DM channel is the user's ID with D for U
                String users = field(USERS, body);
                if (users.isEmpty()) {
                    users = formField(body, "users");
                }
                yield "{\"ok\":true,\"channel\":{\"id\":\"D" + (users.startsWith("U") ? users.substring(1) : users) + "\"}}";
            }
            case "files.getUploadURLExternal" -> {
                String id = "F0LOAD" + uploads.incrementAndGet();
                yield "{\"ok\":true,\"upload_url\":\"" + base() + "/upload/" + id + "\",\"file_id\":\"" + id + "\"}";
            }
            case "files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F0LOAD\"}]}";
            default -> "{\"ok\":true}";
        };
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        long delay = postLatencyMillis;
        if (delay > 0 && method.equals("chat.postMessage")) {
            ex.dispatch(SameThreadExecutor.INSTANCE, () -> ex.getIoThread().executeAfter(
                    () -> ex.getResponseSender().send(answer), delay, TimeUnit.MILLISECONDS));
            return;
        }
        ex.getResponseSender().send(answer);
    }

    /** A unique Slack timestamp for now: seconds.micros since the epoch. */
    private String ts() {
        long micros = lastTs.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis() * 1000));
        return String.format(java.util.Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** The messages of one channel since {@code oldest}, newest first, as the bot's (a verdict's text carries its ID). */
    private String history(String body) {
        try {
            JsonNode call = json.readTree(body);
            String channel = call.path("channel").asText();
            double oldest = call.path("oldest").asDouble(0);
            var out = json.createObjectNode().put("ok", true).put("has_more", false);
            var list = out.putArray("messages");
            List<Message> all = messages();
            for (int i = all.size() - 1; i >= 0; i--) {
                Message m = all.get(i);
                if (m.channel().equals(channel) && m.via().equals("chat.postMessage") && Double.parseDouble(m.ts()) >= oldest) {
                    list.addObject().put("type", "message").put("bot_id", "B0BOT").put("text", m.text()).put("ts", m.ts());
                }
            }
            historyReads.incrementAndGet();
            return json.writeValueAsString(out);
        } catch (Exception e) {
            return "{\"ok\":false,\"error\":\"invalid_arguments\"}";
        }
    }

    /** conversations.history calls answered: each is a read-back before a verdict is delivered again. */
    public long historyReads() {
        return historyReads.get();
    }

    private String viewOpened(String body) {
        try {
            JsonNode call = json.readTree(body);
            String trigger = call.path("trigger_id").asText();
            JsonNode view = call.path("view").deepCopy();
            String id = "V0FAULT" + viewIds.incrementAndGet();
            ((com.fasterxml.jackson.databind.node.ObjectNode) view).put("id", id);
            openedViews.put(trigger, view);
            return "{\"ok\":true,\"view\":{\"id\":\"" + id + "\"}}";
        } catch (Exception e) {
            return "{\"ok\":false,\"error\":\"invalid_arguments\"}";
        }
    }

    private static String field(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop();
    }
}
