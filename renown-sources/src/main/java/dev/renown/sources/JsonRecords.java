package dev.renown.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.InputStream;

/**
 * Drives the JSON readers over either of the two shapes network exports come in:
 * <ul>
 *   <li><b>JSON Lines</b> (twarc, Jetstream, Reddit dumps, streams): each line holds one or more
 *   JSON values; a line that cannot be parsed is rejected and reading goes on with the next.</li>
 *   <li><b>One JSON document</b> spread over many lines (an API response saved as it came, or
 *   pretty-printed): recognised when the first non-blank line starts a JSON value that it does
 *   not complete, and none of the next {@value #LOOKAHEAD_LINES} non-blank lines is a complete
 *   JSON object or array starting in its first column, as JSON Lines have and pretty-printed
 *   documents do not (their nested lines are indented). The document is read into memory whole
 *   (up to {@link #MAX_DOCUMENT_BYTES}); a syntax error ends it, since nothing after it can be
 *   trusted, and is rejected with its line and column.</li>
 * </ul>
 * So a JSON Lines file whose first record is cut short or damaged is still read as JSON Lines:
 * the damaged line is rejected and the others are read.
 * Either way the handler gets a Jackson streaming parser positioned on the first token of each
 * root value, and a {@link Context} that turns parser locations into file lines and record
 * text for rejects. Parsing stays streaming: no tree, no reflection.
 */
final class JsonRecords {

    /** Longest JSON line read; a twarc page of 500 tweets with its includes is a few MB. */
    static final int MAX_LINE_BYTES = 64 << 20;
    /** Largest multi-line JSON document read; JSON Lines have no limit on the file size. */
    static final int MAX_DOCUMENT_BYTES = 1 << 30;

    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_LINE_BYTES).maxNestingDepth(200).build())
            .build();

    /** Receives root values. */
    interface Handler {
        /**
         * Reads one root value, leaving the parser on its last token. Problems with parts of the
         * value are rejected through the context; a {@link FieldException} rejects the whole
         * value at the line where it starts.
         */
        void value(JsonParser p, Context ctx) throws IOException, FieldException;
    }

    /** Where the handler's parser is reading: file, line offset, and the bytes for reject texts. */
    static final class Context {
        final String source;
        final Rejects rejects;
        private byte[] buf;
        private int from;
        private int to;
        private long firstLine;
        /** Whether the bytes span many file lines (a document) or are one line (JSON Lines). */
        private boolean document;

        Context(String source, Rejects rejects) {
            this.source = source;
            this.rejects = rejects;
        }

        void reset(byte[] buf, int from, int to, long firstLine, boolean document) {
            this.buf = buf;
            this.from = from;
            this.to = to;
            this.firstLine = firstLine;
            this.document = document;
        }

        /** File line of the token the parser is on. */
        long line(JsonParser p) {
            return line(p.currentTokenLocation());
        }

        long line(JsonLocation location) {
            if (!document) {
                return firstLine; // a stray '\r' inside a line is a line break to Jackson, not to the file
            }
            int nr = location.getLineNr();
            return nr < 1 ? firstLine : firstLine + nr - 1;
        }

        /** Byte offset of the current token, for {@link #text(long, long)}. */
        static long offset(JsonParser p) {
            return p.currentTokenLocation().getByteOffset();
        }

        /** The record text between two token offsets (end exclusive), cut for rejects. */
        String text(long start, long end) {
            long s = Math.max(0, start);
            long e = end < 0 ? to - from : Math.min(end, to - from);
            if (e <= s) {
                return "";
            }
            return Text.lenient(buf, from + (int) s, from + (int) e);
        }

        /** The text of the value whose first token was at {@code start}; the parser is on its last token. */
        String valueText(long start, JsonParser p) {
            return text(start, offset(p) + 1);
        }

        void reject(long line, String field, String reason, String detail, String record) {
            rejects.add(source, line, field, reason, detail, record);
        }
    }

    private JsonRecords() {
    }

    /** Thrown inside the line scan to switch to document mode. */
    private static final class DocumentMode extends RuntimeException {
        final long firstLine;

        DocumentMode(long firstLine) {
            super(null, null, false, false);
            this.firstLine = firstLine;
        }
    }

    /** Thrown inside the line scan when a file whose first record is incomplete turns out to be JSON Lines. */
    private static final class LinesMode extends RuntimeException {
        LinesMode() {
            super(null, null, false, false);
        }
    }

    /** Non-blank lines looked at, after an incomplete first line, for evidence of JSON Lines. */
    static final int LOOKAHEAD_LINES = 1000;

    /**
     * Reads the input as JSON Lines or, if its first non-blank line is not complete and what
     * follows does not look like JSON Lines, as one document; reports a damaged compressed
     * stream. Returns the number of lines.
     */
    static long read(Input input, Rejects rejects, Handler handler) throws IOException {
        return read(input, rejects, handler, MAX_LINE_BYTES);
    }

    /** {@link #read(Input, Rejects, Handler)} with another limit on the length of a line. */
    static long read(Input input, Rejects rejects, Handler handler, int maxLineBytes) throws IOException {
        Context ctx = new Context(input.name(), rejects);
        try {
            return readLines(input, ctx, handler, maxLineBytes, true);
        } catch (DocumentMode d) {
            return readDocument(input, ctx, d.firstLine, handler);
        } catch (LinesMode l) {
            return readLines(input, ctx, handler, maxLineBytes, false);
        }
    }

    /**
     * Reads JSON Lines. With {@code decide}, an incomplete first record suspends reading until
     * the lines after it show what the file is: {@link LinesMode} (read again, as lines) or
     * {@link DocumentMode}. Nothing is handed over or rejected before that decision.
     */
    private static long readLines(Input input, Context ctx, Handler handler, int maxLineBytes, boolean decide)
            throws IOException {
        boolean[] first = {decide};
        long[] undecidedSince = {0};
        int[] looked = {0};
        long lines;
        try (InputStream in = input.open()) {
            lines = new LineScanner(maxLineBytes).scan(in, (b, from, to, line, tooLong) -> {
                if (!tooLong && Text.isBlank(b, from, to)) {
                    return;
                }
                if (undecidedSince[0] > 0) {
                    if (!tooLong && isRecordLine(b, from, to)) {
                        throw new LinesMode();
                    }
                    if (++looked[0] >= LOOKAHEAD_LINES) {
                        throw new DocumentMode(undecidedSince[0]);
                    }
                    return;
                }
                if (first[0]) {
                    first[0] = false;
                    if (startsValue(b, from, to) && (tooLong || !isComplete(b, from, to))) {
                        undecidedSince[0] = line;
                        return;
                    }
                }
                if (tooLong) {
                    ctx.rejects.add(ctx.source, line, null, "line-too-long", "line longer than " + maxLineBytes
                            + " bytes", Text.lenient(b, from, to));
                    return;
                }
                ctx.reset(b, from, to, line, false);
                parse(b, from, to, ctx, handler, false);
            });
        }
        if (undecidedSince[0] > 0) {
            throw new DocumentMode(undecidedSince[0]); // nothing after the first line looks like JSON Lines
        }
        input.reportDamage(ctx.rejects, lines + 1);
        return lines;
    }

    /**
     * Reads one message received whole — a WebSocket text message, a server-sent event's data, a
     * REST response — as JSON text, the way a line of JSON Lines is read. Problems are reported
     * with {@code source} and, in place of a line, the message's sequence number in its stream
     * (plus the line within the message, for a message of several lines, such as a pretty-printed
     * REST page).
     */
    static void readMessage(String source, long sequence, byte[] b, Rejects rejects, Handler handler)
            throws IOException {
        Context ctx = new Context(source, rejects);
        boolean lines = false;
        for (byte c : b) {
            if (c == '\n') {
                lines = true;
                break;
            }
        }
        ctx.reset(b, 0, b.length, sequence, lines);
        parse(b, 0, b.length, ctx, handler, false);
    }

    /** A complete, valid JSON object or array that starts in the line's first column. */
    private static boolean isRecordLine(byte[] b, int from, int to) throws IOException {
        if (b[from] != '{' && b[from] != '[') {
            return false;
        }
        try (JsonParser p = JSON.createParser(b, from, to - from)) {
            while (p.nextToken() != null) {
                p.skipChildren();
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static long readDocument(Input input, Context ctx, long firstLine, Handler handler) throws IOException {
        byte[] doc;
        try (InputStream in = input.open()) {
            doc = in.readNBytes(MAX_DOCUMENT_BYTES);
            if (in.read() >= 0) {
                ctx.reject(firstLine, null, "line-too-long", "a multi-line JSON document larger than "
                        + MAX_DOCUMENT_BYTES + " bytes is not read; write one record per line (JSON Lines)", null);
                return firstLine;
            }
        }
        // Line numbers count from the start of the file.
        ctx.reset(doc, 0, doc.length, 1, true);
        parse(doc, 0, doc.length, ctx, handler, true);
        long lines = 1;
        for (byte x : doc) {
            if (x == '\n') {
                lines++;
            }
        }
        input.reportDamage(ctx.rejects, lines + 1);
        return lines;
    }

    private static void parse(byte[] b, int from, int to, Context ctx, Handler handler, boolean document)
            throws IOException {
        long valueStart = 0;
        long valueLine = ctx.line(JsonLocation.NA);
        try (JsonParser p = JSON.createParser(b, from, to - from)) {
            while (p.nextToken() != null) {
                valueStart = Context.offset(p);
                valueLine = ctx.line(p);
                try {
                    handler.value(p, ctx);
                } catch (FieldException e) {
                    ctx.reject(valueLine, e.field(), e.reason(), e.getMessage(),
                            document ? ctx.text(valueStart, valueStart + Rejects.MAX_RECORD_CHARS) : ctx.text(0, -1));
                    if (!skipRest(p)) {
                        return;
                    }
                }
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? valueLine : ctx.line(e.getLocation());
            String message = e.getOriginalMessage();
            String reason = message != null && message.contains("UTF-8") ? "bad-encoding" : "invalid-json";
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            String rest = document ? "; the rest of the document is not read" : "";
            ctx.reject(line, null, reason, firstLine(message) + where + rest,
                    document ? ctx.text(valueStart, valueStart + Rejects.MAX_RECORD_CHARS) : ctx.text(0, -1));
        }
    }

    /** After a handler gave up inside a value: skip to its end if the parser is inside one. */
    private static boolean skipRest(JsonParser p) throws IOException {
        while (p.getParsingContext() != null && !p.getParsingContext().inRoot()) {
            if (p.nextToken() == null) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static boolean startsValue(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return b[i] == '[' || b[i] == '{' || (b[i] == (byte) 0xef && i == from);
            }
        }
        return false;
    }

    /** Whether the slice holds only complete JSON values (it may still be invalid otherwise). */
    private static boolean isComplete(byte[] b, int from, int to) throws IOException {
        try (JsonParser p = JSON.createParser(b, from, to - from)) {
            while (p.nextToken() != null) {
                p.skipChildren();
            }
            return true;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            return message == null || !message.contains("end-of-input");
        }
    }

    // ---- small typed readers shared by the JSON readers ------------------------------------------

    /**
     * A string (or integer, for ids) value; null for JSON null. Any other type is a
     * {@code wrong-type} problem recorded in {@code problem}, and the value is skipped.
     */
    static String string(JsonParser p, String field, Problem problem) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        problem.wrongType(field, "a string");
        p.skipChildren();
        return null;
    }

    /** An id: like {@link #string}, but blank ids count as absent. */
    static String id(JsonParser p, String field, Problem problem) throws IOException {
        String s = string(p, field, problem);
        return s == null || s.isBlank() ? null : s;
    }

    /** A non-negative count given as a number or numeric string; -1 for null or when unusable. */
    static long count(JsonParser p, String field, Problem problem) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                problem.set(field, "invalid-value", "'" + field + "' is too large");
                return -1;
            }
            long v = p.getLongValue();
            return v < 0 ? -1 : v;
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                long v = Long.parseLong(p.getText());
                return v < 0 ? -1 : v;
            } catch (NumberFormatException e) {
                problem.wrongType(field, "a number");
                return -1;
            }
        }
        if (t != JsonToken.VALUE_NULL) {
            problem.wrongType(field, "a number");
            p.skipChildren();
        }
        return -1;
    }

    /** Expects the start of an array; records a problem and skips the value otherwise. */
    static boolean array(JsonParser p, String field, Problem problem) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            return true;
        }
        if (t != JsonToken.VALUE_NULL) {
            problem.wrongType(field, "an array");
            p.skipChildren();
        }
        return false;
    }

    /** Expects the start of an object; records a problem and skips the value otherwise. */
    static boolean object(JsonParser p, String field, Problem problem) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t != JsonToken.VALUE_NULL) {
            problem.wrongType(field, "an object");
            p.skipChildren();
        }
        return false;
    }

    /** The first thing wrong with a record, kept while parsing goes on to the record's end. */
    static final class Problem {
        String field;
        String reason;
        String detail;

        boolean any() {
            return reason != null;
        }

        void set(String field, String reason, String detail) {
            if (this.reason == null) {
                this.field = field;
                this.reason = reason;
                this.detail = detail;
            }
        }

        void wrongType(String field, String expected) {
            set(field, "wrong-type", "'" + field + "' must be " + expected);
        }

        void missing(String field) {
            set(field, "missing-field", "required field '" + field + "' is missing");
        }

        void clear() {
            field = null;
            reason = null;
            detail = null;
        }
    }
}
