package dev.hostwise.bot.slack.delivery;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import com.slack.api.util.json.GsonFactory;
import dev.hostwise.bot.conversation.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack Web API calls with the bot token, as JSON bodies, retried the way Slack asks: on 429 after
 * {@code Retry-After}, on 5xx and network errors with a doubling backoff, up to the {@link RetryPolicy}.
 * Every outcome is an {@link ApiResult}; nothing here throws. Log lines name the method and what the
 * call was for, never the token.
 *
 * <p>The SDK's {@code MethodsClient} builds a new Gson for every request and every response; under
 * load that reflection was 45% of the CPU a verdict cost (JFR, see BENCHMARKS.md). Here one shared
 * Gson (the SDK's own configuration, thread-safe) writes the SDK's block and view models straight
 * into the request body.
 */
public final class WebApi {

    /** Errors Slack sends with HTTP 200 that mean "try again later", not "no". */
    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** The SDK's Gson configuration, without escaping &lt; &gt; &amp; = ' as \\u00xx: Slack reads plain JSON. */
    private static final Gson GSON = GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create();
    private static final Logger LOG = LoggerFactory.getLogger(WebApi.class);

    private final OkHttpClient http;
    private final String apiUrl;
    private final String botToken;
    private final RetryPolicy policy;
    private final MeterRegistry meters;

    /**
     * @param apiUrl base of the Web API, ending in a slash (https://slack.com/api/)
     * @param meters where each call's outcome and each retry are counted, by method
     */
    public WebApi(OkHttpClient http, String apiUrl, String botToken, RetryPolicy policy, MeterRegistry meters) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.botToken = botToken;
        this.policy = policy;
        this.meters = meters;
    }

    /** Writes the arguments of a call: strings as JSON strings, SDK models (blocks, views) as Slack expects them. */
    public static String json(Map<String, ?> args) {
        StringWriter out = new StringWriter(1024);
        try (JsonWriter w = GSON.newJsonWriter(out)) {
            w.beginObject();
            for (Map.Entry<String, ?> e : args.entrySet()) {
                if (e.getValue() != null) {
                    w.name(e.getKey());
                    GSON.toJson(e.getValue(), e.getValue().getClass(), w);
                }
            }
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string cannot fail", e);
        }
        return out.toString();
    }

    /** Calls a method, retrying within the policy. {@code subject} says what it is for (a verdict ID, "the form"). */
    public ApiResult<JsonObject> call(String method, String subject, String args) {
        return callWithin(method, subject, null, args);
    }

    /**
     * As {@link #call}, but gives up once {@code budget} is spent, retries and the HTTP calls themselves
     * included: each attempt may take only what is left of it, and none starts when nothing is. A
     * {@code trigger_id} is only good for three seconds, and Slack wants its acknowledgement within
     * three, so a modal that cannot open by then is not worth waiting for.
     */
    public ApiResult<JsonObject> callWithin(String method, String subject, Duration budget, String body) {
        return counted(method, callWithRetries(method, subject, budget, body));
    }

    private ApiResult<JsonObject> callWithRetries(String method, String subject, Duration budget, String body) {
        long deadline = budget == null ? 0 : System.nanoTime() + budget.toNanos();
        String problem = null;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            Request request = new Request.Builder().url(apiUrl + method)
                    .header("Authorization", "Bearer " + botToken)
                    .post(RequestBody.create(body, JSON))
                    .build();
            Call call = http.newCall(request);
            if (budget != null) {
                // the client's own call timeout (10 s) is far past the budget: this attempt gets what is left of it
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return failed(method, subject, attempt - 1, problem == null ? outOfTime(budget) : problem + "; " + outOfTime(budget));
                }
                call.timeout().timeout(left, TimeUnit.NANOSECONDS);
            }
            try (Response response = call.execute()) {
                int status = response.code();
                String text = text(response.body());
                if (status == 200) {
                    JsonObject answer = parse(text);
                    if (answer == null) {
                        return failed(method, subject, attempt, "an answer that is not JSON");
                    }
                    if (answer.has("ok") && answer.get("ok").getAsBoolean()) {
                        return new ApiResult.Ok<>(answer);
                    }
                    String error = answer.has("error") ? answer.get("error").getAsString() : "unknown_error";
                    if (!TRANSIENT_ERRORS.contains(error)) {
                        LOG.info("{} for {}: Slack said {}", method, subject, error);
                        return new ApiResult.Refused<>(error);
                    }
                    problem = "Slack said " + error;
                    wait = policy.backoff(attempt);
                } else if (status == 429) {
                    problem = "HTTP 429";
                    wait = retryAfter(response.header("Retry-After"), attempt);
                    if (wait.compareTo(policy.maxRetryAfter()) > 0) {
                        return failed(method, subject, attempt, problem + ", Retry-After " + wait.toSeconds() + " s is longer than we wait");
                    }
                } else if (status >= 500) {
                    problem = "HTTP " + status;
                    wait = policy.backoff(attempt);
                } else {
                    return failed(method, subject, attempt, "HTTP " + status);
                }
            } catch (IOException e) {
                problem = budget != null && System.nanoTime() - deadline >= 0 ? outOfTime(budget) : "network error: " + e.getMessage();
                wait = policy.backoff(attempt);
            }
            if (attempt >= policy.attempts() || (budget != null && System.nanoTime() + wait.toNanos() - deadline > 0)) {
                return failed(method, subject, attempt, problem);
            }
            LOG.info("{} for {}: {}; trying again in {} ms (attempt {} of {})",
                    method, subject, problem, wait.toMillis(), attempt + 1, policy.attempts());
            meters.counter("hostwise.slack.api.retries", "method", method).increment();
            if (!sleep(wait)) {
                return failed(method, subject, attempt, problem + "; interrupted while waiting to retry");
            }
        }
    }

    private static String outOfTime(Duration budget) {
        return "Slack did not answer within " + budget.toMillis() + " ms";
    }

    /** Posts a message to a response_url (which needs no token), retried like a Web API call. */
    public ApiResult<String> respond(String responseUrl, String subject, String body) {
        return counted("response_url", respondWithRetries(responseUrl, subject, body));
    }

    private ApiResult<String> respondWithRetries(String responseUrl, String subject, String body) {
        String problem;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            Request request = new Request.Builder().url(responseUrl).post(RequestBody.create(body, JSON)).build();
            try (Response response = http.newCall(request).execute()) {
                int status = response.code();
                String text = text(response.body());
                if (status == 200) {
                    return new ApiResult.Ok<>(text);
                }
                problem = "HTTP " + status + (text.isEmpty() ? "" : " " + text);
                if (status == 429) {
                    wait = retryAfter(response.header("Retry-After"), attempt);
                } else if (status >= 500) {
                    wait = policy.backoff(attempt);
                } else {
                    LOG.info("response_url for {}: {}", subject, problem);
                    return new ApiResult.Refused<>(problem);
                }
            } catch (IOException | IllegalArgumentException e) {
                // IllegalArgumentException: OkHttp's word for a malformed URL
                problem = "network error: " + e.getMessage();
                wait = policy.backoff(attempt);
            }
            if (attempt >= policy.attempts() || wait.compareTo(policy.maxRetryAfter()) > 0) {
                return failed("response_url", subject, attempt, problem);
            }
            if (!sleep(wait)) {
                return failed("response_url", subject, attempt, problem + "; interrupted while waiting to retry");
            }
        }
    }

    private static String text(ResponseBody body) throws IOException {
        return body == null ? "" : body.string();
    }

    private static JsonObject parse(String text) {
        try {
            JsonElement e = JsonParser.parseString(text);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** Counts how a call ended: ok, refused (Slack said no) or failed (unreachable, or kept failing). */
    private <T> ApiResult<T> counted(String method, ApiResult<T> result) {
        String outcome = result instanceof ApiResult.Ok ? "ok" : result instanceof ApiResult.Refused ? "refused" : "failed";
        meters.counter("hostwise.slack.api.calls", "method", method, "outcome", outcome).increment();
        return result;
    }

    private <T> ApiResult<T> failed(String method, String subject, int attempts, String problem) {
        LOG.warn("{} for {} failed after {} attempt{}: {}", method, subject, attempts, attempts == 1 ? "" : "s", problem);
        return new ApiResult.Failed<>(problem + " (after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")");
    }

    private Duration retryAfter(String header, int attempt) {
        if (header != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
            } catch (NumberFormatException e) {
                // an HTTP date or junk: fall back to our own backoff
            }
        }
        return policy.backoff(attempt);
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
