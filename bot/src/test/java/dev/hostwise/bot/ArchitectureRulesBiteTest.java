package dev.hostwise.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hostwise.bot.archcyclea.A;
import dev.hostwise.bot.archcycleb.B;
import dev.hostwise.bot.conversation.archfixture.CoreThatImportsSlack;
import dev.hostwise.bot.slack.archfixture.SlackThatImportsTheWeb;
import dev.hostwise.bot.slack.blocks.SlackIds;
import dev.hostwise.bot.web.WebSettings;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules catch what they are for: each is run over a few test-only classes that break
 * it (they live in the test sources, which {@link ArchitectureTest} leaves out), and over the real
 * classes, which include the knowledge and rules modules.
 */
class ArchitectureRulesBiteTest {

    @Test
    void aSurfaceImportingAnotherIsCaught() {
        JavaClasses classes = new ClassFileImporter().importClasses(SlackThatImportsTheWeb.class, WebSettings.class);
        assertThat(ArchitectureTest.surfacesNeverImportEachOther.evaluate(classes).hasViolation()).isTrue();
    }

    @Test
    void theCoreImportingASurfaceIsCaught() {
        JavaClasses classes = new ClassFileImporter().importClasses(CoreThatImportsSlack.class, SlackIds.class);
        assertThat(ArchitectureTest.theCoreImportsNoSurface.evaluate(classes).hasViolation()).isTrue();
    }

    @Test
    void aPackageCycleIsCaught() {
        JavaClasses classes = new ClassFileImporter().importClasses(A.class, B.class);
        assertThat(ArchitectureTest.theBotsPackagesAreFreeOfCycles.evaluate(classes).hasViolation()).isTrue();
    }

    @Test
    void theRealClassesIncludeEveryModuleAndKeepEveryRule() {
        JavaClasses real = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hostwise");
        assertThat(real.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("knowledge", "rules", "bot");
        assertThat(ArchitectureTest.knowledgeAndRulesNeverImportBot.evaluate(real).hasViolation()).isFalse();
        assertThat(ArchitectureTest.surfacesNeverImportEachOther.evaluate(real).hasViolation()).isFalse();
    }
}
