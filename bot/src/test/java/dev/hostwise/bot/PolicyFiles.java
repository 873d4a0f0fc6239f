package dev.hostwise.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real policy directory (rules and cases), and copies of it that a test may edit. */
public final class PolicyFiles {

    /** rules/policy, seen from the bot module where its tests run. */
    public static final Path POLICY = Path.of("../rules/policy");

    private PolicyFiles() {
    }

    /** Copies every rules file and policy case into {@code to}; returns it. */
    public static Path copyTo(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(POLICY)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(POLICY.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
