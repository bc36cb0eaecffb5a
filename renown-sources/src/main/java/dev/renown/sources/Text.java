package dev.renown.sources;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte-slice splitting and decoding helpers shared by the line-based readers. */
final class Text {

    private Text() {
    }

    /** Decodes strict UTF-8; ASCII, the common case, takes a fast path. */
    static String utf8(byte[] b, int from, int to) throws CharacterCodingException {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(b, from, to - from));
        return chars.toString();
    }

    /** The slice as text for reject messages, replacing what is not UTF-8. */
    static String lenient(byte[] b, int from, int to) {
        return new String(b, from, Math.min(to - from, Rejects.MAX_RECORD_CHARS), StandardCharsets.UTF_8);
    }

    static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits a line on runs of spaces and tabs into at most {@code start.length} fields, whose
     * bounds go to {@code start} and {@code end}.
     *
     * @return the number of fields, or {@code start.length + 1} when there are more
     */
    static int fields(byte[] b, int from, int to, int[] start, int[] end) {
        int count = 0;
        int i = from;
        while (i < to) {
            while (i < to && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i == to) {
                break;
            }
            if (count == start.length) {
                return count + 1;
            }
            start[count] = i;
            while (i < to && b[i] != ' ' && b[i] != '\t') {
                i++;
            }
            end[count++] = i;
        }
        return count;
    }

    /**
     * The account ids in the first two fields of a SNAP line ({@code userA}, {@code userB}), or
     * null after rejecting the line when one is not UTF-8 or is blank (control characters such as
     * a vertical tab are no separators, but no id either).
     */
    static String[] accountPair(byte[] b, int from, int to, int[] start, int[] end, String source, long line,
                                Rejects rejects) {
        String actor;
        String target;
        try {
            actor = utf8(b, start[0], end[0]);
            target = utf8(b, start[1], end[1]);
        } catch (CharacterCodingException e) {
            rejects.add(source, line, null, "bad-encoding", "account id is not valid UTF-8", lenient(b, from, to));
            return null;
        }
        if (actor.isBlank() || target.isBlank()) {
            rejects.add(source, line, actor.isBlank() ? "userA" : "userB", "invalid-value", "account id is blank",
                    lenient(b, from, to));
            return null;
        }
        return new String[] {actor, target};
    }
}
