package dev.renown.core.score;

import dev.renown.core.event.AccountKey;

import java.util.List;

/**
 * One account's score and its breakdown.
 *
 * @param account    the account
 * @param label      how to show it (id, with handle when known)
 * @param rank       1 for the highest score; tied scores share a rank
 * @param score      the score in [1, 100]
 * @param percentile percent of scored accounts below this one, ties counting half
 * @param signals    each signal's value, percentile and points, in {@link SignalKind} order
 */
public record AccountScore(AccountKey account, String label, int rank, double score, double percentile,
                           List<SignalScore> signals) {

    public AccountScore {
        signals = List.copyOf(signals);
    }

    public SignalScore signal(SignalKind kind) {
        return signals.get(kind.ordinal());
    }

    /**
     * @param kind       the signal
     * @param value      its raw value, in the signal's unit
     * @param percentile percent of scored accounts with a lower value, ties counting half
     * @param points     the part of the score it earns
     */
    public record SignalScore(SignalKind kind, double value, double percentile, double points) {
    }
}
