package dev.renown.sources;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * One input file, opened with transparent gzip decompression, counting the bytes read from
 * disk so that long reads can report their progress.
 */
public final class Input {

    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final AtomicLong bytesRead = new AtomicLong();

    public Input(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The name used in messages: the path as given. */
    public String name() {
        return path.toString();
    }

    /** Size on disk, or -1 when unknown. */
    public long size() {
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
     * Opens the decompressed content. Gzip is recognised by its magic bytes, not the name.
     * {@link #bytesRead()} counts from zero again for each opening.
     */
    public InputStream open() throws IOException {
        checkReadable();
        bytesRead.set(0);
        InputStream raw = new BufferedInputStream(new CountingStream(Files.newInputStream(path), bytesRead), BUFFER);
        raw.mark(4);
        int b0 = raw.read();
        int b1 = raw.read();
        int b2 = raw.read();
        int b3 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
        }
        if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
            raw.close();
            throw new IOException(path + ": zstd-compressed input is not supported yet; decompress it with 'zstd -d'");
        }
        return raw;
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
