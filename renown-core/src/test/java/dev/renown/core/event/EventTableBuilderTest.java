package dev.renown.core.event;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTableBuilderTest {

    @Test
    void interns_accounts_per_network_in_order_of_first_appearance() {
        EventTableBuilder b = new EventTableBuilder();
        b.accept(Interaction.of("x", InteractionKind.REPOST, "a", "b", 1));
        b.accept(Interaction.of("y", InteractionKind.REPOST, "a", "b", 2));
        b.accept(Interaction.of("x", InteractionKind.REPLY, "b", "c", 3));
        EventTable t = b.build();
        assertEquals(3, t.size());
        assertEquals(5, t.accounts().size()); // x:a x:b y:a y:b x:c
        assertEquals(new AccountKey("x", "a"), t.accounts().key(t.actor(0)));
        assertEquals(t.target(0), t.actor(2));
        assertNotEquals(t.actor(0), t.actor(1));
        assertEquals(InteractionKind.REPLY, t.kind(2));
        assertEquals(3, t.timeMillis(2));
    }

    @Test
    void numeric_ids_are_interned_as_numbers_and_spelled_back_exactly() {
        EventTableBuilder b = new EventTableBuilder();
        // "12" is kept as a number; "012", "+12", "12a" and 19 digits stay strings, distinct from it.
        for (String id : List.of("12", "012", "+12", "12a", "1234567890123456789", "0", "999999999999999999")) {
            b.accept(new Interaction("e" + id, "x", InteractionKind.REPLY, id, "12", 1, "7", "07", null, null));
        }
        b.accept(new Interaction("other", "y", InteractionKind.REPLY, "12", "0", 1, "7", null, null, null));
        EventTable t = b.build();
        AccountIndex a = t.accounts();
        assertEquals(List.of("12", "012", "+12", "12a", "1234567890123456789", "0", "999999999999999999"),
                java.util.stream.IntStream.range(0, 7).mapToObj(a::id).toList());
        assertEquals(9, a.size()); // and y:12, y:0
        for (int e = 0; e < 7; e++) {
            assertEquals(t.target(0), t.target(e));
            assertEquals(new AccountKey("x", a.id(t.actor(e))), a.key(t.actor(e)));
            assertEquals(java.util.OptionalInt.of(t.actor(e)), a.find(a.key(t.actor(e))));
        }
        assertEquals(java.util.OptionalInt.of(t.actor(7)), a.lookup("y:12"));
        assertEquals(java.util.OptionalInt.of(t.actor(1)), a.lookup("x:012"));
        assertTrue(a.find(new AccountKey("x", "13")).isEmpty());
        assertNotEquals(t.post(0), t.targetPost(0));
        assertEquals("7", t.postId(t.post(0)));
        assertEquals("07", t.postId(t.targetPost(0)));
        assertEquals(7, t.post(0)); // a numeric post id is its own key
        assertTrue(t.targetPost(0) >= EventTable.STRING_POSTS); // "07" is not a plain number: interned
        assertEquals(t.post(0), t.post(7)); // keys identify posts within a network; compared per account only
        assertEquals(-1, AccountIndex.numericId(""));
        assertEquals(123, AccountIndex.numericId("123"));
    }

    @Test
    void the_same_event_id_is_kept_once_and_counted() {
        EventTableBuilder b = new EventTableBuilder();
        Interaction i = Interaction.of("x", InteractionKind.LIKE, "a", "b", 1);
        b.accept(i);
        b.accept(i);
        b.accept(Interaction.of("x", InteractionKind.LIKE, "a", "b", 2));
        EventTable t = b.build();
        assertEquals(2, t.size());
        assertEquals(1, t.duplicatesSkipped());
    }

    @Test
    void posts_are_interned_and_self_interactions_kept_but_flagged() {
        EventTableBuilder b = new EventTableBuilder();
        b.accept(new Interaction("1", "x", InteractionKind.REPLY, "a", "b", 5, "p1", "p0", "hi", List.of("AI")));
        b.accept(new Interaction("2", "x", InteractionKind.REPLY, "a", "a", 9, "p1", null, null, null));
        EventTable t = b.build();
        assertEquals(t.post(0), t.post(1));
        assertEquals("p1", t.postId(t.post(0)));
        assertEquals("p0", t.postId(t.targetPost(0)));
        assertEquals(EventTable.NO_POST, t.targetPost(1));
        assertTrue(t.isSelfInteraction(1));
        assertEquals(1, t.selfInteractions());
        // The last interaction between two different accounts is at 5, not 9.
        assertEquals(5, t.lastInteractionMillis());
        assertEquals(Long.MIN_VALUE, new EventTableBuilder().build().lastInteractionMillis());
    }

    @Test
    void accounts_are_found_by_key_bare_id_or_handle() {
        EventTableBuilder b = new EventTableBuilder();
        b.accept(Interaction.of("bluesky", InteractionKind.FOLLOW, "did:plc:abc", "did:plc:def", 1));
        b.profile(AccountProfile.named(new AccountKey("bluesky", "did:plc:def"), "alice.bsky.social", "Alice"));
        AccountIndex a = b.build().accounts();
        assertEquals(1, a.lookup("bluesky:did:plc:def").getAsInt());
        assertEquals(0, a.lookup("did:plc:abc").getAsInt());
        assertEquals(1, a.lookup("@Alice.bsky.social").getAsInt());
        assertTrue(a.lookup("nobody").isEmpty());
        assertEquals("did:plc:def (@alice.bsky.social)", a.label(1));
        assertEquals("Alice", a.displayName(1).orElseThrow());
    }

    @Test
    void interactions_validate_their_fields() {
        assertThrows(IllegalArgumentException.class, () -> Interaction.of("x", InteractionKind.LIKE, " ", "b", 1));
        assertThrows(IllegalArgumentException.class, () -> Interaction.of("", InteractionKind.LIKE, "a", "b", 1));
        assertThrows(NullPointerException.class, () -> Interaction.of("x", null, "a", "b", 1));
        assertThrows(IllegalArgumentException.class, () -> new AccountKey("net:work", "a"));
        assertEquals(new AccountKey("bluesky", "did:plc:x"), AccountKey.parse("bluesky:did:plc:x", "snap"));
        assertEquals(new AccountKey("snap", "88"), AccountKey.parse("88", "snap"));
    }

    @Test
    void kinds_parse_the_names_networks_use() {
        assertEquals(InteractionKind.REPOST, InteractionKind.parse("Retweet"));
        assertEquals(InteractionKind.REPOST, InteractionKind.parse("reblog"));
        assertEquals(InteractionKind.LIKE, InteractionKind.parse("favourite"));
        assertEquals(InteractionKind.MENTION, InteractionKind.parse("MT"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InteractionKind.parse("poke"));
        assertTrue(e.getMessage().contains("poke"));
    }

    @Test
    void fingerprints_differ_for_similar_ids() {
        assertNotEquals(EventTableBuilder.fingerprint64("a>b@1"), EventTableBuilder.fingerprint64("a>b@2"));
        assertNotEquals(EventTableBuilder.fingerprint64("ab"), EventTableBuilder.fingerprint64("ba"));
        assertEquals(EventTableBuilder.fingerprint64("same"), EventTableBuilder.fingerprint64("same"));
    }

    @Test
    void with_a_topic_source_events_carry_its_topics_and_without_one_their_hashtags() throws Exception {
        dev.renown.core.topic.Taxonomy taxonomy = dev.renown.core.topic.Taxonomy.parse("t.txt", List.of(
                "transport.keywords = public transport",
                "electric-vehicles.parent = transport",
                "electric-vehicles.keywords = electric cars, mobil listrik"));
        List<Interaction> posts = List.of(
                new Interaction("e1", "n", InteractionKind.REPOST, "a", "b", 1000, "r1", "p1",
                        "Electric cars are getting cheaper", List.of("ev")),
                new Interaction("e2", "n", InteractionKind.REPOST, "c", "d", 2000, "r2", "p2",
                        "Mobil listrik makin murah di Jakarta", List.of()),
                new Interaction("e3", "n", InteractionKind.REPLY, "c", "d", 3000, "r3", "p3", "Nice pasta", List.of()),
                new Interaction("e4", "n", InteractionKind.REPOST, "c", "d", 4000, null, null, null, List.of("ev")));
        EventTableBuilder b = EventTableBuilder.withTopics(
                dev.renown.core.topic.TopicExtractor.withTaxonomy(taxonomy, false));
        assertTrue(b.needsText());
        posts.forEach(b::accept);
        EventTable t = b.build();
        // English and Indonesian reach the same topic, with its parent; no text and no matching hashtag, no topic.
        assertEquals(java.util.Set.of("electric-vehicles", "transport"), topics(t, 0));
        assertEquals(java.util.Set.of("electric-vehicles", "transport"), topics(t, 1));
        assertEquals(java.util.Set.of(), topics(t, 2));
        assertEquals(java.util.Set.of(), topics(t, 3));

        EventTableBuilder plain = new EventTableBuilder();
        assertFalse(plain.needsText());
        posts.forEach(plain::accept);
        EventTable h = plain.build();
        assertEquals(java.util.Set.of("ev"), topics(h, 0));
        assertEquals(java.util.Set.of(), topics(h, 1));
        assertEquals(java.util.Set.of("ev"), topics(h, 3));
        assertEquals(1, h.topicCount());
    }

    private static java.util.Set<String> topics(EventTable t, int e) {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (int x = t.topicStart(e); x < t.topicEnd(e); x++) {
            s.add(t.topicName(t.topic(x)));
        }
        return s;
    }
}
