package dev.renown.core.score;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.InteractionKind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Why an account has its score: the breakdown, the window it was computed over, and for each
 * signal the accounts and interactions that contributed most.
 *
 * @param score            the score and its breakdown
 * @param scoredAccounts   how many accounts were scored
 * @param asOfMillis       end of the window (inclusive)
 * @param windowStartMillis start of the window (exclusive)
 * @param signals          evidence per signal, in {@link SignalKind} order
 */
public record Explanation(AccountScore score, int scoredAccounts, long asOfMillis, long windowStartMillis,
                          List<SignalEvidence> signals) {

    public Explanation {
        signals = List.copyOf(signals);
    }

    /**
     * @param kind    the signal
     * @param summary one sentence with the counts behind the value
     * @param top     the largest contributions, largest first
     */
    public record SignalEvidence(SignalKind kind, String summary, List<Contribution> top) {
        public SignalEvidence {
            top = List.copyOf(top);
        }
    }

    /**
     * One other account's part in a signal.
     *
     * @param account      the other account
     * @param label        how to show it
     * @param amount       what it adds to the signal's raw value
     * @param interactions the interactions behind it, per kind in kind order, in the direction the signal reads
     *                     (towards the explained account, or from it for outreach)
     * @param lastMillis   time of the latest of those interactions
     */
    public record Contribution(AccountKey account, String label, double amount,
                               Map<InteractionKind, Integer> interactions, long lastMillis) {
        public Contribution {
            EnumMap<InteractionKind, Integer> ordered = new EnumMap<>(InteractionKind.class);
            ordered.putAll(interactions);
            interactions = Collections.unmodifiableMap(ordered);
        }
    }
}
