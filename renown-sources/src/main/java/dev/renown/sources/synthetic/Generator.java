package dev.renown.sources.synthetic;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A seeded generator of synthetic interaction data with realistic dynamics: to check Renown's
 * score on data whose dynamics differ from the shipped Twitter sample, and to measure it at
 * scale.
 * <pre>
 *   Parameters p = Parameters.of(Dynamics.QA, 300_000, 30_000, 1, Duration.ofDays(2191));
 *   new Generator(p).generate(interaction -&gt; …);           // streams dev.renown.core.event.Interaction
 *   new Generator(p).write(Path.of("qa.ndjson.gz"), null);  // Renown's generic NDJSON, gzip by the name
 * </pre>
 * or from the command line with {@link Generate}.
 *
 * <h2>What every run has</h2>
 * <ul>
 *   <li><b>Lines.</b> Exactly {@code interactions} lines of Renown's generic NDJSON
 *       ({@code docs/formats.md}): {@code id}, {@code network}, {@code kind}, {@code actor},
 *       {@code target}, {@code time} (ISO-8601, whole seconds), and {@code post} /
 *       {@code target_post} when the act has them. Account ids are {@code 1…accounts}, unrelated
 *       to any role or rank; event ids count up from 1; post ids have their own counter.
 *       {@link #generate} streams the very interactions the generic reader makes of the file.</li>
 *   <li><b>Times.</b> The {@code n} points of a Poisson process on {@code [start, start + span)}
 *       whose rate follows a daily and weekly {@link Rhythm}, conditioned on there being exactly
 *       {@code n} ({@link SlotClock}); {@code social} peaks at 16:00 UTC (amplitude 0.45,
 *       weekends × 0.9), {@code qa} at 15:00 UTC (0.35, weekends × 0.65). Lines come in time
 *       order, duplicates apart. Unless a start is given the span ends at
 *       {@link Parameters#END_DEFAULT}, 2024-01-01: fixed, and in the past.</li>
 *   <li><b>Who fills the times.</b> A work-conserving queue: the dynamics schedule acts for later
 *       (a post's next reshare, an answer, a reply back), and each time slot takes the earliest
 *       act that is due, or else the dynamics start something new. Acts are written at their
 *       slot's time, never before they are due, so bursts keep their shape while slots are to
 *       spare and a burst larger than the stream delays what follows instead of growing the
 *       file. One act may write several lines at one time (a reply that also mentions someone,
 *       with the same post id).</li>
 *   <li><b>Duplicates.</b> After each line, with odds {@code d/(1 − d)}, one of the last 1,024
 *       lines is written again, byte for byte, in the next slot (a redelivery): a share
 *       {@code d = duplicateRate} of the lines repeats an earlier event id.</li>
 *   <li><b>Self-interactions.</b> A share {@code selfRate} of the lines are self-acts (threads,
 *       self-reposts and self-quotes, posts naming their author; on {@code qa}, answers to one's
 *       own question). No other act ever targets its actor.</li>
 *   <li><b>Determinism.</b> One SplitMix64 stream per purpose (times, acts, duplicates, account
 *       set-up, drift) and every transcendental function through {@link StrictMath}: the same
 *       parameters give the same lines on any JVM, and the same {@code .gz} bytes with the same
 *       zlib ({@link ParallelGzipOutputStream}, level {@value #GZIP_LEVEL}, on all cores).</li>
 *   <li><b>Memory.</b> The account state (a few arrays of {@code accounts} entries and three
 *       alias tables), the acts waiting (the line rate times the delays: thousands) and 1,024
 *       recent lines; nothing grows with the number of lines. Cost: {@code O(1)} per line plus
 *       {@code O(accounts)} per tick (a day or a week, at most 100 or 400 ticks a run).</li>
 * </ul>
 *
 * <h2>{@code social}: Twitter-like</h2>
 * Engagement goes to popular accounts' posts, in bursts; popularity persists and drifts.
 * <ul>
 *   <li><b>Popularity</b> {@code p}: Zipf, {@code (rank + 1)^−1} over a random ranking
 *       ({@code POPULARITY_EXPONENT = 1}). {@code log p} drifts as an Ornstein–Uhlenbeck process
 *       around its initial level (reversion 0.02 a day, a 35-day half-life; noise 0.05 per
 *       √day, a stationary deviation of 0.25) with upward jumps of +2 (× 7.4, a rising star who
 *       then fades back) at a rate of 0.0005 a day; stepped once a day (or {@code span/100}).</li>
 *   <li><b>Activity</b>, for everything an account does to others:
 *       {@code (rank + 10)^−0.8} over another random ranking, × 0.05 for the 80% of accounts
 *       that are lurkers — most accounts act once or twice, a few hundred times.</li>
 *   <li><b>Audiences:</b> an account's fans are the first {@code max(8, 40·p/mean p)} of a
 *       fixed pseudo-random sequence of accounts drawn by activity (hashed, so they cost no
 *       memory): the same people come back, and an audience grows and shrinks with popularity.
 *       <b>Friends:</b> 30 fixed pseudo-random accounts each account talks to.</li>
 *   <li><b>Posts and their bursts</b> (36% of new acts): an author drawn by {@code √p} posts;
 *       the post draws {@code K = ⌈2·X·√p / E[√p]⌉} engagements, {@code X} Pareto with tail
 *       index 1.6, capped at a quarter of the lines expected in {@code 3τ}, at delays that are
 *       exponential with mean {@code τ}, itself log-normal (median 1.5 h, σ 0.8): reshares
 *       arrive over hours at a decaying rate. Each engager is a fan (50%) or anyone by
 *       activity, and likes (52%), reposts (31%), quotes (7%) or replies (10%); the author
 *       answers a reply with probability 0.25 (a conversation, below), and 3% of engagers
 *       follow the author some 10 minutes later.</li>
 *   <li><b>Conversations</b> (16%): an account drawn by activity replies to the latest post of
 *       a friend (60%) or of a popular account (40%); the other answers with probability 0.4,
 *       each later turn × 0.8, after about 15 minutes (log-normal, σ 1.2); 12% of these replies
 *       also mention a friend, in the same post.</li>
 *   <li><b>Mentions</b> (16%): a post naming a friend or a popular account, one more with
 *       probability 0.25 each time. <b>Follows</b> (16%): of a popular account (70%) or a
 *       friend (30%), followed back after about 3 h with probability 0.02 or 0.3.
 *       <b>Older posts</b> (16%): a like (60%), repost (30%) or reply (10%) to the latest post
 *       of an account drawn by popularity, outside any burst.</li>
 * </ul>
 * The mix comes out near like 38%, repost 23%, reply 18%, mention 8%, follow 8%, quote 5%.
 *
 * <h2>{@code qa}: a questions-and-answers site</h2>
 * Replies to questions and to answers, over years, sparse per day; who gets replied to next is
 * driven by what the account itself does there, not by the audience it had.
 * <ul>
 *   <li><b>Roles:</b> three propensities over independent random rankings: asking
 *       {@code (rank + 1)^−0.6} (many ask), answering {@code (rank + 3)^−1} (a few answer most),
 *       commenting {@code (rank + 1)^−0.9} plus the answering one.</li>
 *   <li><b>Accounts come and go:</b> 20% have joined before the start, the others join
 *       uniformly over the span and do nothing before. Each week (or {@code span/400}) a level
 *       takes a step of a log AR(1) (persistence 0.95 a week, noise 0.3), and two on/off chains
 *       switch: <em>contributing</em> (answering, commenting) lasts 16 weeks on average and its
 *       pause 40; <em>asking</em> lasts 1.5 weeks and its pause 52. Off multiplies the weight
 *       by 0.03. Newcomers arrive asking, 35% of them contributing too. Activity persists for
 *       months; askers come and go.</li>
 *   <li><b>Threads</b> (80% of new acts): an asker drawn by asking weight posts a question (not
 *       itself a line). It gets {@code 1 + G} answers, {@code G} geometric with mean 0.7, the
 *       first at once, the others some 2 h later (log-normal, σ 1.5), each by an answerer drawn
 *       by answering weight × this week's level: a reply answerer → asker. Each answer gets a
 *       comment from the asker (probability 0.6) and Poisson(0.5) from commenters, some 3 h
 *       later: replies → answerer, so answering more earns more comments. The answerer replies
 *       back to each with probability 0.5 (after about 1 h, σ 1.2) and the exchange goes on
 *       with probability 0.35, × 0.6 a turn; 20% of its replies are @-mentions instead, and
 *       10% of other commenters also mention the asker. The asker accepts an answer (a like)
 *       with probability 0.12, some 8 h later. Poisson(0.5) comments under the question ask
 *       for clarification (from answerers or commenters, about 1 h later); the asker answers
 *       each with probability 0.6.</li>
 *   <li><b>Other acts</b> (20%): a late comment on an answerer's latest answer (35%), a link to
 *       a question (a quote, 20%), an upvote (a like, 20%), a follow of an answerer (15%), a
 *       question shared (a repost, 10%).</li>
 * </ul>
 * Reciprocity is common (about 70% of replying pairs reply both ways), and the mix comes out
 * near reply 87%, mention 7%, like 4%, quote 1%, follow 0.6%, repost 0.4%.
 */
public final class Generator {

    /** How the accounts behave; see the class description. */
    public enum Dynamics {
        /** Twitter-like: persistent, drifting popularity draws bursts of engagement. */
        SOCIAL(new Rhythm(0.45, 16, 0.9)),
        /** A questions-and-answers site: replies driven by the accounts' own activity. */
        QA(new Rhythm(0.35, 15, 0.65));

        private final Rhythm rhythm;

        Dynamics(Rhythm rhythm) {
            this.rhythm = rhythm;
        }

        /** The daily and weekly rhythm of the lines' times. */
        public Rhythm rhythm() {
            return rhythm;
        }

        /** {@code social} or {@code qa}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** By its {@link #wireName()}, ignoring case. */
        public static Dynamics parse(String name) {
            for (Dynamics d : values()) {
                if (d.wireName().equalsIgnoreCase(name.trim())) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown dynamics '" + name + "' (expected social or qa)");
        }
    }

    /**
     * When in the day and week lines are written: the rate of lines is proportional to
     * {@code (1 + amplitude·cos(2π(h − peakHour)/24)) · (weekend ? weekendFactor : 1)} at hour
     * {@code h} (UTC).
     */
    public record Rhythm(double amplitude, double peakHour, double weekendFactor) {
    }

    /**
     * What to generate.
     *
     * @param interactions  lines to write, duplicates included
     * @param accounts      accounts that may take part (ids {@code 1…accounts}); at least 2
     * @param seed          the same seed and parameters always give the same lines
     * @param start         the first possible time, whole seconds
     * @param span          every time is in {@code [start, start + span)}, whole seconds
     * @param dynamics      how the accounts behave
     * @param duplicateRate share of lines that repeat an earlier line (same event id), in {@code [0, 0.5]}
     * @param selfRate      share of lines whose actor is their target, in {@code [0, 0.5]}
     * @param network       network name of every line (lower case, no {@code :}, no {@code "} or {@code \})
     */
    public record Parameters(long interactions, int accounts, long seed, Instant start, Duration span,
                             Dynamics dynamics, double duplicateRate, double selfRate, String network) {

        /**
         * Where the span ends unless a start is given: a fixed instant, so that the same
         * parameters always give the same file, and in the past, so that readers that refuse
         * times ahead of the clock accept every line.
         */
        public static final Instant END_DEFAULT = Instant.parse("2024-01-01T00:00:00Z");
        public static final double DUPLICATE_RATE_DEFAULT = 0.005;
        public static final double SELF_RATE_DEFAULT = 0.003;
        private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

        public Parameters {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(span, "span");
            Objects.requireNonNull(dynamics, "dynamics");
            Objects.requireNonNull(network, "network");
            if (interactions < 0) {
                throw new IllegalArgumentException("interactions must be at least 0: " + interactions);
            }
            if (accounts < 2) {
                throw new IllegalArgumentException("accounts must be at least 2: " + accounts);
            }
            if (start.getNano() != 0 || start.isBefore(Instant.EPOCH)) {
                throw new IllegalArgumentException("the span must start at a whole second from 1970 on: " + start);
            }
            if (span.getNano() != 0 || span.getSeconds() < 1) {
                throw new IllegalArgumentException("span must be a whole number of seconds, at least 1: " + span);
            }
            if (start.plus(span).isAfter(LAST_INSTANT)) {
                throw new IllegalArgumentException("the span must end before the year 10000");
            }
            if (!(duplicateRate >= 0 && duplicateRate <= 0.5)) {
                throw new IllegalArgumentException("duplicate rate must be in [0, 0.5]: " + duplicateRate);
            }
            if (!(selfRate >= 0 && selfRate <= 0.5)) {
                throw new IllegalArgumentException("self-interaction rate must be in [0, 0.5]: " + selfRate);
            }
            if (network.isBlank() || !network.equals(network.toLowerCase(Locale.ROOT))
                    || !network.chars().allMatch(c -> c > ' ' && c < 127 && c != ':' && c != '"' && c != '\\')) {
                throw new IllegalArgumentException(
                        "network must be lower-case printable ASCII without ':', '\"' or '\\': " + network);
            }
        }

        /**
         * The defaults around the essentials: a span that ends at {@link #END_DEFAULT}, the
         * default rates, and the dynamics' name as the network.
         */
        public static Parameters of(Dynamics dynamics, long interactions, int accounts, long seed, Duration span) {
            Objects.requireNonNull(span, "span");
            return new Parameters(interactions, accounts, seed, END_DEFAULT.minus(span), span, dynamics,
                    DUPLICATE_RATE_DEFAULT, SELF_RATE_DEFAULT, dynamics.wireName());
        }

        /** The same span, moved to start at {@code newStart}. */
        public Parameters withStart(Instant newStart) {
            return new Parameters(interactions, accounts, seed, newStart, span, dynamics, duplicateRate, selfRate,
                    network);
        }

        public Parameters withRates(double newDuplicateRate, double newSelfRate) {
            return new Parameters(interactions, accounts, seed, start, span, dynamics, newDuplicateRate, newSelfRate,
                    network);
        }

        public Parameters withNetwork(String newNetwork) {
            return new Parameters(interactions, accounts, seed, start, span, dynamics, duplicateRate, selfRate,
                    newNetwork);
        }

        /** End of the span, exclusive. */
        public Instant end() {
            return start.plus(span);
        }
    }

    /**
     * What a run produced.
     *
     * @param lines            lines written (interactions emitted), duplicates included
     * @param duplicates       lines that repeat an earlier line's event id
     * @param selfInteractions lines whose actor is their target
     * @param byKind           lines per kind
     * @param accountsSeen     distinct accounts in at least one line
     * @param bytes            uncompressed bytes written, or 0 when nothing was written
     * @param maxPending       most acts scheduled for later at one time (the queue's high-water mark)
     */
    public record Summary(long lines, long duplicates, long selfInteractions, Map<InteractionKind, Long> byKind,
                          int accountsSeen, long bytes, long maxPending) {
    }

    /** Told how far a run is, every 65,536 lines. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param lines  lines emitted so far
         * @param second the simulated time reached, in seconds since the epoch
         */
        void at(long lines, long second);
    }

    /**
     * Deflate level of {@code .gz} output: zlib's level 3 compresses about three times as fast
     * as the default 6 for files some 15% larger.
     */
    static final int GZIP_LEVEL = 3;

    private final Parameters parameters;

    public Generator(Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Streams the interactions, in the order the file would have them, to {@code sink}. */
    public Summary generate(Consumer<? super Interaction> sink) {
        return generate(sink, null);
    }

    /** Streams the interactions to {@code sink}, telling {@code progress} (may be null) how far it is. */
    public Summary generate(Consumer<? super Interaction> sink, Progress progress) {
        Objects.requireNonNull(sink, "sink");
        String network = parameters.network();
        String prefix = network + "/";
        return run((id, kind, actor, target, second, post, targetPost) -> sink.accept(new Interaction(
                prefix + id, network, kind, Integer.toString(actor + 1), Integer.toString(target + 1),
                second * 1000, post > 0 ? Long.toString(post) : null,
                targetPost > 0 ? Long.toString(targetPost) : null, null, List.of())), progress);
    }

    /**
     * Writes the interactions as generic NDJSON to {@code out}, uncompressed; does not close it.
     *
     * @throws UncheckedIOException when writing fails
     */
    public Summary write(OutputStream out, Progress progress) {
        NdjsonLines lines = new NdjsonLines(out, parameters.network());
        Summary s = run(lines, progress);
        lines.flush();
        return new Summary(s.lines(), s.duplicates(), s.selfInteractions(), s.byKind(), s.accountsSeen(),
                lines.bytes(), s.maxPending());
    }

    /**
     * Writes the interactions as generic NDJSON to {@code file}, gzip-compressed when its name
     * ends with {@code .gz}.
     */
    public Summary write(Path file, Progress progress) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip
                     ? new ParallelGzipOutputStream(new BufferedOutputStream(raw, 1 << 16),
                             GZIP_LEVEL, Runtime.getRuntime().availableProcessors())
                     : new BufferedOutputStream(raw, 1 << 16)) {
            return write(out, progress);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Summary run(Simulation.Lines lines, Progress progress) {
        Simulation sim = new Simulation(parameters, lines);
        Simulation.Model model = switch (parameters.dynamics()) {
            case SOCIAL -> new SocialModel(sim);
            case QA -> new QaModel(sim);
        };
        sim.run(model, progress);
        Map<InteractionKind, Long> byKind = new EnumMap<>(InteractionKind.class);
        for (InteractionKind k : InteractionKind.values()) {
            byKind.put(k, sim.byKind[k.ordinal()]);
        }
        long total = 0;
        for (long c : sim.byKind) {
            total += c;
        }
        return new Summary(total, sim.duplicates, sim.selfInteractions, Collections.unmodifiableMap(byKind),
                sim.seen.cardinality(), 0, sim.maxQueue());
    }
}
