package dev.renown.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Twitter/X API v1.1 responses: an array of statuses (timelines, search as
 * {@code {"statuses":[…]}}, lookups), a single status, user objects ({@code {"users":[…]}}, a
 * single user), streamed statuses one per line (with {@code timestamp_ms} and
 * {@code extended_tweet}), user-stream events, and follower or friend id lists
 * ({@code {"ids":[…], "next_cursor":…}}); JSON Lines or one multi-line document.
 *
 * <p>Statuses give interactions by the rules of {@link Tweet}: a {@code retweeted_status} is a
 * REPOST to its user, {@code in_reply_to_user_id_str} a REPLY, a {@code quoted_status} a QUOTE
 * to its user, {@code entities.user_mentions} the MENTIONs. Embedded statuses only name
 * targets, as {@code includes} do in v2. Every user object becomes an {@link AccountProfile}
 * with {@code followers_count}, {@code friends_count} and {@code statuses_count}, and its links:
 * the website ({@code entities.url.urls[].expanded_url}, else {@code url}) and the description's
 * {@code entities.description.urls[].expanded_url} ({@link ProfileLinks#twitter}). A user-stream
 * {@code favorite} event is a LIKE and a {@code follow} event a FOLLOW. Stream control messages
 * ({@code delete}, {@code limit}, …) are counted as skipped.
 *
 * <p>An id list does not say whose followers or friends it holds, nor which: the reader is
 * told, or the file name says it, as {@code followers-of-<user id>} or
 * {@code friends-of-<user id>} (also {@code following-of-}, {@code _} for {@code -}). Each id
 * then gives a FOLLOW (follower → followed) with event id {@code twitter/follow/<a>/<b>}, timed
 * at the file's modification time, when the list was saved. A list with no known owner is
 * rejected once ({@code unknown-owner}).
 */
public final class TwitterV1Reader implements InteractionReader {

    private static final Pattern LIST_NAME = Pattern.compile("(followers|friends|following)[-_]of[-_](\\d+)",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> STREAM_CONTROL = List.of("delete", "limit", "scrub_geo", "status_withheld",
            "user_withheld", "disconnect", "warning", "friends", "friends_str", "control", "direct_message");

    private final String listOwner;
    private final boolean listIsFollowers;

    /** A reader that takes the owner of id lists from the file name. */
    public TwitterV1Reader() {
        this(null, true);
    }

    /**
     * A reader for id lists of a known account.
     *
     * @param listOwner       user id whose followers or friends the id lists hold
     * @param listIsFollowers true when the ids follow the owner, false when the owner follows them
     */
    public TwitterV1Reader(String listOwner, boolean listIsFollowers) {
        this.listOwner = listOwner;
        this.listIsFollowers = listIsFollowers;
    }

    @Override
    public String format() {
        return "twitter-v1";
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        String owner = listOwner;
        boolean followers = listIsFollowers;
        if (owner == null) {
            Matcher m = LIST_NAME.matcher(input.path().getFileName().toString());
            if (m.find()) {
                owner = m.group(2);
                followers = m.group(1).equalsIgnoreCase("followers");
            }
        }
        long listTime;
        try {
            listTime = Files.getLastModifiedTime(input.path()).toMillis();
        } catch (IOException e) {
            listTime = 0;
        }
        Statuses s = new Statuses(sink, rejects, input.name(), input.timeBound(), owner, followers, listTime);
        try {
            JsonRecords.read(input, rejects, s::value);
        } finally {
            s.flushSkips();
        }
    }

    /** A status, user or stream message, as read. */
    private static final class V1Object {
        final Tweet tweet = new Tweet();
        // as a user
        String screenName;
        String name;
        long followers = -1;
        long following = -1;
        long statuses = -1;
        boolean urlGiven;
        String url;
        List<String> websiteUrls;
        List<String> descriptionUrls;
        // as a status
        V1Object user;
        V1Object retweeted;
        V1Object quoted;
        String fullText;
        String timestampMs;
        Tweet extendedEntities;
        boolean hasText;
        // as a stream message
        String event;
        V1Object source;
        V1Object target;
        V1Object targetObject;
        String control;
        // as a page
        boolean sawList;
        List<String> ids;

        JsonRecords.Problem problem() {
            return tweet.problem;
        }

        boolean isStatus() {
            return user != null && hasText;
        }

        boolean isUser() {
            return screenName != null && !hasText;
        }
    }

    private static final class Statuses implements Tweet.Resolver {
        private final InteractionSink sink;
        private final Rejects rejects;
        private final String source;
        private final TimeBound bound;
        private final String owner;
        private final boolean followers;
        private final long listTime;
        private long noInteraction;
        private long control;
        private long otherEvents;

        Statuses(InteractionSink sink, Rejects rejects, String source, TimeBound bound, String owner, boolean followers,
                 long listTime) {
            this.sink = sink;
            this.rejects = rejects;
            this.source = source;
            this.bound = bound;
            this.owner = owner;
            this.followers = followers;
            this.listTime = listTime;
        }

        void flushSkips() {
            rejects.skip("no-interaction", noInteraction);
            rejects.skip("stream-control", control);
            rejects.skip("stream-event", otherEvents);
            noInteraction = control = otherEvents = 0;
        }

        @Override
        public String authorOf(String tweetId) {
            return null; // v1.1 embeds what it refers to
        }

        @Override
        public String userIdOf(String username) {
            return null;
        }

        void value(JsonParser p, JsonRecords.Context ctx) throws IOException, FieldException {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    element(p, ctx);
                }
                return;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new FieldException(null, "invalid-json", "expected a JSON object or array");
            }
            long line = ctx.line(p);
            long start = JsonRecords.Context.offset(p);
            V1Object top = readObject(p, ctx, 0);
            handle(top, line, ctx.valueText(start, p));
        }

        private void element(JsonParser p, JsonRecords.Context ctx) throws IOException {
            long line = ctx.line(p);
            long start = JsonRecords.Context.offset(p);
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                rejects.add(source, line, null, "wrong-type", "expected a status or user object",
                        ctx.valueText(start, p));
                return;
            }
            V1Object o = readObject(p, ctx, 1);
            handle(o, line, ctx.valueText(start, p));
        }

        private void handle(V1Object o, long line, String record) {
            if (o.problem().any()) {
                JsonRecords.Problem pr = o.problem();
                rejects.add(source, line, pr.field, pr.reason, pr.detail, record);
                return;
            }
            if (o.ids != null) {
                follows(o.ids, line, record);
                return;
            }
            if (o.sawList) {
                return;
            }
            if (o.isStatus()) {
                status(o, line, record);
            } else if (o.isUser()) {
                profile(o);
            } else if (o.event != null) {
                event(o, line, record);
            } else if (o.control != null) {
                control++;
            } else {
                rejects.add(source, line, null, "unknown-kind",
                        "not a Twitter v1.1 status, user, id list or stream message", record);
            }
        }

        private void status(V1Object o, long line, String record) {
            Tweet t = o.tweet;
            t.line = line;
            t.record = record;
            t.authorId = o.user.tweet.id;
            profile(o.user);
            if (o.fullText != null) {
                t.text = o.fullText;
            }
            if (o.extendedEntities != null) {
                t.hashtags.clear();
                t.hashtags.addAll(o.extendedEntities.hashtags);
                t.mentionIds.clear();
                t.mentionIds.addAll(o.extendedEntities.mentionIds);
                t.mentionNames.clear();
                t.mentionNames.addAll(o.extendedEntities.mentionNames);
            }
            if (o.timestampMs != null) {
                try {
                    t.timeMillis = Long.parseLong(o.timestampMs);
                } catch (NumberFormatException e) {
                    t.problem.set("timestamp_ms", "bad-time", "'" + o.timestampMs + "' is not milliseconds");
                }
            }
            if (o.retweeted != null) {
                t.retweetOfId = o.retweeted.tweet.id;
                if (o.retweeted.user != null) {
                    t.retweetAuthorId = o.retweeted.user.tweet.id;
                    profile(o.retweeted.user);
                }
                if (t.retweetAuthorId == null) {
                    t.problem.missing("retweeted_status.user.id_str");
                }
            }
            if (o.quoted != null) {
                t.quoteOfId = o.quoted.tweet.id;
                if (o.quoted.user != null) {
                    t.quoteAuthorId = o.quoted.user.tweet.id;
                    profile(o.quoted.user);
                }
            }
            int n = t.emit(this, sink, rejects, source, bound);
            if (n == 0 && !t.problem.any() && t.retweetOfId == null && t.quoteOfId == null && t.inReplyToUserId == null
                    && t.inReplyToTweetId == null && t.mentionIds.isEmpty() && t.id != null && t.authorId != null) {
                noInteraction++;
            }
        }

        private void event(V1Object o, long line, String record) {
            InteractionKind kind;
            switch (o.event) {
                case "favorite":
                    kind = InteractionKind.LIKE;
                    break;
                case "follow":
                    kind = InteractionKind.FOLLOW;
                    break;
                default:
                    otherEvents++;
                    return;
            }
            String actor = o.source == null ? null : o.source.tweet.id;
            String target = o.target == null ? null : o.target.tweet.id;
            if (actor == null || target == null) {
                rejects.add(source, line, actor == null ? "source.id_str" : "target.id_str", "missing-field",
                        o.event + " event without source and target user ids", record);
                return;
            }
            long time = o.tweet.createdAt == null ? Times.INVALID : Times.twitterMillis(o.tweet.createdAt);
            if (time == Times.INVALID) {
                rejects.add(source, line, "created_at", o.tweet.createdAt == null ? "missing-field" : "bad-time",
                        "event without a valid created_at", record);
                return;
            }
            if (!bound.allows(time)) {
                rejects.add(source, line, "created_at", TimeBound.REASON, bound.describe(time), record);
                return;
            }
            profile(o.source);
            profile(o.target);
            String post = null;
            if (kind == InteractionKind.LIKE) {
                post = o.targetObject == null ? null : o.targetObject.tweet.id;
                if (post == null) {
                    rejects.add(source, line, "target_object", "missing-field", "favorite event without its status",
                            record);
                    return;
                }
            }
            String id = kind == InteractionKind.LIKE ? Tweet.NETWORK + "/like/" + actor + "/" + post
                    : Tweet.NETWORK + "/follow/" + actor + "/" + target;
            sink.accept(new Interaction(id, Tweet.NETWORK, kind, actor, target, time, null, post, null, List.of()));
        }

        private void follows(List<String> ids, long line, String record) {
            if (owner == null) {
                rejects.add(source, line, "ids", "unknown-owner", "an id list does not say whose followers or friends "
                        + "it holds: name the file followers-of-<user id>.json or friends-of-<user id>.json",
                        record);
                return;
            }
            for (String id : ids) {
                String actor = followers ? id : owner;
                String target = followers ? owner : id;
                sink.accept(new Interaction(Tweet.NETWORK + "/follow/" + actor + "/" + target, Tweet.NETWORK,
                        InteractionKind.FOLLOW, actor, target, listTime, null, null, null, List.of()));
            }
        }

        private void profile(V1Object user) {
            if (user != null && user.tweet.id != null && !user.problem().any()) {
                sink.profile(new AccountProfile(new AccountKey(Tweet.NETWORK, user.tweet.id), user.screenName,
                        user.name, user.followers, user.following, user.statuses,
                        ProfileLinks.twitter(user.urlGiven, user.url, user.websiteUrls, user.descriptionUrls)));
            }
        }

        /** Reads an object; the parser is on its start and ends on its end. */
        private V1Object readObject(JsonParser p, JsonRecords.Context ctx, int depth) throws IOException {
            V1Object o = new V1Object();
            JsonRecords.Problem problem = o.problem();
            Tweet t = o.tweet;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                switch (f) {
                    case "id_str":
                        String idStr = JsonRecords.id(p, f, problem);
                        if (idStr != null) {
                            t.id = idStr;
                        }
                        break;
                    case "id":
                        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_STRING) {
                            if (t.id == null) {
                                t.id = JsonRecords.id(p, f, problem);
                            }
                        } else {
                            p.skipChildren(); // statuses.map pages key statuses by id: not supported
                        }
                        break;
                    case "created_at":
                        t.createdAt = JsonRecords.string(p, f, problem);
                        break;
                    case "timestamp_ms":
                        o.timestampMs = JsonRecords.string(p, f, problem);
                        break;
                    case "text":
                        t.text = JsonRecords.string(p, f, problem);
                        o.hasText = true;
                        break;
                    case "full_text":
                        o.fullText = JsonRecords.string(p, f, problem);
                        o.hasText = true;
                        break;
                    case "in_reply_to_user_id_str":
                    case "in_reply_to_user_id":
                        String reply = JsonRecords.id(p, f, problem);
                        if (reply != null) {
                            t.inReplyToUserId = reply;
                        }
                        break;
                    case "in_reply_to_status_id_str":
                    case "in_reply_to_status_id":
                        String replyTo = JsonRecords.id(p, f, problem);
                        if (replyTo != null) {
                            t.inReplyToTweetId = replyTo;
                        }
                        break;
                    case "entities":
                        if (JsonRecords.object(p, f, problem)) {
                            readEntities(p, t, problem, o);
                        }
                        break;
                    case "url":
                        o.urlGiven = true;
                        o.url = JsonRecords.string(p, f, problem);
                        break;
                    case "extended_tweet":
                        if (JsonRecords.object(p, f, problem)) {
                            readExtended(p, o);
                        }
                        break;
                    case "screen_name":
                        o.screenName = JsonRecords.id(p, f, problem);
                        break;
                    case "name":
                        o.name = JsonRecords.string(p, f, problem);
                        break;
                    case "followers_count":
                        o.followers = JsonRecords.count(p, f, problem);
                        break;
                    case "friends_count":
                        o.following = JsonRecords.count(p, f, problem);
                        break;
                    case "statuses_count":
                        o.statuses = JsonRecords.count(p, f, problem);
                        break;
                    case "event":
                        o.event = JsonRecords.string(p, f, problem);
                        break;
                    case "user":
                    case "retweeted_status":
                    case "quoted_status":
                    case "source":
                    case "target":
                    case "target_object":
                        if (v == JsonToken.START_OBJECT && depth < 4) {
                            V1Object nested = readObject(p, ctx, depth + 1);
                            if (nested.problem().any() && !problem.any()) {
                                JsonRecords.Problem np = nested.problem();
                                problem.set(f + "." + np.field, np.reason, np.detail);
                            }
                            switch (f) {
                                case "user": o.user = nested; break;
                                case "retweeted_status": o.retweeted = nested; break;
                                case "quoted_status": o.quoted = nested; break;
                                case "source": o.source = nested; break;
                                case "target": o.target = nested; break;
                                default: o.targetObject = nested; break;
                            }
                        } else if (f.equals("source") && v == JsonToken.VALUE_STRING) {
                            p.getText(); // a status's client name
                        } else if (v != JsonToken.VALUE_NULL) {
                            if (f.equals("user") || f.endsWith("_status")) {
                                problem.wrongType(f, "an object");
                            }
                            p.skipChildren();
                        }
                        break;
                    case "statuses":
                    case "users":
                        if (depth == 0 && v == JsonToken.START_ARRAY) {
                            o.sawList = true;
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                element(p, ctx);
                            }
                        } else {
                            p.skipChildren();
                        }
                        break;
                    case "ids":
                        if (depth == 0 && JsonRecords.array(p, f, problem)) {
                            o.ids = new ArrayList<>();
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                String id = JsonRecords.id(p, f, problem);
                                if (id != null) {
                                    o.ids.add(id);
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                        break;
                    default:
                        if (depth == 0 && o.control == null && STREAM_CONTROL.contains(f)) {
                            o.control = f;
                        }
                        p.skipChildren();
                }
            }
            return o;
        }

        private static void readExtended(JsonParser p, V1Object o) throws IOException {
            JsonRecords.Problem problem = o.problem();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("full_text")) {
                    o.fullText = JsonRecords.string(p, "extended_tweet.full_text", problem);
                } else if (f.equals("entities") && JsonRecords.object(p, "extended_tweet.entities", problem)) {
                    o.extendedEntities = new Tweet();
                    readEntities(p, o.extendedEntities, problem, null);
                } else if (!f.equals("entities")) {
                    p.skipChildren();
                }
            }
        }

        /**
         * A status's mentions and hashtags, or, with {@code user} given, a user's website and
         * description URLs ({@code entities.url}, {@code entities.description}).
         */
        private static void readEntities(JsonParser p, Tweet t, JsonRecords.Problem problem, V1Object user)
                throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (user != null && (f.equals("url") || f.equals("description"))) {
                    if (JsonRecords.object(p, "entities." + f, problem)) {
                        if (f.equals("url")) {
                            user.websiteUrls = ProfileLinks.readTwitterUrls(p, "entities.url", problem, user.websiteUrls);
                        } else {
                            user.descriptionUrls = ProfileLinks.readTwitterUrls(p, "entities.description", problem,
                                    user.descriptionUrls);
                        }
                    }
                    continue;
                }
                boolean mentions = f.equals("user_mentions");
                if ((!mentions && !f.equals("hashtags")) || !JsonRecords.array(p, "entities." + f, problem)) {
                    if (!mentions && !f.equals("hashtags")) {
                        p.skipChildren();
                    }
                    continue;
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        problem.wrongType("entities." + f, "an array of objects");
                        p.skipChildren();
                        continue;
                    }
                    String id = null;
                    String name = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String g = p.currentName();
                        p.nextToken();
                        if (mentions && g.equals("id_str")) {
                            String s = JsonRecords.id(p, "entities.user_mentions.id_str", problem);
                            if (s != null) {
                                id = s;
                            }
                        } else if (mentions && g.equals("id")) {
                            String s = JsonRecords.id(p, "entities.user_mentions.id", problem);
                            if (id == null) {
                                id = s;
                            }
                        } else if (mentions && g.equals("screen_name")) {
                            name = JsonRecords.id(p, "entities.user_mentions.screen_name", problem);
                        } else if (!mentions && g.equals("text")) {
                            name = JsonRecords.string(p, "entities.hashtags.text", problem);
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (mentions) {
                        t.addMention(id, name);
                    } else {
                        t.addHashtag(name);
                    }
                }
            }
        }
    }
}
