package dev.renown.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Twitter/X API v2 responses as twarc2 and most clients save them: JSON Lines with one
 * response page per line,
 * <pre>
 *   {"data":[tweet…], "includes":{"users":[…],"tweets":[…]}, "meta":{…}, "errors":[…]}
 * </pre>
 * a filtered-stream message per line ({@code {"data":{tweet}, "includes":…, "matching_rules":…}}),
 * user-lookup pages ({@code data} holds users), bare tweet objects, or one such response
 * saved as a multi-line JSON document.
 *
 * <p>Tweets in {@code data} give interactions by the rules of {@link Tweet}: a retweet's
 * target is the author of the {@code retweeted} tweet looked up in {@code includes.tweets}
 * (or, when that tweet is missing, the {@code RT @handle:} of its text resolved through the
 * mentions or {@code includes.users}); a reply's target is {@code in_reply_to_user_id}; a
 * quote's is the {@code quoted} tweet's author from {@code includes.tweets}; mentions come from
 * {@code entities.mentions}, a mention without an id resolved by username through
 * {@code includes.users}. Tweets in {@code includes} only resolve targets: they are context,
 * not part of what was collected. Every user object ({@code includes.users}, users in
 * {@code data}) becomes an {@link AccountProfile} with its {@code public_metrics} counts, and,
 * when the response has them ({@code user.fields=url,entities}), its links: the website
 * ({@code entities.url.urls[].expanded_url}, else {@code url}) and the description's
 * {@code entities.description.urls[].expanded_url} ({@link ProfileLinks#twitter}).
 * Pages with only {@code errors} are skipped as {@code api-error}, pages with no data as
 * {@code empty-page}.
 *
 * <p>Parsing is one pass of Jackson's streaming parser per page; only the fields used are
 * decoded into strings.
 */
public final class TwitterV2Reader implements InteractionReader {

    @Override
    public String format() {
        return "twitter-v2";
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        Page page = new Page(sink, rejects, input.name(), input.timeBound());
        try {
            JsonRecords.read(input, rejects, page::value);
        } finally {
            page.flushSkips();
        }
    }

    /** A tweet or a user object from {@code data} or {@code includes}. */
    private static final class Item {
        final Tweet tweet = new Tweet();
        String username;
        String name;
        long followers;
        long following;
        long tweets;
        boolean urlGiven;
        String url;
        List<String> websiteUrls;
        List<String> descriptionUrls;

        void clear() {
            tweet.clear();
            username = null;
            name = null;
            urlGiven = false;
            url = null;
            websiteUrls = null;
            descriptionUrls = null;
            followers = -1;
            following = -1;
            tweets = -1;
        }

        /** Users have a username and no author or text; anything else is taken for a tweet. */
        boolean isTweet() {
            return username == null || tweet.authorId != null || tweet.text != null;
        }
    }

    /** Everything one page holds, reused from page to page. */
    private static final class Page implements Tweet.Resolver {
        private final InteractionSink sink;
        private final Rejects rejects;
        private final String source;
        private final TimeBound bound;
        private final List<Item> pool = new ArrayList<>();
        private int used;
        private final List<Item> data = new ArrayList<>();
        private final List<Item> users = new ArrayList<>();
        private final Map<String, String> tweetAuthors = new HashMap<>();
        private final Map<String, String> userIds = new HashMap<>();
        private long noInteraction;
        private long apiErrors;
        private long emptyPages;

        Page(InteractionSink sink, Rejects rejects, String source, TimeBound bound) {
            this.sink = sink;
            this.rejects = rejects;
            this.source = source;
            this.bound = bound;
        }

        void flushSkips() {
            rejects.skip("no-interaction", noInteraction);
            rejects.skip("api-error", apiErrors);
            rejects.skip("empty-page", emptyPages);
            noInteraction = apiErrors = emptyPages = 0;
        }

        @Override
        public String authorOf(String tweetId) {
            return tweetId == null ? null : tweetAuthors.get(tweetId);
        }

        @Override
        public String userIdOf(String username) {
            return username == null ? null : userIds.get(username.toLowerCase(Locale.ROOT));
        }

        private Item item() {
            if (used == pool.size()) {
                pool.add(new Item());
            }
            Item item = pool.get(used++);
            item.clear();
            return item;
        }

        void value(JsonParser p, JsonRecords.Context ctx) throws IOException, FieldException {
            used = 0;
            data.clear();
            users.clear();
            tweetAuthors.clear();
            userIds.clear();
            long line = ctx.line(p);
            JsonToken first = p.currentToken();
            if (first == JsonToken.START_ARRAY) {
                // A bare array of tweets or users, such as a saved "data" member.
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    readDataItem(p, ctx);
                }
                finish(ctx, false, false, false, line, null);
                return;
            }
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new FieldException(null, "invalid-json", "expected a JSON object (a v2 response page or tweet)");
            }
            long start = JsonRecords.Context.offset(p);
            boolean sawData = false;
            boolean sawErrors = false;
            boolean sawMeta = false;
            Item top = item();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "data":
                        sawData = true;
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                readDataItem(p, ctx);
                            }
                        } else if (value == JsonToken.START_OBJECT) {
                            readDataItem(p, ctx);
                        } else if (value != JsonToken.VALUE_NULL) {
                            top.tweet.problem.wrongType("data", "an array or an object");
                            p.skipChildren();
                        }
                        break;
                    case "includes":
                        if (JsonRecords.object(p, "includes", top.tweet.problem)) {
                            readIncludes(p, ctx, top);
                        }
                        break;
                    case "errors":
                        sawErrors = true;
                        p.skipChildren();
                        break;
                    case "meta":
                    case "matching_rules":
                    case "__twarc":
                        sawMeta = true;
                        p.skipChildren();
                        break;
                    default:
                        field(p, field, top);
                }
            }
            if (top.tweet.problem.any()) {
                JsonRecords.Problem pr = top.tweet.problem;
                throw new FieldException(pr.field, pr.reason, pr.detail);
            }
            boolean topIsTweet = !sawData && top.tweet.id != null && top.isTweet();
            if (topIsTweet) {
                top.tweet.line = line;
                top.tweet.record = ctx.valueText(start, p);
                data.add(top);
            }
            finish(ctx, sawData || topIsTweet, sawErrors, sawMeta, line, topIsTweet ? null : ctx.valueText(start, p));
        }

        private void finish(JsonRecords.Context ctx, boolean sawData, boolean sawErrors, boolean sawMeta, long line,
                            String record) {
            for (Item user : users) {
                profile(user);
            }
            for (Item item : data) {
                if (item.tweet.id != null && item.tweet.authorId != null) {
                    tweetAuthors.putIfAbsent(item.tweet.id, item.tweet.authorId);
                }
            }
            int tweets = 0;
            for (Item item : data) {
                if (!item.isTweet() && item.username != null && !item.tweet.problem.any()) {
                    if (item.tweet.id == null) {
                        rejects.add(source, item.tweet.line, "id", "missing-field", "user without an id",
                                item.tweet.record);
                    } else {
                        profile(item);
                    }
                    continue;
                }
                tweets++;
                int n = item.tweet.emit(this, sink, rejects, source, bound);
                if (n == 0 && !item.tweet.problem.any() && isPlainOriginal(item.tweet)) {
                    noInteraction++;
                }
            }
            if (tweets == 0 && users.isEmpty() && data.isEmpty()) {
                if (sawErrors) {
                    apiErrors++;
                } else if (sawMeta || sawData) {
                    emptyPages++;
                } else {
                    rejects.add(source, line, null, "unknown-kind",
                            "not a Twitter API v2 response page, stream message, tweet or user", record);
                }
            }
        }

        /** A tweet with no act at all, as opposed to one whose acts were rejected. */
        private static boolean isPlainOriginal(Tweet t) {
            return t.id != null && t.authorId != null && t.retweetOfId == null && t.quoteOfId == null
                    && t.inReplyToUserId == null && t.inReplyToTweetId == null && t.mentionIds.isEmpty();
        }

        private void profile(Item user) {
            String id = user.tweet.id;
            if (id == null) {
                return;
            }
            sink.profile(new AccountProfile(new AccountKey(Tweet.NETWORK, id), user.username, user.name,
                    user.followers, user.following, user.tweets,
                    ProfileLinks.twitter(user.urlGiven, user.url, user.websiteUrls, user.descriptionUrls)));
        }

        private void readDataItem(JsonParser p, JsonRecords.Context ctx) throws IOException {
            Item item = item();
            item.tweet.line = ctx.line(p);
            long start = JsonRecords.Context.offset(p);
            if (p.currentToken() != JsonToken.START_OBJECT) {
                item.tweet.problem.wrongType("data", "an array of objects");
                p.skipChildren();
            } else {
                readObject(p, item);
            }
            item.tweet.record = ctx.valueText(start, p);
            data.add(item);
        }

        private void readIncludes(JsonParser p, JsonRecords.Context ctx, Item top) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("users") || field.equals("tweets")) {
                    if (!JsonRecords.array(p, "includes." + field, top.tweet.problem)) {
                        continue;
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        Item item = item();
                        readObject(p, item);
                        if (item.tweet.problem.any() || item.tweet.id == null) {
                            continue; // context only: a bad included object just resolves nothing
                        }
                        if (field.equals("users")) {
                            users.add(item);
                            if (item.username != null) {
                                userIds.put(item.username.toLowerCase(Locale.ROOT), item.tweet.id);
                            }
                        } else if (item.tweet.authorId != null) {
                            tweetAuthors.put(item.tweet.id, item.tweet.authorId);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        private void readObject(JsonParser p, Item item) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                field(p, field, item);
            }
        }

        /** One field of a tweet or user object; the parser is on its value. */
        private void field(JsonParser p, String field, Item item) throws IOException {
            Tweet t = item.tweet;
            JsonRecords.Problem problem = t.problem;
            switch (field) {
                case "id":
                    t.id = JsonRecords.id(p, field, problem);
                    break;
                case "author_id":
                    t.authorId = JsonRecords.id(p, field, problem);
                    break;
                case "created_at":
                    t.createdAt = JsonRecords.string(p, field, problem);
                    break;
                case "text":
                    t.text = JsonRecords.string(p, field, problem);
                    break;
                case "in_reply_to_user_id":
                    t.inReplyToUserId = JsonRecords.id(p, field, problem);
                    break;
                case "referenced_tweets":
                    if (JsonRecords.array(p, field, problem)) {
                        readReferences(p, t);
                    }
                    break;
                case "entities":
                    if (JsonRecords.object(p, field, problem)) {
                        readEntities(p, item);
                    }
                    break;
                case "url":
                    item.urlGiven = true;
                    item.url = JsonRecords.string(p, field, problem);
                    break;
                case "username":
                    item.username = JsonRecords.id(p, field, problem);
                    break;
                case "name":
                    item.name = JsonRecords.string(p, field, problem);
                    break;
                case "public_metrics":
                    if (JsonRecords.object(p, field, problem)) {
                        readMetrics(p, item);
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }

        private static void readReferences(JsonParser p, Tweet t) throws IOException {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    t.problem.wrongType("referenced_tweets", "an array of objects");
                    p.skipChildren();
                    continue;
                }
                String type = null;
                String id = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (f.equals("type")) {
                        type = JsonRecords.string(p, "referenced_tweets.type", t.problem);
                    } else if (f.equals("id")) {
                        id = JsonRecords.id(p, "referenced_tweets.id", t.problem);
                    } else {
                        p.skipChildren();
                    }
                }
                if (type == null || id == null) {
                    t.problem.missing(type == null ? "referenced_tweets.type" : "referenced_tweets.id");
                    continue;
                }
                switch (type) {
                    case "retweeted":
                        t.retweetOfId = id;
                        break;
                    case "quoted":
                        t.quoteOfId = id;
                        break;
                    case "replied_to":
                        t.inReplyToTweetId = id;
                        break;
                    default:
                        t.problem.set("referenced_tweets.type", "unknown-kind", "unknown referenced tweet type '"
                                + type + "' (expected retweeted, quoted or replied_to)");
                }
            }
        }

        /**
         * A tweet's mentions and hashtags, and a user's website and description URLs
         * ({@code entities.url}, {@code entities.description}, which tweets do not have).
         */
        private static void readEntities(JsonParser p, Item item) throws IOException {
            Tweet t = item.tweet;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("url") || f.equals("description")) {
                    if (JsonRecords.object(p, "entities." + f, t.problem)) {
                        if (f.equals("url")) {
                            item.websiteUrls = ProfileLinks.readTwitterUrls(p, "entities.url", t.problem,
                                    item.websiteUrls);
                        } else {
                            item.descriptionUrls = ProfileLinks.readTwitterUrls(p, "entities.description", t.problem,
                                    item.descriptionUrls);
                        }
                    }
                    continue;
                }
                boolean mentions = f.equals("mentions");
                if (!mentions && !f.equals("hashtags")) {
                    p.skipChildren();
                    continue;
                }
                if (!JsonRecords.array(p, "entities." + f, t.problem)) {
                    continue;
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        t.problem.wrongType("entities." + f, "an array of objects");
                        p.skipChildren();
                        continue;
                    }
                    String id = null;
                    String name = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String g = p.currentName();
                        p.nextToken();
                        if (mentions && g.equals("id")) {
                            id = JsonRecords.id(p, "entities.mentions.id", t.problem);
                        } else if (mentions && g.equals("username")) {
                            name = JsonRecords.id(p, "entities.mentions.username", t.problem);
                        } else if (!mentions && g.equals("tag")) {
                            name = JsonRecords.string(p, "entities.hashtags.tag", t.problem);
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

        private static void readMetrics(JsonParser p, Item item) throws IOException {
            JsonRecords.Problem problem = item.tweet.problem;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "followers_count":
                        item.followers = JsonRecords.count(p, f, problem);
                        break;
                    case "following_count":
                        item.following = JsonRecords.count(p, f, problem);
                        break;
                    case "tweet_count":
                        item.tweets = JsonRecords.count(p, f, problem);
                        break;
                    default:
                        p.skipChildren();
                }
            }
        }
    }
}
