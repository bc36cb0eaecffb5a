package dev.renown.sources.live;

/**
 * An access token that never shows: {@link #toString()} hides it, and {@link #scrub} removes it
 * from any text a connector is about to print or log (a server may echo what it was sent).
 */
public final class BearerToken {

    private static final String HIDDEN = "***";
    private final String value;

    private BearerToken(String value) {
        this.value = value;
    }

    /**
     * A token from its text.
     *
     * @throws IllegalArgumentException when blank or holding a line break (no value is quoted)
     */
    public static BearerToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the access token is empty");
        }
        String v = value.strip();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("the access token holds a character not allowed in a header");
            }
        }
        return new BearerToken(v);
    }

    /** The {@code Authorization} header's value. */
    String header() {
        return "Bearer " + value;
    }

    /** {@code text} with every occurrence of the token replaced by {@value #HIDDEN}. */
    public String scrub(String text) {
        return text == null ? null : text.replace(value, HIDDEN);
    }

    @Override
    public String toString() {
        return "BearerToken[" + HIDDEN + "]";
    }
}
