package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renown.core.event.AccountKey;
import dev.renown.core.score.Integrity;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.store.Backfill;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every read endpoint over HTTP on a real server, on {@code api-fixture.ndjson}: five accounts
 * of network {@code demo} (1 ann, 2 bob, 3 cat, 4 dan, 5 eve) and two of {@code other}
 * (9 zed mentions 8 yan), 1-3 May 2024. Expected values are worked out from the fixture by hand.
 * The integrity routes are also read on a second server whose data adds a bought burst to the
 * fixture, and checked against a {@link ScoreBoard} the test computes from the stored interactions.
 */
class ReadApiTest {

    /** Fresh accounts {@code s1…s30} that each repost dan once, all between 20:01 and 20:30 on 3 May. */
    static final int SYBILS = 30;
    static final String DAY = "2024-05-03";

    @TempDir
    static java.nio.file.Path dir;

    static TestServer server;
    /** The fixture and the burst on dan. */
    static TestServer attacked;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir.resolve("fixture"), TestServer.config());
        List<String> lines = new ArrayList<>(Files.readAllLines(TestServer.FIXTURE));
        for (int i = 1; i <= SYBILS; i++) {
            lines.add(String.format(Locale.ROOT, "{\"id\":\"s%d\",\"network\":\"demo\",\"kind\":\"repost\","
                    + "\"actor\":\"s%d\",\"target\":\"4\",\"time\":\"%sT20:%02d:00Z\",\"post\":\"s%d\","
                    + "\"target_post\":\"d2\"}", i, i, DAY, i, i));
        }
        java.nio.file.Path burst = Files.write(dir.resolve("fixture-and-burst.ndjson"), lines);
        attacked = TestServer.start(dir.resolve("attacked"), TestServer.config(), burst);
    }

    @AfterAll
    static void stop() {
        server.close();
        attacked.close();
    }

    private static JsonNode ok(String path) {
        return TestServer.json(server.get(path), 200);
    }

    private static void assertError(String path, int status, String error, String mentions) {
        JsonNode body = TestServer.json(server.get(path), status);
        assertEquals(error, body.get("error").asText(), body.toString());
        assertTrue(body.get("message").asText().contains(mentions), body.toString());
    }

    @Test
    void accountHasIdentityAndProfile() {
        JsonNode ann = ok("/api/v1/accounts/demo/1");
        assertEquals("demo", ann.get("network").asText());
        assertEquals("1", ann.get("id").asText());
        assertEquals("ann", ann.get("handle").asText());
        assertTrue(ann.get("scored").asBoolean());
    }

    @Test
    void lookupByHandleIgnoresCaseAndAt() {
        JsonNode found = ok("/api/v1/accounts?handle=%40Bob");
        assertEquals(1, found.get("accounts").size());
        assertEquals("2", found.at("/accounts/0/id").asText());
        assertEquals("demo", found.at("/accounts/0/network").asText());
        assertEquals("9", ok("/api/v1/accounts?handle=zed&network=other").at("/accounts/0/id").asText());
        assertError("/api/v1/accounts?handle=bob&network=other", 404, "not_found", "@bob");
        assertError("/api/v1/accounts?handle=nobody", 404, "not_found", "@nobody");
        assertError("/api/v1/accounts", 400, "bad_parameter", "'handle'");
    }

    @Test
    void scoreIsMadeOfItsSignalsPoints() {
        JsonNode s = ok("/api/v1/accounts/demo/1/score");
        assertEquals("2024-05-03", s.get("as_of").asText());
        assertEquals(7, s.get("accounts").asInt());
        // docs/scoring.md: bits = Σ w log2(1 + x), score = 1 + 99 min(1, bits / 20),
        // points = 99 w log2(1 + x) / max(20, bits), so that score = 1 + Σ points.
        double bits = 0;
        double points = 0;
        for (JsonNode signal : s.get("signals")) {
            bits += signal.get("weight").asDouble() * Math.log1p(signal.get("value").asDouble()) / Math.log(2);
        }
        for (JsonNode signal : s.get("signals")) {
            double b = signal.get("weight").asDouble() * Math.log1p(signal.get("value").asDouble()) / Math.log(2);
            assertEquals(99 * b / Math.max(20, bits), signal.get("points").asDouble(), 1e-6);
            points += signal.get("points").asDouble();
        }
        assertTrue(bits > 0);
        assertEquals(1 + 99 * Math.min(1, bits / 20), s.get("score").asDouble(), 1e-6);
        assertEquals(1 + points, s.get("score").asDouble(), 1e-6);
    }

    @Test
    void reachIsTheRecencyOfEachEngagersLatestEngagement() {
        // ann's engagers and their latest engagement with her: bob 1 May 09:00, dan 1 May 11:00,
        // eve 2 May 08:00, cat 3 May 07:00, all established (voice 1). docs/scoring.md, section 4:
        // from the end of 3 May, ages in whole seconds, R_h = Σ 2^(-age/h) at reach's half-life and
        // at its short one, reach = (1 + R_h)^(1-μ) (1 + R_short)^μ - 1.
        ScoringParameters served = server.server.service().view().board().parameters();
        double h = served.halfLife(SignalKind.REACH).toSeconds();
        double hShort = served.recentHalfLife().toSeconds();
        double mu = served.recentShare();
        long asOf = Backfill.endOfDay(LocalDate.parse(DAY));
        double lasting = 0;
        double recent = 0;
        for (String t : List.of("2024-05-01T09:00:00Z", "2024-05-01T11:00:00Z", "2024-05-02T08:00:00Z",
                "2024-05-03T07:00:00Z")) {
            long age = (asOf - Instant.parse(t).toEpochMilli()) / 1000;
            lasting += Math.pow(2, -age / h);
            recent += Math.pow(2, -age / hShort);
        }
        double expected = Math.pow(1 + lasting, 1 - mu) * Math.pow(1 + recent, mu) - 1;
        JsonNode s = ok("/api/v1/accounts/demo/1/score");
        assertEquals(expected, s.at("/signals/reach/value").asDouble(), 1e-5);
    }

    @Test
    void leaderboardRanksMatchScoresAndPagesJoinUp() {
        JsonNode all = ok("/api/v1/leaderboard?limit=100");
        assertEquals(7, all.get("items").size());
        assertTrue(all.get("next_cursor").isNull());
        double previous = Double.MAX_VALUE;
        int previousRank = 0;
        for (int i = 0; i < all.get("items").size(); i++) {
            JsonNode row = all.get("items").get(i);
            double score = row.get("score").asDouble();
            assertTrue(score <= previous);
            // competition ranks: a tie keeps the rank before it, the next score skips ahead
            int rank = Math.abs(score - previous) < 1e-6 ? previousRank : i + 1;
            assertEquals(rank, row.get("rank").asInt(), all.toString());
            previous = score;
            previousRank = rank;
            JsonNode one = ok("/api/v1/accounts/" + row.at("/account/network").asText() + "/"
                    + row.at("/account/id").asText() + "/score");
            assertEquals(row.get("rank").asInt(), one.get("rank").asInt());
            assertEquals(score, one.get("score").asDouble(), 0);
        }
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok("/api/v1/leaderboard?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(r -> paged.add(r.at("/account/id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertEquals(4, pages);
        List<String> whole = new ArrayList<>();
        all.get("items").forEach(r -> whole.add(r.at("/account/id").asText()));
        assertEquals(whole, paged);
    }

    @Test
    void leaderboardFiltersByNetwork() {
        JsonNode other = ok("/api/v1/leaderboard?network=other");
        Set<String> ids = new HashSet<>();
        other.get("items").forEach(r -> ids.add(r.at("/account/id").asText()));
        assertEquals(Set.of("8", "9"), ids);
        assertEquals(other, ok("/api/v1/leaderboard?network=OTHER"), "networks are matched ignoring case");
        assertError("/api/v1/leaderboard?network=nowhere", 400, "bad_parameter", "networks: [demo, other]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "limit="})
    void leaderboardRejectsBadLimits(String query) {
        assertError("/api/v1/leaderboard?" + query, 400, "bad_parameter", "'limit'");
    }

    @Test
    void leaderboardRejectsBadCursorsAndTopics() {
        assertError("/api/v1/leaderboard?cursor=%25%25%25", 400, "bad_parameter", "'cursor'");
        String otherDay = Base64.getUrlEncoder().encodeToString("2020-01-01:2".getBytes(StandardCharsets.UTF_8));
        assertError("/api/v1/leaderboard?cursor=" + otherDay, 400, "bad_parameter", "'cursor'");
        String negative = Base64.getUrlEncoder().encodeToString("2024-05-03:-4".getBytes(StandardCharsets.UTF_8));
        assertError("/api/v1/leaderboard?cursor=" + negative, 400, "bad_parameter", "'cursor'");
        assertError("/api/v1/leaderboard?topic=nothing", 400, "bad_parameter", "'topic'");
    }

    @Test
    void historyHasADayPerSnapshotAndDeltasBetweenThem() {
        JsonNode h = ok("/api/v1/accounts/demo/1/history");
        JsonNode days = h.get("days");
        assertEquals(3, days.size());
        assertEquals("2024-05-01", days.get(0).get("day").asText());
        assertEquals("2024-05-03", days.get(2).get("day").asText());
        assertTrue(days.get(0).at("/delta/day").isNull());
        for (int i = 1; i < 3; i++) {
            assertEquals(days.get(i).get("score").asDouble() - days.get(i - 1).get("score").asDouble(),
                    days.get(i).at("/delta/day").asDouble(), 1e-9);
            assertEquals(server.store.snapshot(new dev.renown.core.event.AccountKey("demo", "1"),
                    LocalDate.parse(days.get(i).get("day").asText())).orElseThrow().score(),
                    days.get(i).get("score").asDouble(), 1e-9);
        }
        JsonNode score = ok("/api/v1/accounts/demo/1/score");
        assertEquals(score.get("score").asDouble() - days.get(1).get("score").asDouble(),
                score.at("/delta/day").asDouble(), 1e-9);
        assertTrue(score.at("/delta/week").isNull(), "no snapshot a week before");
        JsonNode one = ok("/api/v1/accounts/demo/1/history?from=2024-05-02&to=2024-05-02");
        assertEquals(1, one.get("days").size());
        assertEquals(days.get(1).get("score").asDouble(), one.at("/days/0/score").asDouble(), 0);
        assertEquals(days.get(1).at("/delta/day").asDouble(), one.at("/days/0/delta/day").asDouble(), 0);
    }

    @Test
    void historyRejectsBadDates() {
        assertError("/api/v1/accounts/demo/1/history?from=yesterday", 400, "bad_parameter", "'from'");
        assertError("/api/v1/accounts/demo/1/history?to=2024-13-01", 400, "bad_parameter", "'to'");
        assertError("/api/v1/accounts/demo/1/history?from=2024-05-03&to=2024-05-01", 400, "bad_parameter", "'from'");
    }

    @Test
    void explainShowsEvidenceAndMoments() {
        JsonNode x = ok("/api/v1/accounts/demo/1/explain");
        JsonNode reach = x.at("/signals/reach");
        assertEquals(4, reach.get("top").size(), "ann's four engagers");
        Set<String> engagers = new TreeSet<>();
        reach.get("top").forEach(t -> engagers.add(t.at("/account/id").asText()));
        assertEquals(Set.of("2", "3", "4", "5"), engagers);
        assertTrue(reach.get("summary").asText().startsWith("4 distinct accounts"), reach.get("summary").asText());
        // Post a1 was reposted by bob and eve and replied to by cat: the top moment.
        JsonNode first = x.at("/moments/0");
        assertEquals("a1", first.get("post_id").asText());
        assertEquals(3, first.get("engagers").asInt());
        assertEquals(2, first.at("/interactions/repost").asInt());
        assertEquals(1, first.at("/interactions/reply").asInt());
        assertEquals(2, ok("/api/v1/accounts/demo/1/explain?limit=2").at("/signals/reach/top").size());
        assertError("/api/v1/accounts/demo/1/explain?limit=51", 400, "bad_parameter", "'limit'");
    }

    @Test
    void influenceCountsTheInteractionsEachWay() {
        JsonNode inf = ok("/api/v1/accounts/demo/1/influence");
        Map<String, JsonNode> influencees = byId(inf.get("influencees"));
        assertEquals(Set.of("2", "3", "4", "5"), influencees.keySet());
        assertEquals(1, influencees.get("3").at("/interactions/reply").asInt());
        assertEquals(1, influencees.get("3").at("/interactions/repost").asInt());
        assertEquals(1, influencees.get("4").at("/interactions/mention").asInt());
        assertEquals(1, influencees.get("2").at("/interactions/repost").asInt());
        Map<String, JsonNode> influencers = byId(inf.get("influencers"));
        assertEquals(Set.of("2", "3"), influencers.keySet(), "ann replied to cat and mentioned bob");
        assertEquals(1, influencers.get("3").at("/interactions/reply").asInt());
        assertEquals(1, influencers.get("2").at("/interactions/mention").asInt());
        double previous = Double.MAX_VALUE;
        for (JsonNode l : inf.get("influencees")) {
            assertTrue(l.get("strength").asDouble() <= previous, "strongest first");
            previous = l.get("strength").asDouble();
        }
        assertEquals(1, ok("/api/v1/accounts/demo/1/influence?limit=1").get("influencees").size());
    }

    private static Map<String, JsonNode> byId(JsonNode links) {
        Map<String, JsonNode> m = new HashMap<>();
        links.forEach(l -> m.put(l.at("/account/id").asText(), l));
        return m;
    }

    @Test
    void topicsAreEmptyWithoutEnoughTaggedInteractions() {
        JsonNode t = ok("/api/v1/accounts/demo/1/topics");
        assertEquals(0, t.get("topics").size());
        assertEquals("2024-05-03", t.get("as_of").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/score", "/history", "/explain", "/influence", "/topics", "/integrity"})
    void unknownAccountsAre404(String what) {
        assertError("/api/v1/accounts/demo/404" + what, 404, "not_found", "demo:404");
        assertError("/api/v1/accounts/nowhere/1" + what, 404, "not_found", "nowhere:1");
    }

    // --- integrity ----------------------------------------------------------------------------------

    /**
     * The scores of {@code DAY} computed afresh from the interactions the server stored, with the
     * parameters it scored that day with.
     */
    private static ScoreBoard board(TestServer s) {
        ScoringParameters parameters = s.server.service().view().board().parameters();
        long asOf = Backfill.endOfDay(LocalDate.parse(DAY));
        return new Scorer(parameters).score(s.store.load(asOf - parameters.window().toMillis(), asOf), asOf);
    }

    private static int node(ScoreBoard board, String account) {
        return board.node(account).orElseThrow(() -> new AssertionError(account + " not scored"));
    }

    /** The integrity route's answer agrees with the board's, field by field, for the groups it lists. */
    private static void assertIntegrity(Integrity expected, JsonNode actual) {
        String what = expected.account() + ": " + actual;
        assertEquals(expected.account().network(), actual.at("/account/network").asText(), what);
        assertEquals(expected.account().id(), actual.at("/account/id").asText(), what);
        assertEquals(DAY, actual.get("as_of").asText());
        assertEquals(expected.score(), actual.get("score").asDouble(), 1e-9, what);
        assertEquals(expected.undefended(), actual.get("score_without_defences").asDouble(), 1e-9, what);
        assertEquals(expected.pointsLost(), actual.get("points_lost").asDouble(), 1e-9, what);
        assertEquals(expected.flagged(), actual.get("flagged").asBoolean(), what);
        assertEquals(Integrity.FLAG_POINTS, actual.at("/flag_thresholds/points_lost").asDouble(), 0);
        assertEquals(Integrity.FLAG_ENGAGERS, actual.at("/flag_thresholds/discounted").asInt());
        assertEquals(expected.engagers(), actual.get("engagers").asInt(), what);
        assertEquals(expected.established(), actual.get("established").asInt(), what);
        assertEquals(expected.discounted(), actual.get("discounted").asInt(), what);
        assertEquals(expected.voices(), actual.get("voices").asDouble(), 1e-6, what);
        JsonNode groups = actual.get("groups");
        assertTrue(groups.size() <= expected.groups().size(), what);
        for (int i = 0; i < groups.size(); i++) {
            Integrity.Group g = expected.groups().get(i);
            JsonNode a = groups.get(i);
            assertEquals(g.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), a.get("kind").asText(), what);
            assertEquals(g.members(), a.get("members").asInt(), what);
            assertEquals(Instant.ofEpochMilli(g.arrivalMillis()).toString(), a.get("arrived").asText(), what);
            assertEquals(g.vouched(), a.get("vouched").asBoolean(), what);
            assertEquals(g.credit(), a.get("counts_as").asDouble(), 1e-9, what);
            assertEquals(g.why(), a.get("why").asText(), what);
            List<String> sample = new ArrayList<>();
            a.get("sample").forEach(k -> sample.add(k.get("network").asText() + ":" + k.get("id").asText()));
            assertEquals(g.sample().stream().map(AccountKey::toString).toList(), sample, what);
        }
    }

    @Test
    void integrityOfEveryAccountIsTheBoards() {
        ScoreBoard board = board(server);
        JsonNode all = ok("/api/v1/leaderboard?limit=100");
        assertEquals(board.size(), all.get("items").size());
        for (JsonNode row : all.get("items")) {
            String account = row.at("/account/network").asText() + ":" + row.at("/account/id").asText();
            Integrity expected = board.integrity(node(board, account), Integer.MAX_VALUE);
            JsonNode actual = ok("/api/v1/accounts/" + account.replace(':', '/') + "/integrity?limit=100");
            assertIntegrity(expected, actual);
            assertEquals(expected.groups().size(), actual.get("groups").size());
            assertEquals(expected.groups().size(), actual.get("groups_total").asInt());
            assertFalse(row.get("flagged").asBoolean(), "nothing in the fixture is flagged: " + row);
        }
    }

    @Test
    void integrityCountsAnchoredEngagersAsEstablishedAndALoneArrivalInFull() {
        // yan's only engager is zed, and neither is in the world (the demo accounts): zed is tied to
        // the network only through yan, a group of one, not established. It arrived alone in its
        // hour, and a single unvouched hour counts as A(1) = 1 voice: nothing is discounted.
        JsonNode yan = ok("/api/v1/accounts/other/8/integrity");
        assertEquals(1, yan.get("engagers").asInt());
        assertEquals(0, yan.get("established").asInt());
        assertEquals(0, yan.get("discounted").asInt());
        assertEquals(1, yan.get("voices").asDouble(), 1e-6);
        assertFalse(yan.get("flagged").asBoolean());
        assertEquals(0, yan.get("groups").size());
        assertTrue(yan.get("points_lost").asDouble() < Integrity.FLAG_POINTS, yan.toString());
        // ann's engagers: bob, cat and eve are anchored and established. dan is anchored only by his
        // own engagement of hubs (nobody engages him; besides ann he reposted only bob, and ann and
        // bob hold half of all engaging pairs), so he is hub-only; but bob, established, arrived
        // two hours before him and vouches for him: he counts as a full voice, and nothing is lost.
        JsonNode ann = ok("/api/v1/accounts/demo/1/integrity");
        assertEquals(4, ann.get("engagers").asInt());
        assertEquals(3, ann.get("established").asInt());
        assertEquals(0, ann.get("discounted").asInt());
        assertEquals(4, ann.get("voices").asDouble(), 1e-6);
        assertEquals(0, ann.get("groups").size());
        assertEquals(0, ann.get("points_lost").asDouble(), 1e-9);
    }

    @Test
    void aBoughtBurstIsFlaggedWithItsEvidence() {
        ScoreBoard board = board(attacked);
        Integrity expected = board.integrity(node(board, "demo:4"), Integer.MAX_VALUE);
        assertTrue(expected.flagged(), expected.toString());
        JsonNode dan = TestServer.json(attacked.get("/api/v1/accounts/demo/4/integrity"), 200);
        assertIntegrity(expected, dan);
        assertTrue(dan.get("flagged").asBoolean());
        assertEquals(SYBILS, dan.get("discounted").asInt());
        assertEquals(SYBILS, dan.get("groups_total").asInt(), "each sybil is tied to the network only through dan");
        assertEquals(10, dan.get("groups").size(), "ten groups by default");
        // Nobody else engaged dan, so no engager vouches: the 30 groups arrived in one clock hour,
        // which counts as A(1) = 1 voice in all, 1/30 each.
        assertEquals(0, dan.get("established").asInt());
        assertEquals(1, dan.get("voices").asDouble(), 1e-6);
        for (JsonNode g : dan.get("groups")) {
            assertEquals("alone", g.get("kind").asText());
            assertEquals(1, g.get("members").asInt());
            assertFalse(g.get("vouched").asBoolean());
            assertEquals(1.0 / SYBILS, g.get("counts_as").asDouble(), 1e-9);
            assertTrue(g.get("arrived").asText().startsWith(DAY + "T20:"), g.toString());
        }
        assertTrue(dan.get("points_lost").asDouble() >= Integrity.FLAG_POINTS);
        JsonNode five = TestServer.json(attacked.get("/api/v1/accounts/demo/4/integrity?limit=5"), 200);
        assertEquals(5, five.get("groups").size());
        assertEquals(SYBILS, five.get("groups_total").asInt());
        assertIntegrity(expected, five);

        // The score carries the flag and the points the defences took.
        JsonNode score = TestServer.json(attacked.get("/api/v1/accounts/demo/4/score"), 200);
        assertTrue(score.get("flagged").asBoolean());
        assertEquals(expected.pointsLost(), score.get("points_lost").asDouble(), 1e-9);
        assertEquals(expected.score(), score.get("score").asDouble(), 1e-9);
        JsonNode ann = ok("/api/v1/accounts/demo/1/score");
        assertFalse(ann.get("flagged").asBoolean());
        ScoreBoard plain = board(server);
        int v = node(plain, "demo:1");
        assertEquals(plain.undefendedScore(v) - plain.score(v), ann.get("points_lost").asDouble(), 1e-9);
    }

    @Test
    void leaderboardMarksHidesOrListsOnlyFlaggedAccounts() {
        Set<String> flagged = new TreeSet<>();
        for (Integrity i : board(attacked).flagged(Integer.MAX_VALUE, 0)) {
            flagged.add(i.account().id());
        }
        assertEquals(Set.of("4"), flagged);
        JsonNode all = TestServer.json(attacked.get("/api/v1/leaderboard?limit=100"), 200);
        assertEquals("show", all.get("flagged").asText());
        List<String> shown = new ArrayList<>();
        List<String> unflagged = new ArrayList<>();
        for (JsonNode row : all.get("items")) {
            String id = row.at("/account/id").asText();
            shown.add(id);
            assertEquals(flagged.contains(id), row.get("flagged").asBoolean(), row.toString());
            if (!flagged.contains(id)) {
                unflagged.add(id);
            }
        }
        assertEquals(7 + SYBILS, shown.size());
        assertEquals(shown, ids(TestServer.json(attacked.get("/api/v1/leaderboard?limit=100&flagged=show"), 200)));
        JsonNode only = TestServer.json(attacked.get("/api/v1/leaderboard?flagged=only"), 200);
        assertEquals("only", only.get("flagged").asText());
        assertEquals(List.copyOf(flagged), ids(only));
        assertTrue(only.at("/items/0/flagged").asBoolean());
        assertEquals(unflagged, ids(TestServer.json(attacked.get("/api/v1/leaderboard?limit=100&flagged=hide"), 200)));
        // Pages of the hidden view join up like any other.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = TestServer.json(attacked.get("/api/v1/leaderboard?limit=7&flagged=hide"
                    + (cursor == null ? "" : "&cursor=" + cursor)), 200);
            page.get("items").forEach(r -> assertFalse(r.get("flagged").asBoolean(), r.toString()));
            paged.addAll(ids(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        assertEquals(unflagged, paged);
        // Filters combine: dan is of network demo, nothing of network other is flagged.
        assertEquals(List.of("4"), ids(TestServer.json(attacked.get("/api/v1/leaderboard?network=demo&flagged=only"), 200)));
        assertEquals(0, TestServer.json(attacked.get("/api/v1/leaderboard?network=other&flagged=only"), 200).get("items").size());
        // Search rows carry the flag too.
        assertTrue(TestServer.json(attacked.get("/api/v1/search?q=dan"), 200).at("/items/0/flagged").asBoolean());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(r -> ids.add(r.at("/account/id").asText()));
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"flagged=", "flagged=yes", "flagged=HIDE", "flagged=hidden"})
    void leaderboardRejectsBadFlaggedFilters(String query) {
        assertError("/api/v1/leaderboard?" + query, 400, "bad_parameter", "'flagged'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "limit="})
    void integrityRejectsBadLimits(String query) {
        assertError("/api/v1/accounts/demo/1/integrity?" + query, 400, "bad_parameter", "'limit'");
    }

    @Test
    void searchFindsPrefixesOfHandlesAndIds() {
        JsonNode bob = ok("/api/v1/search?q=b");
        assertEquals(1, bob.get("items").size());
        assertEquals("bob", bob.at("/items/0/account/handle").asText());
        assertEquals("ann", ok("/api/v1/search?q=%40AN").at("/items/0/account/handle").asText());
        assertEquals("zed", ok("/api/v1/search?q=9").at("/items/0/account/handle").asText());
        assertEquals(0, ok("/api/v1/search?q=qqq").get("items").size());
        assertError("/api/v1/search", 400, "bad_parameter", "'q'");
        assertError("/api/v1/search?q=" + "x".repeat(101), 400, "bad_parameter", "'q'");
    }

    @Test
    void overviewSaysWhatIsServed() {
        JsonNode o = ok("/api/v1/overview");
        assertEquals("2024-05-03", o.get("as_of").asText());
        assertEquals(7, o.get("accounts_scored").asInt());
        assertEquals(5, o.at("/networks/demo").asInt());
        assertEquals(2, o.at("/networks/other").asInt());
        assertEquals(12, o.get("interactions_in_window").asInt());
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() {
        assertError("/api/v1/nothing", 404, "not_found", "/api/v1/nothing");
        assertError("/api/v1/interactions", 405, "method_not_allowed", "GET");
    }

    @Test
    void healthSaysTheDatabaseAnswers() {
        JsonNode h = ok("/health");
        assertEquals("up", h.get("status").asText());
        assertEquals("up", h.get("database").asText());
        assertEquals(7, h.get("accounts_scored").asInt());
    }

    @Test
    void metricsHaveLatencyHistogramsPerRoute() {
        ok("/api/v1/accounts/demo/2/score");
        String metrics = server.get("/metrics").body();
        assertTrue(metrics.contains("http_server_requests_seconds_bucket{method=\"GET\","
                + "route=\"/api/v1/accounts/{network}/{id}/score\",status=\"200\",le="), metrics);
        assertTrue(metrics.contains("renown_accounts_scored 7"), metrics);
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        for (String path : List.of("/", "/app.js", "/api/v1/overview", "/api/v1/accounts/demo/404", "/health")) {
            HttpResponse<String> r = server.get(path);
            assertEquals(RenownServer.CSP, r.headers().firstValue("Content-Security-Policy").orElse(null), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
        }
        HttpResponse<String> page = server.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("vendor/uPlot.iife.min.js"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing from elsewhere");
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutes() {
        JsonNode doc = ok("/api/v1/openapi.json");
        assertEquals("3.1.0", doc.get("openapi").asText());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                    assertNotNull(path.getValue().get(method).get("responses"), method + " " + path.getKey());
                }
            }
            // Each {parameter} of the path is declared.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path.getKey());
            while (m.find()) {
                String name = m.group(1);
                assertTrue(path.getValue().toString().contains("#/components/parameters/" + name),
                        path.getKey() + " declares {" + name + "}");
                assertNotNull(doc.at("/components/parameters/" + name).get("in"));
            }
        }
        assertEquals(new TreeSet<>(server.server.dispatchedRoutes()), documented);
        Set<String> registered = new TreeSet<>();
        server.server.routes().forEach(r -> registered.add(r.method() + " " + r.path()));
        assertEquals(registered, documented);
        // Every $ref points at something.
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"\\$ref\":\"#(/[^\"]+)\"").matcher(doc.toString());
        while (refs.find()) {
            assertFalse(doc.at(refs.group(1)).isMissingNode(), refs.group(1));
        }
    }
}
