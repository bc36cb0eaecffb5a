package dev.renown.sources;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it: each line is handed over as a slice of
 * an internal buffer, valid until the next call. Accepts {@code \n} and {@code \r\n} endings and
 * a last line without one. A line longer than the limit is not buffered: the handler gets its
 * first bytes and {@code tooLong = true}, and the rest of the line is skipped. A byte order
 * mark at the start is dropped.
 */
final class LineScanner {

    /** Receives lines. */
    interface Handler {
        /**
         * @param buffer  holds the line at {@code [from, to)}
         * @param line    1-based line number
         * @param tooLong whether the line exceeded the limit (then only its start is given)
         */
        void line(byte[] buffer, int from, int to, long line, boolean tooLong) throws IOException;
    }

    private final int maxLineBytes;

    LineScanner(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Hands every line to the handler; returns the number of lines. A UTF-8 byte order mark at
     * the start of the stream (as spreadsheet programs write) is not part of the first line.
     */
    long scan(InputStream in, Handler handler) throws IOException {
        byte[] buf = new byte[Math.max(16, Math.min(1 << 16, maxLineBytes))];
        int start = 0;
        int end = in.readNBytes(buf, 0, 3);
        if (end == 3 && (buf[0] & 0xff) == 0xef && (buf[1] & 0xff) == 0xbb && (buf[2] & 0xff) == 0xbf) {
            start = 3;
        }
        long line = 0;
        boolean skipping = false;
        while (true) {
            int newline = indexOf(buf, start, end, (byte) '\n');
            if (newline >= 0) {
                line++;
                if (!skipping) {
                    int to = newline > start && buf[newline - 1] == '\r' ? newline - 1 : newline;
                    handler.line(buf, start, to, line, false);
                }
                skipping = false;
                start = newline + 1;
                continue;
            }
            // No complete line buffered: compact, grow if allowed, read more.
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                if (skipping) {
                    end = 0;
                } else if (buf.length >= maxLineBytes) {
                    line++;
                    handler.line(buf, 0, Math.min(end, Rejects.MAX_RECORD_CHARS), line, true);
                    line--; // counted again when its newline arrives
                    skipping = true;
                    end = 0;
                } else {
                    buf = Arrays.copyOf(buf, Math.min(maxLineBytes, buf.length * 2));
                }
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                if (end > start && !skipping) {
                    line++;
                    int to = buf[end - 1] == '\r' ? end - 1 : end;
                    handler.line(buf, start, to, line, false);
                }
                return line;
            }
            end += n;
        }
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
