package dev.renown.sources.live;

import dev.renown.sources.Rejects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events (the WHATWG HTML "event stream" format) from a byte stream: lines
 * ending in LF, CRLF or CR; {@code event:} names the event, {@code data:} lines are joined with
 * LF; a blank line dispatches; lines starting with {@code :} are comments (heartbeats). An event
 * cut off by the end of the stream is dropped, as the format says. Lines longer than the limit
 * are not kept: the event they belong to is returned marked {@link Event#tooLong()}.
 */
final class SseReader {

    /**
     * One event.
     *
     * @param name    the {@code event:} field, {@code message} when absent
     * @param data    the {@code data:} lines joined by LF (their start only when too long)
     * @param tooLong whether a line of it was longer than the reader's limit
     */
    record Event(String name, String data, boolean tooLong) {
    }

    private final InputStream in;
    private final int maxLine;
    private final Runnable activity;
    private final byte[] buf = new byte[1 << 14];
    private int pos;
    private int end;
    private boolean afterCr;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lineTooLong;

    /**
     * @param maxLine  longest line kept, in bytes
     * @param activity told of every line, comments included (so idle connections can be told apart)
     */
    SseReader(InputStream in, int maxLine, Runnable activity) {
        this.in = in;
        this.maxLine = maxLine;
        this.activity = activity;
    }

    /** The next event, or null at the end of the stream. */
    Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        boolean tooLong = false;
        while (readLine()) {
            activity.run();
            if (lineTooLong) {
                tooLong = true;
                if (data == null) {
                    data = new StringBuilder();
                }
                if (data.length() == 0) {
                    data.append(new String(line, 0, Math.min(lineLength, Rejects.MAX_RECORD_CHARS),
                            StandardCharsets.UTF_8));
                }
                continue;
            }
            if (lineLength == 0) {
                if (data != null) {
                    return new Event(name == null ? "message" : name, data.toString(), tooLong);
                }
                name = null;
                tooLong = false;
                continue;
            }
            if (line[0] == ':') {
                continue;
            }
            int colon = indexOf(line, lineLength, (byte) ':');
            String field = new String(line, 0, colon < 0 ? lineLength : colon, StandardCharsets.UTF_8);
            String value = "";
            if (colon >= 0) {
                int from = colon + 1 < lineLength && line[colon + 1] == ' ' ? colon + 2 : colon + 1;
                value = new String(line, from, lineLength - from, StandardCharsets.UTF_8);
            }
            switch (field) {
                case "event":
                    name = value;
                    break;
                case "data":
                    if (data == null) {
                        data = new StringBuilder(value.length());
                    } else {
                        data.append('\n');
                    }
                    data.append(value);
                    break;
                default:
                    // id, retry and unknown fields: Mastodon sends none that matter here
            }
        }
        return null;
    }

    private static int indexOf(byte[] b, int length, byte x) {
        for (int i = 0; i < length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** Reads one line into {@link #line}; false at the end of the stream (a partial last line is dropped). */
    private boolean readLine() throws IOException {
        lineLength = 0;
        lineTooLong = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return false;
                }
            }
            byte b = buf[pos++];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return true;
            }
            if (b == '\r') {
                afterCr = true;
                return true;
            }
            if (lineLength < maxLine) {
                if (lineLength == line.length) {
                    line = java.util.Arrays.copyOf(line, Math.min(maxLine, line.length * 2));
                }
                line[lineLength++] = b;
            } else {
                lineTooLong = true;
            }
        }
    }
}
