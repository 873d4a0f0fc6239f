package dev.hostwise.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The shape the code must keep, checked on every build (ArchUnit, over the main classes of knowledge,
 * rules and bot):
 * <ul>
 * <li>a surface (a chat platform, the web, the CLI) never imports another surface;</li>
 * <li>the conversation core imports no surface, and nothing that wires them ({@code serve});</li>
 * <li>{@code knowledge} and {@code rules} never import {@code bot}, and {@code knowledge} never imports {@code rules};</li>
 * <li>no package cycles: between the modules, and between the bot's packages;</li>
 * <li>a platform's SDK is used by its own surface only.</li>
 * </ul>
 * A new chat platform adds its package to {@link #SURFACES}. ArchUnit reads bytecode, where javac has
 * inlined compile-time constants: a reference to another package's {@code static final String} alone is
 * invisible to these rules. {@link ArchitectureRulesBiteTest} shows each rule catching a real breach.
 */
@AnalyzeClasses(packages = "dev.hostwise", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The packages that translate one platform (or the web, or the command line) to the core and back. */
    static final List<String> SURFACES = List.of("slack", "mattermost", "web", "cli");

    private static final String BOT = "dev.hostwise.bot.";

    @ArchTest
    static final ArchRule surfacesNeverImportEachOther = CompositeArchRule.of(SURFACES.stream()
            .map(s -> noClasses().that().resideInAPackage(BOT + s + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(SURFACES.stream().filter(o -> !o.equals(s))
                            .map(o -> BOT + o + "..").toArray(String[]::new))
                    .as("the " + s + " surface imports no other surface")
                    // a build (or a test) may hold classes of some surfaces only
                    .allowEmptyShould(true))
            .map(r -> (ArchRule) r).toList())
            .as("a surface never imports another surface");

    @ArchTest
    static final ArchRule theCoreImportsNoSurface = noClasses().that().resideInAPackage(BOT + "conversation..")
            .should().dependOnClassesThat().resideInAnyPackage(SURFACES.stream().map(s -> BOT + s + "..").toArray(String[]::new))
            .orShould().dependOnClassesThat().resideInAPackage(BOT + "serve..")
            .because("the conversation core is chat-neutral: surfaces depend on it, never the other way");

    @ArchTest
    static final ArchRule knowledgeAndRulesNeverImportBot = noClasses()
            .that().resideInAnyPackage("dev.hostwise.knowledge..", "dev.hostwise.rules..")
            .should().dependOnClassesThat().resideInAPackage("dev.hostwise.bot..")
            .because("dependencies run bot -> rules -> knowledge");

    @ArchTest
    static final ArchRule knowledgeNeverImportsRules = noClasses().that().resideInAPackage("dev.hostwise.knowledge..")
            .should().dependOnClassesThat().resideInAPackage("dev.hostwise.rules..")
            .because("dependencies run bot -> rules -> knowledge");

    @ArchTest
    static final ArchRule theModulesAreFreeOfCycles = slices().matching("dev.hostwise.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theBotsPackagesAreFreeOfCycles = slices().matching("dev.hostwise.bot.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule slacksSdkStaysInTheSlackSurface = noClasses().that().resideOutsideOfPackage(BOT + "slack..")
            .should().dependOnClassesThat().resideInAPackage("com.slack..")
            .because("a platform's SDK is its surface's business; the core and the other surfaces speak neutral types");
}
