package dev.renown.core.topic;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicExtractorTest {

    private final TopicExtractor raw = TopicExtractor.raw();

    @Test
    void hashtags_are_case_and_accent_folded_without_their_hash() {
        ContentKeys k = raw.keys("Un #Café au lait, #CAFE again", List.of("Café", "#Naïve"));
        assertEquals(Set.of("cafe", "naive"), k.hashtags());
    }

    @Test
    void a_decomposed_accent_folds_like_a_composed_one() {
        assertEquals(Set.of("cafe"), raw.keys("#Cafe\u0301", null).hashtags());
    }

    @Test
    void cashtags_keep_their_dollar_and_are_lower_cased() {
        ContentKeys k = raw.keys("Buying $TSLA and $brk.a, not $5 or $TOOLONGX", null);
        assertEquals(Set.of("$tsla", "$brk.a"), k.cashtags());
    }

    @Test
    void mentions_become_brand_keys_but_email_addresses_do_not() {
        ContentKeys k = raw.keys("RT @Tesla: thanks @Wuling_ID, write to info@example.com", null);
        assertEquals(Set.of("@tesla", "@wuling_id"), k.mentions());
        assertFalse(k.phrases().stream().anyMatch(p -> p.contains("example") || p.contains("info")), k.phrases().toString());
    }

    @Test
    void urls_are_ignored() {
        ContentKeys k = raw.keys("Review https://t.co/AbCdEf and www.example.org/cars here", null);
        assertEquals(Set.of("review"), k.phrases());
    }

    @Test
    void stop_words_of_both_languages_are_dropped_and_do_not_break_a_pair() {
        ContentKeys k = raw.keys("The cars in Jakarta", null);
        assertEquals(List.of("car", "car jakarta", "jakarta"), List.copyOf(k.phrases()));
        ContentKeys id = raw.keys("yang dan di mobil", null);
        assertEquals(Set.of("mobil"), id.phrases());
    }

    @Test
    void english_is_stemmed_to_dictionary_words() {
        assertEquals(raw.keys("electric car", null).phrases(), raw.keys("Electric cars!", null).phrases());
        assertEquals(Set.of("electric", "electric car", "car"), raw.keys("Electric cars", null).phrases());
        assertEquals("en", raw.keys("this is the car", null).language());
    }

    @Test
    void indonesian_text_is_recognised_and_stemmed_with_the_indonesian_stemmer() {
        ContentKeys k = raw.keys("Saya sedang membeli kendaraan listrik untuk keluarga", null);
        assertEquals("id", k.language());
        // meN- prefix and -an suffix removed: membeli -> beli, kendaraan -> ndara (Lucene's stemmer)
        assertTrue(k.phrases().contains("beli"), k.phrases().toString());
        assertEquals(raw.keys("yang kendaraan", null).phrases(), Set.of("ndara"));
        assertEquals(raw.keys("dan berkendara", null).phrases(), Set.of("kendara"));
    }

    @Test
    void punctuation_and_entities_break_phrases() {
        assertEquals(Set.of("electric", "car"), raw.keys("electric. car", null).phrases());
        assertEquals(Set.of("electric", "car"), raw.keys("electric #ev car", null).phrases());
    }

    @Test
    void data_without_text_gives_its_hashtags_only_or_nothing() {
        Interaction snap = Interaction.of("twitter", InteractionKind.REPOST, "1", "2", 0L);
        assertEquals(Set.of(), raw.topics(snap));
        assertEquals("none", raw.keys(snap).language());
        assertEquals(Set.of("higgs"), raw.topics(null, List.of("Higgs")));
    }

    @Test
    void the_phrase_limit_is_applied_and_zero_keeps_tags_only() {
        String text = "alpha bravo charlie delta echo foxtrot golf hotel india juliet";
        assertEquals(4, TopicExtractor.raw(4).keys(text, null).phrases().size());
        assertEquals(Set.of("$tsla", "@x"), TopicExtractor.raw(0).topics("$TSLA @x " + text, null));
    }

    @Test
    void one_extractor_gives_the_same_keys_from_many_threads() throws Exception {
        String text = "Mobil listrik makin murah di Jakarta #EV $TSLA @Tesla";
        Set<String> expected = raw.topics(text, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (!raw.topics(text, null).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
