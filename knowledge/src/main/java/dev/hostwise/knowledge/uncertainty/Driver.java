package dev.hostwise.knowledge.uncertainty;

/**
 * How strongly one uncertain input moves the daily saving across the draws: Spearman's rank
 * correlation, so a step function (replicas are bought whole) counts as fully as a straight line.
 *
 * @param input           the scenario field, by its JSON name
 * @param rankCorrelation from -1 (the saving falls as the input rises) to 1 (it rises with it)
 * @param basis           where the input's range came from
 */
public record Driver(String input, double rankCorrelation, String basis) {
}
