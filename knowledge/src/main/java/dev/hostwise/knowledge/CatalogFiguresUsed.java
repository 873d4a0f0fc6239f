package dev.hostwise.knowledge;

import dev.hostwise.knowledge.catalog.AsOf;
import dev.hostwise.knowledge.catalog.Catalog;
import dev.hostwise.knowledge.catalog.Gpu;
import dev.hostwise.knowledge.catalog.GpuPrice;
import dev.hostwise.knowledge.catalog.HostedModel;
import dev.hostwise.knowledge.catalog.MeasuredThroughput;
import dev.hostwise.knowledge.catalog.TensorParallelEfficiency;
import dev.hostwise.knowledge.catalog.ThroughputCalibration;
import dev.hostwise.knowledge.evidence.LoadTestRun;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which catalog figures a priced scenario rests on, and how old each is on the decision's date.
 * A price counts as the catalog's when the scenario's value is that catalog entry's value: the reader
 * filled it in, or the user typed the same figure. Either way the verdict rests on it, so its verify
 * mark and its age matter. An estimated throughput rests on the measured rows its calibration cites.
 */
public final class CatalogFiguresUsed {

    private final Catalog catalog;
    private final StaleAfter staleAfter;

    public CatalogFiguresUsed(Catalog catalog) {
        this(catalog, StaleAfter.DEFAULT);
    }

    public CatalogFiguresUsed(Catalog catalog, StaleAfter staleAfter) {
        this.catalog = catalog;
        this.staleAfter = staleAfter;
    }

    /** The limit figures are checked against. */
    public StaleAfter staleAfter() {
        return staleAfter;
    }

    /** The figures a decision on {@code decidedOn} rests on, each dated and checked for staleness. */
    public List<CatalogFigure> in(Scenario s, Figures f, LocalDate decidedOn) {
        Dating dating = new Dating(decidedOn);
        List<CatalogFigure> used = new ArrayList<>();
        Optional<Gpu> gpu = s.gpuType() == null ? Optional.empty() : catalog.gpu(s.gpuType());
        gpu.ifPresent(g -> {
            gpuPrice(g, s, dating).ifPresent(used::add);
            if (f.estimate() != null) {
                // specs carry no date of their own; the catalog's date stands in, and they never go stale
                used.add(dating.figure(CatalogFigure.Kind.GPU_SPECS, g.name() + " specs",
                        String.format(Locale.ROOT, "%.0f GB, %.0f GB/s, %.0f dense FP16 TFLOPS",
                                g.memoryGB(), g.hbmGBps(), g.fp16DenseTflops()),
                        g.source(), new AsOf("catalog of " + catalog.date(), catalog.date()), g.verify()));
            }
        });
        if (s.hostedModel() != null && s.hasPriceSplit()) {
            catalog.hostedModel(s.hostedModel())
                    .filter(m -> m.inputPer1M() == s.hostedInputPricePer1M() && m.outputPer1M() == s.hostedOutputPricePer1M())
                    .map(m -> hostedPrice(m, dating))
                    .ifPresent(used::add);
        }
        if (f.estimate() != null) {
            rowsBehind(f.estimate().gpusPerReplica(), s.precision()).forEach(r -> used.add(throughputRow(r, dating)));
        }
        if (f.throughputEvidence() != null) {
            used.add(loadTest(f.throughputEvidence(), dating));
        }
        return used;
    }

    /**
     * Every price and measurement the catalog would put into a decision: each GPU's default on-demand
     * and reserved price (what naming a {@code gpuType} fills in), every hosted model's prices, and
     * every measured row an efficiency was fitted to. Other listed prices are alternatives a user may
     * type, not figures the catalog supplies, so they do not count.
     */
    public List<CatalogFigure> inUse(LocalDate today) {
        Dating dating = new Dating(today);
        List<CatalogFigure> figures = new ArrayList<>();
        for (Gpu g : catalog.gpus()) {
            g.defaultOnDemand().ifPresent(p -> figures.add(gpuFigure(g, p, CatalogFigure.Kind.GPU_PRICE, dating)));
            g.defaultReserved().ifPresent(p -> figures.add(gpuFigure(g, p, CatalogFigure.Kind.RESERVED_GPU_PRICE, dating)));
        }
        catalog.hostedModels().forEach(m -> figures.add(hostedPrice(m, dating)));
        citedRows().forEach(r -> figures.add(throughputRow(r, dating)));
        return figures;
    }

    /** The oldest of {@link #inUse}: the figure most in need of a fresh look. */
    public Optional<CatalogFigure> oldestInUse(LocalDate today) {
        return inUse(today).stream()
                .min(Comparator.comparing((CatalogFigure c) -> c.asOf().latest()).thenComparing(CatalogFigure::what));
    }

    private Optional<CatalogFigure> gpuPrice(Gpu g, Scenario s, Dating dating) {
        boolean reserved = s.pricingMode() == PricingMode.RESERVED;
        Optional<GpuPrice> match = g.prices().stream()
                .filter(p -> p.pricingType().equals(reserved ? "reserved" : "on-demand")
                        && p.usdPerGpuHour() == s.gpuDollarsPerHour())
                .findFirst();
        if (match.isPresent()) {
            return match.map(p -> gpuFigure(g, p, reserved ? CatalogFigure.Kind.RESERVED_GPU_PRICE : CatalogFigure.Kind.GPU_PRICE, dating));
        }
        if (!reserved) {
            return Optional.empty();
        }
        // a reservation priced at an on-demand rate: the reader's fallback when the catalog has no
        // reserved price for this GPU, or the user typed the on-demand figure although it has one
        CatalogFigure.Kind kind = g.defaultReserved().isEmpty()
                ? CatalogFigure.Kind.ON_DEMAND_PRICE_FOR_RESERVATION : CatalogFigure.Kind.GPU_PRICE;
        return g.prices().stream()
                .filter(p -> p.pricingType().equals("on-demand") && p.usdPerGpuHour() == s.gpuDollarsPerHour())
                .findFirst()
                .map(p -> gpuFigure(g, p, kind, dating));
    }

    private static CatalogFigure gpuFigure(Gpu g, GpuPrice p, CatalogFigure.Kind kind, Dating dating) {
        return dating.figure(kind, g.name() + " " + p.pricingType() + " price",
                String.format(Locale.ROOT, "$%.2f per GPU-hour at %s", p.usdPerGpuHour(), p.provider()),
                p.source(), p.asOf(), p.verify());
    }

    private static CatalogFigure hostedPrice(HostedModel m, Dating dating) {
        return dating.figure(CatalogFigure.Kind.HOSTED_PRICE, m.name() + " price",
                String.format(Locale.ROOT, "%s in / %s out per 1M tokens at %s", Money.per1M(m.inputPer1M()),
                        Money.per1M(m.outputPer1M()), m.provider()),
                m.source(), m.asOf(), m.needsVerification());
    }

    private static CatalogFigure throughputRow(MeasuredThroughput r, Dating dating) {
        String metric = r.metric() == MeasuredThroughput.Metric.DECODE_TOKENS_PER_SECOND_PER_SEQUENCE
                ? "tokens/s per sequence" : "tokens/s across the batch";
        return dating.figure(CatalogFigure.Kind.THROUGHPUT_ROW,
                String.format(Locale.ROOT, "measured throughput '%s', %s on %d x %s with %s", r.id(), r.model(), r.gpus(),
                        r.gpu(), r.engine()),
                String.format(Locale.ROOT, "%s %s %s",
                        new java.math.BigDecimal(Double.toString(r.value())).stripTrailingZeros().toPlainString(), metric,
                        // rows from max-load benchmarks (trtllm-bench) record no concurrency
                        r.concurrency() == null ? "at the engine's maximum load" : "at concurrency " + r.concurrency()),
                r.source(), r.asOf(), false);
    }

    /** The team's own load test, dated by the day it ran: it ages like any measurement. */
    private static CatalogFigure loadTest(LoadTestRun r, Dating dating) {
        return dating.figure(CatalogFigure.Kind.THROUGHPUT_ROW,
                String.format(Locale.ROOT, "measured throughput of %s, %s on %s", r.shortId(), r.model(), r.configuration()),
                String.format(Locale.ROOT, "%s requests/s at %d in flight", plainNumber(r.requestsPerSecond()), r.concurrency()),
                "load test imported with hostwise measure import (" + r.file() + ", evidence " + r.evidenceId() + ")",
                AsOf.of(r.measuredOn()), false);
    }

    private static String plainNumber(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /**
     * The measured rows the estimate's efficiencies were fitted to: the tensor-parallel point(s) used
     * for this many GPUs (both neighbours when interpolated, the last when beyond it) and the
     * precision's factor. One GPU at 16 bits rests on none.
     */
    private List<MeasuredThroughput> rowsBehind(int gpus, Precision precision) {
        ThroughputCalibration c = catalog.calibration();
        Set<String> ids = new LinkedHashSet<>();
        List<TensorParallelEfficiency> points = c.tensorParallel();
        TensorParallelEfficiency below = points.get(0);
        boolean found = false;
        for (TensorParallelEfficiency p : points) {
            if (p.gpus() == gpus) {
                ids.addAll(p.rows());
                found = true;
                break;
            }
            if (p.gpus() > gpus) {
                ids.addAll(below.rows());
                ids.addAll(p.rows());
                found = true;
                break;
            }
            below = p;
        }
        if (!found) {
            ids.addAll(points.get(points.size() - 1).rows());
        }
        c.precision().stream().filter(p -> p.precision() == precision).forEach(p -> ids.addAll(p.rows()));
        return c.rows().stream().filter(r -> ids.contains(r.id())).toList();
    }

    /** Every row an efficiency cites, once. */
    private List<MeasuredThroughput> citedRows() {
        ThroughputCalibration c = catalog.calibration();
        Set<String> ids = new LinkedHashSet<>();
        c.tensorParallel().forEach(p -> ids.addAll(p.rows()));
        c.precision().forEach(p -> ids.addAll(p.rows()));
        return c.rows().stream().filter(r -> ids.contains(r.id())).toList();
    }

    /** Dates figures against one decision day and the configured limit. */
    private final class Dating {
        private final LocalDate on;

        Dating(LocalDate on) {
            this.on = on;
        }

        CatalogFigure figure(CatalogFigure.Kind kind, String what, String value, String source, AsOf asOf, boolean verify) {
            boolean stale = kind.ages() && staleAfter.isStale(asOf, on);
            return new CatalogFigure(kind, what, value, source, asOf, verify, asOf.ageInDays(on), stale, staleAfter.days());
        }
    }

    /** Figure text: at least two decimals (cents), more only where the price has them ($0.075). */
    static final class Money {
        private Money() {
        }

        static String per1M(double usd) {
            return "$" + plain(usd);
        }

        static String plain(double v) {
            java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
            return (d.scale() < 2 ? d.setScale(2) : d).toPlainString();
        }
    }
}
