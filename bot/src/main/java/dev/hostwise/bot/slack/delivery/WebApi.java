package dev.hostwise.bot.slack.delivery;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack Web API calls with the bot token, retried the way Slack asks: on 429 after {@code Retry-After},
 * on 5xx and network errors with a doubling backoff, up to the {@link RetryPolicy}. Every outcome is
 * an {@link ApiResult}; nothing here throws. Log lines name the method and what the call was for,
 * never the token.
 */
public final class WebApi {

    /** Errors Slack sends with HTTP 200 that mean "try again later", not "no". */
    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private static final Logger LOG = LoggerFactory.getLogger(WebApi.class);

    /** One Web API method call. */
    @FunctionalInterface
    public interface Call<T extends SlackApiTextResponse> {
        T call(MethodsClient client) throws IOException, SlackApiException;
    }

    private final Slack slack;
    private final MethodsClient client;
    private final RetryPolicy policy;

    public WebApi(Slack slack, String botToken, RetryPolicy policy) {
        this.slack = slack;
        this.client = slack.methods(botToken);
        this.policy = policy;
    }

    /** Calls a method, retrying within the policy. {@code subject} says what it is for (a verdict ID, "the form"). */
    public <T extends SlackApiTextResponse> ApiResult<T> call(String method, String subject, Call<T> call) {
        return callWithin(method, subject, null, call);
    }

    /**
     * As {@link #call}, but gives up once {@code budget} would be exceeded: a {@code trigger_id} is only
     * good for three seconds, so a modal that cannot open by then is not worth waiting for.
     */
    public <T extends SlackApiTextResponse> ApiResult<T> callWithin(String method, String subject, Duration budget, Call<T> call) {
        long deadline = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
        String problem = "not tried";
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                T response = call.call(client);
                if (response.isOk()) {
                    return new ApiResult.Ok<>(response);
                }
                if (!TRANSIENT_ERRORS.contains(response.getError())) {
                    LOG.info("{} for {}: Slack said {}", method, subject, response.getError());
                    return new ApiResult.Refused<>(response.getError());
                }
                problem = "Slack said " + response.getError();
                wait = policy.backoff(attempt);
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                problem = "HTTP " + status + (e.getError() != null && e.getError().getError() != null ? " " + e.getError().getError() : "");
                if (status == 429) {
                    wait = retryAfter(e.getResponse().header("Retry-After"), attempt);
                    if (wait.compareTo(policy.maxRetryAfter()) > 0) {
                        return failed(method, subject, attempt, problem + ", Retry-After " + wait.toSeconds() + " s is longer than we wait");
                    }
                } else if (status >= 500) {
                    wait = policy.backoff(attempt);
                } else {
                    return failed(method, subject, attempt, problem);
                }
            } catch (IOException e) {
                problem = "network error: " + e.getMessage();
                wait = policy.backoff(attempt);
            } catch (RuntimeException e) {
                // the SDK throws these for answers it cannot parse; retrying would not change them
                return failed(method, subject, attempt, "unexpected answer: " + e.getMessage());
            }
            if (attempt >= policy.attempts() || System.nanoTime() + wait.toNanos() > deadline) {
                return failed(method, subject, attempt, problem);
            }
            LOG.info("{} for {}: {}; trying again in {} ms (attempt {} of {})",
                    method, subject, problem, wait.toMillis(), attempt + 1, policy.attempts());
            if (!sleep(wait)) {
                return failed(method, subject, attempt, problem + "; interrupted while waiting to retry");
            }
        }
    }

    /** Posts a message to a response_url, retried like a Web API call. */
    public ApiResult<String> respond(String responseUrl, String subject, String json) {
        String problem = "not tried";
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                WebhookResponse r = slack.send(responseUrl, json);
                int status = r.getCode() == null ? 0 : r.getCode();
                if (status == 200) {
                    return new ApiResult.Ok<>(r.getBody());
                }
                problem = "HTTP " + status + (r.getBody() == null ? "" : " " + r.getBody());
                if (status == 429 || status >= 500) {
                    wait = policy.backoff(attempt);
                } else {
                    LOG.info("response_url for {}: {}", subject, problem);
                    return new ApiResult.Refused<>(problem);
                }
            } catch (IOException e) {
                problem = "network error: " + e.getMessage();
                wait = policy.backoff(attempt);
            }
            if (attempt >= policy.attempts()) {
                return failed("response_url", subject, attempt, problem);
            }
            if (!sleep(wait)) {
                return failed("response_url", subject, attempt, problem + "; interrupted while waiting to retry");
            }
        }
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
