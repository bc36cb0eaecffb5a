package dev.renown.core.score;

import dev.renown.core.event.InteractionKind;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.renown.core.event.InteractionKind.MENTION;
import static dev.renown.core.event.InteractionKind.REPLY;
import static dev.renown.core.event.InteractionKind.REPOST;
import static dev.renown.core.testing.Events.T0;
import static dev.renown.core.testing.Events.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InfluenceAndMomentsTest {

    private static final ScoringParameters PARAMS = ScoringParameters.defaults().withThreads(1);

    @Test
    void influencers_are_whom_an_account_engages_influencees_who_engage_it() {
        ScoreBoard b = new Scorer(PARAMS).score(events()
                .add("me", REPOST, "hero")
                .add("me", REPOST, "hero", Duration.ofDays(2))
                .add("me", MENTION, "friend")
                .add("fan", REPLY, "me")
                .add("fan", REPOST, "me", Duration.ofHours(3))
                .add("lurker", MENTION, "me")
                .table(), T0.toEpochMilli());
        int me = b.node("me").orElseThrow();
        Influence.Links links = Influence.of(b, me, 5);
        String id0 = b.table().accounts().id(b.graph().account(links.influencers().get(0).node()));
        assertEquals("hero", id0);
        assertEquals(Map.of(InteractionKind.REPOST, 2), links.influencers().get(0).interactions());
        assertEquals(2, links.influencers().size());
        assertEquals("fan", b.table().accounts().id(b.graph().account(links.influencees().get(0).node())));
        assertEquals(Map.of(InteractionKind.REPOST, 1, InteractionKind.REPLY, 1),
                links.influencees().get(0).interactions());
        assertEquals(T0.toEpochMilli(), links.influencees().get(0).lastMillis());
        assertEquals(1, Influence.of(b, me, 1).influencees().size());
    }

    @Test
    void moments_are_the_hours_with_most_engagers_or_the_most_engaged_posts() {
        Instant noon = Instant.parse("2024-05-01T12:00:00Z");
        ScoreBoard hours = new Scorer(PARAMS).score(events()
                .add("a", REPOST, "star", noon.minusSeconds(60))
                .add("b", REPOST, "star", noon.minusSeconds(120))
                .add("b", MENTION, "star", noon.minusSeconds(100))
                .add("c", REPOST, "star", noon.minusSeconds(7200))
                .table(), T0.toEpochMilli());
        List<Moments.Moment> m = Moments.of(hours, hours.node("star").orElseThrow(), 5);
        assertEquals(2, m.size());
        assertNull(m.get(0).postId());
        assertEquals(noon.minusSeconds(3600).toEpochMilli(), m.get(0).startMillis());
        assertEquals(2, m.get(0).engagers());
        assertEquals(Map.of(InteractionKind.REPOST, 2, InteractionKind.MENTION, 1), m.get(0).interactions());
        assertEquals(1, m.get(1).engagers());

        // With post ids, moments are posts.
        Events withPosts = events();
        withPosts.add(new dev.renown.core.event.Interaction("p1", "test", REPOST, "a", "star", T0.toEpochMilli(), null,
                "post-1", null, List.of()));
        withPosts.add(new dev.renown.core.event.Interaction("p2", "test", REPOST, "b", "star", T0.toEpochMilli() - 5000,
                null, "post-2", null, List.of()));
        withPosts.add(new dev.renown.core.event.Interaction("p3", "test", REPLY, "c", "star", T0.toEpochMilli() - 9000,
                null, "post-2", null, List.of()));
        ScoreBoard posts = new Scorer(PARAMS).score(withPosts.table(), T0.toEpochMilli());
        List<Moments.Moment> pm = Moments.of(posts, posts.node("star").orElseThrow(), 5);
        assertEquals("post-2", pm.get(0).postId());
        assertEquals(2, pm.get(0).engagers());
        assertEquals("post-1", pm.get(1).postId());
    }
}
