package dev.hostwise.bot.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what a user would see. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withStdin(null, args);
    }

    static synchronized CliRun withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HostwiseCli.commandLine();
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
}
