package dev.renown.server;

import dev.renown.core.event.AccountIndex;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.find.CampaignSearch;
import dev.renown.core.find.Candidate;
import dev.renown.core.find.FindQuery;
import dev.renown.core.find.FindResult;
import dev.renown.core.people.PersonScores;
import dev.renown.core.score.AccountScore;
import dev.renown.core.score.Explanation;
import dev.renown.core.score.Influence;
import dev.renown.core.score.Integrity;
import dev.renown.core.score.Moments;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.SignalKind;
import dev.renown.sources.Reject;
import dev.renown.store.AccountRecord;
import dev.renown.store.RunRecord;
import dev.renown.store.Snapshot;
import dev.renown.store.TopicDay;
import dev.renown.store.TopicScore;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JSON API's handlers. Each one reads parameters, asks the {@link ScoreService} or its current
 * {@link ScoreView}, and writes a map; validation failures become {@link ApiException}s. No handler
 * builds SQL: the store binds every parameter.
 */
final class Api {

    static final int LIMIT_DEFAULT = 20;
    static final int LIMIT_MAX = 100;
    /** Longest account id accepted in a path. */
    static final int ID_MAX = 512;
    /** Longest network name accepted. */
    static final int NETWORK_MAX = 64;
    /** How long {@code POST} and {@code DELETE /scores/recompute} wait for the recompute unless told (seconds). */
    static final int RECOMPUTE_WAIT_DEFAULT = 10;
    /** The longest wait a client may ask for (seconds). */
    static final int RECOMPUTE_WAIT_MAX = 60;
    private static final int HISTORY_DAYS_DEFAULT = 90;
    private static final int INTEGRITY_GROUPS_DEFAULT = 10;

    /** Which rows of the leaderboard the {@code flagged} parameter keeps. */
    private enum FlaggedFilter {
        /** All accounts, flagged or not (the default). */
        SHOW,
        /** Only the accounts the integrity defences did not flag. */
        HIDE,
        /** Only the flagged accounts. */
        ONLY;

        boolean keeps(boolean flagged) {
            return this == SHOW || flagged == (this == ONLY);
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ScoreService service;
    private final Json json;

    Api(ScoreService service, Json json) {
        this.service = service;
        this.json = json;
    }

    // --- overview -------------------------------------------------------------------------------

    /**
     * What is served — the day, how many accounts per network, the topics and how scores are made —
     * beside what is stored: reads serve the scores of the last recompute, so interactions ingested
     * since are counted here but scored only once a recompute writes their days.
     */
    void overview(Context ctx) {
        ScoreView view = service.view();
        ScoreService.Stored stored = service.stored();
        long since = Math.max(0, stored.interactions() - service.storedAtRefresh());
        boolean current = since == 0 && (stored.last() == null || (view.day() != null
                && stored.last().toEpochMilli() <= dev.renown.store.Backfill.endOfDay(view.day())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", view.day() == null ? null : view.day().toString());
        m.put("accounts_scored", view.isEmpty() ? 0 : view.board().size());
        m.put("interactions_in_window", view.isEmpty() ? 0 : view.table().size());
        m.put("networks", view.networks());
        m.put("topics", List.copyOf(view.topics().keySet()));
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("interactions", stored.interactions());
        st.put("accounts", stored.accounts());
        st.put("first_interaction", stored.first() == null ? null : stored.first().toString());
        st.put("last_interaction", stored.last() == null ? null : stored.last().toString());
        st.put("counted_at", stored.countedAt().toString());
        m.put("stored", st);
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("as_of", view.day() == null ? null : view.day().toString());
        sc.put("accounts", view.isEmpty() ? 0 : view.board().size());
        sc.put("interactions_in_window", view.isEmpty() ? 0 : view.table().size());
        sc.put("built_at", service.refreshed() == null ? null : service.refreshed().toString());
        sc.put("interactions_stored_since", since);
        sc.put("up_to_date", current);
        sc.put("note", current ? "the scores cover every stored interaction"
                : "interactions stored after the scores were computed are not scored until POST "
                + RenownServer.API + "/scores/recompute (or renown backfill) writes their days");
        m.put("scored", sc);
        RecomputeJob last = service.recomputeStatus();
        m.put("last_recompute", last == null ? null : last.json());
        // The parameters the served scores were computed with: the day's calibration, or as configured.
        dev.renown.core.score.ScoringParameters p = view.isEmpty() ? service.parameters() : view.board().parameters();
        Map<String, Object> scoring = new LinkedHashMap<>();
        Map<String, Object> weights = new LinkedHashMap<>();
        Map<String, Object> halfLives = new LinkedHashMap<>();
        for (SignalKind k : SignalKind.values()) {
            weights.put(k.wireName(), p.signalWeight(k));
            halfLives.put(k.wireName(), p.halfLife(k).toMinutes() / 1440.0);
        }
        scoring.put("signal_weights", weights);
        scoring.put("window_days", p.window().toDays());
        scoring.put("half_life_days", p.halfLife().toMinutes() / 1440.0);
        scoring.put("half_lives_days", halfLives);
        scoring.put("reach_recent_share", p.recentShare());
        scoring.put("reach_recent_half_life_days", p.recentHalfLife().toMinutes() / 1440.0);
        scoring.put("defences", p.defences().describe());
        if (view.day() != null) {
            service.store().calibration(view.day()).ifPresent(c -> {
                Map<String, Object> cal = new LinkedHashMap<>();
                cal.put("day", c.day().toString());
                cal.put("fitted", c.fitted());
                cal.put("reason", c.reason());
                scoring.put("calibration", cal);
            });
        }
        m.put("scoring", scoring);
        json.write(ctx, 200, m);
    }

    // --- accounts ---------------------------------------------------------------------------------

    void account(Context ctx) {
        json.write(ctx, 200, accountJson(stored(ctx), service.view()));
    }

    void accountByHandle(Context ctx) {
        String handle = text(ctx, "handle", 200);
        if (handle == null || handle.isBlank()) {
            throw ApiException.badParameter("handle", "is required");
        }
        String h = handle.trim().startsWith("@") ? handle.trim().substring(1) : handle.trim();
        if (h.isEmpty()) {
            throw ApiException.badParameter("handle", "is required");
        }
        String network = networkParam(ctx);
        List<AccountRecord> found = new ArrayList<>();
        for (AccountKey k : service.store().findAccounts(h)) {
            Optional<AccountRecord> r = service.store().account(k);
            if (r.isPresent() && h.equalsIgnoreCase(r.get().handle()) && (network == null || network.equals(k.network()))) {
                found.add(r.get());
            }
        }
        if (found.isEmpty()) {
            throw ApiException.notFound("no account with handle @" + h);
        }
        List<Object> items = new ArrayList<>();
        found.forEach(r -> items.add(accountJson(r, service.view())));
        json.write(ctx, 200, Map.of("accounts", items));
    }

    private static Map<String, Object> accountJson(AccountRecord r, ScoreView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", r.account().network());
        m.put("id", r.account().id());
        m.put("handle", r.handle());
        m.put("display_name", r.displayName());
        m.put("followers", r.followers());
        m.put("following", r.following());
        m.put("posts", r.posts());
        m.put("scored", view.node(r.account()).isPresent());
        return m;
    }

    void score(Context ctx) {
        AccountKey key = key(ctx);
        ScoreView view = service.view();
        int v = scoredNode(view, key);
        AccountScore s = view.board().accountScore(v);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", ref(view, v));
        m.put("as_of", view.day().toString());
        m.put("score", s.score());
        m.put("rank", s.rank());
        m.put("percentile", s.percentile());
        m.put("accounts", view.board().size());
        m.put("flagged", view.isFlagged(v));
        m.put("points_lost", view.pointsLost(v));
        dev.renown.core.score.Style.Verdict style = dev.renown.core.score.Style.of(view.board(), v);
        m.put("style", style.label().wireName());
        m.put("style_reason", style.reason());
        m.put("person", service.persons().personOf().get(key));
        m.put("signals", signals(view.board(), s));
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("day", view.delta(key, s.score(), 0));
        delta.put("week", view.delta(key, s.score(), 1));
        delta.put("month", view.delta(key, s.score(), 2));
        m.put("delta", delta);
        json.write(ctx, 200, m);
    }

    private static Map<String, Object> signals(ScoreBoard board, AccountScore s) {
        Map<String, Object> signals = new LinkedHashMap<>();
        double[] weights = board.parameters().signalWeights();
        for (AccountScore.SignalScore p : s.signals()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("value", p.value());
            one.put("percentile", p.percentile());
            one.put("points", p.points());
            one.put("weight", weights[p.kind().ordinal()]);
            one.put("unit", p.kind().unit());
            signals.put(p.kind().wireName(), one);
        }
        return signals;
    }

    void history(Context ctx) {
        AccountRecord record = stored(ctx);
        AccountKey key = record.account();
        LocalDate[] range = historyRange(ctx);
        LocalDate from = range[0];
        LocalDate to = range[1];
        List<Snapshot> all = service.store().history(key, from.minusDays(30), to);
        Map<LocalDate, Snapshot> byDay = new HashMap<>();
        all.forEach(s -> byDay.put(s.day(), s));
        List<Object> days = new ArrayList<>();
        for (Snapshot s : all) {
            if (s.day().isBefore(from)) {
                continue;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("day", s.day().toString());
            d.put("score", s.score());
            d.put("rank", s.rank());
            d.put("percentile", s.percentile());
            Map<String, Object> delta = new LinkedHashMap<>();
            delta.put("day", change(s, byDay.get(s.day().minusDays(1))));
            delta.put("week", change(s, byDay.get(s.day().minusDays(7))));
            delta.put("month", change(s, byDay.get(s.day().minusDays(30))));
            d.put("delta", delta);
            d.put("signals", signalValues(s.reach(), s.amplification(), s.networkImpact(), s.conversation(),
                    s.outreach()));
            days.add(d);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", ref(record));
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("days", days);
        json.write(ctx, 200, m);
    }

    /**
     * The {@code from} and {@code to} days of a history request: by default the
     * {@value #HISTORY_DAYS_DEFAULT} days up to the served day; {@code from} not after {@code to},
     * at most ten years apart.
     */
    private LocalDate[] historyRange(Context ctx) {
        ScoreView view = service.view();
        LocalDate to = date(ctx, "to", view.day() != null ? view.day() : LocalDate.now());
        LocalDate from = date(ctx, "from", to.minusDays(HISTORY_DAYS_DEFAULT - 1));
        if (from.isAfter(to)) {
            throw ApiException.badParameter("from", "must not be after 'to' (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) > 3660) {
            throw ApiException.badParameter("from", "must be at most ten years before 'to'");
        }
        return new LocalDate[] {from, to};
    }

    /** A stored day's five signal values, as the history endpoints give them. */
    private static Map<String, Object> signalValues(double reach, double amplification, double networkImpact,
                                                    double conversation, double outreach) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("reach", reach);
        values.put("amplification", amplification);
        values.put("network_impact", networkImpact);
        values.put("conversation", conversation);
        values.put("outreach", outreach);
        return values;
    }

    private static Double change(Snapshot now, Snapshot before) {
        return before == null ? null : now.score() - before.score();
    }

    void explain(Context ctx) {
        AccountKey key = key(ctx);
        ScoreView view = service.view();
        int v = scoredNode(view, key);
        int limit = limit(ctx, 5, 50);
        Explanation x = view.board().explain(v, limit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", ref(view, v));
        m.put("as_of", view.day().toString());
        m.put("window_start", Instant.ofEpochMilli(x.windowStartMillis()).toString());
        m.put("score", x.score().score());
        m.put("rank", x.score().rank());
        m.put("accounts", x.scoredAccounts());
        dev.renown.core.score.Style.Verdict style = dev.renown.core.score.Style.of(view.board(), v);
        m.put("style", style.label().wireName());
        m.put("style_reason", style.reason());
        Map<String, Object> parts = signals(view.board(), x.score());
        for (Explanation.SignalEvidence ev : x.signals()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> one = (Map<String, Object>) parts.get(ev.kind().wireName());
            one.put("summary", ev.summary());
            List<Object> top = new ArrayList<>();
            for (Explanation.Contribution c : ev.top()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("account", ref(view, c.account()));
                t.put("label", c.label());
                t.put("amount", c.amount());
                t.put("interactions", kinds(c.interactions()));
                t.put("last", Instant.ofEpochMilli(c.lastMillis()).toString());
                top.add(t);
            }
            one.put("top", top);
        }
        m.put("signals", parts);
        List<Object> moments = new ArrayList<>();
        for (Moments.Moment mo : Moments.of(view.board(), v, limit)) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("post_id", mo.postId());
            t.put("start", Instant.ofEpochMilli(mo.startMillis()).toString());
            t.put("end", Instant.ofEpochMilli(mo.endMillis()).toString());
            t.put("engagers", mo.engagers());
            t.put("interactions", kinds(mo.interactions()));
            moments.add(t);
        }
        m.put("moments", moments);
        json.write(ctx, 200, m);
    }

    void influence(Context ctx) {
        AccountKey key = key(ctx);
        ScoreView view = service.view();
        int v = scoredNode(view, key);
        Influence.Links links = Influence.of(view.board(), v, limit(ctx, 10, LIMIT_MAX));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", ref(view, v));
        m.put("as_of", view.day().toString());
        m.put("influencers", links(view, links.influencers()));
        m.put("influencees", links(view, links.influencees()));
        json.write(ctx, 200, m);
    }

    /**
     * What the integrity defences found around the account: its engagers, how many count in full,
     * the discounted groups with their evidence (the {@code limit} with the largest discount), the
     * points they took and whether that is enough for a flag. Field names follow
     * {@code renown explain --json}.
     */
    void integrity(Context ctx) {
        AccountKey key = key(ctx);
        ScoreView view = service.view();
        int v = scoredNode(view, key);
        int limit = limit(ctx, INTEGRITY_GROUPS_DEFAULT, LIMIT_MAX);
        Integrity x = view.board().integrity(v, Integer.MAX_VALUE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", ref(view, v));
        m.put("as_of", view.day().toString());
        m.put("score", x.score());
        m.put("score_without_defences", x.undefended());
        m.put("points_lost", x.pointsLost());
        m.put("flagged", x.flagged());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("points_lost", Integrity.FLAG_POINTS);
        rule.put("discounted", Integrity.FLAG_ENGAGERS);
        m.put("flag_thresholds", rule);
        m.put("engagers", x.engagers());
        m.put("established", x.established());
        m.put("discounted", x.discounted());
        m.put("voices", x.voices());
        m.put("groups_total", x.groups().size());
        List<Object> groups = new ArrayList<>();
        for (Integrity.Group g : x.groups().subList(0, Math.min(limit, x.groups().size()))) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kind", g.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            one.put("members", g.members());
            one.put("arrived", Instant.ofEpochMilli(g.arrivalMillis()).toString());
            one.put("vouched", g.vouched());
            one.put("counts_as", g.credit());
            one.put("why", g.why());
            List<Object> sample = new ArrayList<>();
            for (AccountKey k : g.sample()) {
                sample.add(ref(view, k));
            }
            one.put("sample", sample);
            groups.add(one);
        }
        m.put("groups", groups);
        json.write(ctx, 200, m);
    }

    private static List<Object> links(ScoreView view, List<Influence.Link> links) {
        List<Object> out = new ArrayList<>();
        for (Influence.Link l : links) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("account", ref(view, l.node()));
            t.put("score", view.board().score(l.node()));
            t.put("strength", l.strength());
            t.put("interactions", kinds(l.interactions()));
            t.put("last", Instant.ofEpochMilli(l.lastMillis()).toString());
            out.add(t);
        }
        return out;
    }

    void topics(Context ctx) {
        AccountRecord record = stored(ctx);
        AccountKey key = record.account();
        ScoreView view = service.view();
        List<Object> topics = new ArrayList<>();
        FindIndex index = service.finder();
        OptionalInt accountIndex = view.isEmpty() ? OptionalInt.empty() : view.table().accounts().find(key);
        if (view.day() != null) {
            for (TopicScore t : service.store().topicScores(key, view.day())) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("topic", t.topic());
                one.put("score", t.score());
                one.put("rank", t.rank());
                OptionalInt engagers = accountIndex.isPresent() && index.day() != null && index.day().equals(view.day())
                        ? index.engagers(t.topic(), accountIndex.getAsInt()) : OptionalInt.empty();
                one.put("engagers", engagers.isPresent() ? engagers.getAsInt() : null);
                topics.add(one);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", ref(record));
        m.put("as_of", view.day() == null ? null : view.day().toString());
        m.put("topics", topics);
        json.write(ctx, 200, m);
    }

    // --- lists ------------------------------------------------------------------------------------

    void leaderboard(Context ctx) {
        ScoreView view = service.view();
        int limit = limit(ctx, LIMIT_DEFAULT, LIMIT_MAX);
        String network = networkParam(ctx);
        if (network != null && !view.networks().containsKey(network)) {
            throw ApiException.badParameter("network", "names no network scored on " + view.day()
                    + "; networks: " + view.networks().keySet());
        }
        String topic = text(ctx, "topic", 200);
        FlaggedFilter flagged = flaggedFilter(ctx);
        int offset = cursor(ctx, view);
        List<Object> items = new ArrayList<>(); // one row beyond the page, to know whether more follow
        if (topic != null) {
            String name = topic.startsWith("#") ? topic.substring(1) : topic;
            List<TopicScore> leaders = view.topics().get(name.toLowerCase(Locale.ROOT));
            if (leaders == null) {
                throw ApiException.badParameter("topic", "names no topic scored on " + view.day()
                        + "; topics: " + view.topics().keySet());
            }
            int seen = 0;
            for (TopicScore t : leaders) {
                if (network != null && !network.equals(t.account().network())) {
                    continue;
                }
                OptionalInt v = view.node(t.account());
                boolean isFlagged = v.isPresent() && view.isFlagged(v.getAsInt());
                if (!flagged.keeps(isFlagged) || seen++ < offset) {
                    continue;
                }
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("rank", t.rank());
                one.put("account", ref(view, t.account()));
                one.put("score", t.score());
                one.put("flagged", isFlagged);
                items.add(one);
                if (items.size() > limit) {
                    break;
                }
            }
        } else if (!view.isEmpty()) {
            ScoreBoard board = view.board();
            int seen = 0;
            for (int i = 0; i < board.size(); i++) {
                int v = board.nodeAt(i);
                if (network != null && !network.equals(board.table().accounts().network(board.graph().account(v)))) {
                    continue;
                }
                if (!flagged.keeps(view.isFlagged(v)) || seen++ < offset) {
                    continue;
                }
                items.add(row(view, v));
                if (items.size() > limit) {
                    break;
                }
            }
        }
        boolean more = items.size() > limit;
        if (more) {
            items.remove(limit);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", view.day() == null ? null : view.day().toString());
        m.put("network", network);
        m.put("topic", topic);
        m.put("flagged", flagged.wireName());
        m.put("items", items);
        m.put("next_cursor", more ? encodeCursor(view, offset + limit) : null);
        json.write(ctx, 200, m);
    }

    private static Map<String, Object> row(ScoreView view, int v) {
        ScoreBoard board = view.board();
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("rank", board.rank(v));
        one.put("account", ref(view, v));
        one.put("score", board.score(v));
        one.put("flagged", view.isFlagged(v));
        one.put("style", dev.renown.core.score.Style.of(view.board(), v).label().wireName());
        Map<String, Object> points = new LinkedHashMap<>();
        for (SignalKind k : SignalKind.values()) {
            points.put(k.wireName(), board.points(k, v));
        }
        one.put("points", points);
        return one;
    }

    /**
     * The best scored accounts whose handle, name or id starts with {@code q}: every match is
     * considered, the {@code limit} best returned, equal scores in leaderboard order.
     */
    void search(Context ctx) {
        String q = text(ctx, "q", 100);
        if (q == null || q.isBlank()) {
            throw ApiException.badParameter("q", "is required");
        }
        String prefix = q.trim().startsWith("@") ? q.trim().substring(1) : q.trim();
        if (prefix.isEmpty()) {
            throw ApiException.badParameter("q", "needs at least one character besides '@'");
        }
        ScoreView view = service.view();
        int limit = limit(ctx, 10, LIMIT_MAX);
        List<Object> items = new ArrayList<>();
        if (!view.isEmpty()) {
            for (int v : view.search().find(prefix, limit)) {
                items.add(row(view, v));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("q", q);
        m.put("items", items);
        json.write(ctx, 200, m);
    }

    // --- campaign search and topics ---------------------------------------------------------------

    /** The columns of the shortlist as CSV: those of {@code renown find --csv}. */
    static final String FIND_CSV_HEADER = "position,account,label,topic,score,rank,topic_engagers,topic_interactions,"
            + "topic_posts,overall_score,audience,audience_source,audience_band,conversation_rate,integrity,"
            + "shared_engagers,overlap";
    /** Most seed accounts one search takes. */
    static final int SEEDS_MAX = 50;
    /** Longest seed account accepted ({@code network:id}). */
    static final int SEED_MAX = NETWORK_MAX + 1 + ID_MAX;

    /**
     * Campaign search on the served day ({@link CampaignSearch}): the filters of {@code renown find},
     * each result with why it matched and each filter's exclusions; JSON, or CSV with the CLI's
     * columns when {@code format=csv} or the client accepts {@code text/csv} only.
     */
    void find(Context ctx) {
        FindIndex index = service.finder();
        boolean csv = csvWanted(ctx);
        String topicText = text(ctx, "topic", 200);
        String topic = topicText == null || topicText.isBlank() ? null : topicName(topicText);
        String network = networkParam(ctx);
        double minScore = number(ctx, "min_score", 0, 100);
        long[] band = audience(ctx);
        double minConversation = number(ctx, "min_conversation", 0, 1);
        boolean excludeFlagged = bool(ctx, "exclude_flagged");
        List<String> seeds = seeds(ctx);
        double minOverlap = number(ctx, "min_overlap", 0, 1);
        if (minOverlap > 0 && seeds.isEmpty()) {
            throw ApiException.badParameter("min_overlap", "needs similar_to (the seed accounts)");
        }
        int limit = limit(ctx, LIMIT_DEFAULT, LIMIT_MAX);
        FindResult result;
        if (index.isEmpty()) {
            result = new FindResult(topic, false, 0, 0, Map.of(), List.of());
        } else {
            CampaignSearch search = index.search();
            if (topic != null && search.dataHasTopics() && !indexed(search, topic)) {
                throw ApiException.badParameter("topic", "names no topic scored on " + index.day()
                        + " (topics need " + dev.renown.core.score.TopicScoring.MIN_INTERACTIONS_DEFAULT
                        + " interactions); topics: " + search.topics());
            }
            List<String> networks = search.overall().table().accounts().networks();
            if (network != null && !networks.contains(network)) {
                throw ApiException.badParameter("network", "names no network scored on " + index.day()
                        + "; networks: " + networks);
            }
            for (String seed : seeds) {
                if (search.overall().node(seed).isEmpty()) {
                    throw ApiException.notFound("similar_to: account '" + seed + "' is not among the accounts scored on "
                            + index.day());
                }
            }
            FindQuery query = new FindQuery(topic, network, minScore, band[0], band[1], minConversation,
                    excludeFlagged, seeds, minOverlap, limit);
            result = search.find(query);
        }
        if (csv) {
            String name = "renown-find-" + (result.topic() == null ? "overall"
                    : result.topic().replaceAll("[^\\p{Alnum}_-]", "_")) + (index.day() == null ? "" : "-" + index.day());
            ctx.status(200).contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                    .result(findCsv(result));
            return;
        }
        ScoreView view = service.view();
        Map<String, Object> excluded = new LinkedHashMap<>();
        for (FindResult.Filter f : FindResult.Filter.values()) {
            excluded.put(f.name().toLowerCase(Locale.ROOT), result.excluded(f));
        }
        List<Object> items = new ArrayList<>();
        for (Candidate c : result.candidates()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("position", c.position());
            one.put("account", ref(view, c.account()));
            one.put("label", c.label());
            one.put("score", c.score());
            one.put("rank", c.rank());
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("engagers", c.topicEngagers());
            evidence.put("interactions", c.topicInteractions());
            evidence.put("posts", c.topicPosts());
            one.put("evidence", evidence);
            one.put("overall_score", c.overallScore());
            one.put("audience", c.audience());
            one.put("audience_source", c.audienceFollowers() ? "followers" : "engagers");
            one.put("audience_band", c.audienceBand());
            one.put("conversation_rate", c.conversationRate());
            one.put("integrity", c.flagged() ? "flagged" : "ok");
            one.put("shared_engagers", Double.isNaN(c.overlap()) ? null : c.sharedEngagers());
            one.put("overlap", Double.isNaN(c.overlap()) ? null : c.overlap());
            items.add(one);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", index.day() == null ? null : index.day().toString());
        m.put("topic", result.topic());
        m.put("fallback", result.fallback());
        m.put("ranked", result.ranked());
        m.put("examined", result.examined());
        m.put("min_engagers", index.isEmpty() ? CampaignSearch.MIN_ENGAGERS_DEFAULT : index.search().minEngagers());
        m.put("min_posts", index.isEmpty() ? CampaignSearch.MIN_POSTS_DEFAULT : index.search().minPosts());
        m.put("excluded", excluded);
        m.put("items", items);
        json.write(ctx, 200, m);
    }

    /** {@code format=csv}, or an Accept header that names text/csv and not JSON; {@code format=json} wins. */
    private static boolean csvWanted(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            if (!format.equals("json") && !format.equals("csv")) {
                throw ApiException.badParameter("format", "must be json or csv, not '" + clip(format) + "'");
            }
            return format.equals("csv");
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    }

    private static boolean indexed(CampaignSearch search, String topic) {
        for (String t : search.topics()) {
            if (t.toLowerCase(Locale.ROOT).equals(topic)) {
                return true;
            }
        }
        return false;
    }

    /** A topic as topics are stored: stripped, without a leading '#', lower case. */
    private static String topicName(String text) {
        String t = text.strip();
        return (t.startsWith("#") ? t.substring(1) : t).toLowerCase(Locale.ROOT);
    }

    /** An optional number query parameter in [min, max], 0 when absent. */
    private static double number(Context ctx, String name, double min, double max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return 0;
        }
        double x;
        try {
            x = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "must be a number in [" + fmt(min) + ", " + fmt(max) + "], not '"
                    + clip(text) + "'");
        }
        if (!(x >= min && x <= max)) {
            throw ApiException.badParameter(name, "must be in [" + fmt(min) + ", " + fmt(max) + "], not " + clip(text));
        }
        return x;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    private static boolean bool(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty() || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ApiException.badParameter(name, "must be true or false, not '" + clip(text) + "'");
    }

    /**
     * {@code audience=MIN-MAX}, either end optional, each a whole count with an optional k or M
     * suffix (as {@code renown find --audience}); absent, every audience.
     */
    private static long[] audience(Context ctx) {
        String text = text(ctx, "audience", 50);
        if (text == null || text.isBlank()) {
            return new long[] {0, Long.MAX_VALUE};
        }
        int dash = text.indexOf('-');
        if (dash < 0 || dash != text.lastIndexOf('-')) {
            throw ApiException.badParameter("audience", "must be MIN-MAX (e.g. 1000-50000, 10k-1M, 500-), not '"
                    + text + "'");
        }
        long min = text.substring(0, dash).isBlank() ? 0 : count(text.substring(0, dash), text);
        long max = text.substring(dash + 1).isBlank() ? Long.MAX_VALUE : count(text.substring(dash + 1), text);
        if (min > max) {
            throw ApiException.badParameter("audience", "has its minimum " + min + " above its maximum " + max);
        }
        return new long[] {min, max};
    }

    private static long count(String part, String text) {
        String p = part.strip();
        long unit = p.endsWith("k") || p.endsWith("K") ? 1000 : p.endsWith("m") || p.endsWith("M") ? 1_000_000 : 1;
        String digits = unit == 1 ? p : p.substring(0, p.length() - 1);
        try {
            double x = Double.parseDouble(digits) * unit;
            if (!digits.isEmpty() && Character.isDigit(digits.charAt(0)) && x >= 0 && x == Math.rint(x) && x < 1e18) {
                return (long) x;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badParameter("audience", "'" + part + "' in '" + text + "' is not a whole count");
    }

    /** The repeated {@code similar_to} parameter: seed accounts as {@code network:id}, bare id or handle. */
    private static List<String> seeds(Context ctx) {
        List<String> seeds = new ArrayList<>();
        for (String s : ctx.queryParams("similar_to")) {
            if (s.isBlank()) {
                continue;
            }
            if (s.length() > SEED_MAX || hasControl(s)) {
                throw ApiException.badParameter("similar_to", "must be accounts (network:id) of at most " + SEED_MAX
                        + " characters, without control characters");
            }
            seeds.add(s.strip());
        }
        if (seeds.size() > SEEDS_MAX) {
            throw ApiException.badParameter("similar_to", "takes at most " + SEEDS_MAX + " accounts, not " + seeds.size());
        }
        return seeds;
    }

    /** The shortlist as {@code renown find --csv} writes it: {@link #FIND_CSV_HEADER}, one row each, numbers unrounded. */
    static String findCsv(FindResult r) {
        StringBuilder w = new StringBuilder(FIND_CSV_HEADER).append('\n');
        for (Candidate c : r.candidates()) {
            w.append(String.join(",", String.valueOf(c.position()), csvQuote(c.account().toString()), csvQuote(c.label()),
                    csvQuote(c.topic() == null ? "" : c.topic()), String.valueOf(c.score()), String.valueOf(c.rank()),
                    String.valueOf(c.topicEngagers()), String.valueOf(c.topicInteractions()),
                    String.valueOf(c.topicPosts()), String.valueOf(c.overallScore()), String.valueOf(c.audience()),
                    c.audienceFollowers() ? "followers" : "engagers", csvQuote(c.audienceBand()),
                    String.valueOf(c.conversationRate()), c.flagged() ? "flagged" : "ok",
                    String.valueOf(c.sharedEngagers()), Double.isNaN(c.overlap()) ? "" : String.valueOf(c.overlap())));
            w.append('\n');
        }
        return w.toString();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
    static String csvQuote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * A topic's stored days: for each day it was scored on, its accounts and best score; 404 when no
     * stored day has it.
     */
    void topic(Context ctx) {
        String text = ctx.pathParam("topic");
        if (text.isBlank() || text.length() > 200 || hasControl(text) || text.indexOf('/') >= 0) {
            throw ApiException.badParameter("topic", "must be a topic (a hashtag, with or without '#') of at most "
                    + "200 characters, without control characters or '/'");
        }
        String topic = topicName(text);
        List<TopicDay> days = service.store().topicTrend(topic);
        if (days.isEmpty()) {
            throw ApiException.notFound("no stored day has scores on topic #" + topic);
        }
        FindIndex index = service.finder();
        ScoreView view = service.view();
        List<Object> series = new ArrayList<>();
        for (TopicDay d : days) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("day", d.day().toString());
            one.put("accounts", d.accounts());
            one.put("top_score", d.topScore());
            series.add(one);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", topic);
        m.put("as_of", view.day() == null ? null : view.day().toString());
        m.put("searchable", !index.isEmpty() && indexed(index.search(), topic));
        m.put("days", series);
        json.write(ctx, 200, m);
    }

    // --- writes -----------------------------------------------------------------------------------

    void postInteractions(Context ctx) throws Exception {
        byte[] body = ctx.bodyAsBytes();
        if (isBlank(body)) {
            throw ApiException.badParameter("body", "is empty: send NDJSON, one interaction per line");
        }
        String network = networkParam(ctx);
        ScoreService.IngestReport report = service.ingest(body, network);
        List<Object> rejects = new ArrayList<>();
        for (Reject r : report.rejects().examples()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("line", r.line());
            one.put("field", r.field());
            one.put("reason", r.reason());
            one.put("detail", r.detail());
            rejects.add(one);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", report.result().records());
        m.put("added", report.result().inserted());
        m.put("already_stored", report.result().duplicates() + report.result().skipped());
        m.put("rejected", report.rejects().total());
        m.put("rejects_by_reason", report.rejects().countsByReason());
        m.put("rejects", rejects);
        json.write(ctx, report.rejects().total() > 0 && report.result().records() == 0 ? 400 : 200, m);
    }

    /**
     * Starts a recompute and waits up to {@code wait} seconds for it: 200 with what it did when it
     * ended by then, 202 with its progress (and where to follow it) when not, 409 with the running
     * one's status when one is running already.
     */
    void recompute(Context ctx) throws InterruptedException {
        int wait = waitSeconds(ctx);
        Optional<RecomputeJob> started = service.startRecompute();
        if (started.isEmpty()) {
            RecomputeJob running = service.recomputeStatus();
            throw new ApiException(409, "recompute_running", "a recompute is running already (" + progress(running)
                    + "); follow it at GET " + RenownServer.API + "/scores/recompute or stop it with DELETE",
                    Map.of("recompute", running.json()));
        }
        RecomputeJob job = started.get();
        boolean ended = job.await(wait * 1000L);
        if (!ended) {
            ctx.header("Location", RenownServer.API + "/scores/recompute");
            json.write(ctx, 202, recomputeJson(job));
            return;
        }
        if (job.state() == RecomputeJob.State.FAILED) {
            throw new ApiException(503, "recompute_failed", job.json().get("message") + "",
                    Map.of("recompute", job.json()));
        }
        json.write(ctx, 200, recomputeJson(job));
    }

    /** The recompute running now, or the last one since the server started. */
    void recomputeStatus(Context ctx) {
        RecomputeJob job = service.recomputeStatus();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recompute", job == null ? null : job.json());
        json.write(ctx, 200, m);
    }

    /** Stops the running recompute after the day it is scoring, and waits for it a little. */
    void cancelRecompute(Context ctx) throws InterruptedException {
        int wait = waitSeconds(ctx);
        Optional<RecomputeJob> job = service.cancelRecompute("cancelled by DELETE " + RenownServer.API + "/scores/recompute");
        if (job.isEmpty()) {
            RecomputeJob last = service.recomputeStatus();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("recompute", last == null ? null : last.json());
            throw new ApiException(409, "not_running", "no recompute is running", fields);
        }
        job.get().await(wait * 1000L);
        json.write(ctx, 200, Map.of("recompute", job.get().json()));
    }

    /** The {@code wait} parameter: seconds, 0 to {@value #RECOMPUTE_WAIT_MAX}. */
    private static int waitSeconds(Context ctx) {
        String text = ctx.queryParam("wait");
        if (text == null) {
            return RECOMPUTE_WAIT_DEFAULT;
        }
        try {
            int wait = Integer.parseInt(text);
            if (wait >= 0 && wait <= RECOMPUTE_WAIT_MAX) {
                return wait;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badParameter("wait", "must be a whole number of seconds from 0 to " + RECOMPUTE_WAIT_MAX
                + ", not '" + text + "'");
    }

    private Map<String, Object> recomputeJson(RecomputeJob job) {
        ScoreView view = service.view();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("days_written", job.control.daysWritten());
        m.put("as_of", view.day() == null ? null : view.day().toString());
        m.put("accounts", view.isEmpty() ? 0 : view.board().size());
        m.put("recompute", job.json());
        return m;
    }

    private static String progress(RecomputeJob job) {
        LocalDate day = job.control.day();
        return "started " + job.started + ", day " + Math.min(job.control.done() + 1, job.daysTotal) + " of "
                + job.daysTotal + (day == null ? "" : " (" + day + ")");
    }

    // --- people ------------------------------------------------------------------------------------

    /** Longest person id. */
    static final int PERSON_MAX = 256;
    /** Most accounts one PUT may link to a person. */
    static final int PERSON_ACCOUNTS_MAX = 100;

    /** The person the path names: 1-256 characters, no control characters, no surrounding space. */
    private static String personId(Context ctx) {
        String id = ctx.pathParam("person");
        if (id.isBlank() || id.length() > PERSON_MAX || hasControl(id) || !id.strip().equals(id)) {
            throw ApiException.badParameter("person", "must be a person id of 1 to " + PERSON_MAX
                    + " characters, without control characters or surrounding spaces");
        }
        if (id.equals("suggestions")) {
            throw ApiException.badParameter("person", "'suggestions' names the suggestions, not a person");
        }
        return id;
    }

    /** {@code GET /people}: the persons of the served day, best first, a page at a time. */
    void people(Context ctx) {
        ScoreView view = service.view();
        PersonView persons = service.persons();
        int limit = limit(ctx, LIMIT_DEFAULT, LIMIT_MAX);
        int offset = cursor(ctx, view);
        List<PersonScores.PersonScore> ranked = persons.ranked().stream().filter(PersonScores.PersonScore::scored)
                .toList();
        List<Object> items = new ArrayList<>();
        for (int i = offset; i < Math.min(ranked.size(), offset + limit); i++) {
            PersonScores.PersonScore p = ranked.get(i);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("rank", p.rank());
            one.put("person", p.person());
            one.put("score", p.score());
            one.put("style", p.style(view.board()).label().wireName());
            one.put("networks", p.pointsByNetwork());
            List<Object> accounts = new ArrayList<>();
            p.accounts().forEach(a -> accounts.add(ref(view, a.account())));
            one.put("accounts", accounts);
            items.add(one);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", view.day() == null ? null : view.day().toString());
        m.put("persons", ranked.size());
        m.put("items", items);
        m.put("next_cursor", offset + limit < ranked.size() ? encodeCursor(view, offset + limit) : null);
        json.write(ctx, 200, m);
    }

    /**
     * {@code GET /people/{person}}: the person's combined score, its breakdown by signal and by
     * network, its style, what the defences found across its accounts, and each linked account
     * with its own score and who linked it when.
     */
    void person(Context ctx) {
        String id = personId(ctx);
        json.write(ctx, 200, personJson(id, service.view(), service.persons()));
    }

    private Map<String, Object> personJson(String id, ScoreView view, PersonView persons) {
        List<dev.renown.store.PersonLink> links = persons.links().get(id);
        if (links == null) {
            throw ApiException.notFound("no person '" + id + "' is linked: link accounts with PUT "
                    + RenownServer.API + "/people/{person} or renown people import");
        }
        Optional<PersonScores.PersonScore> scored = persons.person(id).filter(PersonScores.PersonScore::scored);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("person", id);
        m.put("as_of", view.day() == null ? null : view.day().toString());
        m.put("scored", scored.isPresent());
        m.put("score", scored.map(PersonScores.PersonScore::score).orElse(null));
        m.put("rank", scored.map(PersonScores.PersonScore::rank).orElse(null));
        m.put("persons", persons.ranked().stream().filter(PersonScores.PersonScore::scored).count());
        if (scored.isPresent()) {
            PersonScores.PersonScore p = scored.get();
            dev.renown.core.score.Style.Verdict style = p.style(view.board());
            m.put("style", style.label().wireName());
            m.put("style_reason", style.reason());
            Map<String, Object> signals = new LinkedHashMap<>();
            double[] weights = view.board().parameters().signalWeights();
            for (SignalKind k : SignalKind.values()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("value", p.value(k));
                one.put("points", p.points(k));
                one.put("weight", weights[k.ordinal()]);
                one.put("parties", p.parties().get(k));
                one.put("unit", k.unit());
                signals.put(k.wireName(), one);
            }
            m.put("signals", signals);
            m.put("points_by_network", p.pointsByNetwork());
            OptionalInt node = persons.result().node(id);
            Integrity integrity = node.isPresent() ? persons.result().board().integrity(node.getAsInt(), 5) : null;
            if (integrity != null) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("engagers", integrity.engagers());
                i.put("established", integrity.established());
                i.put("discounted", integrity.discounted());
                i.put("voices", integrity.voices());
                i.put("points_lost", integrity.undefended() - integrity.score());
                i.put("flagged", integrity.flagged());
                m.put("integrity", i);
            } else {
                m.put("integrity", null);
            }
        } else {
            m.put("style", null);
            m.put("style_reason", null);
            m.put("signals", null);
            m.put("points_by_network", null);
            m.put("integrity", null);
        }
        Map<AccountKey, PersonScores.LinkedAccount> own = new HashMap<>();
        scored.ifPresent(p -> p.accounts().forEach(a -> own.put(a.account(), a)));
        List<Object> accounts = new ArrayList<>();
        for (dev.renown.store.PersonLink l : links) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("account", ref(view, l.account()));
            OptionalInt v = view.node(l.account());
            one.put("scored", v.isPresent());
            one.put("score", v.isPresent() ? view.board().score(v.getAsInt()) : null);
            one.put("rank", v.isPresent() ? view.board().rank(v.getAsInt()) : null);
            one.put("style", v.isPresent() ? dev.renown.core.score.Style.of(view.board(), v.getAsInt()).label()
                    .wireName() : null);
            one.put("linked_by", l.linkedBy());
            one.put("linked_at", l.linkedAt().toString());
            accounts.add(one);
        }
        m.put("accounts", accounts);
        return m;
    }

    /**
     * {@code GET /people/suggestions}: links the stored profiles suggest, strongest first, none
     * applied ({@link dev.renown.core.people.LinkSuggestions}); confirm one with
     * {@code POST /people/suggestions/{id}/confirm}.
     */
    void suggestions(Context ctx) {
        ScoreView view = service.view();
        int limit = limit(ctx, LIMIT_DEFAULT, LIMIT_MAX);
        dev.renown.core.people.LinkSuggestions.Found found = service.suggestions();
        List<Object> items = new ArrayList<>();
        for (dev.renown.core.people.LinkSuggestion s : found.suggestions().subList(0,
                Math.min(limit, found.suggestions().size()))) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", s.id());
            one.put("evidence", s.evidence().code());
            List<Object> accounts = new ArrayList<>();
            s.accounts().forEach(a -> accounts.add(ref(view, a)));
            one.put("accounts", accounts);
            one.put("person", s.person());
            one.put("linked_by", s.linkedBy());
            one.put("reasons", s.reasons());
            items.add(one);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", found.suggestions().size());
        m.put("already_linked", found.alreadyLinked());
        m.put("not_suggested", found.leftOut().size());
        m.put("items", items);
        json.write(ctx, 200, m);
    }

    /**
     * {@code POST /people/suggestions/{id}/confirm}: stores the suggestion's links (its accounts
     * join its person, linked by {@code suggestion:<evidence>}); 404 when no suggestion has that id
     * now, or it can no longer be confirmed as it stands.
     */
    void confirmSuggestion(Context ctx) {
        String id = ctx.pathParam("suggestion");
        if (!id.matches("s-[0-9a-f]{1,64}")) {
            throw ApiException.badParameter("suggestion", "must be a suggestion id such as s-0123456789ab");
        }
        dev.renown.core.people.LinkSuggestions.Found found = service.suggestions();
        dev.renown.core.people.LinkSuggestion suggestion = found.suggestions().stream()
                .filter(s -> s.id().equals(id)).findFirst().orElse(null);
        if (suggestion == null) {
            throw ApiException.notFound("no suggestion " + id + " now: GET " + RenownServer.API
                    + "/people/suggestions lists them");
        }
        dev.renown.core.people.LinkSuggestions.Confirmation done = service.confirm(List.of(id));
        if (!done.problems().isEmpty()) {
            // The evidence changed since the list was made (another writer linked the accounts).
            throw ApiException.notFound("suggestion " + id + " cannot be confirmed now: "
                    + String.join("; ", done.problems()));
        }
        json.write(ctx, 200, personJson(suggestion.person(), service.view(), service.persons()));
    }

    /** {@code GET /people/{person}/history}: the person's stored daily scores. */
    void personHistory(Context ctx) {
        String id = personId(ctx);
        LocalDate[] range = historyRange(ctx);
        LocalDate from = range[0];
        LocalDate to = range[1];
        if (!service.persons().links().containsKey(id)) {
            throw ApiException.notFound("no person '" + id + "' is linked");
        }
        List<Object> days = new ArrayList<>();
        for (dev.renown.store.PersonSnapshot s : service.store().personHistory(id, from, to)) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("day", s.day().toString());
            one.put("score", s.score());
            one.put("rank", s.rank());
            one.put("signals", signalValues(s.reach(), s.amplification(), s.networkImpact(), s.conversation(),
                    s.outreach()));
            days.add(one);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("person", id);
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("days", days);
        json.write(ctx, 200, m);
    }

    /**
     * {@code PUT /people/{person}}: {@code {"accounts": [{"network": …, "id": …}, …]}} becomes the
     * whole of the person — each account moves to it from any other person, its accounts not
     * listed are unlinked, an empty list unlinks it — recorded as linked by the API token, now;
     * answers the person scored on the served day.
     */
    void putPerson(Context ctx) {
        String id = personId(ctx);
        byte[] body = ctx.bodyAsBytes();
        if (isBlank(body)) {
            throw ApiException.badParameter("body", "is empty: send {\"accounts\": [{\"network\": …, \"id\": …}]}");
        }
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw ApiException.badParameter("body", "is not JSON");
        }
        if (root == null || !root.isObject() || !root.has("accounts") || !root.get("accounts").isArray()) {
            throw ApiException.badParameter("body", "must be an object with an 'accounts' list");
        }
        for (java.util.Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("accounts")) {
                throw ApiException.badParameter("body", "has a field '" + clip(name) + "' it does not know; "
                        + "the body is {\"accounts\": [...]}");
            }
        }
        com.fasterxml.jackson.databind.JsonNode list = root.get("accounts");
        if (list.size() > PERSON_ACCOUNTS_MAX) {
            throw ApiException.badParameter("accounts", "links at most " + PERSON_ACCOUNTS_MAX + " accounts, not "
                    + list.size());
        }
        List<AccountKey> accounts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode a = list.get(i);
            String field = "accounts[" + i + "]";
            if (!a.isObject() || !a.path("network").isTextual() || !a.path("id").isTextual() || a.size() != 2) {
                throw ApiException.badParameter(field, "must be {\"network\": …, \"id\": …}");
            }
            String accountId = a.get("id").asText();
            if (accountId.isBlank() || accountId.length() > ID_MAX || hasControl(accountId)) {
                throw ApiException.badParameter(field + ".id", "must be an account id of 1 to " + ID_MAX
                        + " characters, without control characters");
            }
            accounts.add(new AccountKey(network(a.get("network").asText(), field + ".network"), accountId));
        }
        PersonView persons = service.relink(id, accounts, "api");
        if (accounts.isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("person", id);
            m.put("unlinked", true);
            json.write(ctx, 200, m);
            return;
        }
        json.write(ctx, 200, personJson(id, service.view(), persons));
    }

    /** Kinds of run a client may ask {@code /runs} for. */
    private static final List<String> RUN_KINDS = List.of("daily", "ingest", "backfill", "recompute", "import",
            "follow", "api-ingest");

    /**
     * {@code GET /runs}: the latest runs (newest first; of one {@code kind} when asked), each with
     * its status, duration and counts, and the daily cycle's schedule and last success when the
     * server runs it.
     */
    void runs(Context ctx) {
        int limit = limit(ctx, 30, 500);
        String kind = ctx.queryParam("kind");
        if (kind != null && !RUN_KINDS.contains(kind)) {
            throw ApiException.badParameter("kind", "must be one of " + RUN_KINDS + ", not '" + clip(kind) + "'");
        }
        Instant now = Instant.now();
        List<Object> items = new ArrayList<>();
        for (RunRecord r : service.store().runs(kind, limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.runId());
            m.put("kind", r.kind());
            m.put("status", r.status());
            m.put("day", r.day() == null ? null : r.day().toString());
            m.put("input", r.input());
            m.put("started_at", r.startedAt().toString());
            m.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
            m.put("seconds", RunRecord.INTERRUPTED.equals(r.status()) ? null : r.duration(now).toMillis() / 1e3);
            m.put("accounts", r.accounts() < 0 ? null : r.accounts());
            m.put("interactions", r.interactions() < 0 ? null : r.interactions());
            m.put("summary", r.summary());
            items.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("daily", service.daily().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", d.schedule().at().toString());
            m.put("catch_up_days", d.schedule().catchUpDays());
            m.put("last_success", d.lastSuccess().map(Instant::toString).orElse(null));
            m.put("last_status", d.lastStatus().orElse(null));
            m.put("scores_as_of", service.view().day() == null ? null : service.view().day().toString());
            return (Object) m;
        }).orElse(null));
        out.put("items", items);
        json.write(ctx, 200, out);
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    // --- helpers ----------------------------------------------------------------------------------

    /**
     * The account the path names. Networks are matched ignoring case (ingest stores them in lower
     * case); a blank id, or one with control characters or over {@value #ID_MAX} characters, is a
     * bad parameter, never a failure.
     */
    static AccountKey key(Context ctx) {
        String network = network(ctx.pathParam("network"), "network");
        String id = ctx.pathParam("id");
        if (id.isBlank()) {
            throw ApiException.badParameter("id", "must not be blank");
        }
        if (id.length() > ID_MAX || hasControl(id)) {
            throw ApiException.badParameter("id", "must be an account id of at most " + ID_MAX
                    + " characters, without control characters");
        }
        return new AccountKey(network, id);
    }

    /** A network name as given in a path or parameter, lower-cased; a bad one is a bad parameter. */
    private static String network(String text, String parameter) {
        if (text.isBlank() || text.length() > NETWORK_MAX || hasControl(text) || text.indexOf(':') >= 0
                || text.indexOf('/') >= 0 || !text.strip().equals(text)) {
            throw ApiException.badParameter(parameter, "must be a network name such as twitter or snap");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** The optional {@code network} query parameter, lower-cased. */
    private static String networkParam(Context ctx) {
        String text = ctx.queryParam("network");
        return text == null ? null : network(text, "network");
    }

    /** A text query parameter, if given: at most {@code max} characters, no control characters. */
    private static String text(Context ctx, String name, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        if (text.length() > max) {
            throw ApiException.badParameter(name, "must be at most " + max + " characters");
        }
        if (hasControl(text)) {
            throw ApiException.badParameter(name, "must not contain control characters");
        }
        return text;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                return false;
            }
        }
        return true;
    }

    /** The account named by the path, which must be in the store (scored or not). */
    private AccountRecord stored(Context ctx) {
        AccountKey key = key(ctx);
        return service.store().account(key).orElseThrow(() -> ApiException.notFound("no account " + key));
    }

    private int scoredNode(ScoreView view, AccountKey key) {
        OptionalInt v = view.node(key);
        if (v.isPresent()) {
            return v.getAsInt();
        }
        if (service.store().account(key).isPresent()) {
            throw ApiException.notFound("account " + key + " has no score on " + view.day()
                    + ": no interaction with another account in the window");
        }
        throw ApiException.notFound("no account " + key);
    }

    /** An account as other responses name it: from the view when scored, with handle and name. */
    private static Map<String, Object> ref(ScoreView view, AccountKey key) {
        OptionalInt v = view.node(key);
        if (v.isPresent()) {
            return ref(view, v.getAsInt());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", key.network());
        m.put("id", key.id());
        OptionalInt a = view.isEmpty() ? OptionalInt.empty() : view.table().accounts().find(key);
        m.put("handle", a.isPresent() ? view.table().accounts().handle(a.getAsInt()).orElse(null) : null);
        m.put("display_name", a.isPresent() ? view.table().accounts().displayName(a.getAsInt()).orElse(null) : null);
        return m;
    }

    /** An account as other responses name it, from what is stored about it. */
    private static Map<String, Object> ref(AccountRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", r.account().network());
        m.put("id", r.account().id());
        m.put("handle", r.handle());
        m.put("display_name", r.displayName());
        return m;
    }

    static Map<String, Object> ref(ScoreView view, int v) {
        AccountIndex accounts = view.table().accounts();
        int a = view.board().graph().account(v);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", accounts.network(a));
        m.put("id", accounts.id(a));
        m.put("handle", accounts.handle(a).orElse(null));
        m.put("display_name", accounts.displayName(a).orElse(null));
        return m;
    }

    private static Map<String, Integer> kinds(Map<InteractionKind, Integer> counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        counts.forEach((k, n) -> m.put(k.wireName(), n));
        return m;
    }

    private static int limit(Context ctx, int otherwise, int max) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return otherwise;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > max) {
                throw ApiException.badParameter("limit", "must be between 1 and " + max + ", not " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("limit", "must be a whole number, not '" + text + "'");
        }
    }

    private static FlaggedFilter flaggedFilter(Context ctx) {
        String text = ctx.queryParam("flagged");
        if (text == null) {
            return FlaggedFilter.SHOW;
        }
        for (FlaggedFilter f : FlaggedFilter.values()) {
            if (f.wireName().equals(text)) {
                return f;
            }
        }
        throw ApiException.badParameter("flagged", "must be show, hide or only, not '" + text + "'");
    }

    private static LocalDate date(Context ctx, String name, LocalDate otherwise) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "must be a date such as 2012-07-04, not '" + text + "'");
        }
    }

    /** Cursors are opaque: base64url of {@code day:offset}, valid only for the day's view. */
    private static String encodeCursor(ScoreView view, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((view.day() + ":" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int cursor(Context ctx, ScoreView view) {
        String text = ctx.queryParam("cursor");
        if (text == null || text.isEmpty()) {
            return 0;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("cursor", "is not a valid cursor");
        }
        int colon = decoded.lastIndexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(String.valueOf(view.day()))) {
            throw ApiException.badParameter("cursor", "is not a cursor of the current leaderboard ("
                    + view.day() + "); start again without it");
        }
        try {
            int offset = Integer.parseInt(decoded.substring(colon + 1));
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badParameter("cursor", "is not a valid cursor");
    }
}
