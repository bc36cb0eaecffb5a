package dev.renown.core.event;

/**
 * A link an account's profile carries: the account's own page, its website, a URL in its
 * description, a profile field. Where the network checks a link it says so: Mastodon sets a
 * field's {@code verified_at} once the page the field links to links back to the profile with
 * {@code rel="me"} (https://docs.joinmastodon.org/user/profile/#verification).
 *
 * @param url      the link as the profile gives it: an absolute URL (a shortened one expanded
 *                 where the source expands it), or, for a field that names a domain or handle
 *                 in plain text, that text ({@code alice.example.com}, {@code @alice.example.com})
 * @param field    where on the profile: {@link #PROFILE}, {@link #WEBSITE}, {@link #DESCRIPTION},
 *                 or {@link #FIELD_PREFIX}{@code NAME} for a named profile field
 * @param verified true when the network checked that the linked page links back to the profile
 */
public record ProfileLink(String url, String field, boolean verified) {

    /** The account's own profile page (Mastodon's {@code url}). */
    public static final String PROFILE = "profile";
    /** The website a profile names (Twitter's {@code url}). */
    public static final String WEBSITE = "website";
    /** A link in the profile's description (Twitter's {@code entities.description.urls}). */
    public static final String DESCRIPTION = "description";
    /** Prefix of a named profile field (Mastodon's {@code fields[].name}): {@code field:Website}. */
    public static final String FIELD_PREFIX = "field:";

    public ProfileLink {
        url = AccountKey.requireToken(url, "profile link url");
        field = AccountKey.requireToken(field, "profile link field");
    }
}
