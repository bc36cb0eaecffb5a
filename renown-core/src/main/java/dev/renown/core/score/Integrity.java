package dev.renown.core.score;

import dev.renown.core.event.AccountKey;
import dev.renown.core.integrity.EngagerVoices;

import java.util.List;

/**
 * What the integrity defences found around one account and what they changed in its score: the
 * groups of engagers whose voices were discounted, the evidence for each, and the points the
 * discounts took. Built by {@link ScoreBoard#integrity(int, int)}.
 *
 * <p>An account is <em>flagged</em> when the discounts took at least {@link #FLAG_POINTS} points (a
 * doubling of reach is worth about five) and at least {@link #FLAG_ENGAGERS} of its engagers were
 * discounted. Smaller discounts (a lone unvouched fan, a couple of friends who only
 * talk to each other and to the account, the momentum of engagers nobody vouches for) are shown but
 * not flagged. On the Higgs demo data this flags 0.02% of the accounts and 0.8% of the thousand with
 * the highest scores without defences; every attack of {@code renown attack} on a modest account is
 * flagged.
 *
 * @param account      the account
 * @param score        its score with the defences
 * @param undefended   the score it would have if each of its engagers counted in full (all else equal)
 * @param engagers     distinct accounts that engaged it
 * @param established  of those, how many count in full (anchored in the network by more than engaging hubs)
 * @param discounted   engagers whose voices were discounted
 * @param voices       what its engagers count for together, {@code Σ ω}
 * @param flagged      whether the discounts reach the flag thresholds
 * @param groups       the discounted groups, the largest discount first
 */
public record Integrity(AccountKey account, double score, double undefended, int engagers, int established,
                        int discounted, double voices, boolean flagged, List<Group> groups) {

    /** Points the discounts must take for a flag. */
    public static final double FLAG_POINTS = 7.0;
    /** Discounted engagers needed for a flag. */
    public static final int FLAG_ENGAGERS = 5;

    public Integrity {
        groups = List.copyOf(groups);
    }

    /** Points the defences took from the account. */
    public double pointsLost() {
        return undefended - score;
    }

    /**
     * One group of discounted engagers.
     *
     * @param kind             alone, closed cluster, hub-only or devoted
     * @param members          engagers in the group
     * @param arrivalMillis    its first interaction with the account
     * @param vouched          whether an established engager vouched for it
     * @param credit           what the whole group counts for, at most one voice
     * @param unvouchedBuckets for an unvouched group, the hours in which the account's unvouched groups arrived
     * @param sample           up to ten of its members
     * @param why              one sentence: why its voices were discounted
     */
    public record Group(EngagerVoices.GroupKind kind, int members, long arrivalMillis, boolean vouched, double credit,
                        int unvouchedBuckets, List<AccountKey> sample, String why) {
        public Group {
            sample = List.copyOf(sample);
        }

        /** Voices the group lost: members counted in full, less its credit. */
        public double discount() {
            return members - credit;
        }
    }
}
