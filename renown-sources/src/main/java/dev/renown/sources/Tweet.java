package dev.renown.sources;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One tweet as read from Twitter API v1.1 or v2, and the one set of rules that turns it into
 * interactions, so that the same tweet gives the same events whichever API it came from.
 *
 * <p>The rules (also in {@code docs/formats.md}):
 * <ul>
 *   <li>A retweet is one {@link InteractionKind#REPOST} to the original's author, and nothing
 *   else: its text and mentions are the original's, copied.</li>
 *   <li>A reply is a {@link InteractionKind#REPLY} to the replied-to account.</li>
 *   <li>A quote is a {@link InteractionKind#QUOTE} to the quoted tweet's author.</li>
 *   <li>Every other distinct account in the tweet's mentions is a {@link InteractionKind#MENTION}.
 *   The account replied to is not also a mention: Twitter puts it in the mentions of every reply,
 *   so counting it there would count one act twice. Other accounts a reply names are
 *   mentions.</li>
 *   <li>Event ids are {@code twitter/<tweet id>/repost|reply|quote} and
 *   {@code twitter/<tweet id>/mention/<user id>}: one per distinct act, the same from v1.1 and
 *   v2.</li>
 *   <li>A target that cannot be resolved to a user id is a {@code unresolved-target} reject for
 *   that act alone; the tweet's other acts still count. A tweet with no act is counted as
 *   skipped ({@code no-interaction}).</li>
 * </ul>
 */
final class Tweet {

    /** Network of every Twitter account. */
    static final String NETWORK = "twitter";
    /** Twitter's snowflake epoch (2010-11-04T01:42:54.657Z): ids since then encode their time. */
    private static final long SNOWFLAKE_EPOCH = 1288834974657L;
    /** Smallest snowflake id (the first ones, November 2010, were about 2.9e13). */
    private static final long FIRST_SNOWFLAKE = 20_000_000_000_000L;

    /** Looks up what a page or file tells beside the tweet. */
    interface Resolver {
        /** The author of a tweet by id, or null. */
        String authorOf(String tweetId);

        /** The user id of a handle (any case), or null. */
        String userIdOf(String username);
    }

    String id;
    String authorId;
    String createdAt;
    long timeMillis = Times.INVALID;
    String text;
    final List<String> hashtags = new ArrayList<>(4);
    final List<String> mentionIds = new ArrayList<>(4);
    final List<String> mentionNames = new ArrayList<>(4);
    String inReplyToUserId;
    String inReplyToTweetId;
    String retweetOfId;
    String retweetAuthorId;
    String quoteOfId;
    String quoteAuthorId;
    final JsonRecords.Problem problem = new JsonRecords.Problem();
    long line;
    String record;

    void clear() {
        id = null;
        authorId = null;
        createdAt = null;
        timeMillis = Times.INVALID;
        text = null;
        hashtags.clear();
        mentionIds.clear();
        mentionNames.clear();
        inReplyToUserId = null;
        inReplyToTweetId = null;
        retweetOfId = null;
        retweetAuthorId = null;
        quoteOfId = null;
        quoteAuthorId = null;
        problem.clear();
        line = 0;
        record = null;
    }

    void addHashtag(String tag) {
        if (tag != null) {
            String t = tag.startsWith("#") ? tag.substring(1) : tag;
            if (!t.isBlank()) {
                hashtags.add(t.toLowerCase(Locale.ROOT));
            }
        }
    }

    void addMention(String userId, String username) {
        if (userId != null || username != null) {
            mentionIds.add(userId);
            mentionNames.add(username);
        }
    }

    /**
     * Derives the tweet's interactions; rejects what cannot be resolved. Returns the number of
     * interactions emitted.
     *
     * @param source  file name, for rejects
     * @param bound   the latest time accepted
     */
    int emit(Resolver resolver, InteractionSink sink, Rejects rejects, String source, TimeBound bound) {
        if (problem.any()) {
            rejects.add(source, line, problem.field, problem.reason, problem.detail, record);
            return 0;
        }
        if (id == null) {
            rejects.add(source, line, "id", "missing-field", "tweet without an id", record);
            return 0;
        }
        if (authorId == null) {
            rejects.add(source, line, "author_id", "missing-field", "tweet " + id + " has no author id", record);
            return 0;
        }
        long time = timeMillis;
        if (time == Times.INVALID && createdAt != null) {
            time = Times.isoMillis(createdAt);
            if (time == Times.INVALID) {
                time = Times.twitterMillis(createdAt);
            }
            if (time == Times.INVALID) {
                rejects.add(source, line, "created_at", "bad-time", "'" + createdAt + "' is not a time", record);
                return 0;
            }
        }
        if (time == Times.INVALID) {
            time = snowflakeMillis(id);
            if (time == Times.INVALID) {
                rejects.add(source, line, "created_at", "missing-field", "tweet " + id
                        + " has no created_at and its id predates time-stamped ids", record);
                return 0;
            }
        }
        if (!bound.allows(time)) {
            rejects.add(source, line, "created_at", TimeBound.REASON, bound.describe(time), record);
            return 0;
        }
        int emitted = 0;
        if (retweetOfId != null || retweetAuthorId != null) {
            String target = retweetAuthorId != null ? retweetAuthorId : resolver.authorOf(retweetOfId);
            if (target == null) {
                target = retweetedHandleTarget(resolver);
            }
            if (target == null) {
                rejects.add(source, line, "referenced_tweets", "unresolved-target", "retweet " + id
                        + " of tweet " + retweetOfId + " whose author is not in the input", record);
                return 0;
            }
            sink.accept(interaction(InteractionKind.REPOST, "/repost", target, time, retweetOfId));
            return 1;
        }
        String replyTarget = inReplyToUserId;
        if (replyTarget == null && inReplyToTweetId != null) {
            replyTarget = resolver.authorOf(inReplyToTweetId);
            if (replyTarget == null) {
                rejects.add(source, line, "in_reply_to_user_id", "unresolved-target", "reply " + id
                        + " to tweet " + inReplyToTweetId + " whose author is not in the input", record);
            }
        }
        if (replyTarget != null) {
            sink.accept(interaction(InteractionKind.REPLY, "/reply", replyTarget, time, inReplyToTweetId));
            emitted++;
        }
        if (quoteOfId != null || quoteAuthorId != null) {
            String target = quoteAuthorId != null ? quoteAuthorId : resolver.authorOf(quoteOfId);
            if (target == null) {
                rejects.add(source, line, "referenced_tweets", "unresolved-target", "quote " + id
                        + " of tweet " + quoteOfId + " whose author is not in the input", record);
            } else {
                sink.accept(interaction(InteractionKind.QUOTE, "/quote", target, time, quoteOfId));
                emitted++;
            }
        }
        List<String> seen = new ArrayList<>(mentionIds.size());
        for (int i = 0; i < mentionIds.size(); i++) {
            String user = mentionIds.get(i);
            if (user == null) {
                user = resolver.userIdOf(mentionNames.get(i));
            }
            if (user == null) {
                rejects.add(source, line, "entities.mentions", "unresolved-target", "tweet " + id + " mentions @"
                        + mentionNames.get(i) + ", whose user id is not in the input", record);
                continue;
            }
            if (user.equals(replyTarget) || seen.contains(user)) {
                continue;
            }
            seen.add(user);
            sink.accept(interaction(InteractionKind.MENTION, "/mention/" + user, user, time, null));
            emitted++;
        }
        return emitted;
    }

    /** "RT @handle: …" names the original author; its id comes from the mentions or the users. */
    private String retweetedHandleTarget(Resolver resolver) {
        if (text == null || !text.startsWith("RT @")) {
            return null;
        }
        int end = 4;
        while (end < text.length() && isHandleChar(text.charAt(end))) {
            end++;
        }
        if (end == 4) {
            return null;
        }
        String handle = text.substring(4, end);
        for (int i = 0; i < mentionNames.size(); i++) {
            if (handle.equalsIgnoreCase(mentionNames.get(i)) && mentionIds.get(i) != null) {
                return mentionIds.get(i);
            }
        }
        return resolver.userIdOf(handle);
    }

    private static boolean isHandleChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private Interaction interaction(InteractionKind kind, String suffix, String target, long time,
                                    String targetPost) {
        return new Interaction(NETWORK + "/" + id + suffix, NETWORK, kind, authorId, target, time, id, targetPost,
                text, hashtags);
    }

    /** The creation time encoded in a snowflake id, or {@link Times#INVALID} for older ids. */
    static long snowflakeMillis(String id) {
        long value;
        try {
            value = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Times.INVALID;
        }
        if (value < FIRST_SNOWFLAKE) {
            return Times.INVALID;
        }
        return (value >>> 22) + SNOWFLAKE_EPOCH;
    }
}
