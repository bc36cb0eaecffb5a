package dev.renown.core.score;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicScoringTest {

    /** Defences off: the fans here are accounts with no other tie, all arriving within a minute. */
    private static final ScoringParameters PARAMS = ScoringParameters.defaults().withThreads(1)
            .withDefences(dev.renown.core.integrity.Defences.none());

    private static Interaction tagged(int i, String actor, String target, String... tags) {
        return new Interaction("t" + i, "test", InteractionKind.REPOST, actor, target, Events.T0.toEpochMilli() - i * 1000L,
                null, null, null, List.of(tags));
    }

    @Test
    void each_topic_is_scored_on_its_own_interactions() {
        List<Interaction> list = new ArrayList<>();
        int i = 0;
        // ai: 30 fans repost alice; physics: 25 fans repost bob; alice also gets 3 physics reposts.
        for (int f = 0; f < 30; f++) {
            list.add(tagged(i++, "fan" + f, "alice", "ai"));
        }
        for (int f = 0; f < 25; f++) {
            list.add(tagged(i++, "fan" + f, "bob", "physics"));
        }
        for (int f = 0; f < 3; f++) {
            list.add(tagged(i++, "fan" + (40 + f), "alice", "physics", "ai"));
        }
        list.add(tagged(i++, "x", "y", "rare"));
        EventTable table = Events.table(list);
        List<TopicScoring.TopicBoard> boards = new TopicScoring(new Scorer(PARAMS), 20, 20)
                .score(table, Events.T0.toEpochMilli());
        assertEquals(List.of("ai", "physics"), boards.stream().map(TopicScoring.TopicBoard::topic).toList());
        assertEquals(33, boards.get(0).interactions());
        assertEquals(28, boards.get(1).interactions());
        ScoreBoard ai = boards.get(0).board();
        ScoreBoard physics = boards.get(1).board();
        assertEquals("alice", ai.accountScore(ai.nodeAt(0)).account().id());
        assertEquals("bob", physics.accountScore(physics.nodeAt(0)).account().id());
        // On physics, alice has her 3 physics engagers only.
        int alice = physics.node("alice").orElseThrow();
        assertEquals(3, physics.value(SignalKind.REACH, alice), 0.01);
        assertTrue(physics.node("fan0").isPresent());
        assertTrue(ai.node("bob").isEmpty());
        // At most one topic when asked for one.
        assertEquals(1, new TopicScoring(new Scorer(PARAMS), 1, 20).score(table, Events.T0.toEpochMilli()).size());
    }

    @Test
    void topics_from_text_need_distinct_posts_so_one_viral_post_is_no_topic() {
        // 30 fans repost alice's one post, "electric cars are here"; 25 fans repost bob's posts about
        // pasta, each a post of its own (p0…p24): both words reach 20 interactions, only pasta 3 posts.
        List<Interaction> list = new ArrayList<>();
        int i = 0;
        for (int f = 0; f < 30; f++) {
            list.add(new Interaction("v" + i, "test", InteractionKind.REPOST, "fan" + f, "alice",
                    Events.T0.toEpochMilli() - i++ * 1000L, "r" + f, "a1", "Electric cars are here", List.of()));
        }
        for (int f = 0; f < 25; f++) {
            list.add(new Interaction("v" + i, "test", InteractionKind.REPOST, "fan" + f, "bob",
                    Events.T0.toEpochMilli() - i++ * 1000L, "s" + f, "p" + f, "Pasta tonight", List.of()));
        }
        dev.renown.core.event.EventTableBuilder b = dev.renown.core.event.EventTableBuilder.withTopics(
                dev.renown.core.topic.TopicExtractor.raw());
        list.forEach(b::accept);
        EventTable table = b.build();
        assertTrue(table.topicIndex("electric car") >= 0 && table.topicIndex("pasta") >= 0);
        long asOf = Events.T0.toEpochMilli();
        List<String> all = new TopicScoring(new Scorer(PARAMS), 20, 20).score(table, asOf).stream()
                .map(TopicScoring.TopicBoard::topic).toList();
        assertTrue(all.contains("electric car") && all.contains("pasta"), all.toString());
        List<String> posted = new TopicScoring(new Scorer(PARAMS), 20, 20, TopicScoring.MIN_POSTS_CONTENT)
                .score(table, asOf).stream().map(TopicScoring.TopicBoard::topic).toList();
        assertEquals(List.of("pasta", "pasta tonight", "tonight"), posted);
    }
}
