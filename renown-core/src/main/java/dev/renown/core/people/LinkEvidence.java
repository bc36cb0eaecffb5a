package dev.renown.core.people;

/**
 * What suggests that two accounts on different networks are one person, strongest first
 * ({@link LinkSuggestions} states each rule).
 */
public enum LinkEvidence {

    /**
     * One profile links to the other and its network checked that the linked page links back:
     * a Mastodon profile field marked {@code verified_at} ({@code rel="me"}). Strongest.
     */
    REL_ME("rel-me"),

    /**
     * A Bluesky handle that is a domain — which Bluesky has checked the account controls — named
     * on another network's profile. Strong, but the other profile's claim is its own.
     */
    DOMAIN("domain"),

    /** The same handle on two networks. Weakest: different people hold the same handle. */
    HANDLE("handle");

    private final String code;

    LinkEvidence(String code) {
        this.code = code;
    }

    /** The name used in output, JSON and {@code linked_by} ({@code suggestion:<code>}). */
    public String code() {
        return code;
    }
}
