package dev.hostwise.knowledge.uncertainty;

import dev.hostwise.knowledge.CostBasis;
import dev.hostwise.knowledge.HostedPrice;

/**
 * One draw's cost basis while its inputs are being drawn: each drawn value is set here, and the draw is
 * priced once, on a {@link CostBasis} built from it with the same numbers chained {@code with…} calls would
 * give. Chaining made a new basis (and often a new hosted price) for every input of every draw, about
 * 60,000 objects and 5 MB per decision; this makes one or two per draw. Mutable, so it belongs to one run.
 */
public final class DrawnBasis {

    private final CostBasis base;
    private double requestsPerDay;
    private double requestsPerSecond;
    private double utilization;
    private double gpuDollarsPerHour;
    private double opsCostPerMonth;
    private double otherCostPerMonth;
    private double pricePer1kTokens;
    private Double inputPricePer1M;
    private Double outputPricePer1M;
    private boolean hostedPriceDrawn;

    DrawnBasis(CostBasis base) {
        this.base = base;
        reset();
    }

    /** Back to the base's values, for the next draw. */
    void reset() {
        requestsPerDay = base.requestsPerDay();
        requestsPerSecond = base.requestsPerSecond();
        utilization = base.utilization();
        gpuDollarsPerHour = base.gpuDollarsPerHour();
        opsCostPerMonth = base.opsCostPerMonth();
        otherCostPerMonth = base.otherCostPerMonth();
        HostedPrice hosted = base.hostedPrice();
        pricePer1kTokens = hosted.pricePer1kTokens();
        inputPricePer1M = hosted.inputPricePer1M();
        outputPricePer1M = hosted.outputPricePer1M();
        hostedPriceDrawn = false;
    }

    void requestsPerDay(double v) {
        requestsPerDay = v;
    }

    void requestsPerSecond(double v) {
        requestsPerSecond = v;
    }

    void utilization(double v) {
        utilization = v;
    }

    void gpuDollarsPerHour(double v) {
        gpuDollarsPerHour = v;
    }

    void opsCostPerMonth(double v) {
        opsCostPerMonth = v;
    }

    void otherCostPerMonth(double v) {
        otherCostPerMonth = v;
    }

    void pricePer1kTokens(double v) {
        pricePer1kTokens = v;
        hostedPriceDrawn = true;
    }

    void inputPricePer1M(double v) {
        inputPricePer1M = v;
        hostedPriceDrawn = true;
    }

    void outputPricePer1M(double v) {
        outputPricePer1M = v;
        hostedPriceDrawn = true;
    }

    /** The basis this draw prices. */
    CostBasis basis() {
        HostedPrice hosted = base.hostedPrice();
        if (hostedPriceDrawn) {
            hosted = new HostedPrice(hosted.tokensPerRequest(), pricePer1kTokens, hosted.inputTokens(), hosted.outputTokens(),
                    inputPricePer1M, outputPricePer1M);
        }
        return new CostBasis(requestsPerDay, requestsPerSecond, utilization, base.peakToAverage(), base.profile(),
                gpuDollarsPerHour, base.gpusPerReplica(), base.minReplicas(), base.pricingMode(), opsCostPerMonth,
                otherCostPerMonth, hosted);
    }
}
