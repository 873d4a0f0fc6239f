package dev.hostwise.bot.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.Env;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.VerdictJson;
import dev.hostwise.rules.ReloadOutcome;
import dev.hostwise.rules.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit trail: one JSON line per verdict (ID, revision, inputs, outputs, fired rules)
 * and one per rules reload attempt, for shipping to a log pipeline. Scenario fields named in
 * {@code HOSTWISE_AUDIT_MASK} (comma-separated, e.g. {@code requestsPerDay,opsCostPerMonth}) are
 * written as {@code "***"}. Writing never fails a decision: a write error is logged and the answer
 * still goes out.
 */
public final class DecisionLog {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    private static final String MASK = "***";

    private final Path file;
    private final Set<String> masked;
    private final ObjectMapper json;

    public DecisionLog(Path file, Set<String> masked) {
        this(file, masked, new VerdictJson());
    }

    /**
     * @param json the verdict JSON form, shared with the store: a line holds the verdict's own records, whose
     *             writers Jackson then builds once per process, not once for the store and again here
     */
    public DecisionLog(Path file, Set<String> masked, VerdictJson json) {
        this.file = file;
        this.masked = Set.copyOf(masked);
        this.json = json.mapper();
    }

    /** {@code HOSTWISE_AUDIT_LOG}, else {@code decisions.jsonl} in the data directory. */
    public static DecisionLog fromEnv(Env env) {
        return fromEnv(env, new VerdictJson());
    }

    /** As {@link #fromEnv(Env)}, writing with the verdict JSON form given. */
    public static DecisionLog fromEnv(Env env, VerdictJson json) {
        Path file = env.get("HOSTWISE_AUDIT_LOG").map(Path::of)
                .orElseGet(() -> env.dataDir().resolve("decisions.jsonl"));
        return new DecisionLog(file, env.list("HOSTWISE_AUDIT_MASK"), json);
    }

    public void verdict(Verdict v, Requester who) {
        // maps of the records themselves rather than a JSON tree: written in one pass, as Jackson streams them
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("recommendation", v.recommendation().name());
        v.conditions().forEach((c, r) -> outputs.put(c.name(), r.holds()));
        outputs.put("figures", v.figures());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "verdict");
        line.put("at", v.createdAt().toString());
        line.put("verdictId", v.id());
        line.put("rulesRevision", v.rulesRevision());
        line.put("catalogDate", String.valueOf(v.catalogDate()));
        line.put("requester", requester(who));
        line.put("inputs", masked.isEmpty() ? v.scenario() : maskedInputs(v));
        line.put("outputs", outputs);
        line.put("firedRules", v.firedRules());
        append(line);
    }

    /**
     * Who asked, under the names the audit line has always used, so log pipelines keep working:
     * {@code source} is the platform, {@code team} its workspace, {@code channel} its conversation.
     */
    private static Map<String, Object> requester(Requester who) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("source", who.platform().id());
        r.put("team", who.workspace());
        r.put("channel", who.conversation());
        r.put("user", who.user());
        return r;
    }

    private ObjectNode maskedInputs(Verdict v) {
        ObjectNode inputs = json.valueToTree(v.scenario());
        masked.forEach(field -> {
            if (inputs.has(field)) {
                inputs.put(field, MASK);
            }
        });
        return inputs;
    }

    public void reload(ReloadOutcome outcome) {
        ObjectNode line = json.valueToTree(outcome);
        line.put("type", "reload");
        line.put("summary", outcome.summary());
        append(line);
    }

    // opened once and kept open: opening the file for every verdict cost more than writing the line
    private java.io.Writer out;

    private void append(Object line) {
        String text;
        try {
            text = json.writeValueAsString(line);
        } catch (IOException e) {
            LOG.warn("could not write an audit line as JSON: {}", e.toString());
            return;
        }
        appendLine(text);
    }

    private synchronized void appendLine(String text) {
        try {
            if (out == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            out.write(text);
            out.write('\n');
            // each line is handed to the OS at once, so a log shipper tailing the file sees it
            out.flush();
        } catch (IOException e) {
            LOG.warn("could not append to the audit log {}: {}", file, e.toString());
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already failing; the next line reopens the file
            }
            out = null;
        }
    }

    /** Closes the file; a later line opens it again. */
    public synchronized void close() {
        closeQuietly();
    }

    public Path file() {
        return file;
    }
}
