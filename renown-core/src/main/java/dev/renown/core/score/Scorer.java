package dev.renown.core.score;

import dev.renown.core.event.EventTable;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.graph.InteractionGraphBuilder;

import java.util.List;

/**
 * Scores every account active in a window of an {@link EventTable}.
 *
 * <p>The pipeline: fold the window's interactions into an {@link InteractionGraph} (kind
 * weights, decay, per-actor-day diminishing returns), compute the five {@link Signal}s, and
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
                parameters.halfLife(), parameters.kindWeights()).build();
        List<Signal> signals = List.of(
                new Reach(graph),
                new Amplification(graph, parameters.priorPosts()),
                new NetworkImpact(graph, parameters.damping(), parameters.maxIterations(), parameters.tolerance(),
                        parameters.threads()),
                new Conversation(graph),
                new Outreach(graph));
        return new ScoreBoard(table, graph, parameters, signals);
    }
}
