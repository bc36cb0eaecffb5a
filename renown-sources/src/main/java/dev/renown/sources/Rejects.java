package dev.renown.sources;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects rejected records: counts them per reason, keeps the first few as examples, and
 * writes every one of them, as NDJSON, to a rejects file when one is given — so nothing a
 * reader could not use is silently lost. Thread-safe.
 *
 * <p>Records that are valid but carry no interaction (a deleted post, an original tweet that
 * names nobody, a Jetstream identity event) are not rejects: readers count them per reason with
 * {@link #skip(String, long)}, so that a run's summary can still account for every record.
 */
public final class Rejects implements Closeable {

    /** Longest record text kept per reject. */
    public static final int MAX_RECORD_CHARS = 2000;
    private static final int EXAMPLES = 10;
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private final List<Reject> examples = new ArrayList<>();
    private JsonGenerator out;
    private long total;

    /** Rejects that are counted and kept as examples only. */
    public Rejects() {
        this(null);
    }

    /** Rejects that are also written, all of them, to {@code file} (created on the first reject). */
    public Rejects(Path file) {
        this.file = file;
    }

    public synchronized void add(Reject reject) {
        total++;
        byReason.merge(reject.reason(), 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(reject);
        }
        if (file != null) {
            write(reject);
        }
    }

    /** Convenience for readers. */
    public void add(String source, long line, String field, String reason, String detail, CharSequence record) {
        String text = record == null ? null : record.length() > MAX_RECORD_CHARS
                ? record.subSequence(0, MAX_RECORD_CHARS).toString() : record.toString();
        add(new Reject(source, line, field, reason, detail, text));
    }

    public synchronized long total() {
        return total;
    }

    /** Counts {@code count} valid records that carry no interaction, for the reason given. */
    public synchronized void skip(String reason, long count) {
        if (count > 0) {
            skippedByReason.merge(reason, count, Long::sum);
        }
    }

    /** Counts of records skipped without being rejected, per reason, sorted by reason. */
    public synchronized Map<String, Long> skippedByReason() {
        return Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
    }

    /** Number of records skipped without being rejected. */
    public synchronized long skipped() {
        long sum = 0;
        for (long n : skippedByReason.values()) {
            sum += n;
        }
        return sum;
    }

    /** Reject counts per reason code, sorted by reason. */
    public synchronized Map<String, Long> countsByReason() {
        return Collections.unmodifiableMap(new TreeMap<>(byReason));
    }

    /** The first rejects, in the order they happened. */
    public synchronized List<Reject> examples() {
        return List.copyOf(examples);
    }

    /** Where every reject is written, or null. */
    public Path file() {
        return file;
    }

    private void write(Reject reject) {
        try {
            if (out == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = JSON.createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8);
                out.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            }
            out.writeStartObject();
            out.writeStringField("source", reject.source());
            out.writeNumberField("line", reject.line());
            if (reject.field() != null) {
                out.writeStringField("field", reject.field());
            }
            out.writeStringField("reason", reject.reason());
            out.writeStringField("detail", reject.detail());
            if (reject.record() != null) {
                out.writeStringField("record", reject.record());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects to " + file, e);
        }
    }

    /** Writes out the rejects written so far, for a process that goes on reading. */
    public synchronized void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.writeRaw('\n');
            out.close();
            out = null;
        }
    }
}
