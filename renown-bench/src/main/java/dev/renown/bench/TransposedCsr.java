package dev.renown.bench;

/**
 * A directed graph in compressed sparse row form indexed by target, as
 * {@link dev.renown.core.graph.InteractionGraph} stores it: the sources of the edges into
 * {@code v} are {@code sources[offsets[v] .. offsets[v+1])}, in increasing order.
 *
 * @param n       number of nodes
 * @param offsets {@code n + 1} row offsets
 * @param sources source of each edge, grouped by target
 */
public record TransposedCsr(int n, int[] offsets, int[] sources) {

    public int edgeCount() {
        return sources.length;
    }

    /**
     * Builds the transposed CSR of an edge list with two stable counting sorts (by source,
     * then by target), so each row comes out sorted by source; {@code O(n + m)}.
     */
    public static TransposedCsr of(RMat.EdgeList g) {
        int n = g.n();
        int m = g.edgeCount();
        int[] from = g.sources();
        int[] to = g.targets();

        int[] bySource = new int[m];
        int[] next = new int[n + 1];
        for (int s : from) {
            next[s + 1]++;
        }
        for (int v = 0; v < n; v++) {
            next[v + 1] += next[v];
        }
        for (int e = 0; e < m; e++) {
            bySource[next[from[e]]++] = e;
        }

        int[] offsets = new int[n + 1];
        for (int t : to) {
            offsets[t + 1]++;
        }
        for (int v = 0; v < n; v++) {
            offsets[v + 1] += offsets[v];
        }
        System.arraycopy(offsets, 0, next, 0, n + 1);
        int[] sources = new int[m];
        for (int e : bySource) {
            sources[next[to[e]]++] = from[e];
        }
        return new TransposedCsr(n, offsets, sources);
    }

    /** The out-degree of every node. */
    public int[] outDegrees() {
        int[] out = new int[n];
        for (int s : sources) {
            out[s]++;
        }
        return out;
    }
}
