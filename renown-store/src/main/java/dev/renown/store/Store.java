package dev.renown.store;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.EventTable;
import dev.renown.core.people.LinkSuggestions;
import dev.renown.core.people.People;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.TopicScoring;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where Renown keeps everything: every interaction it ingests (each once), the accounts, every
 * day's scores, and what ran. One contract, two implementations — {@link DuckDbStore} (embedded,
 * one file, the default) and {@link PostgresStore} — chosen by JDBC URL with {@link Stores#open}.
 *
 * <p>Ingest is idempotent: interactions are keyed by the 64-bit fingerprint of their event id,
 * so the same file or stream ingested twice adds nothing, and an ingest stopped at any point
 * resumes from its last committed batch ({@link #beginIngest}).
 */
public interface Store extends AutoCloseable {

    /** The JDBC URL of the database, without credentials. */
    String url();

    /**
     * Starts or resumes ingesting one input. {@code sourceKey} identifies the input (the same key
     * for the same content); the session skips the records a previous ingest of that key already
     * committed, then commits its own in batches.
     */
    default IngestSession beginIngest(String sourceKey, String description, long runId) {
        return beginIngest(sourceKey, description, runId, DEFAULT_BATCH);
    }

    /** As {@link #beginIngest(String, String, long)}, committing every {@code batchSize} interactions. */
    IngestSession beginIngest(String sourceKey, String description, long runId, int batchSize);

    /**
     * Starts or resumes ingesting a live stream: {@code sourceKey} names the stream (the same
     * key for the same stream, e.g. {@code bluesky-jetstream:HOST}); the session reports the
     * cursor the stream's last commit stored and commits interactions together with the new
     * cursor ({@link StreamSession#commit}). The stream's progress counts every record committed.
     */
    StreamSession beginStream(String sourceKey, String description, long runId);

    /** The cursor stored with a stream's last commit, if it has one. */
    Optional<String> streamCursor(String sourceKey);

    /** Interactions per committed batch unless said otherwise. */
    int DEFAULT_BATCH = 50_000;

    /** Number of interactions stored. */
    long interactionCount();

    /** Number of accounts stored: every account of an interaction, and those only profiled. */
    long accountCount();

    /**
     * Asks the database a trivial question ({@code SELECT 1}).
     *
     * @throws StoreException when it cannot answer
     */
    void ping();

    /** Time of the latest interaction between two different accounts, if any. */
    OptionalLong lastInteractionMillis();

    /** Time of the earliest interaction, if any. */
    OptionalLong firstInteractionMillis();

    /**
     * Loads the interactions with {@code from < time ≤ to} into an event table, with the
     * accounts' handles and profile counts. Interactions are read in time order.
     */
    EventTable load(long fromExclusive, long toInclusive);

    /**
     * As {@link #load(long, long)}, each event's topics from {@code topics} (given each
     * interaction's stored text and hashtags), or the stored hashtags when it is null.
     */
    EventTable load(long fromExclusive, long toInclusive, dev.renown.core.event.TopicSource topics);

    /** Registers a run, {@link RunRecord#RUNNING}; returns its id. */
    long startRun(String kind, String input, String parameters);

    /** Records that a run ended well ({@link RunRecord#OK}), with what it did. */
    void finishRun(long runId, String summary);

    /**
     * Records how a run of the daily cycle ended: {@link RunRecord#OK} or {@link RunRecord#FAILED},
     * the day it scored, the accounts and interactions of its snapshot (-1 when there is none),
     * and what it did or why it failed.
     */
    void finishDailyRun(long runId, String status, LocalDate day, long accounts, long interactions,
                        String summary);

    /**
     * Marks the runs of {@code kind} still recorded as running as {@link RunRecord#INTERRUPTED}:
     * their process stopped before it could record their end. Called by the one process that runs
     * them, before it starts another. Returns how many were marked.
     */
    int interruptRuns(String kind);

    /** Every run, oldest first. */
    List<RunRecord> runs();

    /** The latest {@code limit} runs, newest first; of one kind unless {@code kind} is null. */
    List<RunRecord> runs(String kind, int limit);

    /** Writes (or replaces) the calibration of its day. */
    void saveCalibration(StoredCalibration calibration);

    /** The latest calibration made on or before {@code day}, if any. */
    Optional<StoredCalibration> calibration(LocalDate day);

    /** Every calibration, by day. */
    List<StoredCalibration> calibrations();

    /**
     * Stores links in one transaction: each link's account is linked to its person from now on,
     * moved from another person if it had one.
     */
    void savePersonLinks(List<PersonLink> links);

    /** Every stored link, by person, then in the order they were made. */
    List<PersonLink> personLinks();

    /**
     * Makes {@code accounts} the whole of {@code person}, in one transaction: each moves to it
     * from any other person, and the person's accounts not listed are unlinked (none: the person
     * is gone). Returns the links now stored for it.
     */
    List<PersonLink> replacePerson(String person, List<dev.renown.core.event.AccountKey> accounts, String linkedBy,
                                   java.time.Instant at);

    /** Writes (or replaces) the persons' scores of a day. */
    void savePersonSnapshots(LocalDate day, List<dev.renown.core.people.PersonScores.PersonScore> persons, long runId);

    /** A person's stored scores between two days, inclusive, oldest first. */
    List<PersonSnapshot> personHistory(String person, LocalDate from, LocalDate to);

    /** The stored links as {@link People}. */
    default People people() {
        People.Builder builder = People.builder();
        for (PersonLink link : personLinks()) {
            builder.link(link.person(), link.account());
        }
        return builder.build();
    }

    /**
     * The links an account's profile carries, as last ingested (an ingest replaces them whenever a
     * source gives the profile in full): by field, then URL; empty when none are stored.
     */
    List<ProfileLinkRecord> profileLinks(AccountKey account);

    /**
     * Every account that {@linkplain LinkSuggestions link suggestions} can use — each with a
     * handle, with stored profile links, or on a network whose ids are names
     * ({@link LinkSuggestions#NAMED_BY_ID}) — as a profile: handle, display name, counts, and its
     * stored links (an empty list for none). Ordered by network and id. One profile in memory per
     * such account.
     */
    List<AccountProfile> linkableProfiles();

    /**
     * Suggests links between stored accounts ({@link LinkSuggestions#suggest} with the defaults,
     * over {@link #linkableProfiles()} and the stored links). Nothing is stored.
     */
    default LinkSuggestions.Found linkSuggestions() {
        return LinkSuggestions.defaults().suggest(linkableProfiles(), people());
    }

    /**
     * Confirms suggestions by id ({@link LinkSuggestions#confirm}, against suggestions made now):
     * when every id can be confirmed, stores their links, made by {@code suggestion:<evidence>} at
     * {@code at}, in one transaction; when any cannot, stores nothing. Returns the links and the
     * problems either way.
     */
    default LinkSuggestions.Confirmation confirmSuggestions(List<String> ids, Instant at) {
        People people = people();
        LinkSuggestions.Found found = LinkSuggestions.defaults().suggest(linkableProfiles(), people);
        LinkSuggestions.Confirmation confirmation = LinkSuggestions.confirm(found, ids, people);
        if (confirmation.problems().isEmpty() && !confirmation.links().isEmpty()) {
            savePersonLinks(confirmation.links().stream()
                    .map(l -> new PersonLink(l.person(), l.account(), l.linkedBy(), at)).toList());
        }
        return confirmation;
    }

    /** Writes (or replaces) the snapshot of every scored account for {@code day}. */
    void saveSnapshots(LocalDate day, ScoreBoard board, long runId);

    /** Writes (or replaces) the topic scores of {@code day}: every account of every topic board. */
    void saveTopicScores(LocalDate day, List<TopicScoring.TopicBoard> boards, long runId);

    /** Topics scored on a day, most accounts first. */
    List<String> topics(LocalDate day);

    /** An account's topic scores on a day, best rank first. */
    List<TopicScore> topicScores(AccountKey account, LocalDate day);

    /** The best accounts of a topic on a day. */
    List<TopicScore> topicLeaders(LocalDate day, String topic, int limit);

    /** Every stored day a topic was scored on, oldest first: its accounts and best score that day. */
    List<TopicDay> topicTrend(String topic);

    /** Days that have snapshots, ascending. */
    List<LocalDate> snapshotDays();

    /** Number of snapshots stored for a day. */
    int snapshotCount(LocalDate day);

    /** Every snapshot of one day, best rank first. */
    List<Snapshot> snapshots(LocalDate day);

    /** An account's snapshots from {@code from} to {@code to} inclusive, by day. */
    List<Snapshot> history(AccountKey account, LocalDate from, LocalDate to);

    /** An account's snapshot for one day. */
    Optional<Snapshot> snapshot(AccountKey account, LocalDate day);

    /**
     * Accounts matching {@code network:id}, a bare id on any network, or a handle (with or
     * without '@', ignoring case); at most ten.
     */
    List<AccountKey> findAccounts(String text);

    /** What is stored about an account. */
    Optional<AccountRecord> account(AccountKey account);

    /** How far an input has been ingested. */
    Optional<IngestProgress> progress(String sourceKey);

    /**
     * Writes all interactions (or all snapshots) to a file: Parquet for {@code .parquet}, CSV
     * with a header for {@code .csv}.
     */
    long export(Table table, Path file) throws IOException;

    /**
     * Loads a Parquet file of interactions with the columns {@link #export} writes, inside the
     * database and in one transaction, when the store reads Parquet itself (DuckDB: several
     * times faster than record by record); empty when it cannot, and the caller reads the file
     * through an {@link #beginIngest ingest session} instead. The same rules hold as there: each
     * interaction is stored once by event id, the first of a file's copies wins, the accounts
     * named are added, and the file's progress is recorded as complete. Rows that are not valid
     * interactions, or dated after {@code latestMillis}, are not loaded; each goes to
     * {@code rejects} with its row number (from 1) and why.
     */
    default Optional<IngestResult> loadParquet(Path file, String sourceKey, long runId, long latestMillis,
                                               RowRejects rejects) throws IOException {
        return Optional.empty();
    }

    /** Receives the rows a {@link #loadParquet bulk load} did not load. */
    @FunctionalInterface
    interface RowRejects {
        /**
         * @param row    the row's number in the file, from 1
         * @param field  the offending column
         * @param reason a stable code: {@code missing-field}, {@code invalid-value} or {@code future-time}
         * @param detail a sentence for people
         * @param record the row as JSON
         */
        void reject(long row, String field, String reason, String detail, String record);
    }

    /** The tables {@link #export} writes. */
    enum Table {
        INTERACTIONS, SNAPSHOTS
    }

    @Override
    void close();
}
