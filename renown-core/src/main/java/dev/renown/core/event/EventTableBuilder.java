package dev.renown.core.event;

import it.unimi.dsi.fastutil.bytes.ByteArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;

import java.util.Collection;
import java.util.List;

/**
 * Loads interactions into an {@link EventTable}, interning accounts and post ids, and skipping any
 * event whose id was already seen (counted in {@link EventTable#duplicatesSkipped()}).
 *
 * <p>Duplicates are recognised by a 64-bit fingerprint of the event id
 * ({@link #fingerprint64(CharSequence)}); for {@code k} distinct events the chance that two of
 * them collide is about {@code k²/2⁶⁵}, below 10⁻⁷ for ten million events.
 *
 * <p><b>Topics.</b> Without a {@link TopicSource} an event's topics are its interaction's
 * hashtags, as they are. With one ({@link #withTopics}, {@link #ofDistinctEvents(TopicSource)}),
 * they are the source's topics for the interaction's text and hashtags. Each interaction of a post
 * carries the post's text, so every event of the post gets its topics; the topics of the last
 * distinct (text, hashtags) seen are remembered, so the acts of one post, which readers emit
 * together, are analysed once.
 */
public final class EventTableBuilder implements InteractionSink {

    private final AccountIndex accounts = new AccountIndex();
    private final IntArrayList actor = new IntArrayList();
    private final IntArrayList target = new IntArrayList();
    private final LongArrayList time = new LongArrayList();
    private final ByteArrayList kind = new ByteArrayList();
    /** Post keys ({@link EventTable#post}): numeric ids as they are, other ids interned. */
    private final LongArrayList post = new LongArrayList();
    private final LongArrayList targetPost = new LongArrayList();
    /** The index of each post id that is not a plain number, by network and id. */
    private final Object2IntOpenHashMap<String> postIndex = new Object2IntOpenHashMap<>();
    private final ObjectArrayList<String> postIds = new ObjectArrayList<>();
    private final IntArrayList topicStart = new IntArrayList(new int[] {0});
    private final IntArrayList topics = new IntArrayList();
    private final Object2IntOpenHashMap<String> topicIndex = new Object2IntOpenHashMap<>();
    private final ObjectArrayList<String> topicNames = new ObjectArrayList<>();
    /** Fingerprints of the event ids seen, or null when the events are known to be distinct. */
    private final LongOpenHashSet seen;
    /** Where topics come from, or null for the hashtags as they are. */
    private final TopicSource topicSource;
    private String lastText;
    private List<String> lastHashtags;
    private Collection<String> lastTopics;
    private long duplicates;

    public EventTableBuilder() {
        this(true, null);
    }

    private EventTableBuilder(boolean deduplicate, TopicSource topicSource) {
        seen = deduplicate ? new LongOpenHashSet() : null;
        this.topicSource = topicSource;
        postIndex.defaultReturnValue(-1);
        topicIndex.defaultReturnValue(-1);
    }

    /**
     * A builder whose events' topics come from {@code topicSource} (the interaction's text and
     * hashtags), or from the hashtags as they are when it is null, as {@link #EventTableBuilder()}.
     */
    public static EventTableBuilder withTopics(TopicSource topicSource) {
        return new EventTableBuilder(true, topicSource);
    }

    /** As {@link #ofDistinctEvents()}, topics from {@code topicSource} (hashtags when it is null). */
    public static EventTableBuilder ofDistinctEvents(TopicSource topicSource) {
        return new EventTableBuilder(false, topicSource);
    }

    /** Whether events' topics come from their text: loaders need then give it. */
    public boolean needsText() {
        return topicSource != null;
    }

    /**
     * A builder for events whose ids are known to be distinct — a store's rows, keyed by their
     * fingerprint — which keeps no set of fingerprints (16 to 32 bytes an event) and drops nothing.
     */
    public static EventTableBuilder ofDistinctEvents() {
        return new EventTableBuilder(false, null);
    }

    @Override
    public void accept(Interaction interaction) {
        add(fingerprint64(interaction.eventId()), interaction.network(), interaction.kind(), interaction.actorId(),
                interaction.targetId(), interaction.timeMillis(), interaction.postId(), interaction.targetPostId(),
                interaction.hashtags(), interaction.text());
    }

    /**
     * Adds one event given by its parts and the {@link #fingerprint64 fingerprint} of its id, for
     * loaders that already hold the fingerprint (the store keeps it) and need not rebuild the id.
     */
    public void add(long eventFingerprint, String network, InteractionKind interactionKind, String actorId,
                    String targetId, long timeMillis, String postId, String targetPostId, List<String> hashtags) {
        add(eventFingerprint, network, interactionKind, actorId, targetId, timeMillis, postId, targetPostId, hashtags,
                null);
    }

    /**
     * As {@link #add(long, String, InteractionKind, String, String, long, String, String, List)}, with
     * the post's text (may be null), which a {@link TopicSource} reads.
     */
    public void add(long eventFingerprint, String network, InteractionKind interactionKind, String actorId,
                    String targetId, long timeMillis, String postId, String targetPostId, List<String> hashtags,
                    String text) {
        if (seen != null && !seen.add(eventFingerprint)) {
            duplicates++;
            return;
        }
        add(network, interactionKind, AccountIndex.numericId(actorId), actorId, AccountIndex.numericId(targetId),
                targetId, timeMillis, postNumber(postId), postId, postNumber(targetPostId), targetPostId, hashtags,
                text);
    }

    /**
     * Adds one event of distinct events ({@link #ofDistinctEvents()}) whose account and post ids
     * come as numbers where they are {@linkplain AccountIndex#numericId plain decimal numbers} (the
     * string may then be null) and as strings otherwise (the number is then negative): a loader
     * reading typed columns need not build a string per id. A post that is absent has a negative
     * number and a null id.
     */
    public void addDistinct(String network, InteractionKind interactionKind, long actorNumber, String actorId,
                            long targetNumber, String targetId, long timeMillis, long postNumber, String postId,
                            long targetPostNumber, String targetPostId, List<String> hashtags) {
        addDistinct(network, interactionKind, actorNumber, actorId, targetNumber, targetId, timeMillis, postNumber,
                postId, targetPostNumber, targetPostId, hashtags, null);
    }

    /**
     * As {@link #addDistinct(String, InteractionKind, long, String, long, String, long, long, String, long,
     * String, List)}, with the post's text (may be null), which a {@link TopicSource} reads.
     */
    public void addDistinct(String network, InteractionKind interactionKind, long actorNumber, String actorId,
                            long targetNumber, String targetId, long timeMillis, long postNumber, String postId,
                            long targetPostNumber, String targetPostId, List<String> hashtags, String text) {
        if (seen != null) {
            throw new IllegalStateException("addDistinct is for a builder of distinct events");
        }
        add(network, interactionKind, actorNumber, actorId, targetNumber, targetId, timeMillis, postNumber, postId,
                targetPostNumber, targetPostId, hashtags, text);
    }

    private void add(String network, InteractionKind interactionKind, long actorNumber, String actorId,
                     long targetNumber, String targetId, long timeMillis, long postNumber, String postId,
                     long targetPostNumber, String targetPostId, List<String> hashtags, String text) {
        actor.add(accounts.intern(network, actorNumber, actorId));
        target.add(accounts.intern(network, targetNumber, targetId));
        time.add(timeMillis);
        kind.add((byte) interactionKind.ordinal());
        post.add(internPost(network, postNumber, postId));
        targetPost.add(internPost(network, targetPostNumber, targetPostId));
        for (String topic : topicsOf(text, hashtags)) {
            addTopic(topic);
        }
        topicStart.add(topics.size());
    }

    /** The event's topics: its hashtags without a source, else the source's, remembered for the last post. */
    private Collection<String> topicsOf(String text, List<String> hashtags) {
        if (topicSource == null) {
            return hashtags;
        }
        if (lastTopics == null || !java.util.Objects.equals(text, lastText) || !hashtags.equals(lastHashtags)) {
            lastTopics = topicSource.topics(text, hashtags);
            lastText = text;
            lastHashtags = hashtags;
        }
        return lastTopics;
    }

    private static long postNumber(String postId) {
        return postId == null ? -1 : AccountIndex.numericId(postId);
    }

    @Override
    public void profile(AccountProfile profile) {
        accounts.update(profile);
    }

    /**
     * A builder holding a copy of {@code table}: the same accounts at the same indices, with what
     * their profiles told, and the same events in the same order, to which more can be added. The
     * copy's events are not deduplicated against later ones by id (their ids are not kept).
     */
    public static EventTableBuilder copyOf(EventTable table) {
        EventTableBuilder b = new EventTableBuilder();
        AccountIndex from = table.accounts();
        for (int a = 0; a < from.size(); a++) {
            AccountKey key = from.key(a);
            b.accounts.intern(key.network(), key.id());
            b.accounts.update(new AccountProfile(key, from.handle(a).orElse(null), from.displayName(a).orElse(null),
                    from.followers(a), AccountProfile.UNKNOWN, AccountProfile.UNKNOWN));
        }
        for (int e = 0; e < table.size(); e++) {
            String network = from.network(table.actor(e));
            b.actor.add(table.actor(e));
            b.target.add(table.target(e));
            b.time.add(table.timeMillis(e));
            b.kind.add((byte) table.kindOrdinal(e));
            b.post.add(b.copyPost(network, table, table.post(e)));
            b.targetPost.add(b.copyPost(network, table, table.targetPost(e)));
            for (int x = table.topicStart(e); x < table.topicEnd(e); x++) {
                b.addTopic(table.topicName(table.topic(x)));
            }
            b.topicStart.add(b.topics.size());
        }
        return b;
    }

    private void addTopic(String tag) {
        int t = topicIndex.getInt(tag);
        if (t < 0) {
            t = topicNames.size();
            topicIndex.put(tag, t);
            topicNames.add(tag);
        }
        topics.add(t);
    }

    /** Whether the account appeared in an accepted event or profile. */
    public boolean knows(AccountKey account) {
        return accounts.find(account).isPresent();
    }

    /** Number of events accepted so far. */
    public int size() {
        return actor.size();
    }

    /**
     * Builds the table; the builder must not be used afterwards. The hash tables that served only
     * loading are dropped first, then each column is trimmed to its length in turn and handed over
     * without a copy, so that at most one column is held twice at any moment.
     */
    public EventTable build() {
        if (seen != null) {
            seen.clear();
            seen.trim();
        }
        postIndex.clear();
        postIndex.trim();
        topicIndex.clear();
        topicIndex.trim();
        int size = actor.size();
        return new EventTable(accounts, size, exact(actor), exact(target), exact(time), exact(kind), exact(post),
                exact(targetPost), postIds.toArray(new String[0]), exact(topicStart),
                exact(topics), topicNames.toArray(new String[0]), duplicates);
    }

    private static int[] exact(IntArrayList list) {
        list.trim();
        return list.elements();
    }

    private static long[] exact(LongArrayList list) {
        list.trim();
        return list.elements();
    }

    private static byte[] exact(ByteArrayList list) {
        list.trim();
        return list.elements();
    }

    private long internPost(String network, String postId) {
        return internPost(network, postNumber(postId), postId);
    }

    /** The key of a post: its number when it has one, else its interned id above {@link EventTable#STRING_POSTS}. */
    private long internPost(String network, long number, String postId) {
        if (number >= 0) {
            return number;
        }
        if (postId == null) {
            return EventTable.NO_POST;
        }
        String key = network + '/' + postId;
        int index = postIndex.getInt(key);
        if (index < 0) {
            index = postIds.size();
            postIndex.put(key, index);
            postIds.add(postId);
        }
        return EventTable.STRING_POSTS + index;
    }

    private long copyPost(String network, EventTable table, long key) {
        return key >= EventTable.STRING_POSTS ? internPost(network, -1, table.postId(key)) : key;
    }

    /**
     * A 64-bit fingerprint of a string: FNV-1a over its UTF-16 code units, finished with the
     * MurmurHash3 {@code fmix64} avalanche so that similar ids spread over all 64 bits.
     */
    public static long fingerprint64(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = s.length(); i < n; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
