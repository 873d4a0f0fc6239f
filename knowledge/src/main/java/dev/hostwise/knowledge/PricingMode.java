package dev.hostwise.knowledge;

/** How the GPUs are paid for. */
public enum PricingMode {
    /** Always-on replicas at the hourly on-demand price. */
    ON_DEMAND("on-demand"),
    /** Always-on replicas on a one-year commitment: cheaper per hour, billed whether used or not. */
    RESERVED("reserved"),
    /** Replicas follow the 24-hour traffic profile, never below the replica floor, at the on-demand price. */
    AUTOSCALED("autoscaled");

    private final String label;

    PricingMode(String label) {
        this.label = label;
    }

    /** The words a person reads, e.g. "on-demand". */
    public String label() {
        return label;
    }
}
