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
}
