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
        InteractionGraph graph = new InteractionGraphBuilder(table, asOfMillis, parameters.window(),
                parameters.halfLife(SignalKind.NETWORK_IMPACT), parameters.halfLife(SignalKind.AMPLIFICATION),
                parameters.halfLife(SignalKind.CONVERSATION), parameters.kindWeights()).build();
        return score(table, graph);
    }

    /**
     * Scores a window already folded into {@code graph} — by {@link InteractionGraphBuilder}, or
     * by another runner through {@link dev.renown.core.graph.PairFold#assemble} — with the
     * parameters' defences, signals and calibration. {@code table} gives the accounts that the
     * graph's nodes refer to; its events are not read here.
     */
    public ScoreBoard score(EventTable table, InteractionGraph graph) {
        EngagerVoices voices = EngagerVoices.compute(graph,
                v -> table.accounts().networkOrdinal(graph.account(v)), parameters.defences());
        List<Signal> signals = List.of(
                new Reach(graph, voices, seconds(parameters.halfLife(SignalKind.REACH)), parameters.recentShare(),
                        seconds(parameters.recentHalfLife())),
                new Amplification(graph, voices, parameters.priorPosts()),
                new NetworkImpact(graph, voices, parameters.damping(), parameters.maxIterations(),
                        parameters.tolerance(), parameters.threads()),
                new Conversation(graph, voices),
                new Outreach(graph, seconds(parameters.halfLife(SignalKind.OUTREACH))));
        return new ScoreBoard(table, graph, parameters, voices, signals);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
