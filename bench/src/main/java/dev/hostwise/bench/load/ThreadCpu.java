package dev.hostwise.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU time per group of threads over a phase, from Linux's /proc/self/task (so the JIT compiler and
 * GC threads count too). Tells whether the cores went to the load generator, the request path, the
 * verdict workers or the compiler. Empty where /proc is not available.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final Map<String, Long> start;
    private final Function<String, String> group;

    private ThreadCpu(Function<String, String> group) {
        this.group = group;
        this.start = snapshot();
    }

    /** Starts measuring; {@code group} names the group of a thread from its name. */
    static ThreadCpu start(Function<String, String> group) {
        return new ThreadCpu(group);
    }

    /** CPU seconds per group since the start, largest first. */
    Map<String, Double> stop() {
        Map<String, Long> end = snapshot();
        Map<String, Double> byGroup = new TreeMap<>();
        end.forEach((key, ticks) -> {
            String name = key.substring(key.indexOf(' ') + 1);
            long used = ticks - start.getOrDefault(key, 0L);
            if (used > 0) {
                byGroup.merge(group.apply(name), used / TICKS_PER_SECOND, Double::sum);
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** "tid name" -> utime + stime, in ticks. */
    private static Map<String, Long> snapshot() {
        Map<String, Long> out = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            list.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
