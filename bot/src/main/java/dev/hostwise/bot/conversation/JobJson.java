package dev.hostwise.bot.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.VerdictJson;
import dev.hostwise.knowledge.ScenarioReader;

/**
 * A {@link DecisionJob} as the outbox keeps it ({@code outbox_jobs.job_json}): the scenario as the verdict
 * JSON writes it, who asked, and where to answer (the reply link included). Read back through the scenario
 * reader of the catalog in force, as a stored verdict's scenario is, so a job taken over after a catalog
 * reload is checked like a question typed today.
 */
final class JobJson {

    /** Bumped if the shape ever changes, so a replica can tell an older job from a newer one. */
    private static final int VERSION = 1;

    private final ObjectMapper mapper = new VerdictJson().mapper();

    String write(DecisionJob job) {
        ObjectNode root = mapper.createObjectNode();
        root.put("v", VERSION);
        root.set("scenario", mapper.valueToTree(job.scenario()));
        ObjectNode who = root.putObject("who");
        who.put("platform", job.who().platform().id());
        who.put("workspace", job.who().workspace());
        who.put("conversation", job.who().conversation());
        who.put("user", job.who().user());
        ObjectNode to = root.putObject("to");
        to.put("conversation", job.to().conversation());
        to.put("responseUrl", job.to().responseUrl());
        to.put("user", job.to().user());
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision job always has a JSON form", e);
        }
    }

    /**
     * @throws dev.hostwise.knowledge.InvalidScenarioException when the scenario no longer reads (a model or GPU
     *                                                         the catalog dropped since)
     * @throws IllegalArgumentException                        when the text is not a job at all
     */
    DecisionJob read(String json, ScenarioReader reader) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an outbox job that is not JSON", e);
        }
        JsonNode who = root.path("who");
        JsonNode to = root.path("to");
        return new DecisionJob(reader.fromJson(root.path("scenario")),
                new Requester(Platform.stored(who.path("platform").asText()), text(who, "workspace"), text(who, "conversation"),
                        text(who, "user")),
                new ReplyAddress(text(to, "conversation"), text(to, "responseUrl"), text(to, "user")));
    }

    /** Where a job's answer goes, when at least that reads (to tell the user their question no longer does). */
    java.util.Optional<ReplyAddress> addressOf(String json) {
        try {
            JsonNode to = mapper.readTree(json).path("to");
            return to.isObject() ? java.util.Optional.of(new ReplyAddress(text(to, "conversation"), text(to, "responseUrl"),
                    text(to, "user"))) : java.util.Optional.empty();
        } catch (JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
