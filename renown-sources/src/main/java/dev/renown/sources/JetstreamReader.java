package dev.renown.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Bluesky events as Jetstream serves them (https://github.com/bluesky-social/jetstream),
 * one JSON event per line:
 * <pre>
 *   {"did":"did:plc:…","time_us":1725911162329308,"kind":"commit",
 *    "commit":{"rev":"…","operation":"create","collection":"app.bsky.feed.post","rkey":"3l3qo2vutsw2b",
 *              "record":{"$type":"app.bsky.feed.post","text":"…","createdAt":"…","reply":{…},"facets":[…],"embed":{…}},
 *              "cid":"…"}}
 * </pre>
 * Accounts are DIDs on the network {@code bluesky}. A created
 * <ul>
 *   <li>{@code app.bsky.feed.post} is a {@link InteractionKind#REPLY} to the DID of
 *   {@code reply.parent.uri}, a {@link InteractionKind#QUOTE} to the DID of the embedded
 *   post ({@code app.bsky.embed.record}, or {@code recordWithMedia}'s {@code record.record}),
 *   and a {@link InteractionKind#MENTION} to each other DID of its
 *   {@code app.bsky.richtext.facet#mention} facets (not the account replied to, as on
 *   Twitter); its hashtags are its {@code #tag} facets and {@code tags};</li>
 *   <li>{@code app.bsky.feed.repost} / {@code app.bsky.feed.like} is a
 *   {@link InteractionKind#REPOST} / {@link InteractionKind#LIKE} to the DID of
 *   {@code subject.uri};</li>
 *   <li>{@code app.bsky.graph.follow} is a {@link InteractionKind#FOLLOW} to the DID in
 *   {@code subject}.</li>
 * </ul>
 * Event ids are the record's {@code at://did/collection/rkey} URI, followed by
 * {@code /reply}, {@code /quote} or {@code /mention/<did>} for posts. The time is the record's
 * {@code createdAt}, or {@code time_us} when that is missing, unparseable or later (Bluesky's
 * own "sort at" rule: a client cannot date a record into the future). Identity events with a
 * handle and profile records with a display name become {@link AccountProfile}s.
 *
 * <p>Deletes, updates, account events, other collections and posts that engage nobody are not
 * interactions: they are counted as skipped, by reason, not rejected. Unknown event kinds and
 * operations are rejected ({@code unknown-kind}).
 */
public final class JetstreamReader implements InteractionReader {

    /** Network of every Bluesky account. */
    public static final String NETWORK = "bluesky";
    private static final String POST = "app.bsky.feed.post";

    @Override
    public String format() {
        return "bluesky-jetstream";
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        Events events = new Events(sink, rejects, input.name(), input.timeBound());
        try {
            JsonRecords.read(input, rejects, events::value);
        } finally {
            events.flushSkips();
        }
    }

    /**
     * A reader of single Jetstream messages, for a live connection that receives events one at
     * a time rather than as lines of a file. Skips are counted until {@link Messages#flushSkips()}.
     */
    public static Messages messages(String source, InteractionSink sink, Rejects rejects) {
        return new Messages(source, sink, rejects);
    }

    /** Reads Jetstream events one message at a time; not thread-safe. */
    public static final class Messages {
        private final String source;
        private final Rejects rejects;
        private final Events events;

        private Messages(String source, InteractionSink sink, Rejects rejects) {
            this.source = source;
            this.rejects = rejects;
            this.events = new Events(sink, rejects, source, TimeBound.defaults());
        }

        /**
         * Reads one event, exactly as a line of a file is read; a bad one is rejected at
         * {@code sequence}. Returns the event's {@code time_us} — Jetstream's cursor — whenever
         * the message carries a usable one, even if the event is rejected for another reason;
         * -1 otherwise.
         */
        public long read(String message, long sequence) throws IOException {
            events.e.clear();
            JsonRecords.readMessage(source, sequence, message.getBytes(StandardCharsets.UTF_8), rejects,
                    events::value);
            return events.e.timeUs;
        }

        /** Hands the counts of skipped events to the rejects' skip counts. */
        public void flushSkips() {
            events.flushSkips();
        }
    }

    /** One event's fields, reused from line to line. */
    private static final class Event {
        String did;
        long timeUs = -1;
        String kind;
        String operation;
        String collection;
        String rkey;
        String recordType;
        String createdAt;
        String text;
        String replyParent;
        String embedUri;
        String subjectUri;
        String subjectDid;
        String handle;
        String displayName;
        boolean hasRecord;
        final List<String> mentions = new ArrayList<>(4);
        final List<String> hashtags = new ArrayList<>(4);
        final JsonRecords.Problem problem = new JsonRecords.Problem();

        void clear() {
            did = null;
            timeUs = -1;
            kind = null;
            operation = null;
            collection = null;
            rkey = null;
            recordType = null;
            createdAt = null;
            text = null;
            replyParent = null;
            embedUri = null;
            subjectUri = null;
            subjectDid = null;
            handle = null;
            displayName = null;
            hasRecord = false;
            mentions.clear();
            hashtags.clear();
            problem.clear();
        }
    }

    private static final class Events {
        private final InteractionSink sink;
        private final Rejects rejects;
        private final String source;
        private final TimeBound bound;
        private final Event e = new Event();
        private long deletes;
        private long updates;
        private long accounts;
        private long identities;
        private long otherCollections;
        private long noInteraction;

        Events(InteractionSink sink, Rejects rejects, String source, TimeBound bound) {
            this.sink = sink;
            this.rejects = rejects;
            this.source = source;
            this.bound = bound;
        }

        void flushSkips() {
            rejects.skip("delete", deletes);
            rejects.skip("update", updates);
            rejects.skip("account-event", accounts);
            rejects.skip("identity-event", identities);
            rejects.skip("other-collection", otherCollections);
            rejects.skip("no-interaction", noInteraction);
            deletes = updates = accounts = identities = otherCollections = noInteraction = 0;
        }

        void value(JsonParser p, JsonRecords.Context ctx) throws IOException, FieldException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new FieldException(null, "invalid-json", "expected a JSON object (a Jetstream event)");
            }
            long line = ctx.line(p);
            e.clear();
            JsonRecords.Problem problem = e.problem;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "did":
                        e.did = JsonRecords.id(p, field, problem);
                        break;
                    case "time_us":
                        e.timeUs = JsonRecords.count(p, field, problem);
                        break;
                    case "kind":
                        e.kind = JsonRecords.string(p, field, problem);
                        break;
                    case "commit":
                        if (JsonRecords.object(p, field, problem)) {
                            readCommit(p);
                        }
                        break;
                    case "identity":
                        if (JsonRecords.object(p, field, problem)) {
                            readIdentity(p);
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (problem.any()) {
                throw new FieldException(problem.field, problem.reason, problem.detail);
            }
            emit(line, ctx);
        }

        private void emit(long line, JsonRecords.Context ctx) throws FieldException {
            if (e.kind == null) {
                throw missing("kind");
            }
            if (e.did == null) {
                throw missing("did");
            }
            if (!e.did.startsWith("did:")) {
                throw new FieldException("did", "invalid-value", "'" + e.did + "' is not a DID");
            }
            switch (e.kind) {
                case "commit":
                    break;
                case "identity":
                    identities++;
                    if (e.handle != null) {
                        sink.profile(AccountProfile.named(new AccountKey(NETWORK, e.did), e.handle, null));
                    }
                    return;
                case "account":
                    accounts++;
                    return;
                default:
                    throw new FieldException("kind", "unknown-kind", "unknown Jetstream event kind '" + e.kind
                            + "' (expected commit, identity or account)");
            }
            if (e.operation == null) {
                throw missing("commit.operation");
            }
            switch (e.operation) {
                case "create":
                    break;
                case "delete":
                    deletes++;
                    return;
                case "update":
                    updates++;
                    if ("app.bsky.actor.profile".equals(e.collection) && e.displayName != null) {
                        sink.profile(AccountProfile.named(new AccountKey(NETWORK, e.did), null, e.displayName));
                    }
                    return;
                default:
                    throw new FieldException("commit.operation", "unknown-kind", "unknown commit operation '"
                            + e.operation + "' (expected create, update or delete)");
            }
            if (e.collection == null) {
                throw missing("commit.collection");
            }
            InteractionKind kind;
            switch (e.collection) {
                case POST:
                    kind = null;
                    break;
                case "app.bsky.feed.repost":
                    kind = InteractionKind.REPOST;
                    break;
                case "app.bsky.feed.like":
                    kind = InteractionKind.LIKE;
                    break;
                case "app.bsky.graph.follow":
                    kind = InteractionKind.FOLLOW;
                    break;
                case "app.bsky.actor.profile":
                    otherCollections++;
                    if (e.displayName != null) {
                        sink.profile(AccountProfile.named(new AccountKey(NETWORK, e.did), null, e.displayName));
                    }
                    return;
                default:
                    otherCollections++;
                    return;
            }
            if (e.rkey == null) {
                throw missing("commit.rkey");
            }
            if (!e.hasRecord) {
                throw missing("commit.record");
            }
            long time = time();
            String uri = "at://" + e.did + "/" + e.collection + "/" + e.rkey;
            if (kind == InteractionKind.FOLLOW) {
                String target = e.subjectDid;
                if (target == null || !target.startsWith("did:")) {
                    throw new FieldException("commit.record.subject", target == null ? "missing-field" : "invalid-value",
                            "a follow's subject must be a DID");
                }
                sink.accept(new Interaction(NETWORK + "/" + uri, NETWORK, kind, e.did, target, time, null, null,
                        null, List.of()));
                return;
            }
            if (kind != null) {
                if (e.subjectUri == null) {
                    throw missing("commit.record.subject.uri");
                }
                String target = didOf(e.subjectUri);
                if (target == null) {
                    throw new FieldException("commit.record.subject.uri", "invalid-value", "'" + e.subjectUri
                            + "' is not an at:// URI of a record");
                }
                sink.accept(new Interaction(NETWORK + "/" + uri, NETWORK, kind, e.did, target, time, null,
                        e.subjectUri, null, List.of()));
                return;
            }
            int emitted = 0;
            String parent = null;
            if (e.replyParent != null) {
                parent = didOf(e.replyParent);
                if (parent == null) {
                    throw new FieldException("commit.record.reply.parent.uri", "invalid-value", "'" + e.replyParent
                            + "' is not an at:// URI of a record");
                }
                sink.accept(new Interaction(NETWORK + "/" + uri + "/reply", NETWORK, InteractionKind.REPLY, e.did,
                        parent, time, uri, e.replyParent, e.text, e.hashtags));
                emitted++;
            }
            if (e.embedUri != null) {
                String quoted = didOf(e.embedUri);
                if (quoted != null && e.embedUri.indexOf("/" + POST + "/") > 0) {
                    sink.accept(new Interaction(NETWORK + "/" + uri + "/quote", NETWORK, InteractionKind.QUOTE, e.did,
                            quoted, time, uri, e.embedUri, e.text, e.hashtags));
                    emitted++;
                }
            }
            for (int i = 0; i < e.mentions.size(); i++) {
                String did = e.mentions.get(i);
                if (did.equals(parent) || e.mentions.subList(0, i).contains(did)) {
                    continue;
                }
                sink.accept(new Interaction(NETWORK + "/" + uri + "/mention/" + did, NETWORK, InteractionKind.MENTION,
                        e.did, did, time, uri, null, e.text, e.hashtags));
                emitted++;
            }
            if (emitted == 0) {
                noInteraction++;
            }
        }

        /** {@code createdAt} unless missing, unparseable or after {@code time_us}. */
        private long time() throws FieldException {
            long observed = e.timeUs >= 0 ? e.timeUs / 1000 : Times.INVALID;
            long created = e.createdAt == null ? Times.INVALID : Times.isoMillis(e.createdAt);
            if (created != Times.INVALID && (observed == Times.INVALID || created <= observed)) {
                return bound.check(e.timeUs >= 0 ? "time_us" : "commit.record.createdAt", created);
            }
            if (observed == Times.INVALID) {
                throw new FieldException("time_us", e.createdAt == null ? "missing-field" : "bad-time",
                        "neither time_us nor a valid createdAt");
            }
            return bound.check("time_us", observed);
        }

        private static FieldException missing(String field) {
            return new FieldException(field, "missing-field", "required field '" + field + "' is missing");
        }

        private void readIdentity(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("handle")) {
                    e.handle = JsonRecords.id(p, "identity.handle", e.problem);
                } else {
                    p.skipChildren();
                }
            }
        }

        private void readCommit(JsonParser p) throws IOException {
            JsonRecords.Problem problem = e.problem;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "operation":
                        e.operation = JsonRecords.string(p, "commit.operation", problem);
                        break;
                    case "collection":
                        e.collection = JsonRecords.string(p, "commit.collection", problem);
                        break;
                    case "rkey":
                        e.rkey = JsonRecords.id(p, "commit.rkey", problem);
                        break;
                    case "record":
                        if (JsonRecords.object(p, "commit.record", problem)) {
                            e.hasRecord = true;
                            readRecord(p);
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
        }

        private void readRecord(JsonParser p) throws IOException {
            JsonRecords.Problem problem = e.problem;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "$type":
                        e.recordType = JsonRecords.string(p, "commit.record.$type", problem);
                        break;
                    case "createdAt":
                        e.createdAt = JsonRecords.string(p, "commit.record.createdAt", problem);
                        break;
                    case "text":
                        e.text = JsonRecords.string(p, "commit.record.text", problem);
                        break;
                    case "displayName":
                        e.displayName = JsonRecords.string(p, "commit.record.displayName", problem);
                        break;
                    case "subject":
                        if (t == JsonToken.VALUE_STRING) {
                            e.subjectDid = p.getText();
                        } else if (JsonRecords.object(p, "commit.record.subject", problem)) {
                            e.subjectUri = uriField(p, "commit.record.subject.uri");
                        }
                        break;
                    case "reply":
                        if (JsonRecords.object(p, "commit.record.reply", problem)) {
                            readReply(p);
                        }
                        break;
                    case "embed":
                        if (JsonRecords.object(p, "commit.record.embed", problem)) {
                            e.embedUri = embedUri(p, 0);
                        }
                        break;
                    case "facets":
                        if (JsonRecords.array(p, "commit.record.facets", problem)) {
                            readFacets(p);
                        }
                        break;
                    case "tags":
                        if (JsonRecords.array(p, "commit.record.tags", problem)) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                addTag(JsonRecords.string(p, "commit.record.tags", problem));
                            }
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
        }

        /** Reads an object's {@code uri} member; the parser is on the object's start. */
        private String uriField(JsonParser p, String field) throws IOException {
            String uri = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("uri")) {
                    uri = JsonRecords.id(p, field, e.problem);
                } else {
                    p.skipChildren();
                }
            }
            return uri;
        }

        private void readReply(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("parent") && JsonRecords.object(p, "commit.record.reply.parent", e.problem)) {
                    e.replyParent = uriField(p, "commit.record.reply.parent.uri");
                } else if (!f.equals("parent")) {
                    p.skipChildren();
                }
            }
        }

        /**
         * The quoted record's URI: {@code embed.record.uri} for {@code app.bsky.embed.record},
         * {@code embed.record.record.uri} for {@code recordWithMedia}; null for other embeds.
         */
        private String embedUri(JsonParser p, int depth) throws IOException {
            String uri = null;
            String nested = null;
            String type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("$type")) {
                    type = JsonRecords.string(p, "commit.record.embed.$type", e.problem);
                } else if (f.equals("uri") && depth > 0) {
                    uri = JsonRecords.id(p, "commit.record.embed.record.uri", e.problem);
                } else if (f.equals("record") && depth < 2 && p.currentToken() == JsonToken.START_OBJECT) {
                    nested = embedUri(p, depth + 1);
                } else {
                    p.skipChildren();
                }
            }
            if (depth == 0) {
                if ("app.bsky.embed.record".equals(type) || "app.bsky.embed.recordWithMedia".equals(type)) {
                    return nested;
                }
                return null;
            }
            return uri != null ? uri : nested;
        }

        private void readFacets(JsonParser p) throws IOException {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    e.problem.wrongType("commit.record.facets", "an array of objects");
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (f.equals("features") && JsonRecords.array(p, "commit.record.facets.features", e.problem)) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (p.currentToken() == JsonToken.START_OBJECT) {
                                readFeature(p);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if (!f.equals("features")) {
                        p.skipChildren();
                    }
                }
            }
        }

        private void readFeature(JsonParser p) throws IOException {
            String type = null;
            String did = null;
            String tag = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "$type":
                        type = JsonRecords.string(p, "commit.record.facets.features.$type", e.problem);
                        break;
                    case "did":
                        did = JsonRecords.id(p, "commit.record.facets.features.did", e.problem);
                        break;
                    case "tag":
                        tag = JsonRecords.string(p, "commit.record.facets.features.tag", e.problem);
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if ("app.bsky.richtext.facet#mention".equals(type) && did != null && did.startsWith("did:")) {
                e.mentions.add(did);
            } else if ("app.bsky.richtext.facet#tag".equals(type)) {
                addTag(tag);
            }
        }

        private void addTag(String tag) {
            if (tag == null) {
                return;
            }
            String t = tag.startsWith("#") ? tag.substring(1) : tag;
            if (!t.isBlank()) {
                String lower = t.toLowerCase(Locale.ROOT);
                if (!e.hashtags.contains(lower)) {
                    e.hashtags.add(lower);
                }
            }
        }
    }

    /** The DID of an {@code at://did/collection/rkey} URI, or null. */
    static String didOf(String uri) {
        if (!uri.startsWith("at://did:")) {
            return null;
        }
        int slash = uri.indexOf('/', 5);
        if (slash < 0 || slash == uri.length() - 1) {
            return null;
        }
        String did = uri.substring(5, slash);
        return did.length() > 4 ? did : null;
    }
}
