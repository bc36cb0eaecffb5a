package dev.renown.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of an input file for resuming ingest: SHA-256 over its size, its first and its
 * last MiB. The same content under another name or path gets the same key; a file that grew or
 * changed gets another (its interactions are then deduplicated by event id instead).
 */
final class SourceKeys {

    private static final int PART = 1 << 20;

    private SourceKeys() {
    }

    static String of(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = Files.size(file);
            sha.update(Long.toString(size).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try (InputStream in = Files.newInputStream(file)) {
                sha.update(in.readNBytes(PART));
            }
            if (size > PART) {
                try (SeekableByteChannel ch = Files.newByteChannel(file)) {
                    ch.position(Math.max(PART, size - PART));
                    ByteBuffer tail = ByteBuffer.allocate((int) Math.min(PART, size - PART));
                    while (tail.hasRemaining() && ch.read(tail) > 0) {
                        // read the whole tail
                    }
                    tail.flip();
                    sha.update(tail);
                }
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
