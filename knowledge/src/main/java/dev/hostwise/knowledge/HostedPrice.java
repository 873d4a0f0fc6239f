package dev.hostwise.knowledge;

/**
 * What one request costs on the hosted API: input and output priced separately when both the
 * tokens and the prices are split, else the blended price on the whole request.
 */
public record HostedPrice(long tokensPerRequest, double pricePer1kTokens,
                          Integer inputTokens, Integer outputTokens,
                          Double inputPricePer1M, Double outputPricePer1M) {

    public static HostedPrice of(Scenario s) {
        return new HostedPrice(s.effectiveTokensPerRequest(), s.hostedPricePer1kTokens(),
                s.inputTokens(), s.outputTokens(), s.hostedInputPricePer1M(), s.hostedOutputPricePer1M());
    }

    /** True when input and output are priced separately. */
    public boolean split() {
        return inputTokens != null && outputTokens != null && inputPricePer1M != null && outputPricePer1M != null;
    }

    public double perRequest() {
        if (split()) {
            // in doubles: tokens times a price never wraps round
            return (double) inputTokens * inputPricePer1M / 1e6 + (double) outputTokens * outputPricePer1M / 1e6;
        }
        return (double) tokensPerRequest / 1000.0 * pricePer1kTokens;
    }

    public HostedPrice withPricePer1kTokens(double price) {
        return new HostedPrice(tokensPerRequest, price, inputTokens, outputTokens, inputPricePer1M, outputPricePer1M);
    }

    public HostedPrice withInputPricePer1M(double price) {
        return new HostedPrice(tokensPerRequest, pricePer1kTokens, inputTokens, outputTokens, price, outputPricePer1M);
    }

    public HostedPrice withOutputPricePer1M(double price) {
        return new HostedPrice(tokensPerRequest, pricePer1kTokens, inputTokens, outputTokens, inputPricePer1M, price);
    }
}
