package dev.renown.core.validation;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Evaluation} found: how well each ranking of the accounts active before the split
 * predicted what happened in the test period.
 *
 * @param splitMillis           the split {@code T}: training strictly before, test from it
 * @param horizon               length of the test period
 * @param accounts              accounts active in the training window (the population ranked)
 * @param engagedAccounts       of those, how many had at least one engager in the test period
 * @param trainingInteractions  interactions between different accounts the scorer saw
 * @param testInteractions      interactions in the test period
 * @param rounds                bootstrap rounds behind the intervals
 * @param parameters            the parameters Renown's score used (weights, timescales, defences)
 * @param chosen                how they were chosen (a calibration's reason, or "given")
 * @param rankers               one result per ranking, Renown's score first
 */
public record EvaluationReport(long splitMillis, Duration horizon, int accounts, int engagedAccounts,
                               int trainingInteractions, long testInteractions, int rounds,
                               dev.renown.core.score.ScoringParameters parameters, String chosen,
                               List<RankerResult> rankers) {

    public EvaluationReport {
        rankers = List.copyOf(rankers);
    }

    /** The signal weights Renown's score used, in signal order. */
    public double[] signalWeights() {
        return parameters.signalWeights();
    }

    /** The ranker of the given name. */
    public RankerResult ranker(String name) {
        return rankers.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ranker " + name));
    }

    /**
     * @param name        short name
     * @param kind        {@code renown}, {@code variant} (Renown with every defence off), {@code signal} or
     *                    {@code baseline}
     * @param description one line
     * @param point       the metrics on the actual accounts (truth: distinct future engagers)
     * @param low         2.5th bootstrap percentile of each metric
     * @param high        97.5th bootstrap percentile of each metric
     * @param deltaLow    2.5th percentile of Renown's score minus this ranker, paired by resample
     * @param deltaHigh   97.5th percentile of that difference
     * @param reshares    point metrics against the second truth, reshares received
     */
    public record RankerResult(String name, String kind, String description, RankingMetrics.Scores point,
                               RankingMetrics.Scores low, RankingMetrics.Scores high,
                               RankingMetrics.Scores deltaLow, RankingMetrics.Scores deltaHigh,
                               RankingMetrics.Scores reshares) {
    }
}
