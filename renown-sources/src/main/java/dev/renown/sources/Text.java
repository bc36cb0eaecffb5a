package dev.renown.sources;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte-slice decoding helpers shared by the line-based readers. */
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
}
