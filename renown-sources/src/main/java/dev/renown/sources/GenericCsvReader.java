package dev.renown.sources;

import dev.renown.core.event.InteractionSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads Renown's generic CSV format (RFC 4180): a header line naming the columns, then one
 * interaction per record. Column names are the field names of the generic NDJSON format
 * ({@link GenericNdjsonReader}); {@code kind}, {@code actor}, {@code target} and {@code time}
 * are required, {@code hashtags} holds hashtags separated by spaces. Fields containing commas,
 * quotes or line breaks are double-quoted, with quotes doubled inside; a quoted field may span
 * lines. Unknown columns are ignored.
 * <pre>
 *   id,network,kind,actor,target,time
 *   1,mastodon,repost,alice,bob,2024-05-01T12:00:00Z
 * </pre>
 */
public final class GenericCsvReader implements InteractionReader {

    static final int MAX_RECORD_BYTES = 1 << 20;

    private final String defaultNetwork;

    public GenericCsvReader() {
        this(null);
    }

    public GenericCsvReader(String defaultNetwork) {
        this.defaultNetwork = defaultNetwork;
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        String source = input.name();
        State state = new State();
        state.bound = input.timeBound();
        try (InputStream in = input.open()) {
            long lines = new LineScanner(MAX_RECORD_BYTES).scan(in, (b, from, to, line, tooLong) -> {
                if (tooLong) {
                    if (state.pending.size() > 0) {
                        // The line belongs to the quoted record pending since startLine: reject that record.
                        rejects.add(source, state.startLine, null, "line-too-long", "quoted record runs into line "
                                + line + ", longer than " + MAX_RECORD_BYTES + " bytes", state.pendingText());
                    } else {
                        rejects.add(source, line, null, "line-too-long", "line longer than " + MAX_RECORD_BYTES
                                + " bytes", Text.lenient(b, from, to));
                    }
                    state.reset();
                    return;
                }
                if (state.pending.size() == 0) {
                    if (Text.isBlank(b, from, to)) {
                        return;
                    }
                    state.startLine = line;
                } else {
                    state.pending.write('\n');
                }
                state.pending.write(b, from, to - from);
                state.scanQuotes(b, from, to);
                if (state.inQuotedField) {
                    if (state.pending.size() > MAX_RECORD_BYTES) {
                        rejects.add(source, state.startLine, null, "unterminated-quote",
                                "quoted field not closed within " + MAX_RECORD_BYTES + " bytes",
                                state.pendingText());
                        state.reset();
                    }
                    return; // the record continues on the next line
                }
                byte[] record = state.pending.toByteArray();
                long recordLine = state.startLine;
                state.reset();
                handle(source, recordLine, record, state, sink, rejects);
            });
            input.reportDamage(rejects, lines + 1);
        }
        if (state.pending.size() > 0) {
            rejects.add(source, state.startLine, null, "unterminated-quote", "file ends inside a quoted field",
                    state.pendingText());
        }
        if (state.header == null) {
            rejects.add(source, 1, null, "missing-header", "no header line with column names", null);
        }
    }

    private void handle(String source, long line, byte[] record, State state, InteractionSink sink, Rejects rejects) {
        String text;
        try {
            text = Text.utf8(record, 0, record.length);
        } catch (CharacterCodingException e) {
            rejects.add(source, line, null, "bad-encoding", "record is not valid UTF-8",
                    Text.lenient(record, 0, record.length));
            return;
        }
        List<String> fields;
        try {
            fields = split(text);
        } catch (FieldException e) {
            rejects.add(source, line, null, e.reason(), e.getMessage(), text);
            return;
        }
        if (state.header == null) {
            state.header = fields.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toArray(String[]::new);
            for (String required : List.of("kind", "actor", "target", "time")) {
                if (!Arrays.asList(state.header).contains(required)) {
                    rejects.add(source, line, required, "missing-column", "header has no '" + required
                            + "' column; found " + Arrays.toString(state.header), text);
                }
            }
            return;
        }
        if (fields.size() != state.header.length) {
            rejects.add(source, line, null, "wrong-field-count", "expected " + state.header.length
                    + " fields as in the header, found " + fields.size(), text);
            return;
        }
        GenericRecord r = new GenericRecord();
        for (int i = 0; i < fields.size(); i++) {
            if (state.header[i].equals("hashtags")) {
                for (String tag : fields.get(i).trim().split("\\s+")) {
                    if (!tag.isEmpty()) {
                        r.hashtags.add(tag);
                    }
                }
            } else {
                r.set(state.header[i], fields.get(i));
            }
        }
        try {
            r.emit(defaultNetwork, state.bound, sink);
        } catch (FieldException e) {
            rejects.add(source, line, e.field(), e.reason(), e.getMessage(), text);
        }
    }

    /** Splits one RFC 4180 record. */
    static List<String> split(String record) throws FieldException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = record.length();
        while (true) {
            field.setLength(0);
            if (i < n && record.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new FieldException(null, "unterminated-quote", "quoted field is not closed");
                    }
                    char c = record.charAt(i++);
                    if (c == '"') {
                        if (i < n && record.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && record.charAt(i) != ',') {
                    throw new FieldException(null, "bad-quote", "text after closing quote at column " + (i + 1));
                }
            } else {
                while (i < n && record.charAt(i) != ',') {
                    char c = record.charAt(i++);
                    if (c == '"') {
                        throw new FieldException(null, "bad-quote", "quote inside unquoted field at column " + i);
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static final class State {
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        /** Whether the pending record ends inside a quoted field, so it continues on the next line. */
        boolean inQuotedField;
        /** Whether the scan is at the start of a field (only there does a quote open a quoted field). */
        boolean atFieldStart = true;
        long startLine;
        String[] header;
        TimeBound bound;

        void reset() {
            pending.reset();
            inQuotedField = false;
            atFieldStart = true;
        }

        /**
         * Follows RFC 4180 quoting over one more line of the pending record: a quote opens a
         * quoted field only at the start of a field, and inside one a doubled quote is a quote.
         * Stray quotes elsewhere do not continue the record; the split rejects them.
         */
        void scanQuotes(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                byte c = b[i];
                if (inQuotedField) {
                    if (c == '"') {
                        if (i + 1 < to && b[i + 1] == '"') {
                            i++;
                        } else {
                            inQuotedField = false;
                        }
                    }
                } else if (c == ',') {
                    atFieldStart = true;
                } else {
                    if (c == '"' && atFieldStart) {
                        inQuotedField = true;
                    }
                    atFieldStart = false;
                }
            }
            if (!inQuotedField) {
                atFieldStart = true;
            }
        }

        String pendingText() {
            byte[] b = pending.toByteArray();
            return Text.lenient(b, 0, b.length);
        }
    }
}
