package dev.hostwise.bot.mattermost.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hostwise.bot.conversation.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mattermost's REST API (v4) over the JDK's HttpClient, with the bot's token as {@code Authorization:
 * Bearer}, retried within the core's {@link RetryPolicy}: on 429 after the wait Mattermost asks for, on 5xx
 * and network errors with a doubling backoff. Every outcome is an {@link ApiResult}; nothing here throws.
 * Log lines name the endpoint and what the call was for, never a token or a reply link (a reply link is a
 * capability: whoever holds it may post).
 *
 * <p>Mattermost's rate limiter (server/channels/app/ratelimit.go, from the throttled library) answers 429
 * with {@code Retry-After} and {@code X-RateLimit-Reset}, both in whole seconds from now; the first one
 * present is honoured. Refusals carry an AppError (api/v4/source/definitions.yaml, components/responses), whose
 * {@code id} (e.g. {@code api.context.permissions.app_error}) or else {@code message} is what a refusal reports.
 */
public final class MattermostApi {

    private static final Logger LOG = LoggerFactory.getLogger(MattermostApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest one attempt may take when no budget is given. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String serverUrl;
    private final String botToken;
    private final RetryPolicy policy;
    private final MeterRegistry meters;

    /**
     * @param serverUrl the server's base URL, without a trailing slash ({@code MATTERMOST_URL})
     * @param meters    where each call's outcome and each retry are counted, by endpoint
     */
    public MattermostApi(HttpClient http, String serverUrl, String botToken, RetryPolicy policy, MeterRegistry meters) {
        this.http = http;
        this.serverUrl = serverUrl;
        this.botToken = botToken;
        this.policy = policy;
        this.meters = meters;
    }

    /** A JSON body as Mattermost reads it. */
    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a request body cannot fail", e);
        }
    }

    /** {@code GET path} with the bot's token. {@code subject} says what it is for, in log lines. */
    public ApiResult get(String path, String subject) {
        return send("GET " + path, subject, null, () -> authorized(path).GET());
    }

    /**
     * As {@link #get(String, String)}, counted under {@code endpoint} rather than the path: a path that names a
     * channel would otherwise make a meter series per channel.
     */
    public ApiResult get(String path, String endpoint, String subject) {
        return send("GET " + endpoint, subject, null, () -> authorized(path).GET());
    }

    /** {@code POST path} with a JSON body and the bot's token. */
    public ApiResult post(String path, String subject, Object body) {
        return postWithin(path, subject, null, body);
    }

    /**
     * As {@link #post}, but gives up once {@code budget} is spent, retries included: each attempt gets only
     * what is left of it. A trigger ID is only good for a while, and the user is waiting for the dialog.
     */
    public ApiResult postWithin(String path, String subject, Duration budget, Object body) {
        String text = body instanceof String s ? s : json(body);
        return send("POST " + path, subject, budget, () -> authorized(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    }

    /** {@code POST path} with a multipart body (file uploads) and the bot's token. */
    public ApiResult upload(String path, String subject, Multipart form) {
        byte[] bytes = form.bytes();
        return send("POST " + path, subject, null, () -> authorized(path)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /**
     * Posts a command response to a slash command's {@code response_url}. It needs no token: the URL
     * itself is the permission (server/channels/app/command.go, {@code CreateCommandWebhook}), good for 5
     * posts within 30 minutes ({@code TryUse(hook.Id, 5)}, {@code model.CommandWebhookLifetime}).
     */
    public ApiResult respond(String responseUrl, String subject, Object body) {
        URI uri;
        try {
            uri = URI.create(responseUrl);
        } catch (IllegalArgumentException e) {
            return counted("response_url", new ApiResult.Refused(0, "the reply link is not a URL"));
        }
        String text = json(body);
        return send("response_url", subject, null, () -> HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(serverUrl + path))
                .header("Authorization", "Bearer " + botToken)
                .header("Accept", "application/json");
    }

    private ApiResult send(String endpoint, String subject, Duration budget, Supplier<HttpRequest.Builder> request) {
        return counted(endpoint, sendWithRetries(endpoint, subject, budget, request));
    }

    private ApiResult sendWithRetries(String endpoint, String subject, Duration budget, Supplier<HttpRequest.Builder> request) {
        long deadline = budget == null ? 0 : System.nanoTime() + budget.toNanos();
        String problem = null;
        for (int attempt = 1; ; attempt++) {
            Duration timeout = CALL_TIMEOUT;
            if (budget != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return failed(endpoint, subject, attempt - 1, (problem == null ? "" : problem + "; ") + outOfTime(budget));
                }
                timeout = Duration.ofNanos(Math.min(left, CALL_TIMEOUT.toNanos()));
            }
            Duration wait;
            try {
                HttpResponse<String> response = http.send(request.get().timeout(timeout).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new ApiResult.Ok(status, parse(response.body()).orElseGet(JsonNodeFactory.instance::objectNode));
                }
                problem = "HTTP " + status;
                if (status == 429) {
                    wait = retryAfter(response, attempt);
                    if (wait.compareTo(policy.maxRetryAfter()) > 0) {
                        return failed(endpoint, subject, attempt, problem + ", asked to wait " + wait.toSeconds()
                                + " s, longer than we wait");
                    }
                } else if (status >= 500) {
                    wait = policy.backoff(attempt);
                } else {
                    String error = appError(response.body());
                    LOG.info("{} for {}: Mattermost said HTTP {} {}", endpoint, subject, status, error);
                    return new ApiResult.Refused(status, error);
                }
            } catch (IOException e) {
                problem = budget != null && System.nanoTime() - deadline >= 0 ? outOfTime(budget)
                        : "network error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                wait = policy.backoff(attempt);
            } catch (InterruptedException e) {
                // the surface is stopping: not worth a warning
                Thread.currentThread().interrupt();
                LOG.debug("{} for {} was interrupted", endpoint, subject);
                return new ApiResult.Failed("interrupted while the app was stopping");
            } catch (IllegalArgumentException e) {
                // the JDK's word for a URL it cannot send to
                return failed(endpoint, subject, attempt, "a URL that cannot be called");
            }
            if (attempt >= policy.attempts() || (budget != null && System.nanoTime() + wait.toNanos() - deadline > 0)) {
                return failed(endpoint, subject, attempt, problem);
            }
            LOG.info("{} for {}: {}; trying again in {} ms (attempt {} of {})", endpoint, subject, problem, wait.toMillis(),
                    attempt + 1, policy.attempts());
            meters.counter("hostwise.mattermost.api.retries", "endpoint", endpoint).increment();
            if (!sleep(wait)) {
                return failed(endpoint, subject, attempt, problem + "; interrupted while waiting to retry");
            }
        }
    }

    /** Retry-After first, then X-RateLimit-Reset (both whole seconds, as Mattermost sends them); our own backoff when neither reads. */
    private Duration retryAfter(HttpResponse<?> response, int attempt) {
        for (String header : new String[] {"Retry-After", "X-RateLimit-Reset"}) {
            Optional<String> value = response.headers().firstValue(header);
            if (value.isPresent()) {
                try {
                    return Duration.ofSeconds(Math.max(0, Long.parseLong(value.get().trim())));
                } catch (NumberFormatException e) {
                    // an HTTP date or junk: try the next header
                }
            }
        }
        return policy.backoff(attempt);
    }

    private static String outOfTime(Duration budget) {
        return "Mattermost did not answer within " + budget.toMillis() + " ms";
    }

    private static Optional<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The AppError's id (e.g. {@code api.context.permissions.app_error}), else its message; a short excerpt of anything else. */
    private static String appError(String body) {
        Optional<JsonNode> node = parse(body);
        if (node.isPresent() && node.get().isObject()) {
            String id = node.get().path("id").asText("");
            return id.isEmpty() ? node.get().path("message").asText("") : id;
        }
        String text = body == null ? "" : body.strip();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private ApiResult counted(String endpoint, ApiResult result) {
        String outcome = result instanceof ApiResult.Ok ? "ok" : result instanceof ApiResult.Refused ? "refused" : "failed";
        meters.counter("hostwise.mattermost.api.calls", "endpoint", endpoint, "outcome", outcome).increment();
        return result;
    }

    private static ApiResult failed(String endpoint, String subject, int attempts, String problem) {
        LOG.warn("{} for {} failed after {} attempt{}: {}", endpoint, subject, attempts, attempts == 1 ? "" : "s", problem);
        return new ApiResult.Failed(problem + " (after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")");
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
