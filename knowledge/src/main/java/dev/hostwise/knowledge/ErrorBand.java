package dev.hostwise.knowledge;

import java.util.List;

/**
 * How far the estimator landed from published measurements like this estimate, taken from its own
 * accuracy table (every calibration and check row of the catalog, estimated the way a user would ask):
 * "estimated, ±{@code percent}% against {@code rows} measured rows".
 *
 * @param percent         the largest miss among those rows, rounded up to a whole percent
 * @param rows            how many measured rows the band rests on
 * @param scope           which rows: the estimate's GPU class and regime when at least three rows share
 *                        them, else its class, else every row; e.g. "hopper GPUs, memory-bound"
 * @param extrapolated    true when the estimate runs past the measured evidence (a model family or GPU
 *                        class, or a GPU count on an interconnect, with no measured row)
 * @param outsideEvidence what no measured row covers, one sentence each; empty when nothing
 */
public record ErrorBand(int percent, int rows, String scope, boolean extrapolated, List<String> outsideEvidence) {

    public ErrorBand {
        outsideEvidence = List.copyOf(outsideEvidence);
    }

    /** "±24% against 9 measured rows (hopper GPUs, memory-bound)". */
    public String describe() {
        return "±" + percent + "% against " + rows + " measured rows (" + scope + ")";
    }
}
