package dev.renown.sources;

import dev.renown.core.event.Interaction;
import dev.renown.core.topic.ContentKeys;
import dev.renown.core.topic.TopicExtractor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The topic extractor's hashtags, cashtags and mentions on real Twitter v2 and v1.1 samples,
 * against an independent count of Twitter's own entities with jq.
 *
 * <p>The expected lines are the output of {@code topkeys.jq} in each sample folder, pasted
 * unchanged (the command and its output are in the folders' README):
 * <pre>
 *   cd renown-sources/src/test/resources/twitter-v2 &amp;&amp; zcat 2sets.jsonl.gz | jq -s -r -f topkeys.jq
 *   cd renown-sources/src/test/resources/twitter-v1 &amp;&amp; zcat lines.json.gz | jq -s -r -f topkeys.jq
 * </pre>
 * jq counts each tweet with an act (retweet, quote, reply or mention) once, from its
 * {@code entities}; the test counts each distinct post among the reader's interactions once,
 * from what the extractor finds in the post's text and the hashtags the reader took from the
 * entities. Keys are ordered by count, then by key; the 12 first are compared.
 */
class TopicKeysOnRealSamplesTest {

    private static final int TOP = 12;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "v2|twitter-v2/2sets.jsonl.gz|#kpop=74 #brexit=50 #lisa=40 #blackpink=37 @itsliveofficial=20 #billboardhot100=19 #잇츠라이브=19 @koreatimescokr=19 #borisjohnson=18 #wonho=18 #원호=18 @official__wonho=18",
        "v1|twitter-v1/lines.json.gz|#bestfanarmy=4 #iheartawards=4 #btsarmy=2 #exol=2 #thankyouilovelies=2 @bts_twt=2 @weareoneexo=2 #9194bro=1 #arrusicurosicuro=1 #bigdataanalytics=1 #bluewave=1 #bossie=1",
        "v1|twitter-v1/get_user_timeline_count.json.gz|@twitter=8 @square=4 #turkey=3 @periscopeco=3 #batonrouge=2 #demsinphilly=2 @abc=2 @panoramanyc=2 @wikileaks=2 #altonsterling=1 #blackwomendidthat=1 #demconvention=1",
        // jq's ascii_downcase keeps the accent of #LaHoraMágica; the extractor folds it (lahoramágica -> lahoramagica)
        "v1|twitter-v1/get_search_raw.json.gz|@trappokemon=14 @pablopicaszo=2 #a320neo=1 #baltsnow=1 #blizzard2016=1 #cepostaperte=1 #exoluxioninmanila=1 #freecams=1 #gemstoneearrings=1 #jewelryonetsy=1 #labyrinth=1 #lahoramagica=1",
    })
    void top_hashtags_cashtags_and_mentions_equal_the_jq_count_of_twitter_entities(String api, String resource,
                                                                                  String jq) throws IOException {
        InteractionReader reader = api.equals("v2") ? new TwitterV2Reader() : new TwitterV1Reader();
        assertEquals(jq, top(reader, resource));
    }

    /** The extractor's top keys over the distinct posts of the reader's output, as topkeys.jq prints them. */
    private static String top(InteractionReader reader, String resource) throws IOException {
        Collected c = Collected.resource(reader, resource);
        Map<String, Interaction> posts = new LinkedHashMap<>();
        for (Interaction i : c.interactions) {
            posts.putIfAbsent(i.postId(), i); // every act of a tweet carries the same text and hashtags
        }
        TopicExtractor extractor = TopicExtractor.raw(0);
        Map<String, Integer> counts = new HashMap<>();
        for (Interaction i : posts.values()) {
            if (i.text() == null) {
                throw new AssertionError("the reader gave post " + i.postId() + " no text");
            }
            ContentKeys k = extractor.keys(i);
            k.hashtags().forEach(h -> counts.merge("#" + h, 1, Integer::sum));
            k.cashtags().forEach(h -> counts.merge(h, 1, Integer::sum));
            k.mentions().forEach(h -> counts.merge(h, 1, Integer::sum));
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
