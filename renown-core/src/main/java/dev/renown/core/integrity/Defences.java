package dev.renown.core.integrity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which integrity defences are on, and their constants. The defences weigh the voices of an
 * account's engagers ({@link EngagerVoices}) and never touch <em>established</em> engagers: those
 * anchored in the network ({@link Anchoring}) by more than their own engagement of its most engaged
 * accounts. The others are gathered into groups, and:
 * <ul>
 *   <li>{@code closedClusters}: unanchored engagers tied to each other form one group (a closed
 *       cluster: a sybil ring, a pod no outsider engages), which counts as one voice however many
 *       accounts it has;</li>
 *   <li>{@code hubOnly}: an anchored engager whose only ties besides the account are its own
 *       engagements of <em>hubs</em> — the most engaged accounts, which together receive half of
 *       the network's engagement — and whom nobody else engages is not established either (it is
 *       its own group): engaging popular accounts is the cheapest camouflage there is;</li>
 *   <li>{@code bursts}: each established engager vouches for up to {@code supportRatio} groups that
 *       arrive within {@code supportWindow} of its own arrival, and those count in full; the
 *       groups nobody vouches for count together as {@code F} voices when they arrived in
 *       {@code F ≤ freeBuckets} distinct {@code bucket}s (hours), and as
 *       {@code freeBuckets + log₂(1 + F − freeBuckets)} beyond — a fan or two arriving at different
 *       hours is not a burst, a bought burst of 5,000 accounts in one hour counts as one voice, and
 *       a viral hour that established accounts take part in counts in full;</li>
 *   <li>{@code devoted}: accounts alone in their group that engaged an account repeatedly, at
 *       least a {@code bucket} apart, and nothing else (sockpuppets, or a fan who only ever speaks
 *       to one account) form a single group together.</li>
 * </ul>
 * The formulas are in {@link EngagerVoices} and docs/scoring.md. None of the constants depends on
 * a data set: they are units of time, a number of accounts and a share of the network's engagement.
 *
 * @param closedClusters closed clusters count as one voice each
 * @param hubOnly        engagers anchored only by engaging hubs are not established
 * @param bursts         unvouched groups count as log₂(1 + buckets) voices in all
 * @param devoted        repeated devoted engagers pool into one group per account
 * @param bucket         the unit of time arrivals are counted in (one hour)
 * @param supportWindow  how far from its arrival an established engager vouches (six hours)
 * @param supportRatio   groups one established engager vouches for (eight)
 * @param hubShare       share of the network's engagement the hubs receive together (one half)
 * @param freeBuckets    buckets of unvouched arrivals that count in full before the logarithm (two)
 */
public record Defences(boolean closedClusters, boolean hubOnly, boolean bursts, boolean devoted, Duration bucket,
                       Duration supportWindow, double supportRatio, double hubShare, int freeBuckets) {

    public static final Duration BUCKET_DEFAULT = Duration.ofHours(1);
    public static final Duration SUPPORT_WINDOW_DEFAULT = Duration.ofHours(6);
    public static final double SUPPORT_RATIO_DEFAULT = 8.0;
    public static final double HUB_SHARE_DEFAULT = 0.5;
    public static final int FREE_BUCKETS_DEFAULT = 2;

    /** The names accepted by {@link #parse(String)}, in order. */
    public static final List<String> NAMES = List.of("closed-clusters", "hub-only", "bursts", "devoted");

    public Defences {
        if (bucket == null || bucket.isNegative() || bucket.isZero()) {
            throw new IllegalArgumentException("defence bucket must be a positive duration: " + bucket);
        }
        if (supportWindow == null || supportWindow.isNegative()) {
            throw new IllegalArgumentException("support window must not be negative: " + supportWindow);
        }
        if (!(supportRatio >= 0) || Double.isInfinite(supportRatio)) {
            throw new IllegalArgumentException("support ratio must be finite and >= 0: " + supportRatio);
        }
        if (!(hubShare >= 0 && hubShare <= 1)) {
            throw new IllegalArgumentException("hub share must be in [0, 1]: " + hubShare);
        }
        if (freeBuckets < 0) {
            throw new IllegalArgumentException("free buckets must be >= 0: " + freeBuckets);
        }
    }

    /** Every defence on, with the documented constants. */
    public static Defences all() {
        return of(true, true, true, true);
    }

    private static Defences of(boolean closedClusters, boolean hubOnly, boolean bursts, boolean devoted) {
        return new Defences(closedClusters, hubOnly, bursts, devoted, BUCKET_DEFAULT, SUPPORT_WINDOW_DEFAULT,
                SUPPORT_RATIO_DEFAULT, HUB_SHARE_DEFAULT, FREE_BUCKETS_DEFAULT);
    }

    /** Every defence off: each engager counts in full, as before defences existed. */
    public static Defences none() {
        return of(false, false, false, false);
    }

    /** Whether any defence is on. */
    public boolean any() {
        return closedClusters || hubOnly || bursts || devoted;
    }

    /**
     * Parses {@code all}, {@code none}, or a comma-separated list of {@link #NAMES} (those named
     * are on, the others off).
     */
    public static Defences parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all") || t.equals("on")) {
            return all();
        }
        if (t.equals("none") || t.equals("off")) {
            return none();
        }
        boolean clusters = false;
        boolean hubs = false;
        boolean bursts = false;
        boolean devoted = false;
        for (String part : t.split(",")) {
            switch (part.trim()) {
                case "closed-clusters":
                case "clusters":
                    clusters = true;
                    break;
                case "hub-only":
                case "hubs":
                    hubs = true;
                    break;
                case "bursts":
                    bursts = true;
                    break;
                case "devoted":
                    devoted = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown defence '" + part.trim() + "': use all, none, or "
                            + String.join(",", NAMES));
            }
        }
        return of(clusters, hubs, bursts, devoted);
    }

    /** {@code all}, {@code none}, or the defences that are on, as {@link #parse(String)} reads them. */
    public String describe() {
        if (closedClusters && hubOnly && bursts && devoted) {
            return "all";
        }
        List<String> on = new ArrayList<>();
        if (closedClusters) {
            on.add("closed-clusters");
        }
        if (hubOnly) {
            on.add("hub-only");
        }
        if (bursts) {
            on.add("bursts");
        }
        if (devoted) {
            on.add("devoted");
        }
        return on.isEmpty() ? "none" : String.join(",", on);
    }
}
