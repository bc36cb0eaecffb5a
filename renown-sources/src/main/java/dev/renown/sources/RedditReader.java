package dev.renown.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Reddit comment and submission dumps (Pushshift / Arctic Shift NDJSON, usually
 * zstd-compressed with a long window): one JSON object per line with {@code id},
 * {@code author}, {@code subreddit}, {@code created_utc}, and for comments {@code parent_id}
 * ({@code t1_…} a comment, {@code t3_…} a submission), {@code link_id} and {@code body}; for
 * submissions {@code title} and {@code selftext}.
 *
 * <p>A comment is a {@link InteractionKind#REPLY} to the author of its parent. The parent's
 * author is only known if the parent is in the input, so the reader makes two passes: the first
 * records every post's author, the second emits. Submissions usually sit in a file of their
 * own: when reading {@code RC_2023-01.zst} the reader also takes authors from
 * {@code RS_2023-01.zst} beside it (and {@code X_submissions.zst} for {@code X_comments.zst}),
 * if it exists. A parent found nowhere is an {@code unresolved-parent} reject. A
 * {@code u/name} in a comment or a self post is a {@link InteractionKind#MENTION} of that
 * account (not of the account replied to). Accounts are author names on the network
 * {@code reddit}: dumps carry no other stable id. The subreddit, lower-cased, is the
 * interaction's topic (its hashtag). Event ids are {@code reddit/<fullname>/reply} and
 * {@code reddit/<fullname>/mention/<name>}.
 *
 * <p>Posts by {@code [deleted]} accounts are skipped ({@code deleted-author}), and so are
 * replies to them ({@code deleted-target}); submissions that name nobody are counted as
 * {@code no-interaction}.
 *
 * <p>Memory: the join keeps one hash entry per post (a 64-bit key and an int, about 20 bytes
 * with the table's slack) plus each distinct author name once: roughly 2 GB of heap for 100
 * million posts. Split larger dumps (by subreddit, say) or raise {@code -Xmx}.
 */
public final class RedditReader implements InteractionReader {

    /** Network of every Reddit account. */
    public static final String NETWORK = "reddit";
    private static final String DELETED = "[deleted]";
    private static final int DELETED_AUTHOR = -2;
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_/])/?u/([A-Za-z0-9_-]{3,20})(?![A-Za-z0-9_-])");

    @Override
    public String format() {
        return "reddit";
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        Authors authors = new Authors();
        Path sibling = submissionsBeside(input.path());
        if (sibling != null) {
            JsonRecords.read(new Input(sibling), new Rejects(), authors::value);
        }
        JsonRecords.read(input, new Rejects(), authors::value);
        Emitter emitter = new Emitter(authors, sink, rejects, input.name(), input.timeBound());
        try {
            JsonRecords.read(input, rejects, emitter::value);
        } finally {
            emitter.flushSkips();
        }
    }

    /** The submissions dump that goes with a comments dump, if it is there. */
    static Path submissionsBeside(Path comments) {
        String name = comments.getFileName().toString();
        String other = null;
        if (name.startsWith("RC_")) {
            other = "RS_" + name.substring(3);
        } else if (name.contains("_comments")) {
            other = name.replace("_comments", "_submissions");
        }
        if (other == null) {
            return null;
        }
        Path candidate = comments.resolveSibling(other);
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    /** One post's fields. */
    private static final class Post {
        String id;
        String name;
        String author;
        String parentId;
        String subreddit;
        String body;
        boolean hasBody;
        boolean hasTitle;
        long millis = Times.INVALID;
        String badTime;
        final JsonRecords.Problem problem = new JsonRecords.Problem();

        void clear() {
            id = null;
            name = null;
            author = null;
            parentId = null;
            subreddit = null;
            body = null;
            hasBody = false;
            hasTitle = false;
            millis = Times.INVALID;
            badTime = null;
            problem.clear();
        }

        boolean isComment() {
            return parentId != null || (hasBody && !hasTitle);
        }

        /** {@code t1_id} or {@code t3_id}, or null. */
        String fullname() {
            if (name != null && (name.startsWith("t1_") || name.startsWith("t3_"))) {
                return name;
            }
            if (id == null) {
                return null;
            }
            return (isComment() ? "t1_" : "t3_") + id;
        }

        /** Reads one post; text fields only when {@code full}. */
        void read(JsonParser p, boolean full) throws IOException {
            clear();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                switch (f) {
                    case "id":
                        id = JsonRecords.id(p, f, problem);
                        break;
                    case "name":
                        name = JsonRecords.id(p, f, problem);
                        break;
                    case "author":
                        author = JsonRecords.id(p, f, problem);
                        break;
                    case "parent_id":
                        parentId = JsonRecords.id(p, f, problem);
                        break;
                    case "body":
                    case "selftext":
                        hasBody |= f.equals("body");
                        if (full) {
                            String text = JsonRecords.string(p, f, problem);
                            if (text != null && (body == null || f.equals("body"))) {
                                body = text;
                            }
                        } else {
                            p.skipChildren();
                        }
                        break;
                    case "title":
                        hasTitle = true;
                        p.skipChildren();
                        break;
                    case "subreddit":
                        subreddit = full ? JsonRecords.id(p, f, problem) : skip(p);
                        break;
                    case "created_utc":
                        if (full) {
                            readTime(p, v);
                        } else {
                            p.skipChildren();
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
        }

        private static String skip(JsonParser p) throws IOException {
            p.skipChildren();
            return null;
        }

        private void readTime(JsonParser p, JsonToken v) throws IOException {
            try {
                if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                    millis = Times.secondsToMillis("created_utc", p.getText());
                } else if (v == JsonToken.VALUE_STRING) {
                    millis = Times.parseMillis("created_utc", p.getText());
                } else if (v != JsonToken.VALUE_NULL) {
                    problem.wrongType("created_utc", "a number of seconds");
                    p.skipChildren();
                }
            } catch (FieldException e) {
                badTime = e.getMessage();
            } catch (NumberFormatException e) {
                badTime = "'" + p.getText() + "' is not a number of seconds";
            }
        }
    }

    /** Pass one: every post's author, keyed by its fullname. */
    private static final class Authors {
        private final Long2IntOpenHashMap byPost = new Long2IntOpenHashMap();
        private final Object2IntOpenHashMap<String> index = new Object2IntOpenHashMap<>();
        private final ObjectArrayList<String> names = new ObjectArrayList<>();
        private final Object2IntOpenHashMap<String> byLowerName = new Object2IntOpenHashMap<>();
        private final Post post = new Post();

        Authors() {
            byPost.defaultReturnValue(-1);
            index.defaultReturnValue(-1);
            byLowerName.defaultReturnValue(-1);
        }

        void value(JsonParser p, JsonRecords.Context ctx) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            post.read(p, false);
            long key = key(post.fullname());
            if (key < 0 || post.author == null) {
                return;
            }
            if (post.author.equals(DELETED)) {
                byPost.put(key, DELETED_AUTHOR);
                return;
            }
            int a = index.getInt(post.author);
            if (a < 0) {
                a = names.size();
                names.add(post.author);
                index.put(post.author, a);
                byLowerName.putIfAbsent(post.author.toLowerCase(Locale.ROOT), a);
            }
            byPost.put(key, a);
        }

        /** The author index of a post, {@link #DELETED_AUTHOR}, or -1 when unknown. */
        int authorOf(String fullname) {
            long key = key(fullname);
            return key < 0 ? -1 : byPost.get(key);
        }

        /** The spelling of a name as an author wrote it, for mentions typed in another case. */
        String canonical(String name) {
            int a = byLowerName.getInt(name.toLowerCase(Locale.ROOT));
            return a < 0 ? name : names.get(a);
        }
    }

    /** A fullname as a 64-bit key: base-36 id times 2, plus 1 for submissions; -1 if not one. */
    static long key(String fullname) {
        if (fullname == null || fullname.length() < 4 || fullname.length() > 15 || fullname.charAt(0) != 't'
                || fullname.charAt(2) != '_' || (fullname.charAt(1) != '1' && fullname.charAt(1) != '3')) {
            return -1;
        }
        long v = 0;
        for (int i = 3; i < fullname.length(); i++) {
            int d = Character.digit(fullname.charAt(i), 36);
            if (d < 0) {
                return -1;
            }
            v = v * 36 + d;
        }
        return v * 2 + (fullname.charAt(1) == '3' ? 1 : 0);
    }

    /** Pass two: the interactions. */
    private static final class Emitter {
        private final Authors authors;
        private final InteractionSink sink;
        private final Rejects rejects;
        private final String source;
        private final TimeBound bound;
        private final Post post = new Post();
        private long deletedAuthors;
        private long deletedTargets;
        private long noInteraction;

        Emitter(Authors authors, InteractionSink sink, Rejects rejects, String source, TimeBound bound) {
            this.authors = authors;
            this.sink = sink;
            this.rejects = rejects;
            this.source = source;
            this.bound = bound;
        }

        void flushSkips() {
            rejects.skip("deleted-author", deletedAuthors);
            rejects.skip("deleted-target", deletedTargets);
            rejects.skip("no-interaction", noInteraction);
            deletedAuthors = deletedTargets = noInteraction = 0;
        }

        void value(JsonParser p, JsonRecords.Context ctx) throws IOException, FieldException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new FieldException(null, "invalid-json", "expected a JSON object (a comment or submission)");
            }
            post.read(p, true);
            Post x = post;
            if (x.problem.any()) {
                throw new FieldException(x.problem.field, x.problem.reason, x.problem.detail);
            }
            if (!x.isComment() && !x.hasTitle) {
                throw new FieldException(null, "unknown-kind", "neither a comment (parent_id, body) nor a "
                        + "submission (title)");
            }
            String fullname = x.fullname();
            if (fullname == null || key(fullname) < 0) {
                throw new FieldException("id", x.id == null && x.name == null ? "missing-field" : "invalid-value",
                        "a post needs a base-36 id");
            }
            if (x.author == null) {
                throw new FieldException("author", "missing-field", "required field 'author' is missing");
            }
            if (x.author.equals(DELETED)) {
                deletedAuthors++;
                return;
            }
            if (x.badTime != null) {
                throw new FieldException("created_utc", "bad-time", x.badTime);
            }
            if (x.millis == Times.INVALID) {
                throw new FieldException("created_utc", "missing-field", "required field 'created_utc' is missing");
            }
            bound.check("created_utc", x.millis);
            List<String> topic = x.subreddit == null ? List.of() : List.of(x.subreddit.toLowerCase(Locale.ROOT));
            String replyTarget = null;
            int emitted = 0;
            if (x.isComment()) {
                if (x.parentId == null) {
                    throw new FieldException("parent_id", "missing-field", "a comment needs its parent_id");
                }
                int parent = authors.authorOf(x.parentId);
                if (parent == DELETED_AUTHOR) {
                    deletedTargets++;
                    return;
                }
                if (parent < 0) {
                    rejects.add(source, ctx.line(p), "parent_id", "unresolved-parent", "parent " + x.parentId
                            + " of " + fullname + " is not in the input, so its author is unknown", ctx.text(0, -1));
                    return;
                }
                replyTarget = authors.names.get(parent);
                sink.accept(new Interaction(NETWORK + "/" + fullname + "/reply", NETWORK, InteractionKind.REPLY,
                        x.author, replyTarget, x.millis, fullname, x.parentId, x.body, topic));
                emitted++;
            }
            if (x.body != null && x.body.indexOf("u/") >= 0) {
                List<String> seen = new ArrayList<>(2);
                Matcher m = MENTION.matcher(x.body);
                while (m.find()) {
                    String name = authors.canonical(m.group(1));
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (name.equals(replyTarget) || seen.contains(lower)) {
                        continue;
                    }
                    seen.add(lower);
                    sink.accept(new Interaction(NETWORK + "/" + fullname + "/mention/" + name, NETWORK,
                            InteractionKind.MENTION, x.author, name, x.millis, fullname, null, x.body, topic));
                    emitted++;
                }
            }
            if (emitted == 0) {
                noInteraction++;
            }
        }
    }
}
