package dev.renown.sources;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the SNAP Higgs activity format: one interaction per line,
 * <pre>
 *   userA userB unix_seconds RT|MT|RE
 * </pre>
 * separated by spaces or tabs, meaning userA retweeted ({@code RT}), mentioned ({@code MT}) or
 * replied to ({@code RE}) userB (De Domenico et al., "The Anatomy of a Scientific Rumor",
 * Scientific Reports 3:2980, 2013; https://snap.stanford.edu/data/higgs-twitter.html). Blank
 * lines and lines starting with {@code #} are skipped. The event id is derived from the whole
 * line, which in the Higgs data is unique per line.
 *
 * <p>The parser works on bytes: a line costs two small strings and no regular expression.
 */
public final class SnapActivityReader implements InteractionReader {

    /** Network name given to SNAP accounts unless another is chosen. */
    public static final String DEFAULT_NETWORK = "snap";
    static final int MAX_LINE_BYTES = 1 << 16;
    /** Unix seconds beyond this (year 5138) are taken for a mistake, such as milliseconds. */
    private static final long MAX_SECONDS = 100_000_000_000L;

    private final String network;

    public SnapActivityReader() {
        this(DEFAULT_NETWORK);
    }

    public SnapActivityReader(String network) {
        this.network = network;
    }

    @Override
    public String format() {
        return "snap-activity";
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        String source = input.name();
        TimeBound bound = input.timeBound();
        int[] fieldStart = new int[4];
        int[] fieldEnd = new int[4];
        try (InputStream in = input.open()) {
            long lines = new LineScanner(MAX_LINE_BYTES).scan(in, (b, from, to, line, tooLong) -> {
                if (tooLong) {
                    rejects.add(source, line, null, "line-too-long",
                            "line longer than " + MAX_LINE_BYTES + " bytes", Text.lenient(b, from, to));
                    return;
                }
                if (Text.isBlank(b, from, to) || b[from] == '#') {
                    return;
                }
                int fields = Text.fields(b, from, to, fieldStart, fieldEnd);
                if (fields != 4) {
                    rejects.add(source, line, null, "wrong-field-count",
                            "expected 4 fields 'userA userB unix_seconds RT|MT|RE', found "
                                    + (fields > 4 ? "more than 4" : fields), Text.lenient(b, from, to));
                    return;
                }
                long seconds = parseSeconds(b, fieldStart[2], fieldEnd[2]);
                if (seconds < 0) {
                    rejects.add(source, line, "unix_seconds", "bad-time",
                            "'" + Text.lenient(b, fieldStart[2], fieldEnd[2])
                                    + "' is not a plausible number of Unix seconds", Text.lenient(b, from, to));
                    return;
                }
                InteractionKind kind = kind(b, fieldStart[3], fieldEnd[3]);
                if (kind == null) {
                    rejects.add(source, line, "type", "unknown-kind",
                            "'" + Text.lenient(b, fieldStart[3], fieldEnd[3]) + "' is not RT, MT or RE",
                            Text.lenient(b, from, to));
                    return;
                }
                String[] ids = Text.accountPair(b, from, to, fieldStart, fieldEnd, source, line, rejects);
                if (ids == null) {
                    return;
                }
                String actor = ids[0];
                String target = ids[1];
                long millis = seconds * 1000;
                if (!bound.allows(millis)) {
                    rejects.add(source, line, "unix_seconds", TimeBound.REASON, bound.describe(millis),
                            Text.lenient(b, from, to));
                    return;
                }
                sink.accept(new Interaction(Interaction.derivedId(network, kind, actor, target, millis, null),
                        network, kind, actor, target, millis, null, null, null, List.of()));
            });
            input.reportDamage(rejects, lines + 1);
        }
    }

    /** Parses decimal digits; -1 when not digits or implausibly large. */
    private static long parseSeconds(byte[] b, int from, int to) {
        if (to - from > 12) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value > MAX_SECONDS ? -1 : value;
    }

    private static InteractionKind kind(byte[] b, int from, int to) {
        if (to - from != 2) {
            return null;
        }
        int c0 = b[from] & 0xdf;
        int c1 = b[from + 1] & 0xdf;
        if (c0 == 'R' && c1 == 'T') {
            return InteractionKind.REPOST;
        }
        if (c0 == 'M' && c1 == 'T') {
            return InteractionKind.MENTION;
        }
        if (c0 == 'R' && c1 == 'E') {
            return InteractionKind.REPLY;
        }
        return null;
    }
}
