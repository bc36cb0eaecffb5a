package dev.renown.core.event;

import java.util.Locale;

/**
 * What one account did to another.
 *
 * <p>The kinds follow what every network offers in some form: Twitter's retweet, Mastodon's
 * reblog and Bluesky's repost are all {@link #REPOST}; a post that embeds another is a
 * {@link #QUOTE}; an answer in a thread is a {@link #REPLY}; naming someone in a post is a
 * {@link #MENTION}; favourites and likes are {@link #LIKE}; subscribing to someone's posts is a
 * {@link #FOLLOW}.
 */
public enum InteractionKind {
    /** The actor reshared a post of the target to the actor's own audience. */
    REPOST,
    /** The actor reshared a post of the target with a comment of the actor's own. */
    QUOTE,
    /** The actor answered a post of the target. */
    REPLY,
    /** The actor named the target in a post. */
    MENTION,
    /** The actor liked (favourited) a post of the target. */
    LIKE,
    /** The actor followed the target. */
    FOLLOW;

    private static final InteractionKind[] VALUES = values();

    /** The kind with the given {@link #ordinal()}. */
    public static InteractionKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Number of kinds. */
    public static int count() {
        return VALUES.length;
    }

    /**
     * Parses a kind by name, ignoring case, accepting the names networks use for it:
     * {@code retweet}, {@code rt}, {@code reblog}, {@code boost} for {@link #REPOST};
     * {@code re} for {@link #REPLY}; {@code mt} for {@link #MENTION}; {@code favorite},
     * {@code favourite}, {@code fav} for {@link #LIKE}.
     *
     * @throws IllegalArgumentException naming the unknown value
     */
    public static InteractionKind parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("interaction kind is missing");
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "repost": case "retweet": case "rt": case "reblog": case "boost": case "reshare":
                return REPOST;
            case "quote": case "qt":
                return QUOTE;
            case "reply": case "re":
                return REPLY;
            case "mention": case "mt":
                return MENTION;
            case "like": case "favorite": case "favourite": case "fav":
                return LIKE;
            case "follow":
                return FOLLOW;
            default:
                throw new IllegalArgumentException("unknown interaction kind '" + name
                        + "' (expected repost, quote, reply, mention, like or follow)");
        }
    }

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in files and JSON. */
    public String wireName() {
        return wireName;
    }
}
