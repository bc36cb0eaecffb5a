package dev.renown.sources;

/**
 * A record a reader could not use, and where it was.
 *
 * @param source file name, or URL of the live stream, the record came from
 * @param line   1-based line number where the record starts; for a live stream, the message's
 *               sequence number in the stream (from 1, across reconnections)
 * @param field  the offending field, or null when the record as a whole is bad
 * @param reason short, stable reason code for counting ({@code invalid-json}, {@code missing-field}, …)
 * @param detail a sentence for people
 * @param record the record's text, cut to {@link Rejects#MAX_RECORD_CHARS} characters
 */
public record Reject(String source, long line, String field, String reason, String detail, String record) {

    /** {@code file:line: [field] detail}, as in compiler messages. */
    public String describe() {
        return source + ":" + line + ": " + (field == null ? "" : "field '" + field + "': ") + detail;
    }
}
