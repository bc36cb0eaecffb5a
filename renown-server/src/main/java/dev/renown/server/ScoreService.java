package dev.renown.server;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.sources.GenericNdjsonReader;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.store.Backfill;
import dev.renown.store.IngestResult;
import dev.renown.store.IngestSession;
import dev.renown.store.Store;
import dev.renown.store.TopicScore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The domain behind the API: the current {@link ScoreView}, rebuilt from the store on demand, and
 * the two writes — ingesting interactions and recomputing scores. Reads never block on writes:
 * they use whichever view was current when they started.
 */
final class ScoreService {

    /** Leaders kept per topic in the view. */
    private static final int TOPIC_LEADERS = 200;

    private final Store store;
    private final ScoringParameters parameters;
    private final boolean fixed;
    private final AtomicReference<ScoreView> view = new AtomicReference<>(ScoreView.empty());

    /**
     * @param parameters how scores are computed; unless {@code fixed}, only their window, defences
     *                   and base half-life, the weights and timescales coming from the calibration in
     *                   force for each day ({@link Backfill})
     */
    ScoreService(Store store, ScoringParameters parameters, boolean fixed) {
        this.store = store;
        this.parameters = parameters;
        this.fixed = fixed;
    }

    Store store() {
        return store;
    }

    ScoringParameters parameters() {
        return parameters;
    }

    ScoreView view() {
        return view.get();
    }

    /**
     * Builds the view of the latest day with snapshots (or, without snapshots, of the day of the
     * last interaction) and swaps it in.
     */
    synchronized ScoreView refresh() {
        List<LocalDate> days = store.snapshotDays();
        OptionalLong last = store.lastInteractionMillis();
        if (days.isEmpty() && last.isEmpty()) {
            view.set(ScoreView.empty());
            return view.get();
        }
        LocalDate day = !days.isEmpty() ? days.get(days.size() - 1)
                : Instant.ofEpochMilli(last.getAsLong()).atZone(ZoneOffset.UTC).toLocalDate();
        long asOf = Backfill.endOfDay(day);
        EventTable table = store.load(asOf - parameters.window().toMillis(), asOf);
        ScoreBoard board = new Scorer(fixed ? parameters : Backfill.inForce(store, day, parameters)).score(table, asOf);
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
        view.set(built);
        return built;
    }

    /**
     * Writes the snapshots of every day from the day after the last snapshot (or the first
     * interaction) to the day of the last interaction, the last snapshot day included (new
     * interactions may have arrived for it), then refreshes the view.
     *
     * @return days written
     */
    synchronized int recompute() {
        OptionalLong first = store.firstInteractionMillis();
        OptionalLong last = store.lastInteractionMillis();
        if (first.isEmpty() || last.isEmpty()) {
            refresh();
            return 0;
        }
        List<LocalDate> days = store.snapshotDays();
        LocalDate from = days.isEmpty() ? day(first.getAsLong()) : days.get(days.size() - 1);
        LocalDate to = day(last.getAsLong());
        if (to.isBefore(from)) {
            to = from;
        }
        long run = store.startRun("recompute", from + ".." + to, parameters.toString());
        int written = new Backfill(store, parameters, fixed).run(from, to, false, run, i -> { });
        store.finishRun(run, written + " day(s) written");
        refresh();
        return written;
    }

    /**
     * Ingests an NDJSON body in Renown's generic format; bad records are counted, with their
     * lines. The same body (with the same default network) sent twice adds nothing the second time.
     *
     * @param network the network of lines that name none, or null
     */
    IngestReport ingest(byte[] body, String network) throws IOException {
        String key = "api:" + (network == null ? "" : network + ":") + "sha256:" + sha256(body);
        Path file = Files.createTempFile("renown-post-", ".ndjson");
        try {
            Files.write(file, body);
            long run = store.startRun("api-ingest", key, null);
            Rejects rejects = new Rejects();
            IngestResult result;
            try (IngestSession session = store.beginIngest(key, "POST /api/v1/interactions", run)) {
                (network == null ? new GenericNdjsonReader() : new GenericNdjsonReader(network)).read(new Input(file), session, rejects);
                result = session.finish();
            }
            store.finishRun(run, result.inserted() + " added, " + rejects.total() + " rejected");
            return new IngestReport(result, rejects);
        } finally {
            Files.deleteIfExists(file);
        }
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
