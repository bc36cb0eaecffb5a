package dev.renown.core.people;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a profile link names: another network's profile, or a domain; and handles compared across
 * networks. The rules are those of {@link LinkSuggestions}.
 */
final class ProfileUrls {

    /** The networks the URLs below point into, as the readers name them. */
    static final String TWITTER = "twitter";
    static final String BLUESKY = "bluesky";
    static final String MASTODON = "mastodon";
    static final String REDDIT = "reddit";

    /** The suffix of the handles Bluesky hands out; other handles are domains their owner controls. */
    static final String BSKY_SOCIAL = ".bsky.social";

    private static final Pattern TWITTER_NAME = Pattern.compile("[A-Za-z0-9_]{1,15}");
    private static final Pattern MASTODON_USER = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z][a-z0-9-]*[a-z0-9]");
    /** First path segments of twitter.com and x.com that are pages, not accounts. */
    private static final Set<String> TWITTER_PAGES = Set.of("i", "intent", "home", "share", "search", "hashtag",
            "explore", "settings", "messages", "notifications", "login", "signup", "tos", "privacy", "compose");

    private ProfileUrls() {
    }

    /**
     * An account a link names.
     *
     * @param network the network, as the readers name it
     * @param name    the account's id ({@code byId}) or its handle
     * @param byId    whether {@code name} is the id
     */
    record Pointer(String network, String name, boolean byId) {
    }

    /**
     * The account a link names, or null: {@code https://twitter.com/NAME} and {@code x.com/NAME}
     * (also {@code www.} and {@code mobile.}), {@code https://bsky.app/profile/HANDLE|DID},
     * {@code https://reddit.com/user/NAME} or {@code /u/NAME} (also {@code www.}, {@code old.}),
     * and any other host's {@code /@USER} or {@code /users/USER} page as the Mastodon account
     * {@code USER@host} ({@code /@USER@DOMAIN}: {@code USER@DOMAIN}). A link without a scheme is
     * read as {@code https://}.
     */
    static Pointer pointer(String link) {
        URI uri = uri(link);
        if (uri == null) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String[] path = segments(uri.getPath());
        switch (strip(host, "www.", "mobile.", "m.", "old.", "new.")) {
            case "twitter.com":
            case "x.com":
                if (path.length == 0 && uri.getFragment() != null && uri.getFragment().startsWith("!/")) {
                    path = segments(uri.getFragment().substring(1)); // twitter.com/#!/name, before 2012
                }
                if (path.length >= 1 && TWITTER_NAME.matcher(path[0]).matches()
                        && !TWITTER_PAGES.contains(path[0].toLowerCase(Locale.ROOT))) {
                    return new Pointer(TWITTER, path[0], false);
                }
                return null;
            case "bsky.app":
                if (path.length >= 2 && path[0].equals("profile")) {
                    return new Pointer(BLUESKY, path[1], path[1].startsWith("did:"));
                }
                return null;
            case "reddit.com":
                if (path.length >= 2 && (path[0].equals("user") || path[0].equals("u"))) {
                    return new Pointer(REDDIT, path[1], false);
                }
                return null;
            default:
                String user = null;
                if (path.length == 1 && path[0].startsWith("@")) {
                    user = path[0].substring(1);
                } else if (path.length == 2 && path[0].equals("users")) {
                    user = path[1];
                }
                if (user == null || user.isEmpty()) {
                    return null;
                }
                int at = user.indexOf('@');
                String name = at < 0 ? user : user.substring(0, at);
                String domain = at < 0 ? host : user.substring(at + 1).toLowerCase(Locale.ROOT);
                if (!MASTODON_USER.matcher(name).matches() || !DOMAIN.matcher(domain).matches()) {
                    return null;
                }
                return new Pointer(MASTODON, name + "@" + domain, true);
        }
    }

    /**
     * The domain a link names, lower-cased, or null: the host (without {@code www.}) of a link
     * to a site's root ({@code https://alice.example.com/}, no path, query or fragment), the
     * handle of a {@code https://bsky.app/profile/HANDLE} link, or plain text that is a domain
     * name, with or without a leading {@code @} ({@code alice.example.com}).
     */
    static String domainNamed(String link) {
        String text = link.strip();
        if (!text.contains("://")) {
            String t = text.startsWith("@") ? text.substring(1) : text;
            t = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
            t = t.toLowerCase(Locale.ROOT);
            return DOMAIN.matcher(t).matches() ? t : null;
        }
        Pointer p = pointer(text);
        if (p != null && p.network().equals(BLUESKY) && !p.byId()) {
            String handle = p.name().toLowerCase(Locale.ROOT);
            return DOMAIN.matcher(handle).matches() ? handle : null;
        }
        URI uri = uri(text);
        if (uri == null || segments(uri.getPath()).length > 0 || uri.getQuery() != null || uri.getFragment() != null) {
            return null;
        }
        String host = strip(uri.getHost().toLowerCase(Locale.ROOT), "www.");
        return DOMAIN.matcher(host).matches() ? host : null;
    }

    /**
     * A handle as compared across networks, or null for none: without a leading {@code @},
     * case-folded; a Mastodon {@code user@instance} by its user part, a Bluesky
     * {@code name.bsky.social} by {@code name} (a Bluesky domain handle stays whole).
     */
    static String normalHandle(String network, String handle) {
        if (handle == null) {
            return null;
        }
        String h = handle.strip();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        h = h.toLowerCase(Locale.ROOT);
        if (network.equals(MASTODON) && h.indexOf('@') >= 0) {
            h = h.substring(0, h.indexOf('@'));
        } else if (network.equals(BLUESKY) && h.endsWith(BSKY_SOCIAL)) {
            h = h.substring(0, h.length() - BSKY_SOCIAL.length());
        }
        return h.isEmpty() ? null : h;
    }

    /**
     * The domain a Bluesky handle is, or null when it is one Bluesky hands out
     * ({@code *.bsky.social}) or none ({@code handle.invalid}, Bluesky's mark of a handle that
     * no longer checks out).
     */
    static String domainHandle(String handle) {
        if (handle == null) {
            return null;
        }
        String h = handle.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        if (h.endsWith(BSKY_SOCIAL) || h.equals("handle.invalid") || !DOMAIN.matcher(h).matches()) {
            return null;
        }
        return h;
    }

    /** An http(s) URI with a host, reading a link without a scheme as https; null if it is not one. */
    private static URI uri(String link) {
        String text = link.strip();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.getHost() != null && (scheme.equals("https") || scheme.equals("http")) ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String[] segments(String path) {
        if (path == null) {
            return new String[0];
        }
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private static String strip(String host, String... prefixes) {
        for (String p : prefixes) {
            if (host.startsWith(p)) {
                return host.substring(p.length());
            }
        }
        return host;
    }
}
