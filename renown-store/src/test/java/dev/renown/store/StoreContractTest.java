package dev.renown.store;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.ProfileLink;
import dev.renown.core.people.LinkEvidence;
import dev.renown.core.people.LinkSuggestion;
import dev.renown.core.people.LinkSuggestions;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository contract, run unchanged on every implementation: each subclass only says how to
 * open a fresh, empty store.
 */
abstract class StoreContractTest {

    static final long T0 = 1_341_100_000_000L; // 2012-07-01T00:26:40Z
    static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    Store store;

    /** A fresh, empty, migrated store. */
    abstract Store open() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = open();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** n interactions among 50 accounts over n hours, with a few self-interactions. */
    static List<Interaction> interactions(int n, long seed) {
        Random r = new Random(seed);
        List<Interaction> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InteractionKind kind = InteractionKind.ofOrdinal(r.nextInt(5));
            String actor = "a" + r.nextInt(50);
            String target = i % 97 == 0 ? actor : "a" + r.nextInt(50);
            list.add(new Interaction("e" + seed + "-" + i, "test", kind, actor, target, T0 + i * HOUR,
                    r.nextBoolean() ? "p" + i : null, null, i % 5 == 0 ? "hello, \"world\"" : null,
                    i % 3 == 0 ? List.of("higgs", "cern") : List.of()));
        }
        return list;
    }

    static IngestResult ingest(Store store, String key, List<Interaction> list, int batch) {
        try (IngestSession s = store.beginIngest(key, "test input " + key, 1, batch)) {
            list.forEach(s::accept);
            return s.finish();
        }
    }

    @Test
    void loading_with_a_topic_source_gives_each_event_the_topics_of_its_stored_text_and_hashtags() {
        List<Interaction> list = interactions(300, 11);
        ingest(store, "k", list, 100);
        // A source that says what it was given: the text's first word and the hashtags, upper-cased.
        dev.renown.core.event.TopicSource source = (text, hashtags) -> {
            List<String> topics = new ArrayList<>();
            if (text != null) {
                topics.add("T:" + text.split(",")[0]);
            }
            hashtags.forEach(h -> topics.add(h.toUpperCase(java.util.Locale.ROOT)));
            return topics;
        };
        dev.renown.core.event.EventTable plain = store.load(T0 - 1, T0 + 300 * HOUR);
        dev.renown.core.event.EventTable topics = store.load(T0 - 1, T0 + 300 * HOUR, source);
        assertEquals(plain.size(), topics.size());
        assertEquals(java.util.Set.of("higgs", "cern"), names(plain));
        assertEquals(java.util.Set.of("T:hello", "HIGGS", "CERN"), names(topics));
        for (int e = 0; e < topics.size(); e++) {
            int n = 0;
            for (int x = plain.topicStart(e); x < plain.topicEnd(e); x++) {
                n++;
            }
            boolean hasText = topics.topicEnd(e) - topics.topicStart(e) > n;
            // every fifth interaction has text; the events come in time order, as ingested
            assertEquals(e % 5 == 0, hasText, "event " + e);
        }
        // Without a source, the stored hashtags as before.
        assertEquals(names(plain), names(store.load(T0 - 1, T0 + 300 * HOUR, null)));
    }

    private static java.util.Set<String> names(dev.renown.core.event.EventTable t) {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (int i = 0; i < t.topicCount(); i++) {
            s.add(t.topicName(i));
        }
        return s;
    }

    @Test
    void ingesting_the_same_input_twice_adds_nothing() {
        List<Interaction> list = interactions(1000, 1);
        IngestResult first = ingest(store, "k1", list, 300);
        assertEquals(1000, first.records());
        assertEquals(1000, first.inserted());
        assertEquals(1000, store.interactionCount());
        // The same input again: everything was committed, so it is all skipped.
        IngestResult again = ingest(store, "k1", list, 300);
        assertEquals(1000, again.skipped());
        assertEquals(0, again.inserted());
        // The same interactions under another key (another file with the same content): all duplicates.
        IngestResult copy = ingest(store, "k2", list, 300);
        assertEquals(0, copy.inserted());
        assertEquals(1000, copy.duplicates());
        assertEquals(1000, store.interactionCount());
    }

    @Test
    void duplicates_within_one_input_are_stored_once() {
        List<Interaction> list = new ArrayList<>(interactions(100, 2));
        list.addAll(interactions(100, 2));
        IngestResult r = ingest(store, "dups", list, 70);
        assertEquals(200, r.records());
        assertEquals(100, r.inserted());
        assertEquals(100, r.duplicates());
        assertEquals(100, store.interactionCount());
    }

    @Test
    void a_stopped_ingest_resumes_after_its_last_committed_batch() {
        List<Interaction> list = interactions(1000, 3);
        try (IngestSession s = store.beginIngest("k", "input", 1, 200)) {
            assertEquals(0, s.resumedAt());
            for (int i = 0; i < 750; i++) {
                s.accept(list.get(i));
            }
            // no finish(): the process dies here; 600 are committed, 150 were only buffered
        }
        assertEquals(600, store.interactionCount());
        IngestProgress p = store.progress("k").orElseThrow();
        assertEquals(600, p.recordsDone());
        assertFalse(p.completed());
        try (IngestSession s = store.beginIngest("k", "input", 2, 200)) {
            assertEquals(600, s.resumedAt());
            list.forEach(s::accept);
            IngestResult r = s.finish();
            assertEquals(600, r.skipped());
            assertEquals(400, r.inserted());
            assertEquals(0, r.duplicates());
        }
        assertEquals(1000, store.interactionCount());
        assertTrue(store.progress("k").orElseThrow().completed());
    }

    @Test
    void a_stream_commits_its_cursor_with_each_batch_and_a_new_session_resumes_from_it() {
        List<Interaction> list = interactions(300, 4);
        assertTrue(store.streamCursor("live:test").isEmpty());
        try (StreamSession s = store.beginStream("live:test", "a stream", 1)) {
            assertNull(s.cursor());
            list.subList(0, 100).forEach(s::accept);
            s.commit("1000");
            assertEquals("1000", s.cursor());
            list.subList(100, 150).forEach(s::accept);
            // no commit: the connector dies here; the 50 buffered interactions are lost with it
        }
        assertEquals(100, store.interactionCount());
        assertEquals("1000", store.streamCursor("live:test").orElseThrow());
        // The stream replays from the cursor with some overlap: the overlap is dropped by event id.
        try (StreamSession s = store.beginStream("live:test", "a stream", 2)) {
            assertEquals("1000", s.cursor());
            list.subList(80, 300).forEach(s::accept);
            s.commit("3000");
            IngestResult r = s.totals();
            assertEquals(220, r.records());
            assertEquals(200, r.inserted());
            assertEquals(20, r.duplicates());
            assertEquals(0, r.skipped());
        }
        assertEquals(300, store.interactionCount());
        assertEquals("3000", store.streamCursor("live:test").orElseThrow());
        IngestProgress p = store.progress("live:test").orElseThrow();
        assertEquals(320, p.recordsDone(), "records committed over both sessions, replays included");
        assertFalse(p.completed());
        assertTrue(store.streamCursor("live:other").isEmpty());
    }

    @Test
    void a_stream_commit_without_interactions_still_moves_the_cursor() {
        try (StreamSession s = store.beginStream("live:quiet", "a stream of deletes", 1)) {
            s.commit("42");
            s.commit(null); // nothing new: the cursor stays
        }
        assertEquals("42", store.streamCursor("live:quiet").orElseThrow());
        assertEquals(0, store.interactionCount());
    }

    @Test
    void load_reads_a_window_back_into_an_event_table_with_profiles() {
        List<Interaction> list = interactions(300, 4);
        try (IngestSession s = store.beginIngest("k", "input", 1)) {
            list.forEach(s::accept);
            s.profile(new AccountProfile(new AccountKey("test", "a7"), "seven", "Seven", 1234, 5, 67));
            s.finish();
        }
        EventTable all = store.load(Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(300, all.size());
        EventTable window = store.load(T0 + 99 * HOUR, T0 + 199 * HOUR);
        assertEquals(100, window.size());
        for (int e = 0; e < window.size(); e++) {
            assertTrue(window.timeMillis(e) > T0 + 99 * HOUR && window.timeMillis(e) <= T0 + 199 * HOUR);
        }
        int a7 = all.accounts().lookup("test:a7").getAsInt();
        assertEquals("seven", all.accounts().handle(a7).orElseThrow());
        assertEquals(1234, all.accounts().followers(a7));
        // Kinds, times, posts and hashtags survive the round trip.
        Set<String> stored = new HashSet<>();
        for (int e = 0; e < all.size(); e++) {
            stored.add(all.accounts().id(all.actor(e)) + ">" + all.accounts().id(all.target(e)) + ":"
                    + all.kind(e) + "@" + all.timeMillis(e));
        }
        for (Interaction i : list) {
            assertTrue(stored.contains(i.actorId() + ">" + i.targetId() + ":" + i.kind() + "@" + i.timeMillis()));
        }
        assertEquals(list.get(list.size() - 1).timeMillis(), store.lastInteractionMillis().getAsLong());
        assertEquals(T0, store.firstInteractionMillis().getAsLong());
    }

    @Test
    void profiles_update_accounts_without_forgetting_what_was_known() {
        AccountKey a = new AccountKey("test", "a1");
        try (IngestSession s = store.beginIngest("k", "input", 1)) {
            s.accept(Interaction.of("test", InteractionKind.LIKE, "a1", "a2", T0));
            s.profile(new AccountProfile(a, "one", "First", 10, AccountProfile.UNKNOWN, AccountProfile.UNKNOWN));
            s.finish();
        }
        try (IngestSession s = store.beginIngest("k2", "input", 1)) {
            s.profile(new AccountProfile(a, null, "First Name", AccountProfile.UNKNOWN, 3, AccountProfile.UNKNOWN));
            s.accept(Interaction.of("test", InteractionKind.LIKE, "a2", "a1", T0));
            s.finish();
        }
        AccountRecord r = store.account(a).orElseThrow();
        assertEquals("one", r.handle());
        assertEquals("First Name", r.displayName());
        assertEquals(10L, r.followers());
        assertEquals(3L, r.following());
        assertNull(r.posts());
        assertTrue(store.account(new AccountKey("test", "a2")).isPresent());
        assertTrue(store.account(new AccountKey("test", "nobody")).isEmpty());
    }

    @Test
    void snapshots_are_written_per_day_replaced_and_read_back_as_history() {
        ingest(store, "k", interactions(500, 5), 1000);
        EventTable table = store.load(Long.MIN_VALUE, Long.MAX_VALUE);
        ScoringParameters p = ScoringParameters.defaults().withThreads(1);
        ScoreBoard day1 = new Scorer(p).score(table, T0 + 24 * HOUR);
        ScoreBoard day2 = new Scorer(p).score(table, T0 + 48 * HOUR);
        long run = store.startRun("backfill", "test", "{}");
        store.saveSnapshots(LocalDate.of(2012, 7, 1), day1, run);
        store.saveSnapshots(LocalDate.of(2012, 7, 2), day2, run);
        store.saveSnapshots(LocalDate.of(2012, 7, 2), day2, run); // replaced, not doubled
        assertEquals(List.of(LocalDate.of(2012, 7, 1), LocalDate.of(2012, 7, 2)), store.snapshotDays());
        assertEquals(day1.size(), store.snapshotCount(LocalDate.of(2012, 7, 1)));
        assertEquals(day2.size(), store.snapshotCount(LocalDate.of(2012, 7, 2)));
        int top = day2.nodeAt(0);
        AccountKey account = table.accounts().key(day2.graph().account(top));
        List<Snapshot> history = store.history(account, LocalDate.of(2012, 6, 1), LocalDate.of(2012, 8, 1));
        assertFalse(history.isEmpty());
        Snapshot last = history.get(history.size() - 1);
        assertEquals(LocalDate.of(2012, 7, 2), last.day());
        assertEquals(day2.score(top), last.score(), 1e-12);
        assertEquals(1, last.rank());
        assertEquals(day2.value(dev.renown.core.score.SignalKind.REACH, top), last.reach(), 1e-12);
        assertEquals(run, last.runId());
        assertTrue(store.snapshot(account, LocalDate.of(2012, 7, 2)).isPresent());
        List<Snapshot> all = store.snapshots(LocalDate.of(2012, 7, 2));
        assertEquals(day2.size(), all.size());
        assertEquals(account, all.get(0).account());
        assertTrue(store.snapshots(LocalDate.of(2012, 7, 9)).isEmpty());
        assertTrue(store.snapshot(account, LocalDate.of(2012, 7, 9)).isEmpty());
    }

    @Test
    void topic_scores_are_saved_per_day_and_read_by_account_and_by_topic() {
        ingest(store, "k", interactions(600, 7), 1000); // every third is tagged higgs and cern
        EventTable table = store.load(Long.MIN_VALUE, Long.MAX_VALUE);
        ScoringParameters p = ScoringParameters.defaults().withThreads(1);
        List<dev.renown.core.score.TopicScoring.TopicBoard> boards = new dev.renown.core.score.TopicScoring(
                new Scorer(p), 20, 20).score(table, table.lastInteractionMillis());
        assertEquals(2, boards.size());
        LocalDate day = LocalDate.of(2012, 7, 26);
        store.saveTopicScores(day, boards, 1);
        store.saveTopicScores(day, boards, 1); // replaced, not doubled
        assertEquals(List.of("cern", "higgs"), store.topics(day));
        ScoreBoard higgs = boards.stream().filter(b -> b.topic().equals("higgs")).findFirst().orElseThrow().board();
        List<TopicScore> leaders = store.topicLeaders(day, "higgs", 3);
        assertEquals(3, leaders.size());
        int top = higgs.nodeAt(0);
        assertEquals(higgs.table().accounts().key(higgs.graph().account(top)), leaders.get(0).account());
        assertEquals(higgs.score(top), leaders.get(0).score(), 1e-12);
        assertEquals(1, leaders.get(0).rank());
        List<TopicScore> ofLeader = store.topicScores(leaders.get(0).account(), day);
        assertEquals(2, ofLeader.size());
        assertTrue(store.topics(day.plusDays(1)).isEmpty());

        // The trend: each day the topic was scored on, oldest first, its accounts and best score.
        store.saveTopicScores(day.minusDays(2), boards, 1);
        List<TopicDay> trend = store.topicTrend("higgs");
        assertEquals(List.of(day.minusDays(2), day), trend.stream().map(TopicDay::day).toList());
        for (TopicDay d : trend) {
            assertEquals(higgs.size(), d.accounts());
            assertEquals(higgs.score(top), d.topScore(), 1e-12);
        }
        assertTrue(store.topicTrend("nosuch").isEmpty());
    }

    @Test
    void runs_record_what_ran() {
        long a = store.startRun("ingest", "file.txt", "{\"batch\":1}");
        long b = store.startRun("backfill", null, null);
        store.finishRun(a, "1,000 interactions");
        List<RunRecord> runs = store.runs();
        assertEquals(2, runs.size());
        assertEquals(a, runs.get(0).runId());
        assertEquals("ingest", runs.get(0).kind());
        assertNotNull(runs.get(0).finishedAt());
        assertEquals("1,000 interactions", runs.get(0).summary());
        assertEquals(b, runs.get(1).runId());
        assertNull(runs.get(1).finishedAt());
        assertTrue(b > a);
        assertEquals(RunRecord.OK, runs.get(0).status());
        assertEquals(RunRecord.RUNNING, runs.get(1).status());
    }

    @Test
    void daily_runs_record_their_day_counts_and_outcome_and_a_stopped_process_leaves_them_interrupted() {
        LocalDate day = LocalDate.of(2024, 5, 1);
        long ok = store.startRun("daily", day.toString(), null);
        store.finishDailyRun(ok, RunRecord.OK, day, 1_234, 56_789, "scored");
        long failed = store.startRun("daily", day.plusDays(1).toString(), null);
        store.finishDailyRun(failed, RunRecord.FAILED, day.plusDays(1), -1, -1, "out of disk");
        long killed = store.startRun("daily", day.plusDays(2).toString(), null);
        long otherKind = store.startRun("ingest", "f", null);
        assertEquals(1, store.interruptRuns("daily"));
        assertEquals(0, store.interruptRuns("daily"));

        List<RunRecord> newest = store.runs("daily", 10);
        assertEquals(List.of(killed, failed, ok), newest.stream().map(RunRecord::runId).toList());
        assertEquals(RunRecord.INTERRUPTED, newest.get(0).status());
        assertNull(newest.get(0).finishedAt());
        assertEquals(RunRecord.FAILED, newest.get(1).status());
        assertEquals("out of disk", newest.get(1).summary());
        assertEquals(day.plusDays(1), newest.get(1).day());
        assertEquals(-1, newest.get(1).accounts());
        RunRecord done = newest.get(2);
        assertEquals(RunRecord.OK, done.status());
        assertEquals(day, done.day());
        assertEquals(1_234, done.accounts());
        assertEquals(56_789, done.interactions());
        assertNotNull(done.finishedAt());
        assertEquals(List.of(killed), store.runs("daily", 1).stream().map(RunRecord::runId).toList());
        assertEquals(otherKind, store.runs(null, 1).get(0).runId());
        assertEquals(RunRecord.RUNNING, store.runs(null, 1).get(0).status());
        assertThrows(IllegalArgumentException.class, () -> store.finishDailyRun(ok, RunRecord.RUNNING, day, 0, 0, ""));
    }

    @Test
    void calibrations_are_stored_per_day_and_the_latest_on_or_before_a_day_is_in_force() {
        LocalDate day = LocalDate.of(2024, 5, 1);
        Instant at = Instant.parse("2024-05-02T01:00:00Z");
        store.saveCalibration(new StoredCalibration(day, false, "weights=0.9,0,0,0.1,0", "priors", 7, at));
        store.saveCalibration(new StoredCalibration(day.plusDays(3), true, "weights=1,0,0,0,0", "fitted", 8, at));
        assertTrue(store.calibration(day.minusDays(1)).isEmpty());
        assertEquals("priors", store.calibration(day.plusDays(2)).orElseThrow().reason());
        StoredCalibration latest = store.calibration(day.plusDays(30)).orElseThrow();
        assertEquals(day.plusDays(3), latest.day());
        assertTrue(latest.fitted());
        assertEquals("weights=1,0,0,0,0", latest.parameters());
        assertEquals(8, latest.runId());
        assertEquals(at, latest.createdAt());
        // The same day again replaces it.
        store.saveCalibration(new StoredCalibration(day.plusDays(3), true, "weights=0.5,0,0,0.5,0", "refit", 9, at));
        assertEquals(2, store.calibrations().size());
        assertEquals("refit", store.calibrations().get(1).reason());
    }

    @Test
    void exports_interactions_and_snapshots_to_parquet_and_csv() throws Exception {
        List<Interaction> list = interactions(400, 6);
        ingest(store, "k", list, 150);
        EventTable table = store.load(Long.MIN_VALUE, Long.MAX_VALUE);
        store.saveSnapshots(LocalDate.of(2012, 7, 3), new Scorer(ScoringParameters.defaults().withThreads(1))
                .score(table), store.startRun("test", null, null));
        Path parquet = dir.resolve("interactions.parquet");
        Path csv = dir.resolve("interactions.csv");
        assertEquals(400, store.export(Store.Table.INTERACTIONS, parquet));
        assertEquals(400, store.export(Store.Table.INTERACTIONS, csv));
        long snapshots = store.snapshotCount(LocalDate.of(2012, 7, 3));
        assertEquals(snapshots, store.export(Store.Table.SNAPSHOTS, dir.resolve("scores.parquet")));
        assertEquals(snapshots, store.export(Store.Table.SNAPSHOTS, dir.resolve("scores.csv")));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            Set<String> ids = new HashSet<>();
            try (ResultSet r = s.executeQuery("SELECT event_id, text, hashtags FROM read_parquet('" + parquet + "')")) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            Set<String> expected = new HashSet<>();
            list.forEach(i -> expected.add(i.eventId()));
            assertEquals(expected, ids);
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM read_csv_auto('" + csv + "') "
                    + "WHERE text = 'hello, \"world\"'")) {
                r.next();
                assertEquals(80, r.getLong(1));
            }
        }
        // Import the export into another store: the same interactions.
        Path other = dir.resolve("other.duckdb");
        try (Store copy = Stores.open("jdbc:duckdb:" + other, null, null)) {
            try (IngestSession s = copy.beginIngest("import", "parquet", 1)) {
                ExportFiles.readInteractions(parquet, s);
                IngestResult r = s.finish();
                assertEquals(400, r.inserted());
            }
            assertEquals(400, copy.interactionCount());
        }
    }

    @Test
    void person_links_are_stored_with_who_and_when_and_an_account_moves_between_persons() {
        Instant t1 = Instant.parse("2026-12-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-12-02T10:00:00Z");
        assertTrue(store.personLinks().isEmpty());
        store.savePersonLinks(List.of(
                new PersonLink("ana", new AccountKey("twitter", "ana"), "file:people.csv", t1),
                new PersonLink("ana", new AccountKey("bluesky", "ana.bsky.social"), "file:people.csv", t1),
                new PersonLink("bo", new AccountKey("twitter", "bo"), "file:people.csv", t1)));
        // bo's account is relinked to ana by the API a day later: it moves, it is not doubled.
        store.savePersonLinks(List.of(new PersonLink("ana", new AccountKey("twitter", "bo"), "api", t2)));
        List<PersonLink> links = store.personLinks();
        assertEquals(3, links.size());
        assertEquals(new PersonLink("ana", new AccountKey("bluesky", "ana.bsky.social"), "file:people.csv", t1),
                links.get(0));
        assertEquals(new PersonLink("ana", new AccountKey("twitter", "ana"), "file:people.csv", t1), links.get(1));
        assertEquals(new PersonLink("ana", new AccountKey("twitter", "bo"), "api", t2), links.get(2));
        assertEquals(List.of("ana"), store.people().persons());
        assertEquals(3, store.people().accounts("ana").size());
    }

    static final AccountKey ALICE_M = new AccountKey("mastodon", "alice@mastodon.social");
    static final AccountKey ALICE_T = new AccountKey("twitter", "1001");

    static ProfileLink link(String url, String field, boolean verified) {
        return new ProfileLink(url, field, verified);
    }

    static AccountProfile profile(AccountKey account, String handle, List<ProfileLink> links) {
        return new AccountProfile(account, handle, null, AccountProfile.UNKNOWN, AccountProfile.UNKNOWN,
                AccountProfile.UNKNOWN, links);
    }

    @Test
    void profile_links_are_replaced_whenever_a_profile_gives_them_and_kept_when_it_does_not() {
        ProfileLink page = link("https://mastodon.social/@alice", ProfileLink.PROFILE, false);
        ProfileLink twitter = link("https://twitter.com/alice_w", "field:Twitter", true);
        ProfileLink site = link("https://alice.example.com/", ProfileLink.WEBSITE, false);
        Instant before = Instant.now().minusSeconds(1);
        try (IngestSession s = store.beginIngest("k1", "input", 1)) {
            s.accept(Interaction.of("mastodon", InteractionKind.MENTION, ALICE_M.id(), "bob@mastodon.social", T0));
            // Within one batch the last profile of an account is the one kept.
            s.profile(profile(ALICE_M, "alice", List.of(page)));
            s.profile(profile(ALICE_M, "alice", List.of(twitter, page)));
            s.profile(profile(ALICE_T, "alice_w", List.of(site)));
            s.finish();
        }
        List<ProfileLinkRecord> stored = store.profileLinks(ALICE_M);
        assertEquals(List.of(twitter, page), stored.stream().map(ProfileLinkRecord::link).toList());
        assertTrue(stored.get(0).link().verified());
        assertEquals(ALICE_M, stored.get(0).account());
        assertFalse(stored.get(0).seenAt().isBefore(before), stored.get(0).seenAt() + " before " + before);
        assertEquals(List.of(site), store.profileLinks(ALICE_T).stream().map(ProfileLinkRecord::link).toList());
        try (IngestSession s = store.beginIngest("k2", "input", 1)) {
            s.profile(profile(ALICE_M, "alice", null)); // a profile that does not say: links kept
            s.profile(profile(ALICE_T, "alice_w", List.of())); // says it has none: links gone
            s.finish();
        }
        assertEquals(2, store.profileLinks(ALICE_M).size());
        assertTrue(store.profileLinks(ALICE_T).isEmpty());
        try (IngestSession s = store.beginIngest("k3", "input", 1)) {
            s.profile(profile(ALICE_M, "alice", List.of(page)));
            s.finish();
        }
        assertEquals(List.of(page), store.profileLinks(ALICE_M).stream().map(ProfileLinkRecord::link).toList());
        assertTrue(store.profileLinks(new AccountKey("mastodon", "nobody@x.org")).isEmpty());
    }

    @Test
    void linkable_profiles_carry_handles_and_links_and_a_confirmed_suggestion_is_stored_once() {
        ProfileLink page = link("https://mastodon.social/@alice", ProfileLink.PROFILE, false);
        ProfileLink twitter = link("https://x.com/Alice_W", "field:Twitter", true);
        try (IngestSession s = store.beginIngest("k", "input", 1)) {
            s.accept(Interaction.of("reddit", InteractionKind.REPLY, "someone", "Alice_W_", T0));
            s.accept(Interaction.of("test", InteractionKind.LIKE, "plain1", "plain2", T0));
            s.profile(profile(ALICE_M, "alice", List.of(page, twitter)));
            s.profile(profile(ALICE_T, "alice_w", List.of()));
            s.finish();
        }
        // Accounts with a handle, with links, or named by their id (reddit); not plain1 or plain2.
        List<AccountProfile> linkable = store.linkableProfiles();
        assertEquals(List.of(ALICE_M, new AccountKey("reddit", "Alice_W_"), new AccountKey("reddit", "someone"),
                ALICE_T), linkable.stream().map(AccountProfile::account).toList());
        assertEquals(List.of(twitter, page), linkable.get(0).links()); // by field, then URL
        assertEquals("alice", linkable.get(0).handle());
        assertEquals(List.of(), linkable.get(3).links());

        LinkSuggestions.Found found = store.linkSuggestions();
        assertEquals(1, found.suggestions().size(), found.toString());
        LinkSuggestion s = found.suggestions().get(0);
        assertEquals(LinkEvidence.REL_ME, s.evidence());
        assertEquals(List.of(ALICE_M, ALICE_T), s.accounts());
        assertTrue(store.personLinks().isEmpty(), "suggesting stores nothing");

        Instant at = Instant.parse("2026-12-03T09:00:00Z");
        LinkSuggestions.Confirmation bad = store.confirmSuggestions(List.of(s.id(), "s-000000000000"), at);
        assertEquals(1, bad.problems().size(), bad.toString());
        assertTrue(bad.problems().get(0).contains("no suggestion s-000000000000"), bad.problems().get(0));
        assertTrue(store.personLinks().isEmpty(), "an id that cannot be confirmed stores nothing");

        LinkSuggestions.Confirmation ok = store.confirmSuggestions(List.of(s.id()), at);
        assertEquals(List.of(), ok.problems());
        assertEquals(List.of(new PersonLink("alice", ALICE_M, "suggestion:rel-me", at),
                new PersonLink("alice", ALICE_T, "suggestion:rel-me", at)), store.personLinks());
        LinkSuggestions.Found after = store.linkSuggestions();
        assertTrue(after.suggestions().isEmpty(), after.toString());
        assertEquals(1, after.alreadyLinked());
    }

    /**
     * A Parquet file as {@code renown export} writes it, with 50 rows stored before, ten rows
     * repeated later in the file, a kind spelled as an alias and four bad rows: on DuckDB it loads
     * inside the database and ends as an ingest of its valid rows, record by record, would.
     */
    @Test
    void a_person_is_replaced_whole_and_its_daily_scores_are_kept() {
        Instant t1 = Instant.parse("2026-12-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-12-02T10:00:00Z");
        store.savePersonLinks(List.of(
                new PersonLink("ana", new AccountKey("twitter", "ana"), "file:people.csv", t1),
                new PersonLink("ana", new AccountKey("bluesky", "ana.bsky.social"), "file:people.csv", t1),
                new PersonLink("bo", new AccountKey("twitter", "bo"), "file:people.csv", t1)));
        // ana is now her Twitter account and bo's; her Bluesky account is unlinked, bo has none left.
        List<PersonLink> ana = store.replacePerson("ana", List.of(new AccountKey("twitter", "ana"),
                new AccountKey("twitter", "bo"), new AccountKey("twitter", "ana")), "api", t2);
        assertEquals(List.of(new PersonLink("ana", new AccountKey("twitter", "ana"), "api", t2),
                new PersonLink("ana", new AccountKey("twitter", "bo"), "api", t2)), ana);
        assertEquals(List.of("ana"), store.people().persons());
        assertEquals(List.of(), store.replacePerson("ana", List.of(), "api", t2));
        assertTrue(store.personLinks().isEmpty());

        LocalDate day = LocalDate.of(2024, 5, 1);
        java.util.Map<dev.renown.core.score.SignalKind, Double> values = new java.util.EnumMap<>(
                dev.renown.core.score.SignalKind.class);
        java.util.Map<dev.renown.core.score.SignalKind, Integer> parties = new java.util.EnumMap<>(
                dev.renown.core.score.SignalKind.class);
        for (dev.renown.core.score.SignalKind k : dev.renown.core.score.SignalKind.values()) {
            values.put(k, 1.0 + k.ordinal());
            parties.put(k, 1);
        }
        dev.renown.core.people.PersonScores.PersonScore scored = new dev.renown.core.people.PersonScores.PersonScore(
                "ana", 1, 14.9, 2.8, values, values, java.util.Map.of("twitter", 13.9), parties,
                List.of(new dev.renown.core.people.PersonScores.LinkedAccount(new AccountKey("twitter", "ana"), true,
                        10.9, 3)));
        dev.renown.core.people.PersonScores.PersonScore unseen = new dev.renown.core.people.PersonScores.PersonScore(
                "cy", 2, 1, 0, values, values, java.util.Map.of(), parties,
                List.of(new dev.renown.core.people.PersonScores.LinkedAccount(new AccountKey("twitter", "cy"), false,
                        1, 0)));
        store.savePersonSnapshots(day, List.of(scored, unseen), 9);
        store.savePersonSnapshots(day.plusDays(1), List.of(scored), 9);
        store.savePersonSnapshots(day, List.of(scored), 10); // a day written again replaces it
        List<PersonSnapshot> history = store.personHistory("ana", day, day.plusDays(5));
        assertEquals(2, history.size());
        assertEquals(new PersonSnapshot(day, "ana", 14.9, 1, 1, 2, 3, 4, 5, 10), history.get(0));
        assertEquals(day.plusDays(1), history.get(1).day());
        assertTrue(store.personHistory("cy", day, day).isEmpty(), "a person with no account scored has no row");
        assertEquals(1, store.personHistory("ana", day.plusDays(1), day.plusDays(1)).size());
    }

    @Test
    void a_parquet_export_loads_inside_the_database_like_an_ingest_of_its_rows() throws Exception {
        List<Interaction> list = interactions(300, 7);
        List<Interaction> valid = new ArrayList<>(list);
        valid.addAll(list.subList(10, 20));
        Interaction alias = new Interaction("alias", "test", InteractionKind.REPOST, "a1", "a2", T0, null, null,
                null, List.of());
        valid.add(alias);
        Path file = dir.resolve("export.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE f (event_id VARCHAR, network VARCHAR, kind VARCHAR, actor VARCHAR, target VARCHAR, "
                    + "time_ms BIGINT, post_id VARCHAR, target_post_id VARCHAR, hashtags VARCHAR, text VARCHAR)");
            try (java.sql.PreparedStatement p = duck.prepareStatement("INSERT INTO f VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Interaction i : valid) {
                    Object[] row = {i == alias ? "alias" : i.eventId(), i.network(), i == alias ? "RT" : i.kind().wireName(),
                            i.actorId(), i.targetId(), i.timeMillis(), i.postId(), i.targetPostId(),
                            i.hashtags().isEmpty() ? null : String.join(" ", i.hashtags()), i.text()};
                    for (int c = 0; c < row.length; c++) {
                        p.setObject(c + 1, row[c]);
                    }
                    p.addBatch();
                }
                p.executeBatch();
            }
            s.execute("INSERT INTO f VALUES ('b1', 'test', 'like', ' ', 'a2', " + T0 + ", NULL, NULL, NULL, NULL), "
                    + "('b2', 'test', 'poke', 'a1', 'a2', " + T0 + ", NULL, NULL, NULL, NULL), "
                    + "('b3', 'test', 'like', 'a1', 'a2', " + (T0 + 1000 * HOUR) + ", NULL, NULL, NULL, NULL), "
                    + "('b4', 'a:b', 'like', 'a1', 'a2', " + T0 + ", NULL, NULL, NULL, NULL)");
            s.execute("COPY f TO '" + file + "' (FORMAT parquet)");
        }
        ingest(store, "before", list.subList(0, 50), 20);
        List<String> rejected = new ArrayList<>();
        long run = store.startRun("ingest", file.toString(), null);
        java.util.Optional<IngestResult> loaded = store.loadParquet(file, "pq", run, T0 + 500 * HOUR,
                (row, field, reason, detail, record) -> rejected.add(row + " " + field + " " + reason));
        if (!(store instanceof DuckDbStore)) {
            assertTrue(loaded.isEmpty());
            return;
        }
        IngestResult r = loaded.orElseThrow();
        assertEquals(List.of("312 actor missing-field", "313 kind invalid-value", "314 time_ms future-time",
                "315 network invalid-value"), rejected);
        assertEquals(311, r.records());
        assertEquals(251, r.inserted()); // 250 not stored before, and the alias
        assertEquals(60, r.duplicates()); // 50 stored before, 10 repeated in the file
        assertEquals(301, store.interactionCount());
        assertTrue(store.progress("pq").orElseThrow().completed());
        assertEquals(315, store.progress("pq").orElseThrow().recordsDone());
        // The same rows ingested one by one into a fresh store: the same table, in the same order.
        try (Store other = Stores.open("jdbc:duckdb:" + dir.resolve("by-record.duckdb"), null, null)) {
            ingest(other, "before", list.subList(0, 50), 20);
            ingest(other, "all", valid, 64);
            assertEquals(other.accountCount(), store.accountCount());
            EventTable a = store.load(Long.MIN_VALUE, Long.MAX_VALUE);
            EventTable b = other.load(Long.MIN_VALUE, Long.MAX_VALUE);
            assertEquals(b.size(), a.size());
            for (int e = 0; e < a.size(); e++) {
                assertEquals(b.accounts().key(b.actor(e)), a.accounts().key(a.actor(e)), "event " + e);
                assertEquals(b.accounts().key(b.target(e)), a.accounts().key(a.target(e)), "event " + e);
                assertEquals(b.timeMillis(e), a.timeMillis(e));
                assertEquals(b.kind(e), a.kind(e));
                assertEquals(b.post(e) < 0 ? null : b.postId(b.post(e)), a.post(e) < 0 ? null : a.postId(a.post(e)));
            }
        }
        // Keys are the ingest's fingerprints: the file's rows ingested again are all known.
        IngestResult again = ingest(store, "again", valid, 100);
        assertEquals(0, again.inserted());
    }
}
