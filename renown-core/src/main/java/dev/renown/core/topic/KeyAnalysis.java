package dev.renown.core.topic;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one analysis chain behind every keyword key, shared by the extractor (post text) and the
 * taxonomy (its keywords), so that both sides of a match are normalised alike.
 *
 * <p>Chain, in order (all Lucene 9.12, {@code lucene-analysis-common}):
 * <ol>
 *   <li>{@link UAX29URLEmailTokenizer}: Unicode word segmentation (UAX #29) that also recognises
 *   URLs and e-mail addresses as single tokens;</li>
 *   <li>{@link TypeTokenFilter} drops URLs, e-mails, numbers, emoji and CJK/kana characters (a
 *   single ideograph is no keyword; CJK needs its own analyser);</li>
 *   <li>{@link EnglishPossessiveFilter} ("Tesla's" → "Tesla"), {@link LowerCaseFilter},
 *   {@link ASCIIFoldingFilter} ("Café" → "cafe");</li>
 *   <li>{@link LengthFilter}: 2 to {@value #MAX_TERM_CHARS} characters;</li>
 *   <li>{@link StopFilter} with the union of the English (Snowball list, 174 words), Indonesian
 *   (Lucene's list, 357 words) and {@link #NOISE} stop words, whatever the post's language;</li>
 *   <li>the stemmer of the post's language: {@link KStemFilter} for English (Krovetz: stems are
 *   dictionary words, "cars" → "car", readable as keys) or {@link IndonesianStemFilter} with
 *   derivational suffixes for Indonesian (as {@link IndonesianAnalyzer}).</li>
 * </ol>
 *
 * <p>The language is guessed per text by counting its tokens in each language's stop list
 * (after folding): Indonesian when it has strictly more Indonesian stop words than English ones,
 * English otherwise. A taxonomy keyword is too short to guess from, so it is analysed in both
 * languages and matches under either ({@link #keywordVariants}).
 *
 * <p>Analyzers are built once and shared: Lucene analyzers are thread-safe and keep one token
 * stream per thread, so analysing allocates no analyzer.
 */
final class KeyAnalysis {

    /** Longest term kept, in characters. */
    static final int MAX_TERM_CHARS = 64;
    /** Words of social-media boilerplate dropped with the stop words. */
    static final Set<String> NOISE = Set.of("rt", "amp", "via", "http", "https", "www", "com", "gt", "lt", "nbsp");

    static final CharArraySet ENGLISH_STOP = snowball("english_stop.txt");
    static final CharArraySet INDONESIAN_STOP = IndonesianAnalyzer.getDefaultStopSet();
    static final CharArraySet ALL_STOP;

    static {
        CharArraySet all = new CharArraySet(ENGLISH_STOP.size() + INDONESIAN_STOP.size() + NOISE.size(), false);
        all.addAll(ENGLISH_STOP);
        all.addAll(INDONESIAN_STOP);
        all.addAll(NOISE);
        ALL_STOP = CharArraySet.unmodifiableSet(all);
    }

    /** Languages with a stemmer; {@link #NONE} only folds and removes stop words. */
    enum Language {
        ENGLISH("en"), INDONESIAN("id"), NONE("none");

        final String code;

        Language(String code) {
            this.code = code;
        }
    }

    private static final Set<String> DROPPED_TYPES = Set.of(
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.URL],
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.EMAIL],
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.NUM],
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.EMOJI],
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.IDEOGRAPHIC],
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.HIRAGANA],
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.KATAKANA]);

    private static final Analyzer FOLD = new Chain(Language.NONE, false);
    private static final Analyzer ENGLISH = new Chain(Language.ENGLISH, true);
    private static final Analyzer INDONESIAN = new Chain(Language.INDONESIAN, true);

    private KeyAnalysis() {
    }

    private static final class Chain extends Analyzer {
        private final Language language;
        private final boolean stop;

        Chain(Language language, boolean stop) {
            this.language = language;
            this.stop = stop;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            UAX29URLEmailTokenizer source = new UAX29URLEmailTokenizer();
            TokenStream s = new TypeTokenFilter(source, DROPPED_TYPES);
            s = new EnglishPossessiveFilter(s);
            s = new LowerCaseFilter(s);
            s = new ASCIIFoldingFilter(s);
            s = new LengthFilter(s, 2, MAX_TERM_CHARS);
            if (stop) {
                s = new StopFilter(s, ALL_STOP);
            }
            if (language == Language.ENGLISH) {
                s = new KStemFilter(s);
            } else if (language == Language.INDONESIAN) {
                s = new IndonesianStemFilter(s, true);
            }
            return new TokenStreamComponents(source, s);
        }
    }

    private static CharArraySet snowball(String resource) {
        try (InputStream in = SnowballFilter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lucene resource " + resource + " is missing");
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            return CharArraySet.unmodifiableSet(WordlistLoader.getSnowballWordSet(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NFC form, so that a decomposed "e + ◌́" folds like "é". */
    static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Lower case (root locale) and ASCII folding of a whole tag, as the chain does to a word. */
    static String fold(String s) {
        String lower = nfc(s).toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 0x80;
        }
        if (ascii) {
            return lower;
        }
        char[] in = lower.toCharArray();
        char[] out = new char[4 * in.length];
        int n = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, n);
    }

    /** Guesses the language from stop-word counts (see the class comment). */
    static Language guess(String text) {
        int english = 0;
        int indonesian = 0;
        try (TokenStream ts = FOLD.tokenStream("", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                char[] b = term.buffer();
                int n = term.length();
                if (ENGLISH_STOP.contains(b, 0, n)) {
                    english++;
                }
                if (INDONESIAN_STOP.contains(b, 0, n)) {
                    indonesian++;
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return indonesian > english ? Language.INDONESIAN : Language.ENGLISH;
    }

    /**
     * The text's terms, in runs of words not separated by a phrase break: a character of
     * {@link #isBreak} between two kept tokens ends a run. Dropped tokens (stop words, numbers,
     * URLs) do not break a run, so "cars in Jakarta" is the one run [car, jakarta].
     */
    static List<List<String>> runs(String text, Language language) {
        List<List<String>> runs = new ArrayList<>();
        Analyzer analyzer = language == Language.INDONESIAN ? INDONESIAN : ENGLISH;
        try (TokenStream ts = analyzer.tokenStream("", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            List<String> run = null;
            int lastEnd = 0;
            while (ts.incrementToken()) {
                if (term.length() < 2) {
                    continue; // a stemmer can shorten a word below the length filter
                }
                if (run == null || breaks(text, lastEnd, offset.startOffset())) {
                    run = new ArrayList<>(8);
                    runs.add(run);
                }
                run.add(term.toString());
                lastEnd = offset.endOffset();
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs;
    }

    private static boolean breaks(String text, int from, int to) {
        for (int i = Math.max(0, from); i < to && i < text.length(); i++) {
            if (isBreak(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Sentence and clause punctuation, line breaks, and brackets and quotes end a phrase. */
    static boolean isBreak(char c) {
        switch (c) {
            case '.': case ',': case ';': case ':': case '!': case '?': case '(': case ')': case '[': case ']':
            case '{': case '}': case '"': case '|': case '/': case '\n': case '\r': case '\u2026': case '\u201C':
            case '\u201D': case '\u00AB': case '\u00BB': case '\u3002': case '\uFF0C':
                return true;
            default:
                return false;
        }
    }

    /**
     * A keyword's analysed forms: its terms joined by single spaces, once analysed as English and
     * once as Indonesian (one form when both agree); empty when it has only stop words.
     */
    static Set<String> keywordVariants(String keyword) {
        String text = nfc(keyword);
        java.util.LinkedHashSet<String> forms = new java.util.LinkedHashSet<>(2);
        for (Language language : new Language[] {Language.ENGLISH, Language.INDONESIAN}) {
            List<String> terms = new ArrayList<>();
            for (List<String> run : runs(text, language)) {
                terms.addAll(run);
            }
            if (!terms.isEmpty()) {
                forms.add(String.join(" ", terms));
            }
        }
        return forms;
    }
}
