package dev.hostwise.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a {@link RuleSet} into a {@link CompiledPolicy} with the classic Drools engine, reading
 * DRL text at run time so admins can change the policy without a rebuild.
 *
 * <p>Beyond Drools' own errors it refuses duplicate rule names and rules without a {@code @reason}
 * (both would make a verdict's trace misleading), and a {@code conditions.yaml} that does not read.
 */
public final class PolicyCompiler {

    private static final String RESOURCE_DIR = "src/main/resources/hostwise/policy/";
    private static final Pattern RULE_HEADER = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern LINE_IN_TEXT = Pattern.compile("\\[\\s*(\\d+)\\s*,\\s*\\d+\\s*]|line (\\d+)");

    private final Class<? extends KieBuilder.ProjectType> projectType;
    private final Optional<PolicyCache> cache;

    /** The classic engine: DRL compiled at run time (chosen in BENCHMARKS.md). */
    public PolicyCompiler() {
        this(DrlProject.class);
    }

    /** Another Drools build, e.g. the executable model, for the benchmark that compares them. */
    public PolicyCompiler(Class<? extends KieBuilder.ProjectType> projectType) {
        this.projectType = projectType;
        this.cache = Optional.empty();
    }

    /** The classic engine, keeping what it compiles in {@code cache} and reading it back from there. */
    public PolicyCompiler(PolicyCache cache) {
        this.projectType = DrlProject.class;
        this.cache = Optional.of(cache);
    }

    /** Where compiled policies are kept, if anywhere. */
    public Optional<PolicyCache> cache() {
        return cache;
    }

    /**
     * Compiles rules that will decide with the catalog of {@code catalogRevision}. With a cache, a
     * policy compiled before for exactly these rules, this catalog and this build is read back instead
     * (it decides exactly as a fresh compile would), and a fresh compile is written to it.
     */
    public CompiledPolicy compile(RuleSet rules, String catalogRevision) {
        if (cache.isEmpty()) {
            return compile(rules);
        }
        Optional<CompiledPolicy> cached = cache.get().read(rules, catalogRevision);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompiledPolicy compiled = compile(rules);
        cache.get().write(compiled, catalogRevision);
        return compiled;
    }

    /** Compiles the rules from their text, without the cache. */
    public CompiledPolicy compile(RuleSet rules) {
        KieServices kie = KieServices.Factory.get();
        List<RuleProblem> problems = new ArrayList<>(duplicateNames(rules));
        problems.addAll(PolicyConditions.problems(rules));
        if (rules.drlFiles().isEmpty()) {
            problems.add(new RuleProblem(rules.origin(), 0, "has no .drl files"));
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }

        // a fresh ReleaseId per build: Drools caches modules by id, and a reused id returns stale rules
        ReleaseId releaseId = kie.newReleaseId("dev.hostwise.policy", "policy-" + rules.revision(),
                "1.0.0-" + UUID.randomUUID());
        KieFileSystem kfs = kie.newKieFileSystem();
        KieModuleModel module = kie.newKieModuleModel();
        module.setConfigurationProperty("drools.kbuilder.severity.duplicateRule", "ERROR");
        module.newKieBaseModel("policy").setDefault(true).newKieSessionModel("policy-session").setDefault(true);
        kfs.writeKModuleXML(module.toXML());
        kfs.generateAndWritePomXML(releaseId);
        rules.drlFiles().forEach((name, text) -> kfs.write(RESOURCE_DIR + name, text));

        KieBuilder builder = kie.newKieBuilder(kfs).buildAll(projectType);
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            // a parse error also yields "Parser returned a null Package" at line 0: noise beside the real error
            if (!m.getText().contains("Parser returned a null Package")) {
                problems.add(toProblem(m));
            }
        }
        if (!problems.isEmpty()) {
            kie.getRepository().removeKieModule(releaseId);
            problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(problems);
        }
        KieContainer container = kie.newKieContainer(releaseId);
        KieBase base = container.getKieBase();
        // the module is only needed to build the base; dropping it lets old revisions be collected
        kie.getRepository().removeKieModule(releaseId);
        return describe(base, rules);
    }

    /** The compiled policy around a rule base: every rule with its file and reason, checked. */
    static CompiledPolicy describe(KieBase base, RuleSet rules) {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleInfo> infos = new ArrayList<>();
        Map<String, Map<String, Integer>> lines = ruleLines(rules);
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String file = fileOf(rule);
                Object reason = rule.getMetaData().get("reason");
                if (reason == null || reason.toString().isBlank()) {
                    problems.add(new RuleProblem(file, lineOf(lines, file, rule.getName()),
                            "rule \"" + rule.getName() + "\" has no @reason(\"...\"); say in one sentence why the rule exists"));
                } else {
                    infos.add(new RuleInfo(rule.getName(), file, reason.toString()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }
        infos.sort(Comparator.comparing(RuleInfo::file).thenComparingInt(i -> lineOf(lines, i.file(), i.name())));
        return new CompiledPolicy(base, rules, infos);
    }

    /** The file a rule was read from, without its directory, e.g. {@code caveats.drl}; "?" when Drools does not say. */
    static String fileOf(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            return shortName(impl.getResource().getSourcePath());
        }
        return "?";
    }

    private static String shortName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static RuleProblem toProblem(Message m) {
        String file = m.getPath() == null ? "?" : shortName(m.getPath());
        int line = m.getLine();
        String text = m.getText() == null ? "" : m.getText().strip();
        if (line <= 0) {
            // some Drools messages carry the position only inside their text, as [line,column] or "line N"
            Matcher lm = LINE_IN_TEXT.matcher(text);
            if (lm.find()) {
                line = Integer.parseInt(lm.group(1) != null ? lm.group(1) : lm.group(2));
            }
        }
        return new RuleProblem(file, Math.max(line, 0), text.replaceAll("\\s+", " "));
    }

    /** Drools only warns about some duplicates across files; a duplicate name makes a trace ambiguous, so refuse it. */
    private static List<RuleProblem> duplicateNames(RuleSet rules) {
        Map<String, String> firstSeen = new HashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        rules.drlFiles().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (RuleHeader h : ruleHeaders(e.getValue())) {
                String previous = firstSeen.putIfAbsent(h.name(), e.getKey() + ":" + h.line());
                if (previous != null) {
                    problems.add(new RuleProblem(e.getKey(), h.line(),
                            "duplicate rule name \"" + h.name() + "\" (first defined at " + previous + "); every rule needs its own name"));
                }
            }
        });
        return problems;
    }

    /** Where each rule starts, by file and name (a duplicate name keeps its first line). */
    static Map<String, Map<String, Integer>> ruleLines(RuleSet rules) {
        Map<String, Map<String, Integer>> lines = new HashMap<>();
        rules.drlFiles().forEach((file, text) -> {
            Map<String, Integer> inFile = new HashMap<>();
            ruleHeaders(text).forEach(h -> inFile.putIfAbsent(h.name(), h.line()));
            lines.put(file, inFile);
        });
        return lines;
    }

    private static int lineOf(Map<String, Map<String, Integer>> lines, String file, String ruleName) {
        return lines.getOrDefault(file, Map.of()).getOrDefault(ruleName, 0);
    }

    /** A {@code rule "name"} header and the line it is on. */
    private record RuleHeader(String name, int line) {
    }

    /**
     * Every rule header of a DRL file, in order, counting lines in one pass: counting from the file's start
     * for each rule (and, when sorting the rules, for each comparison) cost a start-up tens of milliseconds
     * once the policy grew.
     */
    private static List<RuleHeader> ruleHeaders(String text) {
        List<RuleHeader> headers = new ArrayList<>();
        Matcher m = RULE_HEADER.matcher(text);
        int line = 1;
        int counted = 0;
        while (m.find()) {
            for (; counted < m.start(1); counted++) {
                if (text.charAt(counted) == '\n') {
                    line++;
                }
            }
            headers.add(new RuleHeader(m.group(1), line));
        }
        return headers;
    }
}
