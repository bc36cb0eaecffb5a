package dev.renown.sources;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One input file, opened with transparent gzip and zstd decompression, counting the bytes read
 * from disk so that long reads can report their progress.
 *
 * <p>A compressed file that ends early or is damaged does not fail the read: the decompressed
 * stream ends where the damage starts, what came before is read as usual, and the reader
 * reports the damage as a {@code truncated-input} reject ({@link #reportDamage}).
 */
public final class Input {

    private static final int BUFFER = 1 << 16;
    /**
     * Largest zstd window accepted, as a base-2 logarithm: 2 GiB. Reddit dumps are compressed
     * with {@code --long=31}, which plain decoders refuse ("window too large") by default.
     */
    public static final int ZSTD_WINDOW_LOG_MAX = 31;

    private final Path path;
    /** The content of an input held in memory, or null for a file. */
    private final byte[] content;
    private final TimeBound timeBound;
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile String damage;

    /** A file, whose records may be dated up to the wall clock plus {@link TimeBound#SKEW_DEFAULT}. */
    public Input(Path path) {
        this(path, null, TimeBound.defaults());
    }

    private Input(Path path, byte[] content, TimeBound timeBound) {
        this.path = path;
        this.content = content;
        this.timeBound = Objects.requireNonNull(timeBound, "time bound");
    }

    /** The same input, its records bounded by {@code bound} instead ({@link TimeBound}). */
    public Input withTimeBound(TimeBound bound) {
        return new Input(path, content, bound);
    }

    /** The latest time a record of this input may carry; readers reject later ones. */
    public TimeBound timeBound() {
        return timeBound;
    }

    /**
     * An input held in memory (compressed or not), for benchmarks, tests and callers that
     * already have the bytes. {@code name} stands for the file name: readers take hints from it
     * (such as {@code followers-of-<id>}) and messages show it; nothing is read from disk.
     */
    public static Input of(String name, byte[] content) {
        return new Input(Path.of(name), Objects.requireNonNull(content, "content"), TimeBound.defaults());
    }

    public Path path() {
        return path;
    }

    /** The name used in messages: the path as given. */
    public String name() {
        return path.toString();
    }

    /** Size on disk (in memory for {@link #of}), or -1 when unknown. */
    public long size() {
        if (content != null) {
            return content.length;
        }
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Bytes read from disk so far (compressed bytes for compressed files). */
    public long bytesRead() {
        return bytesRead.get();
    }

    /**
     * Checks that the file exists, is a regular file and is readable.
     *
     * @throws IOException with a message naming the file and what is wrong
     */
    public void checkReadable() throws IOException {
        if (content != null) {
            return;
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": is a directory, not a file");
        }
        if (!Files.isReadable(path)) {
            throw new AccessDeniedException(path.toString(), null, "not readable");
        }
    }

    /**
     * Opens the decompressed content. Gzip ({@code 1f 8b}) and zstd ({@code 28 b5 2f fd}) are
     * recognised by their magic bytes, not the name; concatenated members and frames are read
     * one after the other. {@link #bytesRead()} counts from zero again for each opening.
     */
    public InputStream open() throws IOException {
        checkReadable();
        bytesRead.set(0);
        damage = null;
        InputStream source = content != null ? new ByteArrayInputStream(content) : Files.newInputStream(path);
        InputStream raw = new BufferedInputStream(new CountingStream(source, bytesRead), BUFFER);
        raw.mark(4);
        int b0 = raw.read();
        int b1 = raw.read();
        int b2 = raw.read();
        int b3 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new DamageStopsStream(new GZIPInputStream(raw, BUFFER), "gzip"), BUFFER);
        }
        if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
            ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(raw);
            zstd.setLongMax(ZSTD_WINDOW_LOG_MAX);
            return new BufferedInputStream(new DamageStopsStream(zstd, "zstd"), BUFFER);
        }
        return raw;
    }

    /**
     * What was wrong with the compressed stream, if decompression stopped early in the latest
     * {@link #open()}; null otherwise.
     */
    public String damage() {
        return damage;
    }

    /**
     * Reports a damaged or truncated compressed stream, if the latest {@link #open()} met one,
     * as a {@code truncated-input} reject at {@code line} (the line after the last one read).
     */
    public void reportDamage(Rejects rejects, long line) {
        String d = damage;
        if (d != null) {
            rejects.add(name(), line, null, "truncated-input", d, null);
        }
    }

    /** Ends the stream where decompression fails, remembering why. */
    private final class DamageStopsStream extends FilterInputStream {
        private final String codec;
        private boolean ended;

        DamageStopsStream(InputStream in, String codec) {
            super(in);
            this.codec = codec;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            try {
                return super.read(b, off, len);
            } catch (EOFException | ZipException | ZstdIOException e) {
                return stop(e);
            }
        }

        private int stop(IOException e) {
            ended = true;
            damage = codec + " stream ends early or is damaged after " + bytesRead.get()
                    + " compressed bytes (" + e.getMessage() + "); the records before it were read";
            return -1;
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
