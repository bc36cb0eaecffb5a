package dev.renown.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One interaction: on {@code network}, at {@code timeMillis}, {@code actor} did {@code kind} to
 * {@code target}.
 *
 * <p>Both accounts live on the interaction's network. {@code eventId} is stable: reading the
 * same record twice, from the same file or another, yields the same id, so duplicates can be
 * recognised. Readers take it from the source (a post id plus the kind and target, say) or
 * derive it from the content with {@link #derivedId}.
 *
 * @param eventId      stable id for deduplication, unique per distinct event
 * @param network      network of both accounts
 * @param kind         what the actor did
 * @param actorId      id of the account that acted
 * @param targetId     id of the account acted upon
 * @param timeMillis   when, in milliseconds since the epoch (UTC)
 * @param postId       the actor's post that carries the interaction (the retweet, the reply), or null
 * @param targetPostId the target's post acted upon (the tweet retweeted or answered), or null
 * @param text         text of the actor's post, or null
 * @param hashtags     hashtags of the actor's post, lower-case, without '#'; never null
 */
public record Interaction(
        String eventId,
        String network,
        InteractionKind kind,
        String actorId,
        String targetId,
        long timeMillis,
        String postId,
        String targetPostId,
        String text,
        List<String> hashtags) {

    public Interaction {
        eventId = AccountKey.requireToken(eventId, "event id");
        network = AccountKey.requireToken(network, "network");
        Objects.requireNonNull(kind, "kind");
        actorId = AccountKey.requireToken(actorId, "actor");
        targetId = AccountKey.requireToken(targetId, "target");
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }

    /**
     * An interaction without post ids, text or hashtags, whose id is derived from its content.
     */
    public static Interaction of(String network, InteractionKind kind, String actorId, String targetId,
                                 long timeMillis) {
        return new Interaction(derivedId(network, kind, actorId, targetId, timeMillis, null),
                network, kind, actorId, targetId, timeMillis, null, null, null, List.of());
    }

    /**
     * A content-derived event id: {@code network/kind:actor>target@millis}, followed by
     * {@code #postId} when the post is known. Two records describing the same act get the same
     * id; acts that differ in any of these fields get different ids.
     */
    public static String derivedId(String network, InteractionKind kind, String actorId, String targetId,
                                   long timeMillis, String postId) {
        StringBuilder id = new StringBuilder(network.length() + actorId.length() + targetId.length() + 32);
        id.append(network).append('/').append(kind.wireName()).append(':')
                .append(actorId).append('>').append(targetId).append('@').append(timeMillis);
        if (postId != null) {
            id.append('#').append(postId);
        }
        return id.toString();
    }

    public AccountKey actor() {
        return new AccountKey(network, actorId);
    }

    public AccountKey target() {
        return new AccountKey(network, targetId);
    }

    public Instant time() {
        return Instant.ofEpochMilli(timeMillis);
    }

    /** True when an account interacts with itself; such interactions never count. */
    public boolean isSelfInteraction() {
        return actorId.equals(targetId);
    }
}
