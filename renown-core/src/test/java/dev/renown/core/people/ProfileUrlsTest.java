package dev.renown.core.people;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What profile links name, and handles as compared across networks. */
class ProfileUrlsTest {

    static ProfileUrls.Pointer p(String network, String name, boolean byId) {
        return new ProfileUrls.Pointer(network, name, byId);
    }

    @Test
    void twitter_and_x_profiles_by_handle() {
        assertEquals(p("twitter", "Alice_W", false), ProfileUrls.pointer("https://twitter.com/Alice_W"));
        assertEquals(p("twitter", "alice_w", false), ProfileUrls.pointer("https://x.com/alice_w/"));
        assertEquals(p("twitter", "alice_w", false), ProfileUrls.pointer("http://mobile.twitter.com/alice_w?s=20"));
        assertEquals(p("twitter", "alice_w", false), ProfileUrls.pointer("https://www.twitter.com/#!/alice_w"));
        assertEquals(p("twitter", "alice_w", false), ProfileUrls.pointer("twitter.com/alice_w"));
        assertNull(ProfileUrls.pointer("https://twitter.com/intent/follow"));
        assertNull(ProfileUrls.pointer("https://twitter.com/home"));
        assertNull(ProfileUrls.pointer("https://twitter.com/"));
        assertNull(ProfileUrls.pointer("https://twitter.com/a-name-with-dashes"));
    }

    @Test
    void bluesky_reddit_and_mastodon_profiles() {
        assertEquals(p("bluesky", "alice.example.com", false),
                ProfileUrls.pointer("https://bsky.app/profile/alice.example.com"));
        assertEquals(p("bluesky", "did:plc:abc123", true), ProfileUrls.pointer("https://bsky.app/profile/did:plc:abc123"));
        assertNull(ProfileUrls.pointer("https://bsky.app/search"));
        assertEquals(p("reddit", "carolyn", false), ProfileUrls.pointer("https://old.reddit.com/user/carolyn/"));
        assertEquals(p("reddit", "carolyn", false), ProfileUrls.pointer("https://www.reddit.com/u/carolyn"));
        assertEquals(p("mastodon", "alice@hachyderm.io", true), ProfileUrls.pointer("https://Hachyderm.io/@alice"));
        assertEquals(p("mastodon", "alice@example.com", true),
                ProfileUrls.pointer("https://mastodon.social/@alice@Example.com"));
        assertEquals(p("mastodon", "alice@hachyderm.io", true), ProfileUrls.pointer("https://hachyderm.io/users/alice"));
        assertNull(ProfileUrls.pointer("https://hachyderm.io/@alice/1123"));
        assertNull(ProfileUrls.pointer("mailto:alice@example.com"));
        assertNull(ProfileUrls.pointer("she/her"));
        assertNull(ProfileUrls.pointer("https://exa mple.com/"));
    }

    @Test
    void a_domain_is_named_by_a_root_link_a_bsky_profile_link_or_its_text() {
        assertEquals("alice.example.com", ProfileUrls.domainNamed("https://alice.example.com"));
        assertEquals("alice.example.com", ProfileUrls.domainNamed("http://www.Alice.Example.com/"));
        assertEquals("alice.example.com", ProfileUrls.domainNamed("https://bsky.app/profile/alice.example.com"));
        assertEquals("alice.example.com", ProfileUrls.domainNamed("@alice.example.com"));
        assertEquals("alice.example.com", ProfileUrls.domainNamed("alice.example.com/"));
        assertNull(ProfileUrls.domainNamed("https://alice.example.com/blog"));
        assertNull(ProfileUrls.domainNamed("https://alice.example.com/?ref=twitter"));
        assertNull(ProfileUrls.domainNamed("https://bsky.app/profile/did:plc:abc123"));
        assertNull(ProfileUrls.domainNamed("Berlin"));
        assertNull(ProfileUrls.domainNamed("e.g."));
    }

    @Test
    void handles_are_compared_case_folded_without_at_by_user_part_and_bsky_name() {
        assertEquals("alice", ProfileUrls.normalHandle("twitter", "@Alice"));
        assertEquals("alice", ProfileUrls.normalHandle("mastodon", "Alice@mastodon.social"));
        assertEquals("alice", ProfileUrls.normalHandle("mastodon", "@alice@mastodon.social"));
        assertEquals("alice", ProfileUrls.normalHandle("bluesky", "alice.bsky.social"));
        assertEquals("alice.example.com", ProfileUrls.normalHandle("bluesky", "alice.example.com"));
        assertEquals("alice@x", ProfileUrls.normalHandle("test", "alice@x"));
        assertNull(ProfileUrls.normalHandle("twitter", "@"));
        assertNull(ProfileUrls.normalHandle("twitter", null));
    }

    @Test
    void a_bluesky_domain_handle_is_any_handle_but_the_ones_bluesky_hands_out() {
        assertEquals("alice.example.com", ProfileUrls.domainHandle("Alice.Example.com"));
        assertNull(ProfileUrls.domainHandle("alice.bsky.social"));
        assertNull(ProfileUrls.domainHandle("handle.invalid"));
        assertNull(ProfileUrls.domainHandle(null));
    }
}
