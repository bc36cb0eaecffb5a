package dev.renown.core.topic;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The normalised keys of one post, by kind. Every set keeps the order of first appearance.
 *
 * @param hashtags hashtags without {@code #}, lower-case and ASCII-folded ({@code #Café} → {@code cafe})
 * @param cashtags cashtags with their {@code $}, lower-case ({@code $TSLA} → {@code $tsla})
 * @param mentions mentioned accounts (brands, people) with their {@code @}, lower-case ({@code @Tesla} → {@code @tesla})
 * @param phrases  keyword phrases: stemmed, folded content words, single and adjacent pairs
 *                 joined by one space ({@code "electric car"}); at most the extractor's limit
 * @param language the analysis language chosen for the text ({@code "en"}, {@code "id"}), or
 *                 {@code "none"} when there was no text
 */
public record ContentKeys(Set<String> hashtags, Set<String> cashtags, Set<String> mentions, Set<String> phrases,
                          String language) {

    public ContentKeys {
        hashtags = unmodifiable(hashtags);
        cashtags = unmodifiable(cashtags);
        mentions = unmodifiable(mentions);
        phrases = unmodifiable(phrases);
    }

    private static Set<String> unmodifiable(Set<String> s) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(s));
    }

    /** Every key, hashtags first, then cashtags, mentions and phrases. */
    public Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> s : List.of(hashtags, cashtags, mentions, phrases)) {
            all.addAll(s);
        }
        return java.util.Collections.unmodifiableSet(all);
    }
}
