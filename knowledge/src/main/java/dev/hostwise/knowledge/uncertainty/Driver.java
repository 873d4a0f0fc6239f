package dev.hostwise.knowledge.uncertainty;

/**
 * How strongly one uncertain input moves the daily saving across the draws: Spearman's rank
 * correlation, so a step function (replicas are bought whole) counts as fully as a straight line.
 * Rules see each driver as a fact; {@code rank == 1} is the input whose measurement would narrow the
 * spread most.
 *
 * @param input           the scenario field, by its JSON name
 * @param rank            1 for the strongest driver, 2 for the next, ...
 * @param rankCorrelation from -1 (the saving falls as the input rises) to 1 (it rises with it)
 * @param basis           where the input's range came from
 */
public record Driver(String input, int rank, double rankCorrelation, String basis) {

    /** The correlation's strength whatever its sign. */
    public double strength() {
        return Math.abs(rankCorrelation);
    }
}
