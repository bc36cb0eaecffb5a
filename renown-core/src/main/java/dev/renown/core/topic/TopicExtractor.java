package dev.renown.core.topic;

import dev.renown.core.event.Interaction;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topics of one post, from its text and hashtags.
 *
 * <p><b>Keys</b> ({@link #keys}): the post's hashtags (those given, as readers take them from
 * the network's entities, and those found in the text), cashtags and mentioned accounts found
 * in the text ({@link Entities} gives the rules), and keyword phrases: the text without its
 * URLs and entities, analysed by {@link KeyAnalysis} (UAX #29 words, lower case, ASCII
 * folding, English and Indonesian stop words removed, stemmed in the guessed language), cut
 * into runs at punctuation, then every single term and every pair of adjacent terms of a run,
 * in text order, at most {@code maxPhrases} of them. Removed stop words do not separate a pair
 * ("cars in Jakarta" gives "car", "jakarta", "car jakarta").
 *
 * <p><b>Topics</b> ({@link #topics}): without a taxonomy, all keys. With one, the taxonomy
 * topics whose keyword phrases (any length: runs are searched for phrases as long as the
 * longest keyword), hashtags, cashtags or mentions the post has, each with all its ancestors;
 * plus, when {@code keepRawKeys}, the keys themselves.
 *
 * <p><b>No text</b> (SNAP edge lists, or a reader that saw none): the keys are the given
 * hashtags alone, and with no hashtags there is no topic at all.
 *
 * <p>Instances are immutable and thread-safe; the analyzers are shared, one token stream per
 * thread. Cost: linear in the text length, plus one hash look-up per candidate phrase.
 */
public final class TopicExtractor implements dev.renown.core.event.TopicSource {

    /** Most phrases kept per post. */
    public static final int MAX_PHRASES_DEFAULT = 64;
    /** Longest raw keyword phrase, in terms. */
    public static final int PHRASE_WORDS = 2;

    private final int maxPhrases;
    private final Taxonomy taxonomy;
    private final boolean keepRawKeys;
    private final Map<String, Set<String>> byPhrase = new HashMap<>();
    private final Map<String, Set<String>> byTag = new HashMap<>();
    private final int longestKeyword;

    private TopicExtractor(int maxPhrases, Taxonomy taxonomy, boolean keepRawKeys) {
        if (maxPhrases < 0) {
            throw new IllegalArgumentException("maxPhrases must be >= 0: " + maxPhrases);
        }
        this.maxPhrases = maxPhrases;
        this.taxonomy = taxonomy;
        this.keepRawKeys = keepRawKeys;
        int longest = 0;
        if (taxonomy != null) {
            for (Taxonomy.Topic t : taxonomy.topics().values()) {
                for (String phrase : t.phrases()) {
                    byPhrase.computeIfAbsent(phrase, k -> new LinkedHashSet<>()).add(t.name());
                    longest = Math.max(longest, phrase.split(" ").length);
                }
                // hashtags are bare; cashtags and mentions carry '$' and '@', so one map cannot confuse them
                for (Collection<String> tags : List.of(t.hashtags(), t.cashtags(), t.mentions())) {
                    for (String tag : tags) {
                        byTag.computeIfAbsent(tag, k -> new LinkedHashSet<>()).add(t.name());
                    }
                }
            }
        }
        this.longestKeyword = longest;
    }

    /** Raw keys only: no taxonomy, at most {@link #MAX_PHRASES_DEFAULT} phrases a post. */
    public static TopicExtractor raw() {
        return new TopicExtractor(MAX_PHRASES_DEFAULT, null, true);
    }

    /** Raw keys only, at most {@code maxPhrases} phrases a post (0: hashtags, cashtags and mentions only). */
    public static TopicExtractor raw(int maxPhrases) {
        return new TopicExtractor(maxPhrases, null, true);
    }

    /**
     * The taxonomy's topics, and, when {@code keepRawKeys}, the raw keys beside them (a raw key
     * equal to a topic's name then counts once).
     */
    public static TopicExtractor withTaxonomy(Taxonomy taxonomy, boolean keepRawKeys) {
        if (taxonomy == null) {
            throw new IllegalArgumentException("taxonomy is null; use raw()");
        }
        return new TopicExtractor(MAX_PHRASES_DEFAULT, taxonomy, keepRawKeys);
    }

    /** The taxonomy, or null. */
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** The keys of a post: {@code text} may be null, {@code hashtags} (with or without '#') may be null. */
    public ContentKeys keys(String text, Collection<String> hashtags) {
        return analyse(text, hashtags, null);
    }

    /** The keys of an interaction's post. */
    public ContentKeys keys(Interaction interaction) {
        return keys(interaction.text(), interaction.hashtags());
    }

    /** The topics of a post (see the class comment). */
    @Override
    public Set<String> topics(String text, Collection<String> hashtags) {
        if (taxonomy == null) {
            return analyse(text, hashtags, null).all();
        }
        Set<String> matched = new LinkedHashSet<>();
        ContentKeys keys = analyse(text, hashtags, matched);
        for (Set<String> tags : List.of(keys.hashtags(), keys.cashtags(), keys.mentions())) {
            for (String tag : tags) {
                Set<String> t = byTag.get(tag);
                if (t != null) {
                    matched.addAll(t);
                }
            }
        }
        Set<String> result = new LinkedHashSet<>();
        for (String topic : matched) {
            result.add(topic);
            result.addAll(taxonomy.ancestors(topic));
        }
        if (keepRawKeys) {
            result.addAll(keys.all());
        }
        return Collections.unmodifiableSet(result);
    }

    /** The topics of an interaction's post. */
    public Set<String> topics(Interaction interaction) {
        return topics(interaction.text(), interaction.hashtags());
    }

    /** Keys of the post; with {@code matched} given, taxonomy topics of its phrases go there. */
    private ContentKeys analyse(String text, Collection<String> givenHashtags, Set<String> matched) {
        Set<String> hashtags = new LinkedHashSet<>();
        if (givenHashtags != null) {
            for (String h : givenHashtags) {
                if (h != null) {
                    String tag = h.startsWith("#") ? h.substring(1) : h;
                    if (!tag.isBlank()) {
                        hashtags.add(KeyAnalysis.fold(tag.strip()));
                    }
                }
            }
        }
        Set<String> cashtags = new LinkedHashSet<>();
        Set<String> mentions = new LinkedHashSet<>();
        Set<String> phrases = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return new ContentKeys(hashtags, cashtags, mentions, phrases, KeyAnalysis.Language.NONE.code);
        }
        Entities entities = Entities.scan(KeyAnalysis.nfc(text), hashtags, cashtags, mentions);
        KeyAnalysis.Language language = KeyAnalysis.guess(entities.rest);
        List<List<String>> runs = KeyAnalysis.runs(entities.rest, language);
        StringBuilder phrase = new StringBuilder(64);
        for (List<String> run : runs) {
            for (int i = 0; i < run.size(); i++) {
                phrase.setLength(0);
                int longest = Math.max(PHRASE_WORDS, matched == null ? 0 : longestKeyword);
                for (int n = 1; n <= longest && i + n <= run.size(); n++) {
                    if (n > 1) {
                        phrase.append(' ');
                    }
                    phrase.append(run.get(i + n - 1));
                    String p = phrase.toString();
                    if (n <= PHRASE_WORDS && phrases.size() < maxPhrases) {
                        phrases.add(p);
                    }
                    if (matched != null) {
                        Set<String> t = byPhrase.get(p);
                        if (t != null) {
                            matched.addAll(t);
                        }
                    }
                }
            }
        }
        return new ContentKeys(hashtags, cashtags, mentions, phrases, language.code);
    }
}
