package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostwise.knowledge.Precision;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The throughput estimator's settings, each with its source and the measured rows it was fitted to:
 * per GPU class the memory-bandwidth and compute utilisation reached (MBU, MFU); the share of MFU
 * decode's small matrix products reach ({@code decodeComputeEfficiency}); per interconnect the
 * efficiency left after tensor parallelism; per compressed format what dequantising costs; what
 * mixture-of-experts layers cost; and the share of memory kept back from the KV cache.
 */
public record ThroughputCalibration(
        @JsonProperty(required = true) LocalDate updated,
        @JsonProperty(required = true) double memoryReserveFraction,
        @JsonProperty(required = true) String memoryReserveSource,
        @JsonProperty(required = true) String kvCacheSource,
        @JsonProperty(required = true) List<GpuClassCalibration> classes,
        @JsonProperty(required = true) double decodeComputeEfficiency,
        @JsonProperty(required = true) List<String> decodeComputeRows,
        @JsonProperty(required = true) String decodeComputeSource,
        @JsonProperty(required = true) List<TensorParallelEfficiency> tensorParallel,
        @JsonProperty(required = true) List<PrecisionEfficiency> precision,
        @JsonProperty(required = true) MoeCalibration moe,
        @JsonProperty(required = true) List<MeasuredThroughput> rows) {

    /** Formats a GPU may dequantise in its kernels: each needs an efficiency. */
    public static final Set<Precision> DEQUANTISED = Set.of(Precision.INT8, Precision.INT4, Precision.MXFP4);

    public ThroughputCalibration {
        CatalogChecks.present("classes", classes);
        CatalogChecks.present("tensorParallel", tensorParallel);
        CatalogChecks.present("precision", precision);
        CatalogChecks.present("moe", moe);
        CatalogChecks.present("rows", rows);
        if (!(memoryReserveFraction >= 0 && memoryReserveFraction < 1)) {
            throw new IllegalArgumentException("memoryReserveFraction must be 0 or more and below 1, got " + memoryReserveFraction);
        }
        CatalogChecks.source(memoryReserveSource);
        CatalogChecks.source(kvCacheSource);
        CatalogChecks.fraction("decodeComputeEfficiency", decodeComputeEfficiency);
        CatalogChecks.present("decodeComputeRows", decodeComputeRows);
        decodeComputeRows = List.copyOf(decodeComputeRows);
        CatalogChecks.source(decodeComputeSource);
        classes = List.copyOf(classes);
        Set<String> names = new HashSet<>();
        for (GpuClassCalibration c : classes) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("classes lists " + c.name() + " twice");
            }
        }
        for (GpuClassCalibration c : classes) {
            if (c.borrows() != null) {
                GpuClassCalibration lender = classes.stream().filter(o -> o.name().equals(c.borrows())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("class " + c.name() + " borrows " + c.borrows()
                                + ", which is not listed under classes"));
                if (!lender.measured()) {
                    throw new IllegalArgumentException("class " + c.name() + " borrows " + c.borrows()
                            + ", which itself borrows; lend from a class with measured rows");
                }
            }
        }
        tensorParallel = tensorParallel.stream()
                .sorted(Comparator.comparing(TensorParallelEfficiency::interconnect).thenComparingInt(TensorParallelEfficiency::gpus))
                .toList();
        Set<String> points = new HashSet<>();
        for (TensorParallelEfficiency p : tensorParallel) {
            if (!points.add(p.gpuClass() + "/" + p.interconnect() + "/" + p.gpus())) {
                throw new IllegalArgumentException("tensorParallel lists " + p.gpus() + " GPUs on " + p.interconnect()
                        + (p.gpuClass() == null ? "" : " for " + p.gpuClass()) + " twice");
            }
            if (p.gpuClass() != null && !names.contains(p.gpuClass())) {
                throw new IllegalArgumentException("tensorParallel names class " + p.gpuClass() + ", which is not listed under classes");
            }
        }
        for (String kind : Interconnect.KINDS) {
            if (tensorParallel.stream().noneMatch(p -> p.gpuClass() == null && p.interconnect().equals(kind))) {
                throw new IllegalArgumentException("tensorParallel has no default point for " + kind
                        + "; every interconnect needs one (give rows: [] and say it is assumed)");
            }
        }
        Map<Precision, PrecisionEfficiency> byPrecision = new EnumMap<>(Precision.class);
        for (PrecisionEfficiency p : precision) {
            if (!DEQUANTISED.contains(p.precision())) {
                throw new IllegalArgumentException("precision lists " + p.precision() + ", which the GPU computes on directly;"
                        + " only INT8, INT4 and MXFP4 are dequantised and take an efficiency");
            }
            if (byPrecision.put(p.precision(), p) != null) {
                throw new IllegalArgumentException("precision lists " + p.precision() + " twice");
            }
        }
        for (Precision p : DEQUANTISED) {
            if (!byPrecision.containsKey(p)) {
                throw new IllegalArgumentException("precision has no entry for " + p + "; every dequantised format needs one");
            }
        }
        precision = List.copyOf(precision);
        rows = List.copyOf(rows);
    }

    public Optional<GpuClassCalibration> gpuClass(String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The class whose mbu and mfu a GPU of this class uses: itself, or the class it borrows from. */
    public GpuClassCalibration effectiveClass(String name) {
        GpuClassCalibration c = gpuClass(name).orElseThrow(() -> new IllegalArgumentException("no calibration class " + name));
        return c.borrows() == null ? c : gpuClass(c.borrows()).orElseThrow();
    }

    /** The MBU a GPU of this class is estimated at: its own, or its lender's. */
    public double mbuFor(String className) {
        return effectiveClass(className).mbu();
    }

    /** The MFU a GPU of this class is estimated at: its own, or its lender's times the class's mfuScale. */
    public double mfuFor(String className) {
        GpuClassCalibration own = gpuClass(className).orElseThrow(() -> new IllegalArgumentException("no calibration class " + className));
        double scale = own.mfuScale() == null ? 1.0 : own.mfuScale();
        return effectiveClass(className).mfu() * scale;
    }

    /**
     * The tensor-parallel points for a class on an interconnect: the class's own, else the
     * interconnect's defaults.
     */
    public List<TensorParallelEfficiency> tensorParallelPoints(String gpuClass, String interconnect) {
        List<TensorParallelEfficiency> own = new ArrayList<>();
        List<TensorParallelEfficiency> defaults = new ArrayList<>();
        for (TensorParallelEfficiency p : tensorParallel) {
            if (!p.interconnect().equals(interconnect)) {
                continue;
            }
            if (gpuClass.equals(p.gpuClass())) {
                own.add(p);
            } else if (p.gpuClass() == null) {
                defaults.add(p);
            }
        }
        return own.isEmpty() ? defaults : own;
    }

    /**
     * Efficiency at this many GPUs: 1 for one GPU, the listed point, else interpolated linearly in
     * log2(GPUs) between neighbours (one GPU counting as a point at 1.0), held at the last point beyond it.
     */
    public double tensorParallelEfficiency(String gpuClass, String interconnect, int gpus) {
        if (gpus <= 1) {
            return 1.0;
        }
        int belowGpus = 1;
        double below = 1.0;
        for (TensorParallelEfficiency p : tensorParallelPoints(gpuClass, interconnect)) {
            if (p.gpus() == gpus) {
                return p.efficiency();
            }
            if (p.gpus() > gpus) {
                double t = (log2(gpus) - log2(belowGpus)) / (log2(p.gpus()) - log2(belowGpus));
                return below + t * (p.efficiency() - below);
            }
            belowGpus = p.gpus();
            below = p.efficiency();
        }
        return below;
    }

    /** What dequantising this format in the kernel leaves of MBU and MFU. */
    public double dequantisedEfficiency(Precision p) {
        for (PrecisionEfficiency e : precision) {
            if (e.precision() == p) {
                return e.efficiency();
            }
        }
        throw new IllegalArgumentException(p + " is not a dequantised format");
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }
}
