package dev.hostwise.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.StaleAfter;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.Precision;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.Recommendation;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads policy cases. A case file holds a list under {@code cases:}; each case has a {@code name},
 * a {@code scenario} (the public scenario JSON, in YAML) and an {@code expect} block with the
 * {@code recommendation} and, optionally, each condition's expected {@code true}/{@code false} and
 * text the caveats must ({@code caveats}) or must not ({@code notCaveats}) contain. A case may also
 * give {@code decidedOn} (the day it is decided; the epoch otherwise, where no figure is old) and
 * {@code staleAfterDays} (the staleness limit; 180 otherwise), and {@code loadTests}: load tests imported
 * before it is decided, each {@code {model, gpuType, gpusPerReplica, precision, concurrency, inputTokens,
 * outputTokens, requestsPerSecond, secondsPerRequest, measuredOn}} (the figures {@code hostwise measure import}
 * derives from a result file). Problems are reported as file:line.
 */
public final class PolicyCaseLoader {

    private final ScenarioReader reader;
    // a key given twice in a case (two scenarios, two expectations) is an error, not "the last one wins"
    private final YAMLFactory yamlFactory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final ObjectMapper yaml = new ObjectMapper(yamlFactory);
    private final ObjectMapper caseYaml = new ObjectMapper(yamlFactory);

    public PolicyCaseLoader(ScenarioReader reader) {
        this.reader = reader;
    }

    /** Loads every case; problems are collected rather than thrown, so all of them are reported at once. */
    public List<PolicyCase> load(RuleSet rules, List<RuleProblem> problems) {
        List<PolicyCase> cases = new ArrayList<>();
        if (rules.caseFiles().isEmpty()) {
            problems.add(new RuleProblem(rules.origin(), 0,
                    "has no policy cases under cases/; a policy change must be tested before it goes live"));
        }
        PolicyConditions declared;
        try {
            declared = rules.conditions();
        } catch (RuleCompilationException e) {
            // the compiler reports the conditions file's problems; the cases cannot be checked against it
            return cases;
        }
        rules.caseFiles().forEach((file, text) -> loadFile(file, text, declared, cases, problems));
        return cases;
    }

    private void loadFile(String file, String text, PolicyConditions declared, List<PolicyCase> cases, List<RuleProblem> problems) {
        try (JsonParser parser = yamlFactory.createParser(text)) {
            JsonNode root = yaml.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                problems.add(new RuleProblem(file, parser.currentLocation().getLineNr(), "has a second YAML document;"
                        + " a case file is one document with its list under 'cases:'"));
                return;
            }
            JsonNode list = root == null ? null : root.get("cases");
            if (list == null || !list.isArray()) {
                problems.add(new RuleProblem(file, 1, "must have a list under 'cases:'"));
                return;
            }
            int index = 0;
            for (JsonNode c : list) {
                int line = lineOf(text, index++);
                try {
                    cases.add(toCase(file, line, c, declared));
                } catch (InvalidScenarioException e) {
                    e.errors().forEach(err -> problems.add(new RuleProblem(file, line,
                            "case '" + c.path("name").asText("?") + "': scenario." + err.field() + " " + err.message())));
                } catch (IllegalArgumentException e) {
                    problems.add(new RuleProblem(file, line, "case '" + c.path("name").asText("?") + "': " + e.getMessage()));
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(new RuleProblem(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new RuleProblem(file, 0, e.getMessage()));
        }
    }

    private PolicyCase toCase(String file, int line, JsonNode c, PolicyConditions declared) {
        String name = c.path("name").asText("");
        if (name.isBlank()) {
            throw new IllegalArgumentException("needs a name");
        }
        List<Scenario> pool = new ArrayList<>();
        JsonNode members = c.get("pool");
        if (members != null) {
            if (!members.isArray() || members.size() < 1) {
                throw new IllegalArgumentException("pool must list the members' scenarios");
            }
            int i = 0;
            for (JsonNode m : members) {
                try {
                    pool.add(reader.fromJson(m));
                } catch (InvalidScenarioException e) {
                    int index = i;
                    throw new IllegalArgumentException("pool[" + index + "]: " + e.errors().stream()
                            .map(err -> err.field() + " " + err.message()).collect(java.util.stream.Collectors.joining("; ")));
                }
                i++;
            }
        }
        if (pool.isEmpty() && !(c.get("scenario") instanceof ObjectNode)) {
            throw new IllegalArgumentException("needs a scenario (or, for a pooling case, a pool of scenarios)");
        }
        JsonNode expect = c.path("expect");
        String rec = expect.path("recommendation").asText("");
        Recommendation recommendation;
        try {
            // ASCII only: "self_hoſt" must not upper-case into SELF_HOST
            recommendation = Recommendation.valueOf(ascii(rec) ? rec.toUpperCase(Locale.ROOT) : rec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expect.recommendation '" + rec + "' must be one of SELF_HOST, MEASURE_FIRST, HOSTED_API");
        }
        Map<Condition, Boolean> conditions = new LinkedHashMap<>();
        JsonNode conds = expect.path("conditions");
        for (Iterator<Map.Entry<String, JsonNode>> it = conds.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Condition condition = declared.names().stream().filter(d -> ascii(e.getKey()) && d.name().equalsIgnoreCase(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("expect.conditions." + e.getKey() + " is not a condition of "
                            + "this policy; " + PolicyConditions.FILE + " declares " + declared.names()));
            if (!e.getValue().isBoolean()) {
                throw new IllegalArgumentException("expect.conditions." + e.getKey() + " must be true or false");
            }
            conditions.put(condition, e.getValue().booleanValue());
        }
        LocalDate decidedOn = null;
        JsonNode day = c.get("decidedOn");
        if (day != null) {
            try {
                decidedOn = LocalDate.parse(day.asText());
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("decidedOn '" + day.asText() + "' must be a day, e.g. 2027-06-01");
            }
        }
        StaleAfter staleAfter = StaleAfter.DEFAULT;
        JsonNode days = c.get("staleAfterDays");
        if (days != null) {
            if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 1) {
                throw new IllegalArgumentException("staleAfterDays must be a whole number of days, 1 or more");
            }
            staleAfter = new StaleAfter(days.asInt());
        }
        List<String> teams = new ArrayList<>();
        c.path("teams").forEach(t -> teams.add(t.asText()));
        if (!teams.isEmpty() && teams.size() != pool.size()) {
            throw new IllegalArgumentException("teams must name one team per pool member (" + pool.size() + ")");
        }
        JsonNode recommended = expect.get("poolRecommended");
        if (recommended != null && !recommended.isBoolean()) {
            throw new IllegalArgumentException("expect.poolRecommended must be true or false");
        }
        Scenario scenario = pool.isEmpty() ? reader.fromJson(c.get("scenario")) : pool.get(0);
        return new PolicyCase(file, line, name, scenario, recommendation, conditions, decidedOn, staleAfter,
                texts(expect, "caveats"), texts(expect, "notCaveats"), texts(expect, "reasons"), loadTests(c.get("loadTests")), pool, teams,
                recommended == null ? null : recommended.booleanValue());
    }

    /** A load test as a case states it: the figures an import derives, without the file. */
    private record CaseLoadTest(String model, String gpuType, Integer gpusPerReplica, Precision precision, Integer concurrency,
                                Double inputTokens, Double outputTokens, Double requestsPerSecond, Double secondsPerRequest,
                                String measuredOn) {
    }

    private List<LoadTestRun> loadTests(JsonNode list) {
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("loadTests must be a list of load tests, e.g. [{model: llama-3.3-70b, gpuType: "
                    + "h100-80gb, gpusPerReplica: 2, precision: FP8, concurrency: 64, inputTokens: 900, outputTokens: 300, "
                    + "requestsPerSecond: 7.5, secondsPerRequest: 8.4, measuredOn: 2026-11-20}]");
        }
        List<LoadTestRun> runs = new ArrayList<>();
        for (JsonNode n : list) {
            CaseLoadTest t;
            try {
                t = caseYaml.treeToValue(n, CaseLoadTest.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("loadTests: " + e.getOriginalMessage());
            }
            if (t.model() == null || t.gpuType() == null || t.gpusPerReplica() == null || t.precision() == null
                    || t.concurrency() == null || t.inputTokens() == null || t.outputTokens() == null
                    || t.requestsPerSecond() == null || t.secondsPerRequest() == null || t.measuredOn() == null) {
                throw new IllegalArgumentException("loadTests: each needs model, gpuType, gpusPerReplica, precision, concurrency,"
                        + " inputTokens, outputTokens, requestsPerSecond, secondsPerRequest and measuredOn");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(t.measuredOn());
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("loadTests: measuredOn '" + t.measuredOn() + "' must be a day, e.g. 2026-11-20");
            }
            String id = dev.hostwise.knowledge.evidence.LoadTestImport.sha256(n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            runs.add(new LoadTestRun(id, day, true, day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                    t.model(), t.gpuType(), t.gpusPerReplica(), t.precision(), t.concurrency(), "max_concurrency",
                    t.inputTokens(), t.outputTokens(), t.requestsPerSecond(), t.requestsPerSecond() * t.outputTokens(),
                    t.secondsPerRequest(), "mean_e2el_ms", 0, 0, 0, null, null, null, null, t.secondsPerRequest() * 1000, null,
                    t.model(), "policy case", "policy case"));
        }
        return runs;
    }

    /** A list of strings under {@code expect.<key>}; absent means none. */
    private static List<String> texts(JsonNode expect, String key) {
        JsonNode list = expect.get(key);
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("expect." + key + " must be a list of texts, e.g. [\"dates from\"]");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode t : list) {
            if (!t.isTextual() || t.asText().isBlank()) {
                throw new IllegalArgumentException("expect." + key + " must list non-empty texts");
            }
            texts.add(t.asText());
        }
        return List.copyOf(texts);
    }

    /** The line of the case's "- name:" entry: the n-th list item under cases. */
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

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
