package dev.hostwise.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Hostwise's logging, set up in code: parsing a {@code logback.xml} took about a tenth of a second
 * of every command's start, more than anything it configures. Logs go to stderr, so that the JSON
 * output of {@code hostwise decide} keeps stdout clean for pipes; {@code HOSTWISE_LOG_LEVEL} (a system
 * property or environment variable) sets the level, {@code INFO} by default.
 *
 * <p>An explicit configuration still wins: with {@code -Dlogback.configurationFile}, or a
 * {@code logback-test.xml} or {@code logback.xml} on the class path (tests, the benchmarks), this
 * steps aside and logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** Levels below the root's: what would repeat or drown Hostwise's own messages. */
    private static final Map<String, Level> LEVELS = Map.of(
            "org.drools", Level.WARN,
            "org.kie", Level.WARN,
            // Drools logs every build error again; Hostwise reports them itself, with file:line
            "org.drools.compiler.kie.builder.impl", Level.OFF,
            // the pool and migrations speak up only when something is wrong; Hostwise logs the store's state itself
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            // Flyway's connection retries: Hostwise reports an unreachable store itself, in one line
            "org.flywaydb.core.internal.jdbc.JdbcUtils", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LogSetup.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{24} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level(), Level.INFO));
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String level() {
        String level = System.getProperty("HOSTWISE_LOG_LEVEL");
        if (level == null || level.isBlank()) {
            level = System.getenv("HOSTWISE_LOG_LEVEL");
        }
        return level == null || level.isBlank() ? "INFO" : level.trim();
    }
}
