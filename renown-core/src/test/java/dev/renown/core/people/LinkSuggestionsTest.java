package dev.renown.core.people;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.ProfileLink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Link suggestions on hand-built profiles: each kind of evidence, what is left out and why, the
 * order, the stable ids, and confirming.
 */
class LinkSuggestionsTest {

    static final AccountKey ALICE_M = new AccountKey("mastodon", "alice@mastodon.social");
    static final AccountKey ALICE_T = new AccountKey("twitter", "1001");
    static final AccountKey ALICE_B = new AccountKey("bluesky", "did:plc:alice");
    static final AccountKey CAROL_T = new AccountKey("twitter", "3003");
    static final AccountKey CAROL_R = new AccountKey("reddit", "Carolyn");

    static AccountProfile profile(AccountKey account, String handle, ProfileLink... links) {
        return new AccountProfile(account, handle, null, AccountProfile.UNKNOWN, AccountProfile.UNKNOWN,
                AccountProfile.UNKNOWN, List.of(links));
    }

    static ProfileLink field(String name, String url, boolean verified) {
        return new ProfileLink(url, ProfileLink.FIELD_PREFIX + name, verified);
    }

    static LinkSuggestions.Found suggest(People people, AccountProfile... profiles) {
        return LinkSuggestions.defaults().suggest(List.of(profiles), people);
    }

    static final People NOBODY = People.builder().build();

    @Test
    void a_verified_mastodon_field_linking_a_twitter_profile_is_rel_me_evidence() {
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/Alice_W", true)),
                profile(ALICE_T, "alice_w"));
        assertEquals(1, found.suggestions().size(), found.toString());
        LinkSuggestion s = found.suggestions().get(0);
        assertEquals(LinkEvidence.REL_ME, s.evidence());
        assertEquals(ALICE_M, s.account());
        assertEquals(ALICE_T, s.other());
        assertEquals("alice", s.person());
        assertEquals("suggestion:rel-me", s.linkedBy());
        assertTrue(s.reason().contains("field 'Twitter' links to https://twitter.com/Alice_W"), s.reason());
        assertTrue(s.reason().contains("rel=\"me\""), s.reason());
        assertTrue(s.id().matches("s-[0-9a-f]{12}"), s.id());
    }

    @Test
    void the_same_field_unverified_is_no_evidence() {
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/Alice_W", false)),
                profile(ALICE_T, "alice_w"));
        assertEquals(List.of(), found.suggestions());
        assertEquals(List.of(), found.leftOut());
    }

    @Test
    void verified_links_name_bluesky_by_handle_or_did_reddit_and_x_com() {
        AccountKey bob = new AccountKey("bluesky", "did:plc:bob");
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(ALICE_M, "alice", field("Bluesky", "https://bsky.app/profile/alice.bsky.social", true),
                        field("X", "https://x.com/alice_w/", true),
                        field("Reddit", "https://old.reddit.com/user/carolyn", true)),
                profile(new AccountKey("mastodon", "bob@hachyderm.io"), "bob",
                        field("Bluesky", "https://bsky.app/profile/did:plc:bob", true)),
                profile(ALICE_B, "alice.bsky.social"), profile(ALICE_T, "alice_w"), profile(bob, null),
                new AccountProfile(CAROL_R, null, null, -1, -1, -1, null));
        assertEquals(List.of(List.of(ALICE_M, ALICE_B), List.of(ALICE_M, CAROL_R), List.of(ALICE_M, ALICE_T),
                        List.of(new AccountKey("mastodon", "bob@hachyderm.io"), bob)),
                found.suggestions().stream().map(LinkSuggestion::accounts).sorted(
                        (a, b) -> a.toString().compareTo(b.toString())).toList());
        assertTrue(found.suggestions().stream().allMatch(s -> s.evidence() == LinkEvidence.REL_ME));
    }

    @Test
    void a_bluesky_domain_handle_named_on_another_profile_is_domain_evidence() {
        AccountKey site = new AccountKey("twitter", "2002");
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(ALICE_B, "alice.example.com"),
                profile(ALICE_M, "alice", field("Bluesky", "@alice.example.com", false)),
                profile(site, "someone", new ProfileLink("https://www.alice.example.com/", ProfileLink.WEBSITE, false)),
                // a page under the domain is not the domain: no evidence
                profile(CAROL_T, "carolyn", new ProfileLink("https://alice.example.com/blog", ProfileLink.DESCRIPTION,
                        false)));
        assertEquals(2, found.suggestions().size(), found.toString());
        for (LinkSuggestion s : found.suggestions()) {
            assertEquals(LinkEvidence.DOMAIN, s.evidence());
            assertEquals(ALICE_B, s.other());
            assertTrue(s.reason().contains("alice.example.com is the Bluesky handle of bluesky:did:plc:alice"),
                    s.reason());
        }
        assertEquals(List.of(ALICE_M, site), found.suggestions().stream().map(LinkSuggestion::account).toList());
        // They share the Bluesky account, so they propose one person, named after the first.
        assertEquals(List.of("alice", "alice"), found.suggestions().stream().map(LinkSuggestion::person).toList());
    }

    @Test
    void a_bsky_social_handle_is_no_domain() {
        LinkSuggestions.Found found = suggest(NOBODY, profile(ALICE_B, "alicia.bsky.social"),
                profile(ALICE_M, "alice", field("Bluesky", "alicia.bsky.social", false)));
        assertEquals(List.of(), found.suggestions());
    }

    @Test
    void the_same_handle_on_several_networks_is_the_weakest_evidence_and_says_so() {
        AccountKey carolM = new AccountKey("mastodon", "Carolyn@hachyderm.io");
        AccountKey carolB = new AccountKey("bluesky", "did:plc:carol");
        LinkSuggestions.Found found = suggest(NOBODY, profile(CAROL_T, "Carolyn"), profile(carolM, "Carolyn"),
                profile(carolB, "carolyn.bsky.social"), new AccountProfile(CAROL_R, null, null, -1, -1, -1, null));
        // Four networks, one account each: every pair, by handle.
        assertEquals(6, found.suggestions().size(), found.toString());
        for (LinkSuggestion s : found.suggestions()) {
            assertEquals(LinkEvidence.HANDLE, s.evidence());
            assertEquals("suggestion:handle", s.linkedBy());
            assertTrue(s.reason().contains("the same handle 'carolyn'"), s.reason());
            assertTrue(s.reason().contains("weakest evidence"), s.reason());
        }
        // One group of accounts, one new person, named by the handle.
        assertEquals(List.of("carolyn"), found.suggestions().stream().map(LinkSuggestion::person).distinct().toList());
        // Apart, two groups propose two persons.
        LinkSuggestions.Found apart = suggest(NOBODY, profile(CAROL_T, "Carolyn"), profile(carolM, "Carolyn"),
                profile(ALICE_T, "alice_w"), profile(ALICE_M, "alice_w"));
        assertEquals(List.of("carolyn", "alice_w"), apart.suggestions().stream().map(LinkSuggestion::person).toList());
    }

    @Test
    void a_common_or_short_handle_is_left_out_with_the_reason() {
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(new AccountKey("twitter", "1"), "dave_r"),
                profile(new AccountKey("mastodon", "dave_r@mastodon.social"), "dave_r"),
                profile(new AccountKey("mastodon", "dave_r@fosstodon.org"), "dave_r"),
                profile(new AccountKey("twitter", "2"), "bob"),
                profile(new AccountKey("bluesky", "did:plc:bob"), "bob.bsky.social"));
        assertEquals(List.of(), found.suggestions());
        assertEquals(2, found.leftOut().size(), found.toString());
        assertTrue(found.leftOut().get(0).why().contains("'bob'") && found.leftOut().get(0).why().contains("shorter"),
                found.leftOut().get(0).why());
        assertTrue(found.leftOut().get(1).why().contains("held by 2 accounts on mastodon"),
                found.leftOut().get(1).why());
        assertEquals(3, found.leftOut().get(1).accounts().size());
    }

    @Test
    void evidence_comes_strongest_first_and_a_pair_keeps_every_reason() {
        AccountKey carolM = new AccountKey("mastodon", "carolyn@hachyderm.io");
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(CAROL_T, "carolyn"),
                profile(carolM, "carolyn"),
                profile(ALICE_B, "alice.example.com"),
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/alice_w", true),
                        field("Web", "https://alice.example.com", false)),
                profile(ALICE_T, "alice_w"));
        assertEquals(List.of(LinkEvidence.REL_ME, LinkEvidence.DOMAIN, LinkEvidence.HANDLE),
                found.suggestions().stream().map(LinkSuggestion::evidence).toList());
        // A pair with rel-me evidence and the same handle is one suggestion with both reasons,
        // the strongest first.
        LinkSuggestions.Found both = suggest(NOBODY,
                profile(ALICE_M, "alice_w", field("Twitter", "https://twitter.com/alice_w", true)),
                profile(ALICE_T, "alice_w"));
        LinkSuggestion s = both.suggestions().get(0);
        assertEquals(LinkEvidence.REL_ME, s.evidence());
        assertEquals(2, s.reasons().size());
        assertTrue(s.reasons().get(1).startsWith("the same handle"), s.reasons().get(1));
    }

    @Test
    void ids_are_stable_whatever_the_order_of_the_profiles() {
        List<AccountProfile> profiles = new ArrayList<>(List.of(
                profile(CAROL_T, "carolyn"), profile(new AccountKey("mastodon", "carolyn@hachyderm.io"), "carolyn"),
                profile(ALICE_B, "alice.example.com"),
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/alice_w", true),
                        field("Web", "alice.example.com", false)),
                profile(ALICE_T, "alice_w")));
        LinkSuggestions.Found first = LinkSuggestions.defaults().suggest(profiles, NOBODY);
        Random random = new Random(12);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(profiles, random);
            assertEquals(first.suggestions(), LinkSuggestions.defaults().suggest(profiles, NOBODY).suggestions());
        }
        assertEquals(first.suggestions().size(),
                first.suggestions().stream().map(LinkSuggestion::id).distinct().count());
    }

    @Test
    void accounts_linked_together_are_not_suggested_again() {
        LinkSuggestions.Found found = suggest(linked("ali", ALICE_M, ALICE_T),
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/alice_w", true)),
                profile(ALICE_T, "alice_w"));
        assertEquals(List.of(), found.suggestions());
        assertEquals(List.of(), found.leftOut());
        assertEquals(1, found.alreadyLinked());
    }

    @Test
    void a_linked_account_brings_its_person_but_a_person_never_gets_two_accounts_on_a_network() {
        AccountKey otherT = new AccountKey("twitter", "9009");
        // alice's mastodon account is linked to person 'ali' with no twitter account: the twitter
        // account would join 'ali'.
        LinkSuggestions.Found joins = suggest(linked("ali", ALICE_M),
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/alice_w", true)),
                profile(ALICE_T, "alice_w"));
        assertEquals("ali", joins.suggestions().get(0).person());
        // A suggestion that shares an account with it proposes 'ali' too.
        LinkSuggestions.Found chain = suggest(linked("ali", ALICE_M),
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/alice_w", true)),
                profile(ALICE_T, "alice_w", new ProfileLink("https://alice.example.com", ProfileLink.WEBSITE, false)),
                profile(ALICE_B, "alice.example.com"));
        assertEquals(List.of(LinkEvidence.REL_ME, LinkEvidence.DOMAIN),
                chain.suggestions().stream().map(LinkSuggestion::evidence).toList());
        assertEquals(List.of("ali", "ali"), chain.suggestions().stream().map(LinkSuggestion::person).toList());
        // 'ali' has a twitter account already: left out, and the reason names it.
        LinkSuggestions.Found full = suggest(linked("ali", ALICE_M, otherT),
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/alice_w", true)),
                profile(ALICE_T, "alice_w"));
        assertEquals(List.of(), full.suggestions());
        assertTrue(full.leftOut().get(0).why().contains("person 'ali' has twitter:9009 already"),
                full.leftOut().get(0).why());
        // Linked to two different persons: never merged.
        People.Builder b = People.builder();
        b.link("ali", ALICE_M);
        b.link("al", ALICE_T);
        People two = b.build();
        LinkSuggestions.Found merge = suggest(two,
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/alice_w", true)),
                profile(ALICE_T, "alice_w"));
        assertEquals(List.of(), merge.suggestions());
        assertTrue(merge.leftOut().get(0).why().contains("never merges persons"), merge.leftOut().get(0).why());
    }

    @Test
    void a_new_person_never_takes_the_id_of_an_existing_one() {
        LinkSuggestions.Found found = suggest(linked("alice", new AccountKey("twitter", "777")),
                profile(ALICE_M, "alice", field("Bluesky", "https://bsky.app/profile/did:plc:alice", true)),
                profile(ALICE_B, null));
        assertEquals("alice-2", found.suggestions().get(0).person());
    }

    @Test
    void a_verified_link_to_another_mastodon_account_is_left_out_as_the_same_network() {
        AccountKey old = new AccountKey("mastodon", "alice@example.com");
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(ALICE_M, "alice", field("Old", "https://social.example.com/@alice", true)),
                // the old account's profile page is on another host than its address
                profile(old, "alice", new ProfileLink("https://social.example.com/@alice", ProfileLink.PROFILE, false)));
        assertEquals(List.of(), found.suggestions());
        assertTrue(found.leftOut().stream().anyMatch(l -> l.evidence() == LinkEvidence.REL_ME
                && l.accounts().equals(List.of(old, ALICE_M)) && l.why().contains("one account per network")),
                found.toString());
    }

    @Test
    void confirming_links_the_accounts_and_chains_suggestions_into_one_person() {
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(ALICE_B, "alice.example.com"),
                profile(ALICE_M, "alice", field("Twitter", "https://twitter.com/alice_w", true),
                        field("Web", "alice.example.com", false)),
                profile(ALICE_T, "alice_w"));
        List<String> ids = found.suggestions().stream().map(LinkSuggestion::id).toList();
        assertEquals(2, ids.size());
        LinkSuggestions.Confirmation c = LinkSuggestions.confirm(found, List.of(ids.get(0), ids.get(1), ids.get(0)),
                NOBODY);
        assertEquals(List.of(), c.problems());
        assertEquals(List.of(new LinkSuggestions.NewLink("alice", ALICE_M, "suggestion:rel-me"),
                new LinkSuggestions.NewLink("alice", ALICE_T, "suggestion:rel-me"),
                new LinkSuggestions.NewLink("alice", ALICE_B, "suggestion:domain")), c.links());
    }

    @Test
    void confirming_two_rivals_for_one_network_or_an_unknown_id_is_a_problem() {
        AccountKey otherT = new AccountKey("twitter", "9009");
        LinkSuggestions.Found found = suggest(NOBODY,
                profile(ALICE_M, "alice_w", field("Twitter", "https://twitter.com/alice_x", true)),
                profile(ALICE_T, "alice_w"), profile(otherT, "alice_x"));
        assertEquals(2, found.suggestions().size(), found.toString());
        List<String> ids = found.suggestions().stream().map(LinkSuggestion::id).toList();
        LinkSuggestions.Confirmation c = LinkSuggestions.confirm(found, List.of(ids.get(0), ids.get(1), "s-nope"),
                NOBODY);
        assertEquals(2, c.problems().size(), c.toString());
        assertTrue(c.problems().get(0).contains("has twitter:9009 already"), c.problems().get(0));
        assertTrue(c.problems().get(1).contains("no suggestion s-nope"), c.problems().get(1));
    }

    @Test
    void empty_input_and_a_bad_minimum_handle_length() {
        LinkSuggestions.Found found = LinkSuggestions.defaults().suggest(List.of(), NOBODY);
        assertEquals(List.of(), found.suggestions());
        assertFalse(found.byId("s-000000000000").isPresent());
        assertThrows(IllegalArgumentException.class, () -> new LinkSuggestions(0));
    }

    static People linked(String person, AccountKey... accounts) {
        People.Builder b = People.builder();
        for (AccountKey a : accounts) {
            b.link(person, a);
        }
        return b.build();
    }
}
