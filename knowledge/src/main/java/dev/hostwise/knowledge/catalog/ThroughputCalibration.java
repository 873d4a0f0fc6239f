package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The throughput estimator's settings, each with its source: nominal MBU and MFU, the share of GPU
 * memory kept back from the KV cache, the efficiency lost to tensor parallelism and to quantised
 * kernels, and the measured rows those efficiencies were fitted to.
 */
public record ThroughputCalibration(
        @JsonProperty(required = true) LocalDate updated,
        @JsonProperty(required = true) double mbu,
        @JsonProperty(required = true) double mfu,
        @JsonProperty(required = true) String utilisationSource,
        @JsonProperty(required = true) double memoryReserveFraction,
        @JsonProperty(required = true) String memoryReserveSource,
        @JsonProperty(required = true) List<TensorParallelEfficiency> tensorParallel,
        @JsonProperty(required = true) List<PrecisionEfficiency> precision,
        @JsonProperty(required = true) List<MeasuredThroughput> rows) {

    public ThroughputCalibration {
        CatalogChecks.present("tensorParallel", tensorParallel);
        CatalogChecks.present("precision", precision);
        CatalogChecks.present("rows", rows);
        CatalogChecks.fraction("mbu", mbu);
        CatalogChecks.fraction("mfu", mfu);
        CatalogChecks.source(utilisationSource);
        if (!(memoryReserveFraction >= 0 && memoryReserveFraction < 1)) {
            throw new IllegalArgumentException("memoryReserveFraction must be 0 or more and below 1, got " + memoryReserveFraction);
        }
        CatalogChecks.source(memoryReserveSource);
        tensorParallel = tensorParallel.stream().sorted(Comparator.comparingInt(TensorParallelEfficiency::gpus)).toList();
        if (tensorParallel.isEmpty() || tensorParallel.get(0).gpus() != 1) {
            throw new IllegalArgumentException("tensorParallel must start with an entry for 1 GPU");
        }
        for (int i = 1; i < tensorParallel.size(); i++) {
            if (tensorParallel.get(i).gpus() == tensorParallel.get(i - 1).gpus()) {
                throw new IllegalArgumentException("tensorParallel lists " + tensorParallel.get(i).gpus() + " GPUs twice");
            }
        }
        Map<Precision, PrecisionEfficiency> byPrecision = new EnumMap<>(Precision.class);
        for (PrecisionEfficiency p : precision) {
            if (byPrecision.put(p.precision(), p) != null) {
                throw new IllegalArgumentException("precision lists " + p.precision() + " twice");
            }
        }
        for (Precision p : Precision.values()) {
            if (!byPrecision.containsKey(p)) {
                throw new IllegalArgumentException("precision has no entry for " + p + "; every precision needs one");
            }
        }
        precision = List.copyOf(precision);
        rows = List.copyOf(rows);
    }

    /**
     * Efficiency at this many GPUs per replica: the listed point, else interpolated linearly in
     * log2(GPUs) between neighbours, and held at the last point beyond it.
     */
    public double tensorParallelEfficiency(int gpus) {
        TensorParallelEfficiency below = tensorParallel.get(0);
        for (TensorParallelEfficiency p : tensorParallel) {
            if (p.gpus() == gpus) {
                return p.efficiency();
            }
            if (p.gpus() > gpus) {
                double t = (log2(gpus) - log2(below.gpus())) / (log2(p.gpus()) - log2(below.gpus()));
                return below.efficiency() + t * (p.efficiency() - below.efficiency());
            }
            below = p;
        }
        return below.efficiency();
    }

    public double precisionEfficiency(Precision p) {
        return precision.stream().filter(e -> e.precision() == p).findFirst().orElseThrow().efficiency();
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }
}
