package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pages stay in templates: no Java string under {@code web/} holds an HTML tag (markup goes into
 * {@code bot/src/main/jte}, where jte escapes every value), the templates need nothing the content
 * security policy forbids and never switch escaping off, and each template is a class compiled at
 * build time, with no template compiler shipped to compile one at run time.
 */
class HtmlLivesInTemplatesTest {

    /** The web surface's Java sources (tests run in the bot module's directory). */
    static final Path WEB_SOURCES = Path.of("src", "main", "java", "dev", "hostwise", "bot", "web");
    static final Path TEMPLATES = Path.of("src", "main", "jte");

    @Test
    void noJavaStringUnderWebHoldsAnHtmlTag() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : files(WEB_SOURCES, ".java")) {
            for (JavaStringLiterals.Literal l : JavaStringLiterals.of(Files.readString(file))) {
                if (l.hasHtmlTag()) {
                    offenders.add(WEB_SOURCES.relativize(file) + ":" + l.line() + ": \"" + l.text() + "\"");
                }
            }
        }
        assertThat(offenders).as("HTML assembled in Java strings; put the markup in a template under %s "
                + "(README, The shape of the code: pages and templates)", TEMPLATES).isEmpty();
    }

    @Test
    void theCheckFindsTagsInStringsAndTextBlocksButNotInCommentsOrComparisons() {
        String source = """
                /** A page. <p>Javadoc is not markup the code assembles: {@code <li>}. */
                class Page {
                    // "<div>" in a comment is fine too
                    String ok = "a < b, x<3, <https://example.com|link>, <@U123> and <!here>";
                    char lt = '<';
                    String item = "<li>" + text + "</li>";
                    String escaped = "say \\"<b>\\"";
                    String block = \"""
                            <svg xmlns="http://www.w3.org/2000/svg">
                            \""";
                    String doc = "<!doctype html>";
                    String tag = "<input type=\\"text\\">";
                }
                """;
        List<JavaStringLiterals.Literal> found = JavaStringLiterals.of(source).stream()
                .filter(JavaStringLiterals.Literal::hasHtmlTag).toList();
        assertThat(found).extracting(JavaStringLiterals.Literal::line).containsExactly(6, 6, 7, 8, 11, 12);
    }

    @Test
    void theTemplatesNeedNothingTheCspForbidsAndNeverSwitchEscapingOff() throws IOException {
        // the CSP allows no inline script or style; $unsafe{} would print a value unescaped
        Pattern forbidden = Pattern.compile("<script|<style|\\sstyle=|\\son[a-z]+=|javascript:|\\$unsafe\\{",
                Pattern.CASE_INSENSITIVE);
        List<Path> templates = files(TEMPLATES, ".jte");
        assertThat(templates).extracting(p -> TEMPLATES.relativize(p).toString().replace('\\', '/'))
                .contains("layout.jte", "verdict.jte", "scenarioForm.jte", "message.jte", "costChart.jte");
        for (Path t : templates) {
            assertThat(forbidden.matcher(Files.readString(t)).find()).as(t.toString()).isFalse();
        }
    }

    @Test
    void everyTemplateIsACompiledClassAndNoTemplateCompilerShips() throws IOException {
        for (Path t : files(TEMPLATES, ".jte")) {
            Path relative = TEMPLATES.relativize(t);
            String name = relative.getFileName().toString().replace(".jte", "");
            String pkg = relative.getParent() == null ? "" : "." + relative.getParent().toString().replace('/', '.').replace('\\', '.');
            // jte's precompiled name for dir/name.jte
            String className = Pages.TEMPLATES + pkg + ".Jte" + name + "Generated";
            assertThat(exists(className)).as(className).isTrue();
        }
        // only jte-runtime is a dependency: a template that was not compiled at build time cannot be compiled later
        assertThatThrownBy(() -> Class.forName("gg.jte.compiler.TemplateCompiler")).isInstanceOf(ClassNotFoundException.class);
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
