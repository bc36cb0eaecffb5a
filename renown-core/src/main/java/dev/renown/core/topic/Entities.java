package dev.renown.core.topic;

import java.util.Set;

/**
 * Finds hashtags, cashtags, mentions and URLs in post text, following Twitter's entity rules
 * closely enough for keys (twitter-text): an entity starts after the start of the text or a
 * character that is not a letter, digit or {@code _} (so {@code a@b.com} and {@code x#y} are
 * none);
 * <ul>
 *   <li>hashtag: {@code #} or {@code ＃}, then letters, digits, marks and {@code _}, at least
 *   one of them not a digit;</li>
 *   <li>cashtag: {@code $}, then 1–6 ASCII letters, optionally {@code .} or {@code _} and 1–2
 *   letters ({@code $BRK.A}), not followed by a word character;</li>
 *   <li>mention: {@code @} or {@code ＠}, then 1–15 of {@code [A-Za-z0-9_]}, not followed by
 *   {@code @} (an address);</li>
 *   <li>URL: {@code http://}, {@code https://} or {@code www.} up to the next white space.</li>
 * </ul>
 * Each entity found is replaced by line breaks in {@link #rest}, so that the text left for the
 * keyword analysis neither contains it nor joins the words on either side into a phrase.
 */
final class Entities {

    final Set<String> hashtags;
    final Set<String> cashtags;
    final Set<String> mentions;
    /** The text with every entity blanked out by {@code '\n'}. */
    final String rest;

    private Entities(Set<String> hashtags, Set<String> cashtags, Set<String> mentions, String rest) {
        this.hashtags = hashtags;
        this.cashtags = cashtags;
        this.mentions = mentions;
        this.rest = rest;
    }

    static Entities scan(String text, Set<String> hashtags, Set<String> cashtags, Set<String> mentions) {
        char[] rest = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean boundary = i == 0 || !isWordChar(text.charAt(i - 1));
            int end = -1;
            if (boundary && (c == 'h' || c == 'H' || c == 'w' || c == 'W') && isUrlStart(text, i)) {
                end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
            } else if (boundary && (c == '#' || c == '\uFF03')) {
                end = hashtagEnd(text, i + 1);
                if (end > 0) {
                    hashtags.add(KeyAnalysis.fold(text.substring(i + 1, end)));
                }
            } else if (boundary && c == '$') {
                end = cashtagEnd(text, i + 1);
                if (end > 0) {
                    cashtags.add("$" + text.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT));
                }
            } else if (boundary && (c == '@' || c == '\uFF20')) {
                end = mentionEnd(text, i + 1);
                if (end > 0) {
                    mentions.add("@" + text.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT));
                }
            }
            if (end > i) {
                if (rest == null) {
                    rest = text.toCharArray();
                }
                java.util.Arrays.fill(rest, i, end, '\n');
                i = end;
            } else {
                i++;
            }
        }
        return new Entities(hashtags, cashtags, mentions, rest == null ? text : new String(rest));
    }

    private static boolean isUrlStart(String text, int i) {
        return text.regionMatches(true, i, "http://", 0, 7) || text.regionMatches(true, i, "https://", 0, 8)
                || text.regionMatches(true, i, "www.", 0, 4);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }

    /** End of a hashtag's name starting at {@code from}, or -1 when there is none. */
    static int hashtagEnd(String text, int from) {
        int i = from;
        boolean letter = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!isWordChar(c) && c != '\u200C' && c != '\u200D') {
                break;
            }
            letter |= !Character.isDigit(c);
            i++;
        }
        return i > from && letter ? i : -1;
    }

    private static int cashtagEnd(String text, int from) {
        int i = from;
        while (i < text.length() && i - from < 7 && isAsciiLetter(text.charAt(i))) {
            i++;
        }
        int letters = i - from;
        if (letters < 1 || letters > 6) {
            return -1;
        }
        if (i + 1 < text.length() && (text.charAt(i) == '.' || text.charAt(i) == '_')
                && isAsciiLetter(text.charAt(i + 1))) {
            int j = i + 1;
            while (j < text.length() && isAsciiLetter(text.charAt(j))) {
                j++;
            }
            if (j - i - 1 <= 2 && (j == text.length() || !isWordChar(text.charAt(j)))) {
                return j;
            }
        }
        return i == text.length() || !isWordChar(text.charAt(i)) ? i : -1;
    }

    private static int mentionEnd(String text, int from) {
        int i = from;
        while (i < text.length() && i - from < 16 && isHandleChar(text.charAt(i))) {
            i++;
        }
        int len = i - from;
        if (len < 1 || len > 15) {
            return -1;
        }
        if (i < text.length() && (text.charAt(i) == '@' || text.charAt(i) == '\uFF20')) {
            return -1;
        }
        return i;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isHandleChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
