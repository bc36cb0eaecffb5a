package dev.renown.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Content topics on the real Twitter v2 sample {@code twitter-v2/2sets.jsonl.gz} (two searches,
 * K-pop and Brexit; see its README): a per-topic leaderboard from the tweets' text, and campaign
 * search through the small taxonomy {@code taxonomy/2sets-topics.txt}. The outputs quoted in
 * docs/topics.md and the README are these runs.
 */
class RealSampleTopicsTest {

    static final String SAMPLE = "../renown-sources/src/test/resources/twitter-v2/2sets.jsonl.gz";
    static final String TAXONOMY = "src/test/resources/taxonomy/2sets-topics.txt";

    private static String ok(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    /** The topic lines of a leaderboard: those not indented, after the first. */
    private static List<String> topicNames(String boards) {
        List<String> names = new ArrayList<>();
        String[] lines = boards.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].startsWith(" ")) {
                names.add(lines[i].substring(0, lines[i].indexOf("  (")));
            }
        }
        return names;
    }

    @Test
    void content_topics_of_the_v2_sample_lead_with_its_most_used_hashtags_and_have_leaderboards() {
        String boards = ok("topics", "--input", SAMPLE, "--topics", "content", "--priors", "--top", "3",
                "--max-topics", "6");
        List<String> topics = topicNames(boards);
        // jq over Twitter's entities (topkeys.jq, README): #kpop=74 #brexit=50 #lisa=40 #blackpink=37 — the same
        // order; counts here are interactions, a tweet's text on each of its acts, with the text's own words.
        assertEquals(List.of("kpop", "brexit", "lisa", "blackpink"), topics.subList(0, 4), boards);
        assertEquals(6, topics.size(), boards);
        assertTrue(topics.contains("@itsliveofficial"), boards);
        String kpop = boards.substring(boards.indexOf("kpop  ("), boards.indexOf("brexit  ("));
        assertTrue(kpop.contains("(@itsLIVEofficial)") && kpop.contains("(@official_ARIAZ)"), boards);
        String live = boards.substring(boards.indexOf("@itsliveofficial  ("));
        assertTrue(live.split("\n")[1].trim().startsWith("1  762467268227833857 (@itsLIVEofficial)"), boards);
    }

    @Test
    void campaign_search_through_a_small_taxonomy_on_the_v2_sample() {
        String kpop = ok("find", "--input", SAMPLE, "--taxonomy", TAXONOMY, "--topic", "k-pop", "--priors",
                "--limit", "5");
        assertTrue(kpop.startsWith("2 candidates for topic k-pop, from 87 accounts ranked"), kpop);
        String[] rows = kpop.split("\n");
        assertTrue(rows[3].contains("twitter:1164497209351479296") && rows[4].contains("twitter:762467268227833857"),
                kpop);
        // music is k-pop's parent and has no post of its own: the same candidates
        String music = ok("find", "--input", SAMPLE, "--taxonomy", TAXONOMY, "--topic", "music", "--priors",
                "--limit", "5");
        assertEquals(kpop.substring(kpop.indexOf('\n')), music.substring(music.indexOf('\n')));
        // Brexit is talked about by many accounts, none retweeted by 5 people on 2 posts
        assertTrue(ok("find", "--input", SAMPLE, "--taxonomy", TAXONOMY, "--topic", "uk-politics", "--priors")
                .startsWith("0 candidates for topic uk-politics"));
        String live = ok("topics", "762467268227833857", "--input", SAMPLE, "--taxonomy", TAXONOMY, "--priors",
                "--min-interactions", "5");
        assertTrue(live.split("\n")[1].trim().startsWith("1  k-pop") && live.split("\n")[2].trim()
                .startsWith("2  music"), live);
    }
}
