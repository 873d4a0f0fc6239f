package dev.hostwise.knowledge;

/**
 * What one replica is asked to serve, as the throughput estimate needs it.
 *
 * @param splitAssumed   true when only {@code tokensPerRequest} was given and the prompt/completion
 *                       split was assumed ({@link #ASSUMED_OUTPUT_SHARE} of the tokens are completion)
 * @param contextTokens  tokens one request holds in the KV cache at its longest
 * @param maxConcurrency a cap on the batch, or null for none
 */
public record Workload(int inputTokens, int outputTokens, boolean splitAssumed, int contextTokens,
                       double maxSecondsPerRequest, Integer maxConcurrency) {

    /**
     * Share of a request's tokens taken to be completion when no split is given: a RAG-style call
     * reads far more than it writes (the field table's own example is 900 in, 300 out).
     */
    public static final double ASSUMED_OUTPUT_SHARE = 0.25;

    public static Workload of(Scenario s) {
        return of(s.inputTokens(), s.outputTokens(), s.tokensPerRequest(), s.contextTokens(),
                s.maxSecondsPerRequest(), s.maxConcurrency());
    }

    /** Fills the split and the context from what was given; shared by validation and estimation. */
    public static Workload of(Integer inputTokens, Integer outputTokens, int tokensPerRequest, Integer contextTokens,
                              double maxSecondsPerRequest, Integer maxConcurrency) {
        boolean given = inputTokens != null && outputTokens != null;
        int out = given ? outputTokens : (int) Math.max(1, Math.round(tokensPerRequest * ASSUMED_OUTPUT_SHARE));
        int in = given ? inputTokens : Math.max(0, tokensPerRequest - out);
        // summed in 64 bits; a context past an int's range (only from a scenario the reader's bounds never let in) is held at it
        int context = contextTokens != null ? contextTokens : (int) Math.min(Integer.MAX_VALUE, Math.max(1, (long) in + out));
        return new Workload(in, out, !given, context, maxSecondsPerRequest, maxConcurrency);
    }

    /** Tokens one request uses, prompt plus completion, summed in 64 bits. */
    public long requestTokens() {
        return (long) inputTokens + outputTokens;
    }

    /**
     * Mean context in the KV cache over a request's decode: the completion grows from nothing to
     * its full length, so on average half of it is there.
     */
    public double meanDecodeContext() {
        return Math.max(1, contextTokens - outputTokens / 2.0);
    }
}
