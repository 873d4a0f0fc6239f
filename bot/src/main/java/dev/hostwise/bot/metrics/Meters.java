package dev.hostwise.bot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * The application's metrics, served at {@code GET /metrics} in Prometheus' text format: what Hostwise
 * counts (verdicts, saves, Slack calls, reloads) beside the JVM's own meters. One registry per
 * {@code Hostwise}, passed to whatever records into it; never a global one.
 */
public final class Meters implements AutoCloseable {

    /** Prometheus' text exposition format, which every scraper reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Only with the JVM's meters: making one looks the collectors up through JMX, a cost a one-off command skips. */
    private final Optional<JvmGcMetrics> gc;

    public Meters() {
        this(true);
    }

    private Meters(boolean jvm) {
        gc = jvm ? Optional.of(new JvmGcMetrics()) : Optional.empty();
        if (jvm) {
            new JvmMemoryMetrics().bindTo(registry);
            gc.get().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }
    }

    /**
     * Hostwise's own meters only: for a command that ends in a second and is never scraped, where
     * binding the JVM's meters (through JMX) would only lengthen the start.
     */
    public static Meters withoutJvmMeters() {
        return new Meters(false);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter, in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.ifPresent(JvmGcMetrics::close);
        registry.close();
    }
}
