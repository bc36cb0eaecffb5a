package dev.renown.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;
import dev.renown.core.event.ProfileLink;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Mastodon {@code Status} entities as the REST API returns them
 * (https://docs.joinmastodon.org/entities/Status/): a saved timeline page (a JSON array of
 * statuses, pretty-printed or not), one status per line, or streaming-API messages
 * ({@code {"event":"update","payload":"<status as a JSON string>"}}).
 *
 * <p><b>Accounts</b> are identified by their full address {@code username@domain}: the
 * {@code acct} of a remote account, and for an account local to the server that answered,
 * its {@code acct} plus the host of its {@code url}. The account {@code id} is only valid on
 * the server that produced the file, and mentions carry no ActivityPub {@code uri}, so the
 * address is the one identity every reference to an account has; Mastodon usernames cannot
 * change. Replies name their target by that local {@code in_reply_to_account_id}, which the
 * reader maps to an address through the accounts and mentions seen in the same file (Mastodon
 * puts the replied-to account in a reply's mentions, so this nearly always succeeds); a reply
 * whose target never appears is an {@code unresolved-target} reject.
 *
 * <p>A status with a {@code reblog} is a {@link InteractionKind#REPOST} to the reblogged
 * status's account, and nothing else. Otherwise {@code in_reply_to_account_id} gives a
 * {@link InteractionKind#REPLY}, an accepted {@code quote} (Mastodon 4.4) a
 * {@link InteractionKind#QUOTE}, and every other account in {@code mentions} a
 * {@link InteractionKind#MENTION}. Event ids are the status's ActivityPub {@code uri} followed
 * by {@code /repost}, {@code /reply}, {@code /quote} or {@code /mention/<address>}; post ids
 * are status URIs; hashtags come from {@code tags}; the text is {@code content} without its
 * HTML. Every account object becomes an {@link AccountProfile} with its counts, and, when it
 * gives its {@code fields}, its links: the profile page ({@code url}) and each field's link with
 * whether the server verified it ({@code verified_at}, {@link ProfileLinks#mastodonField}).
 */
public final class MastodonReader implements InteractionReader {

    /** Network of every Mastodon (fediverse) account. */
    public static final String NETWORK = "mastodon";

    @Override
    public String format() {
        return "mastodon";
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        Statuses s = new Statuses(sink, rejects, input.name(), input.timeBound(), 0);
        try {
            JsonRecords.read(input, rejects, s::value);
            s.resolveDeferred();
        } finally {
            s.flushSkips();
        }
    }

    private static final class Account {
        String id;
        String username;
        String acct;
        String url;
        String displayName;
        long followers = -1;
        long following = -1;
        long statuses = -1;
        /** The links of {@code fields}, or null when the object has no {@code fields} (a mention). */
        List<ProfileLink> fieldLinks;

        /** The profile page and the fields' links, or null when the object does not give its fields. */
        List<ProfileLink> links() {
            if (fieldLinks == null) {
                return null;
            }
            if (url == null) {
                return fieldLinks;
            }
            List<ProfileLink> links = new ArrayList<>(fieldLinks.size() + 1);
            links.add(new ProfileLink(url, ProfileLink.PROFILE, false));
            links.addAll(fieldLinks);
            return links;
        }

        /** {@code username@domain}, or null when neither acct nor url tells the domain. */
        String address() {
            if (acct == null) {
                return null;
            }
            int at = acct.indexOf('@');
            if (at > 0 && at < acct.length() - 1) {
                return acct.substring(0, at) + "@" + acct.substring(at + 1).toLowerCase(Locale.ROOT);
            }
            if (at >= 0 || url == null) {
                return null;
            }
            try {
                String host = new URI(url).getHost();
                return host == null ? null : acct + "@" + host.toLowerCase(Locale.ROOT);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }

    private static final class Status {
        String id;
        String uri;
        String createdAt;
        String content;
        Account account;
        String inReplyToId;
        String inReplyToAccountId;
        Status reblog;
        Status quoted;
        String quoteState;
        final List<Account> mentions = new ArrayList<>(2);
        final List<String> tags = new ArrayList<>(2);
        final JsonRecords.Problem problem = new JsonRecords.Problem();
    }

    /** A reply waiting for its target's address until the end of the file. */
    private record Deferred(long line, String record, String eventBase, String actor, String targetId, long time,
                            String post, String targetPost, String text, List<String> tags) {
    }

    /**
     * A reader of single Mastodon messages — streaming events and timeline pages — for a live
     * connection. Replies resolve their target through the accounts seen in the same message
     * and the last {@link #LIVE_REMEMBERED} accounts and statuses seen before it, so memory stays
     * bounded however long the stream runs; a reply still unresolved at the end of its message
     * is rejected ({@code unresolved-target}) at once.
     */
    public static Messages messages(String source, InteractionSink sink, Rejects rejects) {
        return new Messages(source, sink, rejects);
    }

    /** Accounts (and statuses) remembered by a live reader to resolve replies. */
    public static final int LIVE_REMEMBERED = 100_000;

    /** Reads Mastodon messages one at a time; not thread-safe. */
    public static final class Messages {
        private final String source;
        private final Rejects rejects;
        private final Statuses statuses;
        private String maxId;

        private Messages(String source, InteractionSink sink, Rejects rejects) {
            this.source = source;
            this.rejects = rejects;
            this.statuses = new Statuses(sink, rejects, source, TimeBound.defaults(), LIVE_REMEMBERED);
            this.statuses.onStatus = id -> {
                if (maxId == null || compareIds(id, maxId) > 0) {
                    maxId = id;
                }
            };
        }

        /**
         * Reads one server-sent event of the streaming API: {@code update} and
         * {@code status.update} carry a status as their data; other events ({@code delete},
         * {@code notification}, …) are counted as skipped. Returns the largest status id the
         * message carried — rejected statuses included, as they were read — or null.
         */
        public String event(String event, String data, long sequence) throws IOException {
            if (!"update".equals(event) && !"status.update".equals(event)) {
                statuses.otherEvents++;
                return null;
            }
            return read(data, sequence);
        }

        /**
         * Reads one timeline page (a JSON array of statuses, as {@code GET /api/v1/timelines/…}
         * returns it), or one status. Returns the largest status id in it, or null.
         */
        public String page(String json, long sequence) throws IOException {
            return read(json, sequence);
        }

        private String read(String json, long sequence) throws IOException {
            maxId = null;
            JsonRecords.readMessage(source, sequence, json.getBytes(StandardCharsets.UTF_8), rejects, statuses::value);
            statuses.resolveDeferred();
            return maxId;
        }

        /** Hands the counts of skipped statuses and events to the rejects' skip counts. */
        public void flushSkips() {
            statuses.flushSkips();
        }
    }

    /**
     * Orders status ids: Mastodon's are decimal snowflakes (milliseconds since the epoch shifted
     * left by 16 bits, plus a sequence), compared as numbers; other servers' ids (Pleroma's
     * flake ids) sort as strings.
     */
    public static int compareIds(String a, String b) {
        if (isDecimal(a) && isDecimal(b)) {
            String x = stripZeros(a);
            String y = stripZeros(b);
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        return a.compareTo(b);
    }

    static boolean isDecimal(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** A map that forgets its oldest entries past a size, or never when the size is 0. */
    private static <K, V> Map<K, V> remembering(int max) {
        if (max <= 0) {
            return new HashMap<>();
        }
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    private static final class Statuses {
        private final InteractionSink sink;
        private final Rejects rejects;
        private final String source;
        private final TimeBound bound;
        private final Map<String, String> addressById;
        private final Map<String, String> uriById;
        private final List<Deferred> deferred = new ArrayList<>();
        /** Told the id of every top-level status read, when set (live readers track their cursor). */
        java.util.function.Consumer<String> onStatus;
        private long noInteraction;
        private long otherEvents;

        Statuses(InteractionSink sink, Rejects rejects, String source, TimeBound bound, int remember) {
            this.sink = sink;
            this.rejects = rejects;
            this.source = source;
            this.bound = bound;
            this.addressById = remembering(remember);
            this.uriById = remembering(remember);
        }

        void flushSkips() {
            rejects.skip("no-interaction", noInteraction);
            rejects.skip("stream-event", otherEvents);
            noInteraction = otherEvents = 0;
        }

        void value(JsonParser p, JsonRecords.Context ctx) throws IOException, FieldException {
            streamEvent = null;
            streamPayload = null;
            if (p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    long line = ctx.line(p);
                    long start = JsonRecords.Context.offset(p);
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        rejects.add(source, line, null, "wrong-type", "expected a status object", ctx.valueText(start, p));
                        continue;
                    }
                    Status s = readStatus(p, 0);
                    handle(s, line, ctx.valueText(start, p));
                }
                return;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new FieldException(null, "invalid-json", "expected a JSON object or array of statuses");
            }
            long line = ctx.line(p);
            long start = JsonRecords.Context.offset(p);
            Status s = readStatus(p, 0);
            String record = ctx.valueText(start, p);
            if (s.id == null && s.uri == null && s.account == null && streamEvent != null) {
                String event = streamEvent;
                String payload = streamPayload;
                streamEvent = null;
                streamPayload = null;
                if (!event.equals("update") && !event.equals("status.update")) {
                    otherEvents++;
                    return;
                }
                if (payload == null) {
                    throw new FieldException("payload", "missing-field", "an update event needs its payload");
                }
                try (JsonParser q = JsonRecords.JSON.createParser(payload)) {
                    if (q.nextToken() != JsonToken.START_OBJECT) {
                        throw new FieldException("payload", "invalid-json", "the payload is not a JSON object");
                    }
                    handle(readStatus(q, 0), line, record);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new FieldException("payload", "invalid-json", "payload: " + e.getOriginalMessage());
                }
                return;
            }
            streamEvent = null;
            streamPayload = null;
            handle(s, line, record);
        }

        private String streamEvent;
        private String streamPayload;

        private void remember(Account a) {
            if (a != null && a.id != null) {
                String address = a.address();
                if (address != null) {
                    addressById.putIfAbsent(a.id, address);
                }
            }
        }

        private void profile(Account a) {
            String address = a == null ? null : a.address();
            if (address != null) {
                sink.profile(new AccountProfile(new AccountKey(NETWORK, address), a.username, a.displayName,
                        a.followers, a.following, a.statuses, a.links()));
            }
        }

        private void handle(Status s, long line, String record) {
            if (onStatus != null && s.id != null) {
                onStatus.accept(s.id);
            }
            if (s.problem.any()) {
                rejects.add(source, line, s.problem.field, s.problem.reason, s.problem.detail, record);
                return;
            }
            for (Status x : new Status[] {s, s.reblog, s.quoted}) {
                if (x != null) {
                    remember(x.account);
                    x.mentions.forEach(this::remember);
                    if (x.id != null && x.uri != null) {
                        uriById.putIfAbsent(x.id, x.uri);
                    }
                }
            }
            if (s.uri == null) {
                rejects.add(source, line, "uri", "missing-field", "a status needs its uri", record);
                return;
            }
            if (s.account == null) {
                rejects.add(source, line, "account", "missing-field", "a status needs its account", record);
                return;
            }
            String actor = s.account.address();
            if (actor == null) {
                rejects.add(source, line, "account.acct", "missing-field",
                        "the account's address needs acct and, for a local account, url", record);
                return;
            }
            if (s.createdAt == null) {
                rejects.add(source, line, "created_at", "missing-field", "a status needs created_at", record);
                return;
            }
            long time = Times.isoMillis(s.createdAt);
            if (time == Times.INVALID) {
                rejects.add(source, line, "created_at", "bad-time", "'" + s.createdAt + "' is not a time", record);
                return;
            }
            if (!bound.allows(time)) {
                rejects.add(source, line, "created_at", TimeBound.REASON, bound.describe(time), record);
                return;
            }
            profile(s.account);
            String text = plainText(s.content);
            List<String> tags = s.tags;
            if (s.reblog != null) {
                profile(s.reblog.account);
                String target = s.reblog.account == null ? null : s.reblog.account.address();
                if (target == null) {
                    rejects.add(source, line, "reblog.account", "missing-field", "a reblog needs the reblogged account",
                            record);
                    return;
                }
                sink.accept(new Interaction(NETWORK + "/" + s.uri + "/repost", NETWORK, InteractionKind.REPOST, actor,
                        target, time, s.uri, s.reblog.uri, plainText(s.reblog.content), s.reblog.tags));
                return;
            }
            int emitted = 0;
            String replyTarget = null;
            if (s.inReplyToAccountId != null) {
                replyTarget = addressById.get(s.inReplyToAccountId);
                String targetPost = s.inReplyToId == null ? null : uriById.get(s.inReplyToId);
                if (replyTarget == null) {
                    deferred.add(new Deferred(line, record, NETWORK + "/" + s.uri, actor, s.inReplyToAccountId, time,
                            s.uri, s.inReplyToId, text, List.copyOf(tags)));
                    emitted++; // counted when resolved or rejected at the end
                } else {
                    sink.accept(new Interaction(NETWORK + "/" + s.uri + "/reply", NETWORK, InteractionKind.REPLY,
                            actor, replyTarget, time, s.uri, targetPost, text, tags));
                    emitted++;
                }
            }
            if (s.quoted != null && (s.quoteState == null || s.quoteState.equals("accepted"))) {
                profile(s.quoted.account);
                String target = s.quoted.account == null ? null : s.quoted.account.address();
                if (target != null) {
                    sink.accept(new Interaction(NETWORK + "/" + s.uri + "/quote", NETWORK, InteractionKind.QUOTE,
                            actor, target, time, s.uri, s.quoted.uri, text, tags));
                    emitted++;
                }
            }
            List<String> seen = new ArrayList<>(s.mentions.size());
            for (Account m : s.mentions) {
                String target = m.address();
                if (target == null) {
                    rejects.add(source, line, "mentions.acct", "missing-field", "a mention without acct", record);
                    continue;
                }
                if (target.equals(replyTarget) || (m.id != null && m.id.equals(s.inReplyToAccountId))
                        || seen.contains(target)) {
                    continue;
                }
                seen.add(target);
                sink.accept(new Interaction(NETWORK + "/" + s.uri + "/mention/" + target, NETWORK,
                        InteractionKind.MENTION, actor, target, time, s.uri, null, text, tags));
                emitted++;
            }
            if (emitted == 0) {
                noInteraction++;
            }
        }

        /** Replies whose target appeared only later in the file, or never. */
        void resolveDeferred() {
            for (Deferred d : deferred) {
                String target = addressById.get(d.targetId());
                if (target == null) {
                    rejects.add(source, d.line(), "in_reply_to_account_id", "unresolved-target", "account "
                            + d.targetId() + " replied to appears nowhere in the file", d.record());
                    continue;
                }
                String targetPost = d.targetPost() == null ? null : uriById.get(d.targetPost());
                sink.accept(new Interaction(d.eventBase() + "/reply", NETWORK, InteractionKind.REPLY, d.actor(), target,
                        d.time(), d.post(), targetPost, d.text(), d.tags()));
            }
            deferred.clear();
        }

        private Status readStatus(JsonParser p, int depth) throws IOException {
            Status s = new Status();
            JsonRecords.Problem problem = s.problem;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                switch (f) {
                    case "id":
                        s.id = JsonRecords.id(p, f, problem);
                        break;
                    case "uri":
                        s.uri = JsonRecords.id(p, f, problem);
                        break;
                    case "created_at":
                        s.createdAt = JsonRecords.string(p, f, problem);
                        break;
                    case "content":
                        s.content = JsonRecords.string(p, f, problem);
                        break;
                    case "in_reply_to_id":
                        s.inReplyToId = JsonRecords.id(p, f, problem);
                        break;
                    case "in_reply_to_account_id":
                        s.inReplyToAccountId = JsonRecords.id(p, f, problem);
                        break;
                    case "account":
                        if (JsonRecords.object(p, f, problem)) {
                            s.account = readAccount(p, problem, f);
                        }
                        break;
                    case "reblog":
                    case "quoted_status":
                        if (depth < 2 && JsonRecords.object(p, f, problem)) {
                            Status nested = readStatus(p, depth + 1);
                            if (nested.problem.any()) {
                                problem.set(f + "." + nested.problem.field, nested.problem.reason, nested.problem.detail);
                            }
                            if (f.equals("reblog")) {
                                s.reblog = nested;
                            } else {
                                s.quoted = nested;
                            }
                        } else if (depth >= 2) {
                            p.skipChildren();
                        }
                        break;
                    case "quote":
                        if (depth < 2 && JsonRecords.object(p, f, problem)) {
                            readQuote(p, s, depth);
                        } else if (depth >= 2) {
                            p.skipChildren();
                        }
                        break;
                    case "mentions":
                        if (JsonRecords.array(p, f, problem)) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                if (JsonRecords.object(p, f, problem)) {
                                    s.mentions.add(readAccount(p, problem, f));
                                }
                            }
                        }
                        break;
                    case "tags":
                        if (JsonRecords.array(p, f, problem)) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                if (JsonRecords.object(p, f, problem)) {
                                    readTag(p, s, problem);
                                }
                            }
                        }
                        break;
                    case "event":
                        if (depth == 0 && v == JsonToken.VALUE_STRING) {
                            streamEvent = p.getText();
                        } else {
                            p.skipChildren();
                        }
                        break;
                    case "payload":
                        if (depth == 0 && v == JsonToken.VALUE_STRING) {
                            streamPayload = p.getText();
                        } else {
                            p.skipChildren();
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
            return s;
        }

        private void readQuote(JsonParser p, Status s, int depth) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("state")) {
                    s.quoteState = JsonRecords.string(p, "quote.state", s.problem);
                } else if (f.equals("quoted_status") && p.currentToken() == JsonToken.START_OBJECT) {
                    Status nested = readStatus(p, depth + 1);
                    if (nested.problem.any()) {
                        s.problem.set("quote.quoted_status." + nested.problem.field, nested.problem.reason,
                                nested.problem.detail);
                    }
                    s.quoted = nested;
                } else {
                    p.skipChildren();
                }
            }
        }

        private static void readTag(JsonParser p, Status s, JsonRecords.Problem problem) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("name")) {
                    String name = JsonRecords.string(p, "tags.name", problem);
                    if (name != null) {
                        String t = name.startsWith("#") ? name.substring(1) : name;
                        if (!t.isBlank()) {
                            s.tags.add(t.toLowerCase(Locale.ROOT));
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        private static Account readAccount(JsonParser p, JsonRecords.Problem problem, String where) throws IOException {
            Account a = new Account();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "id": a.id = JsonRecords.id(p, where + ".id", problem); break;
                    case "username": a.username = JsonRecords.id(p, where + ".username", problem); break;
                    case "acct": a.acct = JsonRecords.id(p, where + ".acct", problem); break;
                    case "url": a.url = JsonRecords.id(p, where + ".url", problem); break;
                    case "display_name": a.displayName = JsonRecords.string(p, where + ".display_name", problem); break;
                    case "followers_count": a.followers = JsonRecords.count(p, where + ".followers_count", problem); break;
                    case "following_count": a.following = JsonRecords.count(p, where + ".following_count", problem); break;
                    case "statuses_count": a.statuses = JsonRecords.count(p, where + ".statuses_count", problem); break;
                    case "fields":
                        if (JsonRecords.array(p, where + ".fields", problem)) {
                            a.fieldLinks = readFields(p, problem, where + ".fields");
                        }
                        break;
                    default: p.skipChildren();
                }
            }
            return a;
        }

        /** An account's {@code fields} ({@code [{name, value, verified_at}…]}) as links; the parser is on the array. */
        private static List<ProfileLink> readFields(JsonParser p, JsonRecords.Problem problem, String where)
                throws IOException {
            List<ProfileLink> links = null;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!JsonRecords.object(p, where, problem)) {
                    continue;
                }
                String name = null;
                String value = null;
                String verifiedAt = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    switch (f) {
                        case "name": name = JsonRecords.string(p, where + ".name", problem); break;
                        case "value": value = JsonRecords.string(p, where + ".value", problem); break;
                        case "verified_at": verifiedAt = JsonRecords.id(p, where + ".verified_at", problem); break;
                        default: p.skipChildren();
                    }
                }
                if (value != null) {
                    links = links == null ? new ArrayList<>(2) : links;
                    ProfileLinks.mastodonField(name, value, verifiedAt != null, links);
                }
            }
            return links == null ? List.of() : links;
        }
    }

    /** {@code content} without its HTML: tags dropped (paragraphs and breaks as spaces), entities decoded. */
    static String plainText(String html) {
        if (html == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    break;
                }
                String tag = html.substring(i + 1, end).toLowerCase(Locale.ROOT);
                if ((tag.startsWith("br") || tag.startsWith("/p")) && out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                i = end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                String entity = end < 0 || end - i > 8 ? null : html.substring(i, end + 1);
                String decoded = entity == null ? null : switch (entity) {
                    case "&amp;" -> "&";
                    case "&lt;" -> "<";
                    case "&gt;" -> ">";
                    case "&quot;" -> "\"";
                    case "&#39;", "&apos;" -> "'";
                    case "&nbsp;" -> " ";
                    default -> null;
                };
                if (decoded == null) {
                    out.append(c);
                    i++;
                } else {
                    out.append(decoded);
                    i = end + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().strip();
    }
}
