package dev.hostwise.bot.slack.blocks;

import dev.hostwise.knowledge.ScenarioField;
import java.util.Locale;

/** The words the Slack app shows for each scenario field: modal labels and inline errors use the same ones. */
public final class FieldLabels {

    private FieldLabels() {
    }

    public static String label(ScenarioField field) {
        return switch (field) {
            case REQUESTS_PER_DAY -> "Requests per day";
            case PEAK_TO_AVERAGE -> "Peak-to-average ratio";
            case TOKENS_PER_REQUEST -> "Tokens per request";
            case INPUT_TOKENS -> "Input tokens per request";
            case OUTPUT_TOKENS -> "Output tokens per request";
            case HOSTED_PRICE_PER_1K_TOKENS -> "Hosted price, $ per 1k tokens";
            case HOSTED_INPUT_PRICE_PER_1M -> "Hosted input price, $ per 1M tokens";
            case HOSTED_OUTPUT_PRICE_PER_1M -> "Hosted output price, $ per 1M tokens";
            case HOSTED_MODEL -> "Hosted model";
            case GPU_DOLLARS_PER_HOUR -> "GPU price, $ per GPU-hour";
            case GPUS_PER_REPLICA -> "GPUs per replica";
            case GPU_TYPE -> "GPU type";
            case OPEN_MODEL -> "Open model";
            case REQUESTS_PER_SECOND -> "Throughput per replica, requests per second";
            case THROUGHPUT_MEASURED -> "Throughput source";
            case UTILIZATION -> "Utilisation";
            case OPS_COST_PER_MONTH -> "Ops cost per month, $";
            case TASK_TYPE -> "Task type";
            case QUALITY_NEED -> "Quality need";
            case PRIVACY_NEED -> "Privacy need";
            case HOURLY_WEIGHTS -> "Traffic by hour (24 weights)";
            case CONTEXT_TOKENS -> "Context tokens per request";
            case PRICING_MODE -> "Pricing mode";
            case MIN_REPLICAS -> "Replica floor";
            case PRECISION -> "Weight precision";
            case MAX_SECONDS_PER_REQUEST -> "Latency target, seconds per request";
            case MAX_CONCURRENCY -> "Max requests in flight per replica";
            case OTHER_COST_PER_MONTH -> "Other costs per month, $";
        };
    }

    /** The field's meaning as a sentence, for hints under inputs. */
    public static String hint(ScenarioField field) {
        String m = field.meaning();
        String extra = switch (field) {
            case OPEN_MODEL -> " (Llama 2 13B when none is picked)";
            case TOKENS_PER_REQUEST -> " (ignored when input and output tokens are both given)";
            case HOSTED_PRICE_PER_1K_TOKENS -> " (ignored when input and output prices are both given)";
            case REQUESTS_PER_SECOND -> " (leave blank to estimate it from the open model and GPU type; 4 when neither is picked)";
            case HOURLY_WEIGHTS -> " (comma-separated, midnight first; replaces the peak-to-average ratio)";
            default -> "";
        };
        return Character.toUpperCase(m.charAt(0)) + inWords(m.substring(1)) + extra + ".";
    }

    /** Replaces scenario JSON names in a sentence by the labels the modal shows ("outputTokens" → "output tokens per request"). */
    public static String inWords(String text) {
        return ScenarioField.renameInText(text, f -> label(f).toLowerCase(Locale.ROOT));
    }
}
