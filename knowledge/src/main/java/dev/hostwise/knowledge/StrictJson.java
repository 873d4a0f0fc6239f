package dev.hostwise.knowledge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON read the way the public contracts say: one value and nothing after it (no trailing garbage, no
 * second object glued on), and each key once. Every reader of JSON that a person or another program
 * wrote goes through a mapper configured here: the scenario API, the CLI's {@code --scenario}, a chat
 * platform's private metadata and button values, stored verdicts read back.
 *
 * <p>Duplicate keys fail rather than let the last one win: two {@code requestsPerDay} in one body are
 * a mistake (or an attempt to slip one value past a check that reads the first), never a question.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** A new JSON mapper that fails on trailing tokens and duplicate keys. */
    public static ObjectMapper mapper() {
        return strict(JsonMapper.builder(new JsonFactory())).build();
    }

    /** The same rules for a mapper of another format (YAML) or with more modules: pass its builder. */
    public static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B strict(B builder) {
        return builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }
}
