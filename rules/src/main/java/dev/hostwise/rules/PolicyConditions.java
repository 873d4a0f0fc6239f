package dev.hostwise.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hostwise.rules.facts.Condition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's shape: its conditions, in the order every verdict lists them, each with what must be
 * true for it to hold. Read from {@code conditions.yaml} beside the rules, so that renderers (Slack,
 * the page, the ADR, the CLI, help) list the conditions and say "all N must hold" from data, and a new
 * condition is a rules change only. Self-hosting needs all of them at once.
 *
 * <p>A rules directory without {@code conditions.yaml} (written before it existed) has the bundled
 * policy's conditions, which are the ones such rules conclude.
 *
 * @param conditions the declared conditions, in order; never empty
 */
public record PolicyConditions(List<Declared> conditions) {

    /** The file in a rules directory that declares the conditions. */
    public static final String FILE = "conditions.yaml";

    /**
     * One declared condition.
     *
     * @param condition its name, as rules conclude it
     * @param summary   what must be true for it to hold, a clause that reads after "Self-host only when…":
     *                  "the data really must stay in-house."
     * @param probability for a condition that depends on the numbers: the Monte Carlo outcome it follows
     *                  ({@value #SELF_HOST_CHEAPER}), whose share of draws the verdict reports as the
     *                  probability that it holds; empty for a condition no draw can move
     */
    public record Declared(Condition condition, String summary, Optional<String> probability) {

        public Declared(Condition condition, String summary) {
            this(condition, summary, Optional.empty());
        }
    }

    /** The Monte Carlo outcome "self-hosting costs less per day, all-in", which a cost condition follows. */
    public static final String SELF_HOST_CHEAPER = "selfHostCheaper";
    private static final List<String> OUTCOMES = List.of(SELF_HOST_CHEAPER);

    public PolicyConditions {
        conditions = List.copyOf(conditions);
    }

    /** The declared conditions of a rule set; the bundled ones when it declares none. */
    public static PolicyConditions of(RuleSet rules) {
        return rules.conditionsFile().map(text -> {
            List<RuleProblem> problems = new ArrayList<>();
            PolicyConditions read = parse(text, problems);
            if (!problems.isEmpty()) {
                throw new RuleCompilationException(problems);
            }
            return read;
        }).orElseGet(Bundled::conditions);
    }

    /** What is wrong with a rule set's {@code conditions.yaml}, as file:line problems; empty when it is fine or absent. */
    public static List<RuleProblem> problems(RuleSet rules) {
        List<RuleProblem> problems = new ArrayList<>();
        rules.conditionsFile().ifPresent(text -> parse(text, problems));
        return problems;
    }

    /** The conditions in order. */
    public List<Condition> names() {
        return conditions.stream().map(Declared::condition).toList();
    }

    public boolean declares(Condition c) {
        return conditions.stream().anyMatch(d -> d.condition().equals(c));
    }

    public int size() {
        return conditions.size();
    }

    /** The conditions that follow a Monte Carlo outcome, in order, each with the outcome's name. */
    public java.util.Map<Condition, String> probabilities() {
        java.util.Map<Condition, String> out = new java.util.LinkedHashMap<>();
        conditions.forEach(d -> d.probability().ifPresent(p -> out.put(d.condition(), p)));
        return out;
    }

    private static PolicyConditions parse(String text, List<RuleProblem> problems) {
        YAMLFactory factory = new YAMLFactory();
        ObjectMapper yaml = new ObjectMapper(factory);
        List<Declared> declared = new ArrayList<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonNode root = yaml.readTree(parser);
            JsonNode list = root == null ? null : root.get("conditions");
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add(new RuleProblem(FILE, 1, "must list the policy's conditions under 'conditions:', each with a "
                        + "name and a summary, e.g. '- name: VOLUME' and 'summary: at your volume, self-hosting costs less…'"));
                return new PolicyConditions(List.of());
            }
            Set<Condition> seen = new HashSet<>();
            int index = 0;
            for (JsonNode entry : list) {
                int line = lineOf(text, index++);
                for (Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!key.equals("name") && !key.equals("summary") && !key.equals("probability")) {
                        problems.add(new RuleProblem(FILE, line, "'" + key + "' is not a key of a condition; use name, summary"
                                + " and (for a condition the numbers decide) probability"));
                    }
                }
                String name = entry.path("name").asText("");
                String summary = entry.path("summary").asText("").strip();
                Condition condition;
                try {
                    condition = Condition.named(name);
                } catch (IllegalArgumentException e) {
                    problems.add(new RuleProblem(FILE, line, "name: " + e.getMessage()));
                    continue;
                }
                if (summary.isEmpty()) {
                    problems.add(new RuleProblem(FILE, line, name + " needs a summary: what must be true for it to hold, in a "
                            + "few words people read in help"));
                }
                if (!seen.add(condition)) {
                    problems.add(new RuleProblem(FILE, line, name + " is declared twice; declare each condition once"));
                }
                Optional<String> probability = Optional.ofNullable(entry.get("probability")).map(JsonNode::asText);
                if (probability.isPresent() && !OUTCOMES.contains(probability.get())) {
                    problems.add(new RuleProblem(FILE, line, name + ": probability '" + probability.get() + "' is not an outcome the"
                            + " uncertainty analysis draws; the outcomes are " + OUTCOMES));
                }
                declared.add(new Declared(condition, summary, probability.filter(OUTCOMES::contains)));
            }
        } catch (JsonProcessingException e) {
            problems.add(new RuleProblem(FILE, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new RuleProblem(FILE, 0, e.getMessage()));
        }
        return new PolicyConditions(declared);
    }

    /** The line of the n-th "- name:" entry. */
    private static int lineOf(String text, int index) {
        String[] lines = text.split("\n", -1);
        int seen = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("\\s*-\\s+name:.*")) {
                if (++seen == index) {
                    return i + 1;
                }
            }
        }
        return 1;
    }

    /** The bundled policy's declaration, read once. */
    private static final class Bundled {
        private static final PolicyConditions CONDITIONS = read();

        static PolicyConditions conditions() {
            return CONDITIONS;
        }

        private static PolicyConditions read() {
            Optional<String> text = RuleSet.bundled().conditionsFile();
            List<RuleProblem> problems = new ArrayList<>();
            PolicyConditions read = parse(text.orElseThrow(() -> new IllegalStateException(
                    "the bundled policy has no " + FILE)), problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the bundled " + FILE + " does not read: " + problems);
            }
            return read;
        }
    }
}
