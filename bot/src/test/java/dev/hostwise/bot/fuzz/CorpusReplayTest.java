package dev.hostwise.bot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.conversation.QuickForm;
import dev.hostwise.bot.slack.blocks.ModalMetadata;
import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.knowledge.InvalidScenarioException;
import dev.hostwise.knowledge.Scenario;
import dev.hostwise.knowledge.ScenarioReader;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.rules.Decider;
import dev.hostwise.rules.PolicyCompiler;
import dev.hostwise.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Inputs that once got through or broke something, kept as files under {@code src/test/resources/fuzz-corpus}
 * and replayed on every build: {@code refused-*} must be refused with field errors (never decided, never a
 * crash), {@code accepted-*} must be decided. Add a file when a generated test or a user finds a new one.
 */
class CorpusReplayTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "fuzz-corpus");
    private static final Catalog CATALOG = Catalog.bundled();
    private static final ScenarioReader READER = new ScenarioReader(CATALOG);
    private static Decider decider;

    @TestFactory
    Stream<DynamicTest> scenarioJson() throws IOException {
        return files("scenario-json").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String text = read(f);
            if (refused(f)) {
                assertThatThrownBy(() -> decide(READER.fromJson(text))).as(text).isInstanceOfSatisfying(InvalidScenarioException.class,
                        e -> assertThat(e.errors()).isNotEmpty().allSatisfy(err -> assertThat(err.message()).isNotBlank()));
            } else {
                assertThat(decide(READER.fromJson(text)).figures().hostedPerDay()).isFinite().isPositive();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> quickForms() throws IOException {
        return files("quick-form").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String text = read(f).strip();
            QuickForm form = QuickForm.parse(text);
            List<String> problems;
            if (!form.ok()) {
                problems = form.problems();
            } else {
                try {
                    READER.fromText(form.byJsonName());
                    problems = List.of();
                } catch (InvalidScenarioException e) {
                    problems = e.errors().stream().map(QuickForm::problem).toList();
                }
            }
            assertThat(problems.isEmpty()).as(text).isEqualTo(!refused(f));
            String slack = SlackText.fit(SlackText.escape(QuickForm.usage(problems)), SlackText.SECTION_MAX);
            assertThat(slack).doesNotContain("<!channel>");
        }));
    }

    @TestFactory
    Stream<DynamicTest> slackPrivateMetadata() throws IOException {
        return files("slack-metadata").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            ModalMetadata meta = ModalMetadata.parse(read(f).strip());
            assertThat(meta.channel()).isEqualTo(refused(f) ? null : "C1");
        }));
    }

    private static dev.hostwise.rules.Verdict decide(Scenario s) {
        synchronized (CorpusReplayTest.class) {
            if (decider == null) {
                decider = new Decider(CATALOG, new PolicyCompiler().compile(RuleSet.bundled()));
            }
        }
        return decider.decide(s, "HW-CORPUS", Instant.EPOCH);
    }

    private static Stream<Path> files(String reader) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(CORPUS.resolve(reader))) {
            all = s.sorted().toList();
        }
        assertThat(all).isNotEmpty();
        return all.stream();
    }

    private static boolean refused(Path f) {
        String name = f.getFileName().toString();
        assertThat(name).matches("(refused|accepted)-.*");
        return name.startsWith("refused-");
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }
}
