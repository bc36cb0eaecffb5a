package dev.renown.core.people;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.ProfileLink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Suggests links between accounts on different networks that look like one person, from what
 * their profiles say; the user confirms the ones to keep ({@link #confirm}). Nothing is linked
 * here.
 *
 * <p>Three kinds of evidence, strongest first ({@link LinkEvidence}):
 * <ol>
 *   <li><b>rel-me</b>: a profile link its network verified — a Mastodon profile field with
 *   {@code verified_at}, which the server sets once the linked page links back to the profile
 *   with {@code rel="me"} (https://docs.joinmastodon.org/user/profile/#verification) — that
 *   points at another network's profile: {@code https://twitter.com/NAME} or {@code x.com/NAME}
 *   (the Twitter account with that handle), {@code https://bsky.app/profile/HANDLE} or
 *   {@code /DID}, {@code https://reddit.com/user/NAME}, or a Mastodon {@code https://HOST/@USER}
 *   (matched first against the profile pages accounts give, {@link ProfileLink#PROFILE}).</li>
 *   <li><b>domain</b>: a Bluesky handle that is a domain (not {@code *.bsky.social}: Bluesky
 *   has checked, by DNS or {@code /.well-known/atproto-did}, that the account controls it)
 *   named on another network's profile: a link to the domain's root, a
 *   {@code bsky.app/profile/DOMAIN} link, or a field whose text is the domain.</li>
 *   <li><b>handle</b>: the same handle on two networks, compared case-folded, without a
 *   leading {@code @}, a Mastodon {@code user@instance} by its user part, a Bluesky
 *   {@code name.bsky.social} by {@code name}; a Reddit account's id is its handle. Different
 *   people hold one handle, so a handle is suggested only when it is at least
 *   {@link #MIN_HANDLE_LENGTH_DEFAULT} characters long and each of the two networks has exactly
 *   one account with it; otherwise it is {@linkplain Found#leftOut() left out} as too common.</li>
 * </ol>
 * Evidence is per pair of accounts; a pair with several pieces is one suggestion under its
 * strongest, with every reason. A pair is never suggested when both accounts are on one network
 * (a person holds one account per network), or when it would give a person a second account on
 * a network, or join two persons (suggestions never merge persons): such pairs are left out with
 * the reason. Pairs already linked to one person are counted, not suggested.
 *
 * <p>Suggestions come ordered by evidence (strongest first), then by how many pieces of evidence
 * they have, then by account. Each has a stable id — {@code s-} and 12 hex digits of the SHA-256
 * of the two account keys — so an id listed by one run confirms in the next while the evidence
 * holds. Cost: {@code O(p + l)} time and memory for {@code p} profiles and {@code l} links.
 */
public final class LinkSuggestions {

    /** Shortest handle suggested on its own: shorter ones ({@code bob}, {@code jo}) are too common. */
    public static final int MIN_HANDLE_LENGTH_DEFAULT = 4;

    /** Networks whose account ids are their handles (Reddit dumps carry only the author name). */
    public static final Set<String> NAMED_BY_ID = Set.of(ProfileUrls.REDDIT);

    private static final String HANDLE_CAUTION = "weakest evidence: different people often hold one handle, "
            + "compare the two profiles before confirming";

    private final int minHandleLength;

    /**
     * @param minHandleLength shortest normalised handle that same-handle evidence is taken from
     */
    public LinkSuggestions(int minHandleLength) {
        if (minHandleLength < 1) {
            throw new IllegalArgumentException("minimum handle length must be at least 1: " + minHandleLength);
        }
        this.minHandleLength = minHandleLength;
    }

    /** Suggestions with the default minimum handle length. */
    public static LinkSuggestions defaults() {
        return new LinkSuggestions(MIN_HANDLE_LENGTH_DEFAULT);
    }

    /** Evidence that was found but not suggested, and why. */
    public record LeftOut(LinkEvidence evidence, List<AccountKey> accounts, String why) {
        public LeftOut {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * What {@link #suggest} found.
     *
     * @param suggestions   the suggestions, strongest first
     * @param leftOut       evidence not suggested, with why
     * @param alreadyLinked pairs with evidence whose accounts are linked to one person already
     */
    public record Found(List<LinkSuggestion> suggestions, List<LeftOut> leftOut, int alreadyLinked) {
        public Found {
            suggestions = List.copyOf(suggestions);
            leftOut = List.copyOf(leftOut);
        }

        /** The suggestion with this id, if there is one. */
        public Optional<LinkSuggestion> byId(String id) {
            return suggestions.stream().filter(s -> s.id().equals(id)).findFirst();
        }
    }

    /**
     * Suggests links among {@code profiles} — each account's handle and the links its profile
     * carries ({@link AccountProfile#links()}, null read as none) — given the links there are.
     * An account given twice is read from its last profile.
     */
    public Found suggest(Collection<AccountProfile> profiles, People people) {
        return new Worker(profiles, people).run();
    }

    /** A pair of accounts in key order. */
    private record Pair(AccountKey first, AccountKey second) {
        static Pair of(AccountKey a, AccountKey b) {
            return a.compareTo(b) <= 0 ? new Pair(a, b) : new Pair(b, a);
        }
    }

    /** One piece of evidence: the account whose profile holds it, the one it names, and why. */
    private record Piece(LinkEvidence evidence, AccountKey holder, AccountKey named, String reason) {
    }

    /** One run of {@link #suggest}: the indexes of the profiles, then the evidence. */
    private final class Worker {
        private final People people;
        private final Map<AccountKey, AccountProfile> profiles = new LinkedHashMap<>();
        /** network → normalised handle → accounts. */
        private final Map<String, Map<String, List<AccountKey>>> byHandle = new HashMap<>();
        /** Lower-cased Mastodon ids and profile pages → accounts. */
        private final Map<String, List<AccountKey>> mastodon = new HashMap<>();
        private final Map<Pair, List<Piece>> evidence = new LinkedHashMap<>();
        private final List<LeftOut> leftOut = new ArrayList<>();

        Worker(Collection<AccountProfile> input, People people) {
            this.people = people;
            input.forEach(p -> profiles.put(p.account(), p));
            for (AccountProfile p : profiles.values()) {
                AccountKey a = p.account();
                String handle = ProfileUrls.normalHandle(a.network(), handleOf(p));
                if (handle != null) {
                    byHandle.computeIfAbsent(a.network(), n -> new HashMap<>())
                            .computeIfAbsent(handle, h -> new ArrayList<>(1)).add(a);
                }
                if (a.network().equals(ProfileUrls.MASTODON)) {
                    index(mastodon, a.id().toLowerCase(Locale.ROOT), a);
                    for (ProfileLink link : links(p)) {
                        if (link.field().equals(ProfileLink.PROFILE)) {
                            index(mastodon, link.url().toLowerCase(Locale.ROOT), a);
                        }
                    }
                }
            }
        }

        Found run() {
            relMe();
            domains();
            handles();
            return suggestions();
        }

        /** rel-me: verified links to another network's profile. */
        private void relMe() {
            for (AccountProfile p : profiles.values()) {
                for (ProfileLink link : links(p)) {
                    if (!link.verified()) {
                        continue;
                    }
                    ProfileUrls.Pointer to = ProfileUrls.pointer(link.url());
                    List<AccountKey> named = to == null ? List.of() : resolve(to, link.url());
                    named = named.stream().filter(a -> !a.equals(p.account())).toList();
                    if (named.size() > 1) {
                        leftOut.add(new LeftOut(LinkEvidence.REL_ME, withHolder(p.account(), named), describe(p.account())
                                + "'s verified link " + link.url() + " names " + named.size() + " accounts"
                                + " with that handle: not suggested"));
                    } else if (named.size() == 1) {
                        add(new Piece(LinkEvidence.REL_ME, p.account(), named.get(0), describe(p.account())
                                + "'s profile " + fieldName(link) + " links to " + link.url() + ", the profile of "
                                + describe(named.get(0)) + ", and " + networkName(p.account()) + " verified the link"
                                + " (that profile links back with rel=\"me\"): strongest evidence"));
                    }
                }
            }
        }

        /** domain: Bluesky domain handles named on other networks' profiles. */
        private void domains() {
            Map<String, List<AccountKey>> domains = new HashMap<>();
            for (AccountProfile p : profiles.values()) {
                String domain = p.account().network().equals(ProfileUrls.BLUESKY)
                        ? ProfileUrls.domainHandle(p.handle()) : null;
                if (domain != null) {
                    index(domains, domain, p.account());
                }
            }
            if (domains.isEmpty()) {
                return;
            }
            for (AccountProfile p : profiles.values()) {
                if (p.account().network().equals(ProfileUrls.BLUESKY)) {
                    continue;
                }
                for (ProfileLink link : links(p)) {
                    String domain = ProfileUrls.domainNamed(link.url());
                    List<AccountKey> named = domain == null ? List.of() : domains.getOrDefault(domain, List.of());
                    if (named.size() > 1) {
                        leftOut.add(new LeftOut(LinkEvidence.DOMAIN, withHolder(p.account(), named), "the domain "
                                + domain + " named on " + describe(p.account()) + "'s profile is the handle of "
                                + named.size() + " Bluesky accounts (a handle that moved): not suggested"));
                    } else if (named.size() == 1) {
                        add(new Piece(LinkEvidence.DOMAIN, p.account(), named.get(0), describe(p.account())
                                + "'s profile " + fieldName(link) + " names " + link.url() + ", and " + domain
                                + " is the Bluesky handle of " + named.get(0) + ", a domain Bluesky checked that"
                                + " account controls: strong evidence"));
                    }
                }
            }
        }

        /** handle: the same handle on several networks. */
        private void handles() {
            Map<String, Map<String, List<AccountKey>>> networksByHandle = new HashMap<>();
            byHandle.forEach((network, handles) -> handles.forEach((handle, accounts) ->
                    networksByHandle.computeIfAbsent(handle, h -> new TreeMap<>()).put(network, accounts)));
            List<String> shared = networksByHandle.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey).sorted().toList();
            for (String handle : shared) {
                Map<String, List<AccountKey>> networks = networksByHandle.get(handle);
                List<AccountKey> all = networks.values().stream().flatMap(List::stream).sorted().toList();
                if (handle.length() < minHandleLength) {
                    leftOut.add(new LeftOut(LinkEvidence.HANDLE, all, "the handle '" + handle + "' on "
                            + String.join(", ", networks.keySet()) + " is shorter than " + minHandleLength
                            + " characters: too common to suggest"));
                    continue;
                }
                List<String> crowded = networks.entrySet().stream().filter(n -> n.getValue().size() > 1)
                        .map(n -> n.getValue().size() + " accounts on " + n.getKey()).toList();
                if (!crowded.isEmpty()) {
                    leftOut.add(new LeftOut(LinkEvidence.HANDLE, all, "the handle '" + handle + "' is held by "
                            + String.join(", ", crowded) + ": too common to tell which, not suggested"));
                    continue;
                }
                List<AccountKey> one = networks.values().stream().map(l -> l.get(0)).toList();
                for (int i = 0; i < one.size(); i++) {
                    for (int j = i + 1; j < one.size(); j++) {
                        AccountKey a = one.get(i);
                        AccountKey b = one.get(j);
                        add(new Piece(LinkEvidence.HANDLE, a, b, "the same handle '" + handle + "' on "
                                + describe(a) + " and " + describe(b) + ", the only account with it on each network; "
                                + HANDLE_CAUTION));
                    }
                }
            }
        }

        private void add(Piece piece) {
            evidence.computeIfAbsent(Pair.of(piece.holder(), piece.named()), k -> new ArrayList<>(1)).add(piece);
        }

        /** Filters the pairs against the links there are, then orders them and names their persons. */
        private Found suggestions() {
            record Candidate(Pair pair, List<Piece> pieces, String person) {
            }
            List<Candidate> candidates = new ArrayList<>();
            int alreadyLinked = 0;
            for (Map.Entry<Pair, List<Piece>> e : evidence.entrySet()) {
                List<Piece> pieces = e.getValue();
                pieces.sort(Comparator.comparing(Piece::evidence).thenComparing(Piece::reason));
                Piece best = pieces.get(0);
                AccountKey a = e.getKey().first();
                AccountKey b = e.getKey().second();
                List<AccountKey> both = List.of(a, b);
                if (a.network().equals(b.network())) {
                    leftOut.add(new LeftOut(best.evidence(), both, best.reason() + "; but both accounts are on "
                            + a.network() + ", and a person holds one account per network: not suggested"));
                    continue;
                }
                String pa = people.personOf(a).orElse(null);
                String pb = people.personOf(b).orElse(null);
                if (pa != null && pa.equals(pb)) {
                    alreadyLinked++;
                    continue;
                }
                if (pa != null && pb != null) {
                    leftOut.add(new LeftOut(best.evidence(), both, best.reason() + "; but " + a + " is linked to person '"
                            + pa + "' and " + b + " to '" + pb + "', and a suggestion never merges persons"));
                    continue;
                }
                String person = pa != null ? pa : pb;
                if (person != null) {
                    AccountKey joining = pa != null ? b : a;
                    Optional<AccountKey> rival = people.accounts(person).stream()
                            .filter(x -> x.network().equals(joining.network())).findFirst();
                    if (rival.isPresent()) {
                        leftOut.add(new LeftOut(best.evidence(), both, best.reason() + "; but person '" + person
                                + "' has " + rival.get() + " already, and a person holds one account per network"));
                        continue;
                    }
                }
                candidates.add(new Candidate(e.getKey(), pieces, person));
            }
            candidates.sort(Comparator.<Candidate, LinkEvidence>comparing(c -> c.pieces().get(0).evidence())
                    .thenComparing(c -> -c.pieces().size())
                    .thenComparing(c -> c.pair().first())
                    .thenComparing(c -> c.pair().second()));
            // Suggestions that share accounts propose one person, so that confirming any of them
            // gives the same: the person of the group's linked accounts when there is one, else a
            // new one named after the group's strongest suggestion.
            Map<AccountKey, AccountKey> parent = new HashMap<>();
            for (Candidate c : candidates) {
                parent.put(root(parent, c.pair().first()), root(parent, c.pair().second()));
            }
            Map<AccountKey, Set<String>> personsOf = new HashMap<>();
            for (Candidate c : candidates) {
                if (c.person() != null) {
                    personsOf.computeIfAbsent(root(parent, c.pair().first()), r -> new HashSet<>()).add(c.person());
                }
            }
            Set<String> taken = new HashSet<>(people.persons());
            Map<AccountKey, String> proposed = new HashMap<>();
            List<LinkSuggestion> suggestions = new ArrayList<>(candidates.size());
            for (Candidate c : candidates) {
                Piece best = c.pieces().get(0);
                AccountKey group = root(parent, c.pair().first());
                String person = c.person() != null ? c.person() : proposed.computeIfAbsent(group, g -> {
                    Set<String> persons = personsOf.getOrDefault(g, Set.of());
                    return persons.size() == 1 ? persons.iterator().next() : newPerson(best, taken);
                });
                suggestions.add(new LinkSuggestion(id(c.pair()), best.holder(), best.named(), person, best.evidence(),
                        c.pieces().stream().map(Piece::reason).toList()));
            }
            return new Found(suggestions, leftOut, alreadyLinked);
        }

        /** A new person's id: the holder's handle (else the other's, else the holder's id), made unique. */
        private String newPerson(Piece piece, Set<String> taken) {
            String base = ProfileUrls.normalHandle(piece.holder().network(), handleOf(profiles.get(piece.holder())));
            if (base == null) {
                base = ProfileUrls.normalHandle(piece.named().network(), handleOf(profiles.get(piece.named())));
            }
            if (base == null) {
                base = piece.holder().id();
            }
            String person = base;
            for (int n = 2; !taken.add(person); n++) {
                person = base + "-" + n;
            }
            return person;
        }

        /** The accounts a pointer names among the profiles. */
        private List<AccountKey> resolve(ProfileUrls.Pointer to, String url) {
            if (to.network().equals(ProfileUrls.MASTODON)) {
                List<AccountKey> page = mastodon.get(url.strip().toLowerCase(Locale.ROOT));
                return page != null ? page : mastodon.getOrDefault(to.name().toLowerCase(Locale.ROOT), List.of());
            }
            if (to.byId()) {
                AccountKey key = new AccountKey(to.network(), to.name());
                return profiles.containsKey(key) ? List.of(key) : List.of();
            }
            String handle = ProfileUrls.normalHandle(to.network(), to.name());
            return byHandle.getOrDefault(to.network(), Map.of()).getOrDefault(handle, List.of());
        }

        private String describe(AccountKey a) {
            AccountProfile p = profiles.get(a);
            String handle = p == null ? null : p.handle();
            boolean inId = handle == null || a.id().equalsIgnoreCase(handle)
                    || a.id().regionMatches(true, 0, handle + "@", 0, handle.length() + 1);
            return inId ? a.toString() : a + " (@" + handle + ")";
        }
    }

    /** The representative of an account's group of suggestions (union-find, paths halved). */
    private static AccountKey root(Map<AccountKey, AccountKey> parent, AccountKey a) {
        AccountKey x = a;
        for (AccountKey p = parent.get(x); p != null && !p.equals(x); p = parent.get(x)) {
            AccountKey grand = parent.get(p);
            if (grand != null) {
                parent.put(x, grand);
            }
            x = p;
        }
        return x;
    }

    /** The handle an account is known by: its profile's, or on {@link #NAMED_BY_ID} networks its id. */
    static String handleOf(AccountProfile p) {
        if (p == null) {
            return null;
        }
        if (p.handle() != null) {
            return p.handle();
        }
        return NAMED_BY_ID.contains(p.account().network()) ? p.account().id() : null;
    }

    private static List<ProfileLink> links(AccountProfile p) {
        return p.links() == null ? List.of() : p.links();
    }

    private static void index(Map<String, List<AccountKey>> map, String key, AccountKey account) {
        List<AccountKey> accounts = map.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!accounts.contains(account)) {
            accounts.add(account);
        }
    }

    private static List<AccountKey> withHolder(AccountKey holder, List<AccountKey> named) {
        List<AccountKey> all = new ArrayList<>(named.size() + 1);
        all.add(holder);
        all.addAll(named);
        return all;
    }

    private static String fieldName(ProfileLink link) {
        return link.field().startsWith(ProfileLink.FIELD_PREFIX)
                ? "field '" + link.field().substring(ProfileLink.FIELD_PREFIX.length()) + "'" : link.field();
    }

    private static String networkName(AccountKey a) {
        return a.network().equals(ProfileUrls.MASTODON) ? "its Mastodon server" : "its network";
    }

    /** {@code s-} and the first 12 hex digits of the SHA-256 of the pair's keys. */
    private static String id(Pair pair) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((pair.first() + " " + pair.second()).getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("s-");
            for (int i = 0; i < 6; i++) {
                id.append(String.format("%02x", hash[i]));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A link that confirming a suggestion makes. */
    public record NewLink(String person, AccountKey account, String linkedBy) {
    }

    /**
     * What confirming suggestions would do.
     *
     * @param links    the links to store, in order; store them only when there are no problems
     * @param problems why an id cannot be confirmed, one sentence each
     */
    public record Confirmation(List<NewLink> links, List<String> problems) {
        public Confirmation {
            links = List.copyOf(links);
            problems = List.copyOf(problems);
        }
    }

    /**
     * The links that confirming the suggestions {@code ids} of {@code found}, in order, makes on
     * top of {@code people}: each suggestion's accounts join the person one of them is linked to
     * (counting the suggestions confirmed before it in the list), else the suggestion's new
     * person. An id that is not among the suggestions, or whose accounts an earlier id of the
     * list linked to different persons, or to a person with another account on the network, is a
     * problem; an id repeated, or whose accounts an earlier id already linked together, adds nothing.
     */
    public static Confirmation confirm(Found found, List<String> ids, People people) {
        Map<AccountKey, String> personOf = new HashMap<>();
        Map<String, Map<String, AccountKey>> accountOn = new HashMap<>();
        for (String person : people.persons()) {
            for (AccountKey a : people.accounts(person)) {
                personOf.put(a, person);
                accountOn.computeIfAbsent(person, p -> new HashMap<>()).putIfAbsent(a.network(), a);
            }
        }
        List<NewLink> links = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            Optional<LinkSuggestion> s = found.byId(id);
            if (s.isEmpty()) {
                problems.add("no suggestion " + id + " (confirmed already, or its evidence is gone: "
                        + "list the current ones again)");
                continue;
            }
            LinkSuggestion suggestion = s.get();
            String pa = personOf.get(suggestion.account());
            String pb = personOf.get(suggestion.other());
            if (pa != null && pa.equals(pb)) {
                continue;
            }
            if (pa != null && pb != null) {
                problems.add(id + ": " + suggestion.account() + " is linked to person '" + pa + "' and "
                        + suggestion.other() + " to '" + pb + "' (by an earlier id of the list)");
                continue;
            }
            String person = pa != null ? pa : pb != null ? pb : suggestion.person();
            AccountKey joining = pa != null ? suggestion.other() : pb != null ? suggestion.account() : null;
            if (joining != null) {
                AccountKey rival = accountOn.getOrDefault(person, Map.of()).get(joining.network());
                if (rival != null) {
                    problems.add(id + ": person '" + person + "' has " + rival + " already (linked by an earlier id"
                            + " of the list), and a person holds one account per network");
                    continue;
                }
            }
            for (AccountKey a : suggestion.accounts()) {
                if (personOf.putIfAbsent(a, person) == null) {
                    accountOn.computeIfAbsent(person, p -> new HashMap<>()).put(a.network(), a);
                    links.add(new NewLink(person, a, suggestion.linkedBy()));
                }
            }
        }
        return new Confirmation(links, problems);
    }
}
