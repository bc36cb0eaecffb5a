package dev.renown.core.topic;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaxonomyTest {

    private static Path resource(String name) {
        try {
            return Path.of(TaxonomyTest.class.getResource("/topic/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Taxonomy sample() throws IOException {
        return Taxonomy.read(resource("taxonomy.txt"));
    }

    @Test
    void a_good_file_reads_without_problems_and_names_topics_in_file_order() throws IOException {
        Taxonomy t = sample();
        assertEquals(List.of(), t.problems());
        assertEquals(List.of("transport", "electric-vehicles", "batteries", "kpop"), List.copyOf(t.topics().keySet()));
        assertEquals(List.of("electric-vehicles", "transport"), t.ancestors("batteries"));
        assertEquals(List.of(), t.ancestors("transport"));
        Taxonomy.Topic ev = t.topics().get("electric-vehicles");
        assertEquals(Set.of("ev", "mobillistrik"), ev.hashtags());
        assertEquals(Set.of("$tsla"), ev.cashtags());
        assertEquals(Set.of("@tesla"), ev.mentions());
        assertEquals(Set.of("kpop", "kpopfans"), t.topics().get("kpop").hashtags());
    }

    @Test
    void indonesian_and_english_text_reach_the_same_topic_through_the_taxonomy() throws IOException {
        TopicExtractor x = TopicExtractor.withTaxonomy(sample(), false);
        Set<String> expected = Set.of("electric-vehicles", "transport");
        assertEquals(expected, x.topics("I just test-drove two electric cars today", null));
        assertEquals(expected, x.topics("Saya baru mencoba mobil listrik hari ini", null));
        assertEquals(expected, x.topics("Harga kendaraan listrik di Indonesia turun", null));
        assertEquals(Set.of(), x.topics("I drove my old car to the market", null));
    }

    @Test
    void tags_cashtags_and_mentions_in_the_taxonomy_map_to_their_topic_with_its_ancestors() throws IOException {
        TopicExtractor x = TopicExtractor.withTaxonomy(sample(), false);
        Set<String> ev = Set.of("electric-vehicles", "transport");
        assertEquals(ev, x.topics("so fast #ev", null));
        assertEquals(ev, x.topics(null, List.of("MobilListrik")));
        assertEquals(ev, x.topics("$TSLA up again", null));
        assertEquals(ev, x.topics("thanks @tesla", null));
        assertEquals(Set.of("kpop"), x.topics("#KPOP forever", null));
    }

    @Test
    void a_child_topic_rolls_up_into_every_ancestor() throws IOException {
        TopicExtractor x = TopicExtractor.withTaxonomy(sample(), false);
        assertEquals(Set.of("batteries", "electric-vehicles", "transport"),
                x.topics("Program daur ulang baterai dimulai", null));
        assertEquals(Set.of("batteries", "electric-vehicles", "transport"),
                x.topics("New battery recycling plant opens", null));
        assertEquals(Set.of("transport"), x.topics("Public transport is late again", null));
    }

    @Test
    void a_taxonomy_changes_the_topics_exactly_as_written() throws IOException {
        String post = "Electric cars in Jakarta #EV @Tesla";
        assertEquals(Set.of("ev", "@tesla", "electric", "electric car", "car", "car jakarta", "jakarta"),
                TopicExtractor.raw().topics(post, null));
        Taxonomy one = Taxonomy.parse("one", List.of("cities.keywords = jakarta"));
        assertEquals(Set.of("cities"), TopicExtractor.withTaxonomy(one, false).topics(post, null));
        Taxonomy two = Taxonomy.parse("two", List.of("cities.keywords = jakarta", "brands.mentions = tesla",
                "places.parent = nowhere", "cities.parent = places"));
        assertEquals(Set.of("cities", "places", "nowhere", "brands"),
                TopicExtractor.withTaxonomy(two, false).topics(post, null));
        assertEquals(Set.of("cities", "ev", "@tesla", "electric", "electric car", "car", "car jakarta", "jakarta"),
                TopicExtractor.withTaxonomy(one, true).topics(post, null));
    }

    @Test
    void keywords_longer_than_two_words_match_as_a_whole_phrase() throws IOException {
        Taxonomy t = Taxonomy.parse("t", List.of("iot.keywords = Internet of Things"));
        TopicExtractor x = TopicExtractor.withTaxonomy(t, false);
        assertEquals(Set.of("iot"), x.topics("The internet of things is here", null));
        assertEquals(Set.of(), x.topics("internet. things", null));
    }

    @Test
    void bad_lines_and_values_are_reported_with_their_place_and_left_out() throws IOException {
        Path file = resource("bad-taxonomy.txt");
        Taxonomy t = Taxonomy.read(file);
        List<String> places = t.problems().stream().map(p -> p.place().substring(file.toString().length() + 1)
                + " " + p.field()).toList();
        assertEquals(List.of("3 null", "4 Food.keywords", "5 food.colour", "6 food.hashtags", "6 food.hashtags",
                "7 food.cashtags", "8 food.keywords", "8 food.keywords", "10 food.parent", "11 food.mentions",
                "12 drinks.keywords"), places, t.problems().toString());
        assertTrue(t.problems().get(3).message().contains("'#123'"), t.problems().get(3).message());
        assertEquals("this line has no equals sign", t.problems().get(0).text());
        Taxonomy.Topic food = t.topics().get("food");
        assertEquals(List.of("street food", "makanan jalanan", "nasi goreng"), food.keywords());
        assertEquals(Set.of("ok"), food.hashtags());
        assertEquals(Set.of("$nasi"), food.cashtags());
        assertEquals(Set.of("@good_name"), food.mentions());
        assertEquals("lifestyle", food.parent());
        assertEquals(List.of("food", "lifestyle"), List.copyOf(t.topics().keySet()));
    }

    @Test
    void a_cycle_of_parents_is_an_error_naming_its_topics() {
        TaxonomyCycleException e = assertThrows(TaxonomyCycleException.class,
                () -> Taxonomy.read(resource("cycle-taxonomy.txt")));
        assertEquals(List.of(List.of("a", "b", "c", "a"), List.of("e", "e")), e.cycles());
        assertEquals("cycle in topic parents: a -> b -> c -> a; e -> e", e.getMessage());
    }
}
