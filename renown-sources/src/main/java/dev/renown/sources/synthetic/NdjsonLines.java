package dev.renown.sources.synthetic;

import dev.renown.core.event.InteractionKind;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Writes lines of Renown's generic NDJSON straight from the simulation's primitive fields into a
 * byte buffer: no strings, no JSON library. Every value is ASCII (digits, the network name, the
 * kind), so nothing needs escaping. A line:
 * <pre>
 * {"id":"17","network":"social","kind":"repost","actor":"5","target":"77","time":"2024-01-01T00:00:03Z","post":"29","target_post":"12"}
 * </pre>
 * {@code post} and {@code target_post} are left out when the interaction has none.
 */
final class NdjsonLines implements Simulation.Lines {

    private static final int BUFFER = 1 << 16;
    private static final int MAX_LINE = 512;
    private static final byte[][] KIND = new byte[InteractionKind.count()][];

    static {
        for (InteractionKind k : InteractionKind.values()) {
            KIND[k.ordinal()] = ascii("\",\"kind\":\"" + k.wireName() + "\",\"actor\":\"");
        }
    }

    private static final long[] POWERS_OF_TEN = new long[19];
    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private static final byte[] ID = ascii("{\"id\":\"");
    private static final byte[] TARGET = ascii("\",\"target\":\"");
    private static final byte[] TIME = ascii("\",\"time\":\"");
    private static final byte[] POST = ascii("\",\"post\":\"");
    private static final byte[] TARGET_POST = ascii("\",\"target_post\":\"");
    private static final byte[] END = ascii("\"}\n");

    private final OutputStream out;
    private final byte[] network;
    private final byte[] buffer = new byte[BUFFER];
    private int size;
    private long bytes;
    private long day = Long.MIN_VALUE;
    private final byte[] date = new byte[11];

    NdjsonLines(OutputStream out, String network) {
        this.out = out;
        this.network = ascii("\",\"network\":\"" + network);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes written so far (before any compression). */
    long bytes() {
        return bytes + size;
    }

    @Override
    public void line(long eventId, InteractionKind kind, int actor, int target, long second, long post,
                     long targetPost) {
        if (size > BUFFER - MAX_LINE) {
            flush();
        }
        put(ID);
        number(eventId);
        put(network);
        put(KIND[kind.ordinal()]);
        number(actor + 1L);
        put(TARGET);
        number(target + 1L);
        put(TIME);
        time(second);
        if (post > 0) {
            put(POST);
            number(post);
        }
        if (targetPost > 0) {
            put(TARGET_POST);
            number(targetPost);
        }
        put(END);
    }

    /** Writes what is buffered to the stream. */
    void flush() {
        try {
            out.write(buffer, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes += size;
        size = 0;
    }

    private void put(byte[] b) {
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    /** A non-negative number in decimal, two digits per division. */
    private void number(long v) {
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && v >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        int i = size + digits;
        size = i;
        if (v <= Integer.MAX_VALUE) {
            int x = (int) v;
            while (x >= 100) {
                int r = x % 100;
                x /= 100;
                buffer[--i] = DIGIT_ONES[r];
                buffer[--i] = DIGIT_TENS[r];
            }
            v = x;
        }
        while (v >= 100) {
            int r = (int) (v % 100);
            v /= 100;
            buffer[--i] = DIGIT_ONES[r];
            buffer[--i] = DIGIT_TENS[r];
        }
        if (v >= 10) {
            buffer[--i] = DIGIT_ONES[(int) v];
            buffer[--i] = DIGIT_TENS[(int) v];
        } else {
            buffer[--i] = (byte) ('0' + v);
        }
    }

    /** {@code YYYY-MM-DDTHH:MM:SSZ}, the date part cached per day. */
    private void time(long second) {
        long d = Math.floorDiv(second, 86_400L);
        if (d != day) {
            day = d;
            LocalDate ld = LocalDate.ofEpochDay(d);
            String s = String.format(Locale.ROOT, "%04d-%02d-%02dT", ld.getYear(), ld.getMonthValue(),
                    ld.getDayOfMonth());
            System.arraycopy(ascii(s), 0, date, 0, 11);
        }
        System.arraycopy(date, 0, buffer, size, 11);
        size += 11;
        int s = (int) (second - d * 86_400L);
        two(s / 3600);
        buffer[size++] = ':';
        two(s / 60 % 60);
        buffer[size++] = ':';
        two(s % 60);
        buffer[size++] = 'Z';
    }

    private void two(int v) {
        buffer[size++] = (byte) ('0' + v / 10);
        buffer[size++] = (byte) ('0' + v % 10);
    }
}
