package dev.renown.sources;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads SNAP edge lists, optionally weighted: one edge per line,
 * <pre>
 *   userA userB [weight]
 * </pre>
 * separated by spaces or tabs, meaning userA acted on userB ({@code weight} times, a positive
 * integer; once without it). Lines starting with {@code #} and blank lines are skipped. Edge
 * lists say neither what the act was nor when: the kind is chosen by the caller
 * ({@code snap-edgelist} is a follower graph, {@code snap-edgelist:repost} and the like name
 * another kind), and every interaction is dated at the epoch, 1970-01-01T00:00:00Z, so that a
 * graph read alone is scored as one undecayed snapshot. A weighted edge gives {@code weight}
 * interactions with ids {@code <network>/<kind>:<a>><b>#<i>}, {@code i} in {@code [1, weight]}.
 */
public final class SnapEdgeListReader implements InteractionReader {

    static final int MAX_LINE_BYTES = 1 << 16;
    /** Largest weight taken: a weight above it is more likely a mistake than a count. */
    static final long MAX_WEIGHT = 1_000_000;

    private final String network;
    private final InteractionKind kind;

    public SnapEdgeListReader(String network, InteractionKind kind) {
        this.network = network;
        this.kind = kind;
    }

    @Override
    public String format() {
        return kind == InteractionKind.FOLLOW ? "snap-edgelist" : "snap-edgelist:" + kind.wireName();
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        String source = input.name();
        int[] start = new int[3];
        int[] end = new int[3];
        try (InputStream in = input.open()) {
            long lines = new LineScanner(MAX_LINE_BYTES).scan(in, (b, from, to, line, tooLong) -> {
                if (tooLong) {
                    rejects.add(source, line, null, "line-too-long", "line longer than " + MAX_LINE_BYTES + " bytes",
                            Text.lenient(b, from, to));
                    return;
                }
                if (Text.isBlank(b, from, to) || b[from] == '#') {
                    return;
                }
                int fields = Text.fields(b, from, to, start, end);
                if (fields < 2 || fields > 3) {
                    rejects.add(source, line, null, "wrong-field-count", "expected 'userA userB [weight]', found "
                            + (fields > 3 ? "more than 3" : fields) + " fields", Text.lenient(b, from, to));
                    return;
                }
                long weight = 1;
                if (fields == 3) {
                    weight = parseWeight(b, start[2], end[2]);
                    if (weight < 1) {
                        rejects.add(source, line, "weight", "invalid-value", "'" + Text.lenient(b, start[2], end[2])
                                + "' is not a whole number from 1 to " + MAX_WEIGHT, Text.lenient(b, from, to));
                        return;
                    }
                }
                String[] ids = Text.accountPair(b, from, to, start, end, source, line, rejects);
                if (ids == null) {
                    return;
                }
                String actor = ids[0];
                String target = ids[1];
                String base = network + "/" + kind.wireName() + ":" + actor + ">" + target + "#";
                for (long i = 1; i <= weight; i++) {
                    sink.accept(new Interaction(base + i, network, kind, actor, target, 0L, null, null, null,
                            List.of()));
                }
            });
            input.reportDamage(rejects, lines + 1);
        }
    }

    /** A positive whole number (a trailing {@code .0} allowed), or -1. */
    private static long parseWeight(byte[] b, int from, int to) {
        if (to - from >= 3 && b[to - 2] == '.' && b[to - 1] == '0') {
            to -= 2;
        }
        if (to - from > 7 || to == from) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v >= 1 && v <= MAX_WEIGHT ? v : -1;
    }
}
