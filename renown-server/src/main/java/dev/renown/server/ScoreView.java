package dev.renown.server;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.score.Integrity;
import dev.renown.core.score.ScoreBoard;
import dev.renown.store.Snapshot;
import dev.renown.store.TopicScore;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Everything the API reads, for one day, held in memory and never changed: the day's scores
 * with their graph (for explanations and influence), the snapshots a day, a week and a month
 * before (for deltas), the day's topic leaders, and a prefix index for search. A new view is
 * built and swapped in whole when scores are recomputed, so readers never see a half-built one.
 *
 * @param day      the day the scores are as of (its last millisecond), or null when the store is empty
 * @param board    the day's scores
 * @param nodeOf   the board's node of each event-table account index, -1 when not scored
 * @param before   the stored scores of {@code day − 1}, {@code day − 7}, {@code day − 30}
 * @param topics   the day's topic leaders, by topic, best first
 * @param search   the search index
 * @param networks scored accounts per network, most first
 * @param flagged  the board nodes the integrity defences flagged ({@link Integrity#flagged()}); never
 *                 changed once the view is built
 */
record ScoreView(LocalDate day, ScoreBoard board, int[] nodeOf, List<Map<AccountKey, Double>> before,
                 Map<String, List<TopicScore>> topics, SearchIndex search, Map<String, Integer> networks,
                 BitSet flagged, double[] pointsLost) {

    /** A view of {@code board}, its flagged accounts found once here, not per request. */
    ScoreView(LocalDate day, ScoreBoard board, int[] nodeOf, List<Map<AccountKey, Double>> before,
              Map<String, List<TopicScore>> topics, SearchIndex search, Map<String, Integer> networks) {
        this(day, board, nodeOf, before, topics, search, networks, flagged(board, nodeOf), unknown(board.size()));
    }

    static ScoreView empty() {
        return new ScoreView(null, null, new int[0], List.of(Map.of(), Map.of(), Map.of()), Map.of(),
                new SearchIndex(new String[0], new int[0], new int[0]), Map.of(), new BitSet(), new double[0]);
    }

    private static double[] unknown(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /**
     * The points the integrity defences took from node {@code v}: its score with every engager
     * counted in full, less its score. Computed on first use (it walks the node's engagers, which
     * for the most engaged accounts takes milliseconds) and kept; two requests that race compute
     * the same value.
     */
    double pointsLost(int v) {
        double lost = pointsLost[v];
        if (Double.isNaN(lost)) {
            lost = board.undefendedScore(v) - board.score(v);
            pointsLost[v] = lost;
        }
        return lost;
    }

    /**
     * The nodes of the accounts {@link ScoreBoard#flagged} lists: one pass over the board's
     * in-edges, plus the undefended score of each account with enough discounted engagers.
     */
    static BitSet flagged(ScoreBoard board, int[] nodeOf) {
        BitSet nodes = new BitSet(board.size());
        for (Integrity i : board.flagged(Integer.MAX_VALUE, 0)) {
            nodes.set(nodeOf[board.table().accounts().find(i.account()).getAsInt()]);
        }
        return nodes;
    }

    /** Whether the integrity defences flagged node {@code v}. */
    boolean isFlagged(int v) {
        return flagged.get(v);
    }

    /** Scored accounts per network, most first. */
    static Map<String, Integer> networks(ScoreBoard board) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int v = 0; v < board.size(); v++) {
            counts.merge(board.table().accounts().network(board.graph().account(v)), 1, Integer::sum);
        }
        Map<String, Integer> sorted = new java.util.LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    boolean isEmpty() {
        return board == null || board.size() == 0;
    }

    EventTable table() {
        return board.table();
    }

    /** The node of an account, if it was scored that day. */
    OptionalInt node(AccountKey account) {
        if (board == null) {
            return OptionalInt.empty();
        }
        OptionalInt index = board.table().accounts().find(account);
        if (index.isEmpty() || index.getAsInt() >= nodeOf.length || nodeOf[index.getAsInt()] < 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(nodeOf[index.getAsInt()]);
    }

    /** The score change since {@code which} (0: a day, 1: a week, 2: a month), or null without a snapshot then. */
    Double delta(AccountKey account, double score, int which) {
        Double then = before.get(which).get(account);
        return then == null ? null : score - then;
    }

    /**
     * Prefix search over handles, display names and ids, lower-cased: sorted keys and, for each,
     * the leaderboard position of the account it names. A prefix's matches are one contiguous
     * range, found by binary search; the best of them are the smallest positions in it, picked in
     * one pass over the range (O(m log k) for m matching keys and k results).
     *
     * @param keys      the lower-cased keys, sorted
     * @param positions the leaderboard position ({@link ScoreBoard#nodeAt}) of each key's account
     * @param order     the board's nodes in leaderboard order: {@code order[p]} is at position p
     */
    record SearchIndex(String[] keys, int[] positions, int[] order) {

        /**
         * The nodes whose handle, name or id starts with {@code prefix} (ignoring case), each once:
         * the {@code limit} best scored, best first, equal scores in leaderboard order.
         */
        int[] find(String prefix, int limit) {
            String p = prefix.toLowerCase(Locale.ROOT);
            int at = Arrays.binarySearch(keys, p);
            if (at < 0) {
                at = -at - 1;
            }
            // best[0..count) holds the smallest positions seen, ascending, without repeats.
            int[] best = new int[Math.max(0, Math.min(limit, order.length))];
            int count = 0;
            for (int i = at; i < keys.length && keys[i].startsWith(p); i++) {
                int pos = positions[i];
                if (best.length == 0 || (count == best.length && pos >= best[count - 1])) {
                    continue;
                }
                int slot = Arrays.binarySearch(best, 0, count, pos);
                if (slot >= 0) {
                    continue; // the same account under another of its keys
                }
                slot = -slot - 1;
                int end = Math.min(count, best.length - 1);
                System.arraycopy(best, slot, best, slot + 1, end - slot);
                best[slot] = pos;
                count = Math.min(count + 1, best.length);
            }
            int[] nodes = new int[count];
            for (int i = 0; i < count; i++) {
                nodes[i] = order[best[i]];
            }
            return nodes;
        }
    }

    /** Builds a search index over the board's accounts. */
    static SearchIndex index(ScoreBoard board) {
        int n = board.size();
        int[] order = new int[n];
        int[] positionOf = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = board.nodeAt(i);
            positionOf[order[i]] = i;
        }
        String[] keys = new String[3 * n];
        int[] nodes = new int[3 * n];
        int k = 0;
        for (int v = 0; v < n; v++) {
            int a = board.graph().account(v);
            keys[k] = board.table().accounts().id(a).toLowerCase(Locale.ROOT);
            nodes[k++] = v;
            String handle = board.table().accounts().handle(a).orElse(null);
            if (handle != null) {
                keys[k] = handle.toLowerCase(Locale.ROOT);
                nodes[k++] = v;
            }
            String name = board.table().accounts().displayName(a).orElse(null);
            if (name != null) {
                keys[k] = name.toLowerCase(Locale.ROOT);
                nodes[k++] = v;
            }
        }
        Integer[] sorted = new Integer[k];
        for (int i = 0; i < k; i++) {
            sorted[i] = i;
        }
        String[] finalKeys = keys;
        Arrays.sort(sorted, (x, y) -> finalKeys[x].compareTo(finalKeys[y]));
        String[] sortedKeys = new String[k];
        int[] positions = new int[k];
        for (int i = 0; i < k; i++) {
            sortedKeys[i] = keys[sorted[i]];
            positions[i] = positionOf[nodes[sorted[i]]];
        }
        return new SearchIndex(sortedKeys, positions, order);
    }

    /** The snapshot-derived scores of a day, by account. */
    static Map<AccountKey, Double> scores(List<Snapshot> snapshots) {
        Map<AccountKey, Double> map = new java.util.HashMap<>();
        for (Snapshot s : snapshots) {
            map.put(s.account(), s.score());
        }
        return map;
    }
}
