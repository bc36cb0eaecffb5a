package dev.renown.core.attack;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.integrity.Defences;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.core.validation.Baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Runs an {@link Attack} and measures what it bought: the target's score, rank and signals before
 * and after, with the parameters' defences and with every defence off, beside what the attack did
 * to the plain measures a user could compute without Renown — engagement interactions received,
 * distinct engagers, and PageRank over the unweighted engagement graph. Everything is scored as of
 * the clean data's last interaction, where the attack ends.
 */
public final class AttackTrial {

    /** Distinct engagers of the target {@link #defaultTarget chosen by default}: a modest account. */
    public static final int MODEST_ENGAGERS = 5;

    private AttackTrial() {
    }

    /**
     * Where the target stands on one board.
     *
     * @param score   its score
     * @param rank    its rank
     * @param signals each signal's value, in {@link SignalKind} order
     * @param points  each signal's points
     */
    public record Standing(double score, int rank, double[] signals, double[] points) {
    }

    /**
     * The plain measures of the target.
     *
     * @param engagements      engagement interactions received in the window (reposts, quotes, replies, mentions, likes)
     * @param engagers         distinct accounts that engaged
     * @param pageRank         PageRank over the unweighted engagement graph, times the number of accounts (1 is average)
     * @param pageRankPosition its position when all accounts are sorted by PageRank (1 is the highest)
     */
    public record Counts(long engagements, int engagers, double pageRank, int pageRankPosition) {
    }

    /**
     * @param plan           the attack
     * @param interactions   interactions injected
     * @param freshAccounts  attacker accounts created
     * @param accountsBefore accounts scored before the attack
     * @param accountsAfter  accounts scored after it
     * @param defendedBefore the target with the parameters' defences, before
     * @param defendedAfter  and after
     * @param openBefore     the target with every defence off, before
     * @param openAfter      and after
     * @param countsBefore   plain measures before
     * @param countsAfter    and after
     * @param defences       the defences of the defended runs
     * @param flaggedAfter   whether the audit flags the target after the attack
     */
    public record Result(Attack.Plan plan, int interactions, int freshAccounts, int accountsBefore, int accountsAfter,
                         Standing defendedBefore, Standing defendedAfter, Standing openBefore, Standing openAfter,
                         Counts countsBefore, Counts countsAfter, Defences defences, boolean flaggedAfter) {

        /** Points the attack gained with the defences on. */
        public double defendedGain() {
            return defendedAfter.score() - defendedBefore.score();
        }

        /** Points the attack gained with every defence off. */
        public double openGain() {
            return openAfter.score() - openBefore.score();
        }
    }

    /** Runs the plan on {@code clean} and measures it. */
    public static Result run(EventTable clean, Attack.Plan plan, ScoringParameters parameters) {
        return prepare(clean, parameters).run(plan);
    }

    /** Scores the clean data once, with and without the defences, for any number of attacks on it. */
    public static Prepared prepare(EventTable clean, ScoringParameters parameters) {
        long end = clean.lastInteractionMillis();
        if (end == Long.MIN_VALUE) {
            throw new IllegalArgumentException("no interactions to attack");
        }
        ScoreBoard openBefore = new Scorer(parameters.withDefences(Defences.none())).score(clean, end);
        ScoreBoard defendedBefore = new Scorer(parameters).score(clean, end);
        return new Prepared(clean, parameters, end, openBefore, defendedBefore, byEngagers(openBefore, Integer.MAX_VALUE),
                engaged(openBefore));
    }

    /** The clean data scored, ready for attacks. */
    public static final class Prepared {
        private final EventTable clean;
        private final ScoringParameters parameters;
        private final long end;
        private final ScoreBoard openBefore;
        private final ScoreBoard defendedBefore;
        private final List<AccountKey> popular;
        private final List<AccountKey> engaged;

        private Prepared(EventTable clean, ScoringParameters parameters, long end, ScoreBoard openBefore,
                         ScoreBoard defendedBefore, List<AccountKey> popular, List<AccountKey> engaged) {
            this.clean = clean;
            this.parameters = parameters;
            this.end = end;
            this.openBefore = openBefore;
            this.defendedBefore = defendedBefore;
            this.popular = popular;
            this.engaged = engaged;
        }

        /** A modest account to attack, as {@link AttackTrial#defaultTarget}. */
        public AccountKey defaultTarget(long seed) {
            return modest(openBefore, seed);
        }

        /** Injects the plan's attack and measures it. */
        public Result run(Attack.Plan plan) {
            if (openBefore.node(plan.target().toString()).isEmpty()) {
                throw new IllegalArgumentException("target " + plan.target() + " is not active in the scoring window");
            }
            Attack.Injected injected = Attack.inject(clean, plan, end, popular, engaged);
            ScoreBoard openAfter = new Scorer(parameters.withDefences(Defences.none())).score(injected.table(), end);
            ScoreBoard defendedAfter = new Scorer(parameters).score(injected.table(), end);
            String target = plan.target().toString();
            return new Result(plan, injected.interactions(), injected.freshAccounts(), openBefore.size(),
                    openAfter.size(), standing(defendedBefore, target), standing(defendedAfter, target),
                    standing(openBefore, target), standing(openAfter, target),
                    counts(openBefore, target, parameters.threads()), counts(openAfter, target, parameters.threads()),
                    parameters.defences(), defendedAfter.integrity(defendedAfter.node(target).orElseThrow(), 0).flagged());
        }
    }

    /**
     * A modest account to attack: one of the accounts with exactly {@value #MODEST_ENGAGERS} distinct
     * engagers in the window (or the nearest count above), drawn with {@code seed}.
     */
    public static AccountKey defaultTarget(EventTable clean, ScoringParameters parameters, long seed) {
        return prepare(clean, parameters).defaultTarget(seed);
    }

    private static AccountKey modest(ScoreBoard board, long seed) {
        InteractionGraph g = board.graph();
        int best = Integer.MAX_VALUE;
        List<Integer> candidates = new ArrayList<>();
        for (int v = 0; v < g.nodeCount(); v++) {
            int engagers = engagers(g, v);
            if (engagers < MODEST_ENGAGERS || engagers > best) {
                continue;
            }
            if (engagers < best) {
                best = engagers;
                candidates.clear();
            }
            candidates.add(v);
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no account has " + MODEST_ENGAGERS
                    + " or more distinct engagers: name a target");
        }
        int v = candidates.get(new SplittableRandom(seed).nextInt(candidates.size()));
        return board.table().accounts().key(g.account(v));
    }

    private static int engagers(InteractionGraph g, int v) {
        int count = 0;
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            count += g.hasEngagement(e) ? 1 : 0;
        }
        return count;
    }

    /** Up to {@code limit} accounts by decreasing distinct engagers, ties by node order. */
    static List<AccountKey> byEngagers(ScoreBoard board, int limit) {
        InteractionGraph g = board.graph();
        int n = g.nodeCount();
        long[] keys = new long[n];
        for (int v = 0; v < n; v++) {
            keys[v] = ((long) (Integer.MAX_VALUE - engagers(g, v)) << 32) | v;
        }
        Arrays.sort(keys);
        List<AccountKey> result = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, n) && Integer.MAX_VALUE - (int) (keys[i] >>> 32) > 0; i++) {
            result.add(board.table().accounts().key(g.account((int) keys[i])));
        }
        return result;
    }

    /** Accounts with at least one engager, in node order. */
    private static List<AccountKey> engaged(ScoreBoard board) {
        InteractionGraph g = board.graph();
        List<AccountKey> result = new ArrayList<>();
        for (int v = 0; v < g.nodeCount(); v++) {
            if (engagers(g, v) > 0) {
                result.add(board.table().accounts().key(g.account(v)));
            }
        }
        return result;
    }

    private static Standing standing(ScoreBoard board, String account) {
        OptionalInt node = board.node(account);
        if (node.isEmpty()) {
            return new Standing(1.0, board.size() + 1, new double[SignalKind.count()], new double[SignalKind.count()]);
        }
        int v = node.getAsInt();
        double[] signals = new double[SignalKind.count()];
        double[] points = new double[SignalKind.count()];
        for (SignalKind kind : SignalKind.values()) {
            signals[kind.ordinal()] = board.value(kind, v);
            points[kind.ordinal()] = board.points(kind, v);
        }
        return new Standing(board.score(v), board.rank(v), signals, points);
    }

    private static Counts counts(ScoreBoard board, String account, int threads) {
        int v = board.node(account).orElseThrow();
        EventTable table = board.table();
        InteractionGraph g = board.graph();
        int a = g.account(v);
        long engagements = 0;
        for (int e = 0; e < table.size(); e++) {
            long t = table.timeMillis(e);
            if (table.target(e) == a && t > g.windowStartMillis() && t <= g.asOfMillis() && !table.isSelfInteraction(e)
                    && table.kind(e) != dev.renown.core.event.InteractionKind.FOLLOW) {
                engagements++;
            }
        }
        double[] pr = Baselines.engagementPageRank(g, threads);
        int position = 1;
        for (double x : pr) {
            position += x > pr[v] ? 1 : 0;
        }
        return new Counts(engagements, engagers(g, v), pr[v] * g.nodeCount(), position);
    }
}
