package dev.hostwise.knowledge.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The efficiencies one class of GPU reaches in the engines measured on it: the share of peak memory
 * bandwidth a decode step's reads achieve (MBU), and the share of peak dense tensor throughput the
 * matrix products achieve (MFU, at whichever precision the GPU computes in). A class with no
 * measured row borrows another's figures and says so.
 *
 * @param name     the class GPUs name as their {@code architecture}, e.g. {@code hopper}
 * @param borrows  the class whose figures stand in, when this one has no measured row
 * @param mfuScale for a borrowing class, what its MFU is relative to the lender's, when a source
 *                 measures the two side by side (e.g. a matrix-multiply benchmark on both); 1 when absent
 * @param rows     ids of the measured rows mbu and mfu were fitted to
 */
public record GpuClassCalibration(
        @JsonProperty(value = "class", required = true) String name,
        @JsonProperty(required = true) String description,
        Double mbu,
        Double mfu,
        String borrows,
        Double mfuScale,
        List<String> rows,
        @JsonProperty(required = true) String source) {

    public GpuClassCalibration {
        CatalogChecks.id(name);
        CatalogChecks.source(description);
        CatalogChecks.source(source);
        rows = rows == null ? List.of() : List.copyOf(rows);
        if (mfuScale != null) {
            if (borrows == null) {
                throw new IllegalArgumentException("class " + name + " gives mfuScale but borrows nothing; a scale applies to a lender's mfu");
            }
            CatalogChecks.fraction("mfuScale", mfuScale);
        }
        if (borrows == null) {
            if (mbu == null || mfu == null) {
                throw new IllegalArgumentException("class " + name + " needs mbu and mfu, or borrows: another class");
            }
            CatalogChecks.fraction("mbu", mbu);
            CatalogChecks.fraction("mfu", mfu);
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("class " + name + " gives mbu and mfu but no rows they were fitted to;"
                        + " a class without measured rows borrows another's");
            }
        } else {
            CatalogChecks.id(borrows);
            if (mbu != null || mfu != null) {
                throw new IllegalArgumentException("class " + name + " borrows " + borrows + " and also gives its own mbu or mfu; choose one");
            }
            if (!rows.isEmpty()) {
                throw new IllegalArgumentException("class " + name + " borrows " + borrows + " but cites measured rows; a class with"
                        + " rows gives its own mbu and mfu");
            }
        }
    }

    /** True when measured rows were fitted for this class itself. */
    public boolean measured() {
        return borrows == null;
    }
}
