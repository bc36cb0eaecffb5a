package dev.renown.core.score;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InteractionGraph;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An account's top moments: when it drew the most engagement. A moment is one of the account's
 * posts when the interactions name the post engaged with; otherwise — as in the SNAP data — one
 * UTC hour. Moments are ranked by the number of distinct accounts that engaged in them, then by
 * interactions, then by time.
 */
public final class Moments {

    private static final long HOUR = 3_600_000L;

    private Moments() {
    }

    /**
     * One moment.
     *
     * @param postId       the post engaged with, or null for an hour
     * @param startMillis  the hour's start, or the first engagement with the post
     * @param endMillis    the hour's end (exclusive), or the last engagement with the post
     * @param engagers     distinct accounts that engaged
     * @param interactions interactions per kind, in kind order
     */
    public record Moment(String postId, long startMillis, long endMillis, int engagers,
                         Map<InteractionKind, Integer> interactions) {
        public Moment {
            interactions = Collections.unmodifiableMap(new EnumMap<>(interactions.isEmpty()
                    ? Map.of() : interactions));
        }
    }

    /** The {@code limit} top moments of node {@code v} in the board's window. */
    public static List<Moment> of(ScoreBoard board, int v, int limit) {
        InteractionGraph g = board.graph();
        EventTable table = board.table().requireEvents();
        int self = g.account(v);
        Long2ObjectOpenHashMap<Bucket> buckets = new Long2ObjectOpenHashMap<>();
        for (int e = 0; e < table.size(); e++) {
            long t = table.timeMillis(e);
            if (table.target(e) != self || t <= g.windowStartMillis() || t > g.asOfMillis()
                    || table.isSelfInteraction(e) || table.kind(e) == InteractionKind.FOLLOW) {
                continue;
            }
            long post = table.targetPost(e);
            long key = post >= 0 ? post : -1 - Math.floorDiv(t, HOUR);
            Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
            b.engagers.add(table.actor(e));
            b.counts[table.kindOrdinal(e)]++;
            b.total++;
            b.first = Math.min(b.first, t);
            b.last = Math.max(b.last, t);
            b.post = post;
        }
        List<Map.Entry<Long, Bucket>> all = new ArrayList<>(buckets.long2ObjectEntrySet());
        all.sort((x, y) -> {
            Bucket a = x.getValue();
            Bucket b = y.getValue();
            if (a.engagers.size() != b.engagers.size()) {
                return Integer.compare(b.engagers.size(), a.engagers.size());
            }
            if (a.total != b.total) {
                return Integer.compare(b.total, a.total);
            }
            return Long.compare(a.first, b.first);
        });
        List<Moment> moments = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, all.size()); i++) {
            long key = all.get(i).getKey();
            Bucket b = all.get(i).getValue();
            Map<InteractionKind, Integer> byKind = new EnumMap<>(InteractionKind.class);
            for (InteractionKind kind : InteractionKind.values()) {
                if (b.counts[kind.ordinal()] > 0) {
                    byKind.put(kind, b.counts[kind.ordinal()]);
                }
            }
            if (key >= 0) {
                moments.add(new Moment(table.postId(b.post), b.first, b.last, b.engagers.size(), byKind));
            } else {
                long hour = (-1 - key) * HOUR;
                moments.add(new Moment(null, hour, hour + HOUR, b.engagers.size(), byKind));
            }
        }
        return moments;
    }

    private static final class Bucket {
        final LongOpenHashSet engagers = new LongOpenHashSet();
        final int[] counts = new int[InteractionKind.count()];
        int total;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long post;
    }
}
