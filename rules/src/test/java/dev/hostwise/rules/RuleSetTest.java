package dev.hostwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled policy reads the same from the application jar as from the rules directory it was copied from. */
class RuleSetTest {

    @TempDir
    Path dir;

    @Test
    void theBundledPolicyReadFromAJarIsTheRulesDirectory() throws IOException {
        RuleSet onDisk = RuleSet.fromDirectory(PolicyCasesTest.POLICY_DIR);
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "hostwise/", null);
            add(out, "hostwise/policy/", null);
            add(out, "hostwise/policy/cases/", null);
            for (Map.Entry<String, String> f : onDisk.drlFiles().entrySet()) {
                add(out, "hostwise/policy/" + f.getKey(), f.getValue());
            }
            for (Map.Entry<String, String> f : onDisk.caseFiles().entrySet()) {
                add(out, "hostwise/policy/" + f.getKey(), f.getValue());
            }
            add(out, "hostwise/policy/" + PolicyConditions.FILE, onDisk.conditionsFile().orElseThrow());
            // neither a rule nor a case: left out, as when reading the directory
            add(out, "hostwise/policy/README.md", "# notes");
            add(out, "hostwise/policy/cases/old/stale.yaml", "cases: []");
            add(out, "hostwise/other/extra.drl", "package x;");
        }

        RuleSet fromJar = RuleSet.fromJar(new URL("jar:" + jar.toUri() + "!/hostwise/policy"));

        assertThat(fromJar.drlFiles()).isEqualTo(onDisk.drlFiles());
        assertThat(fromJar.caseFiles()).isEqualTo(onDisk.caseFiles());
        assertThat(fromJar.conditionsFile()).isPresent().isEqualTo(onDisk.conditionsFile());
        assertThat(fromJar.revision()).isEqualTo(onDisk.revision());
        assertThat(fromJar.origin()).isEqualTo("bundled");
    }

    private static void add(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (text != null) {
            OutputStream o = out;
            o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}
