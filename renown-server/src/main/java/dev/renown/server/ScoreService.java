package dev.renown.server;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.sources.GenericNdjsonReader;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.sources.TimeBound;
import dev.renown.store.Backfill;
import dev.renown.store.IngestResult;
import dev.renown.store.IngestSession;
import dev.renown.store.Store;
import dev.renown.store.TopicScore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The domain behind the API: the current {@link ScoreView}, rebuilt from the store on demand, and
 * the two writes — ingesting interactions and recomputing scores. Reads never block on writes:
 * they use whichever view was current when they started.
 *
 * <p>Ingest rejects interactions dated beyond the wall clock plus the configured skew
 * ({@link TimeBound}). A recompute runs on its own thread, one at a time, bounded in days (the
 * latest {@link ServerConfig#recomputeMaxDays()}) and in time ({@link ServerConfig#recomputeTimeLimit()}),
 * cancellable, and reports its progress ({@link RecomputeJob}); it goes on if the client that
 * asked for it goes away.
 */
final class ScoreService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);
    /** Leaders kept per topic in the view. */
    private static final int TOPIC_LEADERS = 200;
    /** How long stored counts are reused before the store is asked again. */
    private static final long STORED_TTL_NANOS = 5_000_000_000L;

    private final Store store;
    private final ScoringParameters parameters;
    private final boolean fixed;
    private final ServerConfig config;
    private final AtomicReference<ScoreView> view = new AtomicReference<>(ScoreView.empty());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "renown-recompute");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong jobs = new AtomicLong();
    private volatile RecomputeJob recompute;
    private volatile Stored stored;
    /** Interactions stored when the current view was built, and when. */
    private volatile long storedAtRefresh;
    private volatile Instant refreshed;
    private final AtomicReference<PersonView> persons = new AtomicReference<>(PersonView.EMPTY);
    private final AtomicReference<FindIndex> finder = new AtomicReference<>(FindIndex.EMPTY);
    /** Link suggestions as last computed, and when (nanoTime); recomputed after a minute or a change of links. */
    private volatile dev.renown.core.people.LinkSuggestions.Found suggestions;
    private volatile long suggestedNanos;
    private static final long SUGGESTIONS_TTL_NANOS = 60_000_000_000L;
    /** The daily cycle run beside the server, if any. */
    private volatile dev.renown.store.DailyCycle daily;

    /**
     * @param parameters how scores are computed; unless {@code fixed}, only their window, defences
     *                   and base half-life, the weights and timescales coming from the calibration in
     *                   force for each day ({@link Backfill})
     * @param config     the clock skew of ingest and the bounds of a recompute
     */
    ScoreService(Store store, ScoringParameters parameters, boolean fixed, ServerConfig config) {
        this.store = store;
        this.parameters = parameters;
        this.fixed = fixed;
        this.config = config;
    }

    Store store() {
        return store;
    }

    /** Where events' topics come from (text or a taxonomy), or null for the hashtags; set before the first refresh. */
    private volatile dev.renown.core.event.TopicSource topicSource;

    void topics(dev.renown.core.event.TopicSource source) {
        this.topicSource = source;
    }

    dev.renown.core.event.TopicSource topicSource() {
        return topicSource;
    }

    void daily(dev.renown.store.DailyCycle cycle) {
        this.daily = cycle;
    }

    /** The daily cycle run beside the server, if one is. */
    Optional<dev.renown.store.DailyCycle> daily() {
        return Optional.ofNullable(daily);
    }

    ScoringParameters parameters() {
        return parameters;
    }

    ScoreView view() {
        return view.get();
    }

    /**
     * Builds the view of the latest day with snapshots (or, without snapshots, of the day of the
     * last interaction) and swaps it in, with its persons and its campaign search ({@link FindIndex}:
     * the day's topic boards scored with the board's own parameters).
     */
    synchronized ScoreView refresh() {
        long count = store.interactionCount();
        List<LocalDate> days = store.snapshotDays();
        OptionalLong last = store.lastInteractionMillis();
        if (days.isEmpty() && last.isEmpty()) {
            persons.set(PersonView.EMPTY);
            finder.set(FindIndex.EMPTY);
            view.set(ScoreView.empty());
            refreshed(count);
            return view.get();
        }
        LocalDate day = !days.isEmpty() ? days.get(days.size() - 1)
                : Instant.ofEpochMilli(last.getAsLong()).atZone(ZoneOffset.UTC).toLocalDate();
        long asOf = Backfill.endOfDay(day);
        dev.renown.core.event.TopicSource source = topicSource;
        EventTable table = source == null ? store.load(asOf - parameters.window().toMillis(), asOf)
                : store.load(asOf - parameters.window().toMillis(), asOf, source);
        Scorer scorer = new Scorer(fixed ? parameters : Backfill.inForce(store, day, parameters));
        ScoreBoard board = scorer.score(table, asOf);
        int[] nodeOf = new int[table.accounts().size()];
        Arrays.fill(nodeOf, -1);
        for (int v = 0; v < board.size(); v++) {
            nodeOf[board.graph().account(v)] = v;
        }
        List<Map<AccountKey, Double>> before = List.of(ScoreView.scores(store.snapshots(day.minusDays(1))),
                ScoreView.scores(store.snapshots(day.minusDays(7))), ScoreView.scores(store.snapshots(day.minusDays(30))));
        Map<String, List<TopicScore>> topics = new LinkedHashMap<>();
        for (String topic : store.topics(day)) {
            topics.put(topic, store.topicLeaders(day, topic, TOPIC_LEADERS));
        }
        ScoreView built = new ScoreView(day, board, nodeOf, before, topics, ScoreView.index(board),
                ScoreView.networks(board));
        persons.set(PersonView.of(built, store.personLinks()));
        long indexing = System.nanoTime();
        FindIndex index = FindIndex.of(built, scorer, source != null);
        LOG.info("campaign search of {}: {} accounts and {} topic(s) indexed in {} ms", day, board.size(),
                index.boards().size(), (System.nanoTime() - indexing) / 1_000_000);
        finder.set(index);
        view.set(built);
        refreshed(count);
        return built;
    }

    /** The campaign search of the served day (empty before any day is scored). */
    FindIndex finder() {
        return finder.get();
    }

    /** The persons of the served day (none when no account is linked). */
    PersonView persons() {
        return persons.get();
    }

    /**
     * Makes {@code accounts} the whole of {@code person} in the store (see
     * {@link Store#replacePerson}), then scores the persons of the served day again.
     */
    /** The link suggestions of what the store holds now, computed at most a minute ago. */
    dev.renown.core.people.LinkSuggestions.Found suggestions() {
        dev.renown.core.people.LinkSuggestions.Found found = suggestions;
        if (found == null || System.nanoTime() - suggestedNanos > SUGGESTIONS_TTL_NANOS) {
            synchronized (this) {
                found = store.linkSuggestions();
                suggestions = found;
                suggestedNanos = System.nanoTime();
            }
        }
        return found;
    }

    /**
     * Confirms suggestions by id ({@link Store#confirmSuggestions}: all or nothing), then scores
     * the persons of the served day again. One at a time, so that two confirms cannot both pass
     * their checks before either stores.
     */
    synchronized dev.renown.core.people.LinkSuggestions.Confirmation confirm(List<String> ids) {
        dev.renown.core.people.LinkSuggestions.Confirmation done = store.confirmSuggestions(ids, Instant.now());
        if (done.problems().isEmpty()) {
            suggestions = null;
            persons.set(PersonView.of(view.get(), store.personLinks()));
        }
        return done;
    }

    synchronized PersonView relink(String person, List<AccountKey> accounts, String linkedBy) {
        suggestions = null;
        store.replacePerson(person, accounts, linkedBy, Instant.now());
        PersonView built = PersonView.of(view.get(), store.personLinks());
        persons.set(built);
        return built;
    }

    private void refreshed(long count) {
        suggestions = null;
        storedAtRefresh = count;
        refreshed = Instant.now();
        stored = null;
    }

    /** What the store holds, counted at most {@link #STORED_TTL_NANOS} ago. */
    Stored stored() {
        Stored s = stored;
        if (s == null || System.nanoTime() - s.countedNanos > STORED_TTL_NANOS) {
            OptionalLong first = store.firstInteractionMillis();
            OptionalLong last = store.lastInteractionMillis();
            s = new Stored(store.interactionCount(), store.accountCount(),
                    first.isPresent() ? Instant.ofEpochMilli(first.getAsLong()) : null,
                    last.isPresent() ? Instant.ofEpochMilli(last.getAsLong()) : null, Instant.now(), System.nanoTime());
            stored = s;
        }
        return s;
    }

    /** Interactions stored when the current view was built. */
    long storedAtRefresh() {
        return storedAtRefresh;
    }

    /** When the current view was built. */
    Instant refreshed() {
        return refreshed;
    }

    /**
     * What the store holds.
     *
     * @param first the time of the earliest interaction, or null
     * @param last  the time of the latest interaction between two accounts, or null
     */
    record Stored(long interactions, long accounts, Instant first, Instant last, Instant countedAt, long countedNanos) {
    }

    /** The recompute running now, or the last one since the server started; null before the first. */
    RecomputeJob recomputeStatus() {
        return recompute;
    }

    /**
     * Starts writing the snapshots of every day from the last snapshot day (included: new
     * interactions may have arrived for it), or the first interaction's day, to the day of the last
     * interaction — at most the latest {@link ServerConfig#recomputeMaxDays()} of them — on the
     * recompute thread, then refreshes the view.
     *
     * @return the new recompute, or empty when one is running already ({@link #recomputeStatus()} is it)
     */
    synchronized Optional<RecomputeJob> startRecompute() {
        RecomputeJob running = recompute;
        if (running != null && running.running()) {
            return Optional.empty();
        }
        Backfill.Control control = new Backfill.Control(config.recomputeMaxDays(), config.recomputeTimeLimit());
        OptionalLong first = store.firstInteractionMillis();
        OptionalLong last = store.lastInteractionMillis();
        RecomputeJob job;
        if (first.isEmpty() || last.isEmpty()) {
            job = new RecomputeJob(jobs.incrementAndGet(), null, null, 0, control);
        } else {
            List<LocalDate> days = store.snapshotDays();
            LocalDate from = days.isEmpty() ? day(first.getAsLong()) : days.get(days.size() - 1);
            LocalDate to = day(last.getAsLong());
            if (to.isBefore(from)) {
                to = from;
            }
            long skipped = Math.max(0, to.toEpochDay() - from.toEpochDay() + 1 - config.recomputeMaxDays());
            job = new RecomputeJob(jobs.incrementAndGet(), from.plusDays(skipped), to, skipped, control);
        }
        recompute = job;
        worker.execute(() -> run(job));
        return Optional.of(job);
    }

    private void run(RecomputeJob job) {
        try {
            int written = 0;
            if (job.from != null) {
                long run = store.startRun("recompute", job.from + ".." + job.to, parameters.toString());
                written = new Backfill(store, parameters, fixed, topicSource).run(job.from, job.to, false, run,
                        job.control);
                store.finishRun(run, written + " day(s) written" + job.control.stopReason().map(r -> "; " + r).orElse(""));
            }
            refresh();
            String skipped = job.daysSkipped == 0 ? "" : "; the " + job.daysSkipped + " earlier day(s) were left out: "
                    + "a recompute writes at most the latest " + config.recomputeMaxDays() + " (renown backfill writes others)";
            if (job.control.stopReason().isPresent()) {
                job.finish(RecomputeJob.State.CANCELLED, job.control.stopReason().get() + " after " + written
                        + " day(s) written" + skipped);
            } else {
                job.finish(RecomputeJob.State.DONE, written + " day(s) written" + skipped);
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("recompute {} failed: {}", job.id, e.toString());
            job.finish(RecomputeJob.State.FAILED, "the recompute failed: " + e.getMessage());
        }
    }

    /** Asks the running recompute, if any, to stop after the day it is scoring; returns it. */
    Optional<RecomputeJob> cancelRecompute(String reason) {
        RecomputeJob job = recompute;
        if (job == null || !job.running()) {
            return Optional.empty();
        }
        job.control.cancel(reason);
        return Optional.of(job);
    }

    /** Stops a running recompute and waits for it (at most a minute) before the store is closed. */
    @Override
    public void close() {
        cancelRecompute("the server is stopping");
        worker.shutdown();
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("the recompute did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ingests an NDJSON body in Renown's generic format; bad records are counted, with their
     * lines. The same body (with the same default network) sent twice adds nothing the second time.
     *
     * @param network the network of lines that name none, or null
     */
    IngestReport ingest(byte[] body, String network) throws IOException {
        String key = "api:" + (network == null ? "" : network + ":") + "sha256:" + sha256(body);
        Input input = Input.of("POST " + RenownServer.API + "/interactions", body)
                .withTimeBound(TimeBound.of(config.clockSkew()));
        long run = store.startRun("api-ingest", key, null);
        Rejects rejects = new Rejects();
        IngestResult result;
        try (IngestSession session = store.beginIngest(key, "POST /api/v1/interactions", run)) {
            (network == null ? new GenericNdjsonReader() : new GenericNdjsonReader(network)).read(input, session, rejects);
            result = session.finish();
        }
        stored = null;
        store.finishRun(run, result.inserted() + " added, " + rejects.total() + " rejected");
        if (result.profiles() > 0) {
            suggestions = null; // new profiles may suggest new links
        }
        return new IngestReport(result, rejects);
    }

    /** What an ingest did. */
    record IngestReport(IngestResult result, Rejects rejects) {
    }

    private static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
