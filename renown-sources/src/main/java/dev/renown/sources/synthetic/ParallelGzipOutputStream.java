package dev.renown.sources.synthetic;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream compressed on several threads, the way pigz does it: the input is cut into
 * blocks of {@link #BLOCK} bytes, each compressed on its own as raw deflate with the previous
 * block's last 32 KiB as dictionary and ended with a sync flush (the last one with the final
 * block), and the pieces are written in order between one gzip header and trailer. The result
 * is one ordinary gzip member that any gzip reader decompresses as one stream.
 *
 * <p>Each block's compressed bytes depend only on its input, its dictionary and the level, so
 * the output is the same whatever the number of threads or their timing. The header carries no
 * time or name, so the same input always gives the same file (with the same zlib). At most
 * {@code 2·threads + 1} blocks are held at once.
 */
final class ParallelGzipOutputStream extends OutputStream {

    /** Input per block. */
    static final int BLOCK = 1 << 20;
    private static final int DICTIONARY = 1 << 15;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final int level;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block = new byte[BLOCK];
    private int size;
    private byte[] previous;
    private long total;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        this.out = out;
        this.level = level;
        this.window = 2 * threads + 1;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gzip");
            t.setDaemon(true);
            return t;
        });
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, BLOCK - size);
            System.arraycopy(b, off, block, size, n);
            size += n;
            off += n;
            len -= n;
            if (size == BLOCK) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int length = size;
        byte[] dictionary = previous;
        crc.update(input, 0, length);
        total += length;
        pending.add(pool.submit(() -> compress(input, length, dictionary, last)));
        previous = input;
        block = new byte[BLOCK];
        size = 0;
        while (pending.size() > (last ? 0 : window)) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        try {
            out.write(pending.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed", e.getCause());
        }
    }

    private byte[] compress(byte[] input, int length, byte[] dictionary, boolean last) {
        Deflater d = new Deflater(level, true);
        try {
            if (dictionary != null) {
                d.setDictionary(dictionary, dictionary.length - DICTIONARY, DICTIONARY);
            }
            d.setInput(input, 0, length);
            if (last) {
                d.finish();
            }
            byte[] buf = new byte[length / 4 + 1024];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int space = buf.length - n;
                int got = d.deflate(buf, n, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                n += got;
                if (last ? d.finished() : got < space) {
                    return Arrays.copyOf(buf, n);
                }
            }
        } finally {
            d.end();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            long c = crc.getValue();
            byte[] trailer = new byte[8];
            for (int i = 0; i < 4; i++) {
                trailer[i] = (byte) (c >>> (8 * i));
                trailer[4 + i] = (byte) (total >>> (8 * i));
            }
            out.write(trailer);
        } finally {
            pool.shutdownNow();
            out.close();
        }
    }
}
