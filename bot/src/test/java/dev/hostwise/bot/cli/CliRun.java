package dev.hostwise.bot.cli;

import dev.hostwise.bot.Env;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the real command line in-process and captures what a user would see. Verdicts go to an H2
 * database in a temporary directory, never into the working tree.
 */
record CliRun(int exitCode, String out, String err) {

    static final Path DATA_DIR = tempDir();

    static Env env() {
        return Env.system().with("HOSTWISE_DATA_DIR", DATA_DIR.toString());
    }

    static CliRun of(String... args) {
        return run(env(), null, args);
    }

    static CliRun withStdin(String stdin, String... args) {
        return run(env(), stdin, args);
    }

    static synchronized CliRun run(Env env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HostwiseCli.commandLine(env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        InputStream original = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            int code = cl.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("hostwise-cli-test");
            // the H2 files inside make deleteOnExit useless; remove the whole tree when the test JVM ends
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a leftover temp directory is harmless
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
