package dev.renown.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.ProfileLink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The links of a profile as the readers take them ({@link ProfileLink}): Twitter's website and
 * description URLs, expanded; Mastodon's profile page and profile fields, with their
 * verification. Read only from full user and account objects, never per interaction.
 */
final class ProfileLinks {

    private ProfileLinks() {
    }

    /**
     * Reads Twitter's {@code {"urls":[{"url","expanded_url",…}…]}} (a user's {@code entities.url}
     * and {@code entities.description}); the parser is on the object's start and ends on its
     * end. Adds each {@code expanded_url} (the {@code url} when it was not expanded) to
     * {@code out}, made when needed, and returns it.
     */
    static List<String> readTwitterUrls(JsonParser p, String where, JsonRecords.Problem problem, List<String> out)
            throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (!f.equals("urls") || !JsonRecords.array(p, where + ".urls", problem)) {
                if (!f.equals("urls")) {
                    p.skipChildren();
                }
                continue;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!JsonRecords.object(p, where + ".urls", problem)) {
                    continue;
                }
                String url = null;
                String expanded = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String g = p.currentName();
                    p.nextToken();
                    if (g.equals("url")) {
                        url = JsonRecords.id(p, where + ".urls.url", problem);
                    } else if (g.equals("expanded_url")) {
                        expanded = JsonRecords.id(p, where + ".urls.expanded_url", problem);
                    } else {
                        p.skipChildren();
                    }
                }
                String link = expanded != null ? expanded : url;
                if (link != null) {
                    out = out == null ? new ArrayList<>(2) : out;
                    out.add(link);
                }
            }
        }
        return out;
    }

    /**
     * A Twitter user's links: the website ({@code entities.url} expanded, else {@code url} unless
     * it is a {@code t.co} short link, which names nothing) and the description's URLs. Null when
     * the user object said nothing of them (no {@code url} member and no URL entities: v2 gives
     * them only when asked for).
     */
    static List<ProfileLink> twitter(boolean urlGiven, String url, List<String> website, List<String> description) {
        if (!urlGiven && website == null && description == null) {
            return null;
        }
        if (website == null && description == null && (url == null || url.isBlank() || isShortLink(url))) {
            return List.of();
        }
        List<ProfileLink> links = new ArrayList<>(2);
        if (website != null) {
            website.forEach(u -> links.add(new ProfileLink(u, ProfileLink.WEBSITE, false)));
        } else if (url != null && !url.isBlank() && !isShortLink(url)) {
            links.add(new ProfileLink(url, ProfileLink.WEBSITE, false));
        }
        if (description != null) {
            description.forEach(u -> links.add(new ProfileLink(u, ProfileLink.DESCRIPTION, false)));
        }
        return links;
    }

    private static boolean isShortLink(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("https://t.co/") || u.startsWith("http://t.co/");
    }

    /**
     * The links of one Mastodon profile field ({@code {name, value, verified_at}}): each
     * {@code href} of its HTML value, or, when it has none, its text if that is one word with a
     * dot in it (a domain or handle written out, such as {@code alice.example.com}); verified
     * when {@code verified_at} is set. Other text ({@code she/her}, {@code Berlin}) is no link.
     */
    static void mastodonField(String name, String value, boolean verified, List<ProfileLink> out) {
        if (value == null) {
            return;
        }
        String field = ProfileLink.FIELD_PREFIX + (name == null ? "" : name.strip());
        int found = 0;
        for (int i = value.indexOf("href="); i >= 0; i = value.indexOf("href=", i + 5)) {
            int start = i + 5;
            if (start >= value.length()) {
                break;
            }
            char quote = value.charAt(start);
            int end = quote == '"' || quote == '\'' ? value.indexOf(quote, start + 1) : -1;
            if (end < 0) {
                continue;
            }
            String href = MastodonReader.plainText(value.substring(start + 1, end));
            if (!href.isEmpty()) {
                out.add(new ProfileLink(href, field, verified));
                found++;
            }
        }
        if (found == 0) {
            String text = MastodonReader.plainText(value);
            if (!text.isEmpty() && text.indexOf('.') > 0 && text.chars().noneMatch(Character::isWhitespace)) {
                out.add(new ProfileLink(text, field, verified));
            }
        }
    }
}
