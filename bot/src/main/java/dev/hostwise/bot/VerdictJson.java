package dev.hostwise.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hostwise.knowledge.StrictJson;
import dev.hostwise.rules.Verdict;

/** The verdict's public JSON form: ISO-8601 times, field names as in the records. */
public final class VerdictJson {

    private final ObjectMapper mapper = StrictJson.strict(JsonMapper.builder())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // stored verdicts written by a newer version may carry fields this one does not know; but a
            // row is still one object with each key once (every row this code ever wrote is)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String write(Verdict v) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict could not be written as JSON", e);
        }
    }

    /**
     * Without indentation, for storage: a stored verdict is read by programs, and whitespace would
     * make every row, and every page the database writes when it commits, about a third larger.
     */
    public String writeCompact(Verdict v) {
        try {
            return mapper.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict could not be written as JSON", e);
        }
    }

    public Verdict read(String json) {
        try {
            return mapper.readValue(json, Verdict.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a verdict: " + e.getOriginalMessage(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
