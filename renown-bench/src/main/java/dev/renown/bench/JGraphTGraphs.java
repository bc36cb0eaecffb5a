package dev.renown.bench;

import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

import java.util.Map;

/** JGraphT 1.5.3 the way its documentation shows: boxed vertices, one object per edge. */
final class JGraphTGraphs {

    private JGraphTGraphs() {
    }

    /** Adds every node, then every edge, to a {@link DefaultDirectedGraph}. */
    static Graph<Integer, DefaultEdge> build(RMat.EdgeList edges) {
        Graph<Integer, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int v = 0; v < edges.n(); v++) {
            g.addVertex(v);
        }
        int[] sources = edges.sources();
        int[] targets = edges.targets();
        for (int e = 0; e < sources.length; e++) {
            g.addEdge(sources[e], targets[e]);
        }
        return g;
    }

    /**
     * Exactly {@code iterations} iterations of JGraphT's PageRank: it stops when the largest
     * change falls below the tolerance, which must be positive, so the smallest positive double
     * stands in for zero.
     */
    static Map<Integer, Double> pageRank(Graph<Integer, DefaultEdge> g, double damping, int iterations) {
        return new PageRank<>(g, damping, iterations, Double.MIN_VALUE).getScores();
    }

    /** Heap in use after a full collection, in bytes. */
    static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
