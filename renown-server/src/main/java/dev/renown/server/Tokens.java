package dev.renown.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens: random, shown once, stored only as their SHA-256, checked in constant time.
 */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A new random token: 32 bytes, base64url, prefixed {@code rn_}. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "rn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a token, hex. */
    public static String sha256(String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code presented} is the token whose hash is {@code expectedSha256}. Compares the
     * digests with {@link MessageDigest#isEqual}, whose time does not depend on where they differ.
     */
    static boolean matches(String presented, String expectedSha256) {
        if (presented == null || expectedSha256 == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(presented), HexFormat.of().parseHex(expectedSha256.toLowerCase()));
    }
}
