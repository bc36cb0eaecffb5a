package dev.renown.core.score;

import dev.renown.core.event.EventTable;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.graph.InteractionGraphBuilder;
import dev.renown.core.integrity.EngagerVoices;

import java.time.Duration;
import java.util.List;

/**
 * Scores every account active in a window of an {@link EventTable}.
 *
 * <p>The pipeline: fold the window's interactions into an {@link InteractionGraph} (kind
 * weights, decay, per-actor-day diminishing returns), weigh each engager's voice
 * ({@link EngagerVoices}, with the parameters' defences), compute the five {@link Signal}s, and
 * map them to 1–100 with the {@link Calibration}. Its cost is dominated by the graph build,
 * {@code O(E log d)}, and propagation, {@code O(n + m)} per iteration.
 */
public final class Scorer {

    private final ScoringParameters parameters;

    public Scorer(ScoringParameters parameters) {
        this.parameters = parameters;
    }

    public ScoringParameters parameters() {
        return parameters;
    }

    /**
     * Scores as of the latest interaction between two different accounts in the table, so the
     * result never depends on when it is computed. An empty table gives an empty board.
     */
    public ScoreBoard score(EventTable table) {
        long last = table.lastInteractionMillis();
        return score(table, last == Long.MIN_VALUE ? 0 : last);
    }

    /** Scores using only interactions in {@code (asOf − window, asOf]}. */
    public ScoreBoard score(EventTable table, long asOfMillis) {
        return score(table, fold(table, asOfMillis));
    }

    /**
     * The interactions in {@code (asOf − window, asOf]} folded into the graph that
     * {@link #score(EventTable, InteractionGraph)} scores, with these parameters' kind weights and
     * half-lives. A caller that needs only rankings may then score it against
     * {@link EventTable#accountsOnly()} and let the events go.
     */
    public InteractionGraph fold(EventTable table, long asOfMillis) {
        return new InteractionGraphBuilder(table, asOfMillis, parameters.window(),
                parameters.halfLife(SignalKind.NETWORK_IMPACT), parameters.halfLife(SignalKind.AMPLIFICATION),
                parameters.halfLife(SignalKind.CONVERSATION), parameters.kindWeights()).build();
    }

    /**
     * Scores a window already folded into {@code graph} — by {@link InteractionGraphBuilder}, or
     * by another runner through {@link dev.renown.core.graph.PairFold#assemble} — with the
     * parameters' defences, signals and calibration. {@code table} gives the accounts that the
     * graph's nodes refer to; its events are not read here.
     */
    public ScoreBoard score(EventTable table, InteractionGraph graph) {
        // Outreach needs no voices: it is computed beside them. Then network impact, which splits
        // its own propagation among the threads, runs beside the three cheap signals.
        Beside<Signal> outreach = new Beside<>(parameters.threads() > 1,
                () -> new Outreach(graph, seconds(parameters.halfLife(SignalKind.OUTREACH))));
        EngagerVoices voices = EngagerVoices.compute(graph,
                v -> table.accounts().networkOrdinal(graph.account(v)), parameters.defences());
        Beside<Signal[]> cheap = new Beside<>(parameters.threads() > 1, () -> new Signal[] {
                new Reach(graph, voices, seconds(parameters.halfLife(SignalKind.REACH)), parameters.recentShare(),
                        seconds(parameters.recentHalfLife())),
                new Amplification(graph, voices, parameters.priorPosts()),
                new Conversation(graph, voices)});
        Signal impact = new NetworkImpact(graph, voices, parameters.damping(), parameters.maxIterations(),
                parameters.tolerance(), parameters.threads());
        Signal[] done = cheap.get();
        List<Signal> signals = List.of(done[0], done[1], impact, done[2], outreach.get());
        return new ScoreBoard(table, graph, parameters, voices, signals);
    }

    /**
     * A computation run on a thread of its own while the caller does something else, or on the
     * caller's thread when {@code get} asks for it if {@code parallel} is false; {@link #get()}
     * returns its result or rethrows what it threw.
     */
    static final class Beside<T> {
        private final java.util.function.Supplier<T> work;
        private final Thread thread;
        private T result;
        private Throwable failure;

        Beside(boolean parallel, java.util.function.Supplier<T> work) {
            this.work = work;
            if (parallel) {
                thread = new Thread(this::run, "renown-scoring");
                thread.setDaemon(true);
                thread.start();
            } else {
                thread = null;
            }
        }

        private void run() {
            try {
                result = work.get();
            } catch (Throwable t) {
                failure = t;
            }
        }

        T get() {
            if (thread == null) {
                return work.get();
            }
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return result;
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
