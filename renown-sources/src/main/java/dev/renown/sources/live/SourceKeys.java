package dev.renown.sources.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Keys of streams in the store: {@code kind:where}, at most {@link #MAX_LENGTH} characters. */
final class SourceKeys {

    /** The store keeps source keys in 128 characters. */
    static final int MAX_LENGTH = 128;

    private SourceKeys() {
    }

    /** {@code kind:where}, or for a long one its start and a digest of the whole, so keys stay distinct. */
    static String of(String kind, String where) {
        String key = kind + ":" + where;
        if (key.length() <= MAX_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String tail = "#" + HexFormat.of().formatHex(digest, 0, 8);
            return key.substring(0, MAX_LENGTH - tail.length()) + tail;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
