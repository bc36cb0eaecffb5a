package dev.renown.sources.synthetic;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ParallelGzipOutputStreamTest {

    private static final int BLOCK = ParallelGzipOutputStream.BLOCK;

    /** Text that compresses somewhat, with long-range repeats that cross block boundaries. */
    private static byte[] input(int length) {
        byte[] b = new byte[length];
        Rng rng = new Rng(length);
        for (int i = 0; i < length; i++) {
            b[i] = i >= 40_000 && rng.chance(0.5) ? b[i - 40_000 + rng.nextInt(3)] : (byte) ('a' + rng.nextInt(20));
        }
        return b;
    }

    private static byte[] gzip(byte[] input, int threads, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, 3, threads)) {
            for (int i = 0; i < input.length; i += chunk) {
                gz.write(input, i, Math.min(chunk, input.length - i));
            }
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void any_gzip_reader_gets_the_input_back_whatever_its_length() throws IOException {
        for (int length : new int[] {0, 1, 1000, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 12_345}) {
            byte[] input = input(length);
            assertArrayEquals(input, gunzip(gzip(input, 2, 65_536)), length + " bytes");
        }
    }

    @Test
    void the_output_does_not_depend_on_threads_or_write_sizes() throws IOException {
        byte[] input = input(5 * BLOCK + 777);
        byte[] one = gzip(input, 1, 1 << 20);
        assertArrayEquals(one, gzip(input, 3, 4_099));
        assertArrayEquals(one, gzip(input, 2, 1));
    }
}
