package dev.hostwise.bot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostwise.bot.Hostwise;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Requester;
import dev.hostwise.bot.render.VerdictText;
import dev.hostwise.bot.render.charts.VerdictCharts;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.FieldMetadata;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioField;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.StrictJson;
import dev.hostwise.rules.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code hostwise decide}: a scenario from flags, a JSON file or stdin, and the verdict on stdout.
 * The scenario flags are generated from {@link ScenarioField} and its {@link FieldMetadata} (bounds), so they
 * always match the JSON names and the limits every other form enforces.
 */
@Command(name = "decide", sortOptions = false,
        description = {"Decide one scenario: self-host, measure first, or stay on the hosted API.",
            "Give the scenario as flags, as JSON (--scenario FILE, or - for stdin), or both: flags override the file."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a verdict was reached", "2:bad input (the message names the field)"})
final class DecideCommand implements Callable<Integer> {

    /** Short flags people type, besides the long ones generated from the field names. */
    private static final Map<ScenarioField, String> ALIASES = Map.of(
            ScenarioField.TASK_TYPE, "--task",
            ScenarioField.QUALITY_NEED, "--quality",
            ScenarioField.PRIVACY_NEED, "--privacy",
            ScenarioField.REQUESTS_PER_SECOND, "--rps");

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.ParentCommand
    HostwiseCli parent;

    @Option(names = "--scenario", paramLabel = "FILE|-", description = "scenario JSON file, or - to read it from stdin")
    String scenarioFile;

    @Option(names = "--json", description = "print the verdict JSON instead of the readable text")
    boolean json;

    @Option(names = "--charts", paramLabel = "DIR", description = "also write the break-even and tornado charts as PNG files into DIR")
    Path chartsDir;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules directory to decide with (default: HOSTWISE_RULES_DIR, else the bundled policy)")
    Path rulesDir;

    static void addScenarioOptions(CommandSpec spec) {
        for (ScenarioField f : ScenarioField.values()) {
            String[] names = ALIASES.containsKey(f) ? new String[] {f.flag(), ALIASES.get(f)} : new String[] {f.flag()};
            String def = f.defaultValue().map(d -> " (default " + d + ")").orElse(f.required() ? " (required)" : "");
            String bounds = FieldMetadata.of(f).bounds().map(b -> " " + capitalize(b) + ".").orElse("");
            boolean flag = f.kind() == ScenarioField.Kind.BOOLEAN;
            OptionSpec.Builder option = OptionSpec.builder(names)
                    .type(String.class)
                    .arity(flag ? "0..1" : "1")
                    .paramLabel(flag ? "true|false" : "VALUE")
                    // picocli formats descriptions: a literal "30% also" would be read as a format specifier
                    .description((f.meaning() + def + ". " + capitalize(f.allowed()) + "." + bounds).replace("%", "%%"));
            if (flag) {
                // only a flag has a value when given bare; a null fallback made --help fail in picocli's description
                option.fallbackValue("true");
            }
            spec.addOption(option.build());
        }
    }

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        for (ScenarioField f : ScenarioField.values()) {
            Object value = spec.findOption(f.flag()).getValue();
            if (value != null) {
                flags.put(f.json(), value.toString());
            }
        }
        CommandLine cl = spec.commandLine();
        // a bad PORT is reported before any work, not after the verdict is printed
        String pageBase = parent.env().baseUrl();
        JsonNode base;
        Hostwise hostwise;
        Optional<Scenario> readEarly;
        try {
            base = scenarioFile == null ? null : readScenarioJson(scenarioFile);
            // prepared early, the catalog is loaded before the policy: the input is read meanwhile, and once it reads the
            // store opens and the scenario is priced while the policy is still being read
            JsonNode given = base;
            readEarly = parent.early().map(e -> new ScenarioReader(e.catalog()).fromJsonWithTextOverrides(given, flags));
            hostwise = Hostwise.startForOneVerdict(parent.env(), Optional.ofNullable(rulesDir), Clock.systemUTC(), parent.early(),
                    readEarly);
        } catch (InvalidScenarioException e) {
            printErrors(cl, e.errors());
            return HostwiseCli.BAD_INPUT;
        }
        // rules that do not compile and a bad catalog are reported by HostwiseCli's handler, as for every command
        try (hostwise) {
            RecordedVerdict recorded;
            try {
                Scenario scenario = readEarly.orElseGet(() -> hostwise.reader().fromJsonWithTextOverrides(base, flags));
                // the input reads, so there will be a verdict to save: the store opens on the second core meanwhile (if the
                // input was read early, it is opening already)
                hostwise.store().database().openInBackground();
                // deciding can refuse too, once the throughput is estimated (a fleet past the bound)
                recorded = hostwise.decideFor(scenario, Requester.cli());
            } catch (InvalidScenarioException e) {
                printErrors(cl, e.errors());
                return HostwiseCli.BAD_INPUT;
            }
            Verdict verdict = recorded.verdict();
            cl.getOut().print(json ? hostwise.json().write(verdict) + "\n" : new VerdictText().render(verdict));
            // the page link needs `hostwise serve` on the same database; stdout stays pure JSON with --json
            recorded.linkToken().map(t -> pageBase + "/v/" + t).ifPresent(link -> {
                if (json) {
                    cl.getErr().println("hostwise decide: saved as " + verdict.id() + ": " + link);
                } else {
                    cl.getOut().println("\nLink: " + link);
                }
            });
            recorded.saveProblem().ifPresent(p -> cl.getErr().println("hostwise decide: not saved: " + p));
            if (chartsDir != null) {
                writeCharts(cl, verdict);
            }
            cl.getOut().flush();
            cl.getErr().flush();
            return HostwiseCli.OK;
        }
    }

    private void writeCharts(CommandLine cl, Verdict verdict) {
        try {
            Files.createDirectories(chartsDir);
            VerdictCharts charts = new VerdictCharts();
            Files.write(chartsDir.resolve(verdict.id() + "-break-even.png"), charts.breakEvenPng(verdict));
            Files.write(chartsDir.resolve(verdict.id() + "-tornado.png"), charts.tornadoPng(verdict).orElseThrow());
            cl.getErr().println("hostwise decide: charts written to " + chartsDir);
        } catch (IOException e) {
            cl.getErr().println("hostwise decide: --charts: cannot write to " + chartsDir + ": " + e.getMessage());
        }
    }

    private JsonNode readScenarioJson(String file) {
        String text;
        try {
            if ("-".equals(file)) {
                InputStream in = System.in;
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidScenarioException(List.of(new FieldError("--scenario", "file '" + file + "' does not exist")));
        } catch (IOException e) {
            throw new InvalidScenarioException(List.of(new FieldError("--scenario", "cannot read '" + file + "': " + e.getMessage())));
        }
        try {
            // one object, each key once, nothing after it: as strict as the API
            return StrictJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidScenarioException(List.of(new FieldError("--scenario", "'" + file + "' is "
                    + ScenarioReader.notValidJson(e))));
        }
    }

    private static void printErrors(CommandLine cl, List<FieldError> errors) {
        for (FieldError e : errors) {
            String flag = ScenarioField.byJson(e.field()).map(f -> " (" + f.flag() + ")").orElse("");
            cl.getErr().println("hostwise decide: " + e.field() + flag + " " + e.message());
        }
        cl.getErr().flush();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
