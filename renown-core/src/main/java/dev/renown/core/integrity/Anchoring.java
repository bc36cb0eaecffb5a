package dev.renown.core.integrity;

import dev.renown.core.graph.InteractionGraph;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Which engagers of each account are tied to the rest of the network other than through that
 * account.
 *
 * <p>Let {@code G} be the undirected graph of interaction partners (an edge wherever either
 * account interacted with the other in the window, any kind). Remove an account {@code v}: what
 * was {@code v}'s connected component falls into <em>parts</em>. When {@code v} belongs to the
 * <em>world</em> — the largest connected component of its network, when no other is as large —
 * the largest of those parts (again when it is the only one that large) is the world part, and an engager {@code u} of {@code v} is <em>anchored</em> if it lies in it:
 * it reaches the rest of the network without passing through {@code v}. Every other part is
 * <em>closed</em>: its accounts are tied to the network only through {@code v}. An account that
 * only ever engaged {@code v} is a closed part of one; a sybil ring whose members engage {@code v}
 * and each other is one closed part, however large; a ring that also engages outsiders is not.
 * When {@code v} lies outside the world (a small component of its own), every part is closed.
 *
 * <p>The parts of every {@code v} come from one depth-first search with Hopcroft–Tarjan low
 * points (J. Hopcroft, R. Tarjan, "Algorithm 447: efficient algorithms for graph manipulation",
 * CACM 16(6), 1973): a DFS child {@code c} of {@code v} with {@code low(c) ≥ tin(v)} (every child,
 * at the root) heads a subtree that {@code v} separates from the rest; what remains of the
 * component, {@code v}'s ancestors and the other children's subtrees, is the <em>parent side</em>.
 * An engager lies in the subtree whose DFS interval contains its discovery time, found by binary
 * search among {@code v}'s separated children. Roots are taken in decreasing degree, so hubs head
 * their trees. Cost: {@code O(n + m)} for the search, iterative (no recursion), plus
 * {@code O(m log d)} to place the engagers; memory {@code 8m + 28n} bytes while it runs.
 *
 * <p>Each closed part an engager lies in gets an index; {@link #part(int)} gives it per in-edge,
 * {@code -1} when the engager is anchored.
 */
public final class Anchoring {

    /** Part of each in-edge's engager, or -1 when anchored. */
    private final int[] part;
    /** Accounts in each closed part. */
    private final int[] partSize;
    /** The account each closed part hangs off. */
    private final int[] partTarget;
    /** Whether each node lies in the world of its network. */
    private final boolean[] inWorld;

    private Anchoring(int[] part, int[] partSize, int[] partTarget, boolean[] inWorld) {
        this.part = part;
        this.partSize = partSize;
        this.partTarget = partTarget;
        this.inWorld = inWorld;
    }

    /**
     * @param g       the window's interaction graph
     * @param network the network of each node (any int; components never mix networks)
     */
    public static Anchoring of(InteractionGraph g, IntUnaryOperator network) {
        int n = g.nodeCount();
        int m = g.edgeCount();
        // Undirected adjacency: each node's engagers, then the accounts it engaged.
        InteractionGraph.OutEdges out = g.outEdges();
        int[] offsets = new int[n + 1];
        for (int v = 0; v < n; v++) {
            offsets[v + 1] = offsets[v] + g.inDegree(v) + (out.end(v) - out.start(v));
        }
        int[] adjacency = new int[2 * m];
        for (int v = 0; v < n; v++) {
            int k = offsets[v];
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                adjacency[k++] = g.source(e);
            }
            for (int i = out.start(v); i < out.end(v); i++) {
                adjacency[k++] = out.target(i);
            }
        }

        // Depth-first search from the highest-degree unvisited node, iteratively.
        int[] tin = new int[n];
        int[] low = new int[n];
        int[] tout = new int[n];
        int[] parent = new int[n];
        int[] size = new int[n];
        int[] component = new int[n];
        Arrays.fill(tin, -1);
        IntArrayList componentSize = new IntArrayList();
        int[] stack = new int[n];
        int[] cursor = new int[n];
        int timer = 0;
        for (int r : byDecreasingDegree(offsets, n)) {
            if (tin[r] >= 0) {
                continue;
            }
            int c = componentSize.size();
            int first = timer;
            int top = 0;
            stack[0] = r;
            cursor[r] = offsets[r];
            parent[r] = -1;
            tin[r] = low[r] = timer++;
            while (top >= 0) {
                int v = stack[top];
                if (cursor[v] < offsets[v + 1]) {
                    int w = adjacency[cursor[v]++];
                    if (tin[w] < 0) {
                        parent[w] = v;
                        tin[w] = low[w] = timer++;
                        cursor[w] = offsets[w];
                        stack[++top] = w;
                    } else if (tin[w] < low[v]) {
                        low[v] = tin[w]; // a back edge; the edge to the parent counts too, harmlessly
                    }
                } else {
                    top--;
                    tout[v] = timer;
                    size[v] += 1;
                    component[v] = c;
                    int p = parent[v];
                    if (p >= 0) {
                        low[p] = Math.min(low[p], low[v]);
                        size[p] += size[v];
                    }
                }
            }
            componentSize.add(timer - first);
        }

        // The world of each network: its largest component, when no other is as large.
        int networks = 0;
        int[] networkOf = new int[n];
        for (int v = 0; v < n; v++) {
            networkOf[v] = network.applyAsInt(v);
            networks = Math.max(networks, networkOf[v] + 1);
        }
        int[] world = new int[networks];
        boolean[] tied = new boolean[networks];
        Arrays.fill(world, -1);
        for (int v = 0; v < n; v++) {
            int c = component[v];
            int k = networkOf[v];
            int w = world[k];
            if (w < 0 || componentSize.getInt(c) > componentSize.getInt(w)) {
                world[k] = c;
                tied[k] = false;
            } else if (c != w && componentSize.getInt(c) == componentSize.getInt(w)) {
                tied[k] = true;
            }
        }
        boolean[] inWorld = new boolean[n];
        for (int v = 0; v < n; v++) {
            inWorld[v] = !tied[networkOf[v]] && world[networkOf[v]] == component[v];
        }

        // Place every engager of every account in a part of G − v.
        int[] part = new int[m];
        IntArrayList partSize = new IntArrayList();
        IntArrayList partTarget = new IntArrayList();
        int[] children = new int[16];
        int[] childTin = new int[16];
        int[] local = new int[17];
        for (int v = 0; v < n; v++) {
            if (g.inDegree(v) == 0) {
                continue;
            }
            int k = 0;
            int separated = 0;
            int lastTin = -1;
            for (int i = offsets[v]; i < offsets[v + 1]; i++) {
                int w = adjacency[i];
                if (parent[w] == v && tin[w] > lastTin) {
                    lastTin = tin[w];
                    if (parent[v] < 0 || low[w] >= tin[v]) {
                        if (k == children.length) {
                            children = Arrays.copyOf(children, 2 * k);
                            childTin = Arrays.copyOf(childTin, 2 * k);
                        }
                        children[k] = w;
                        childTin[k++] = tin[w];
                        separated += size[w];
                    }
                }
            }
            // Parts 0..k-1 are the separated subtrees, part k the parent side (absent at a root).
            int parentSide = parent[v] < 0 ? 0 : componentSize.getInt(component[v]) - 1 - separated;
            int worldPart = -1;
            if (inWorld[v]) {
                // The largest part, when no other part is as large.
                int best = parent[v] < 0 ? -1 : parentSide;
                worldPart = parent[v] < 0 ? -1 : k;
                boolean tie = false;
                for (int j = 0; j < k; j++) {
                    if (size[children[j]] > best) {
                        best = size[children[j]];
                        worldPart = j;
                        tie = false;
                    } else if (size[children[j]] == best) {
                        tie = true;
                    }
                }
                worldPart = tie ? -1 : worldPart;
            }
            if (local.length < k + 1) {
                local = new int[2 * (k + 1)];
            }
            Arrays.fill(local, 0, k + 1, -1);
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                int u = g.source(e);
                int j = Arrays.binarySearch(childTin, 0, k, tin[u]);
                j = j >= 0 ? j : -j - 2;
                if (j < 0 || tin[u] >= tout[children[j]]) {
                    j = k;
                }
                if (j == worldPart) {
                    part[e] = -1;
                    continue;
                }
                if (local[j] < 0) {
                    local[j] = partSize.size();
                    partSize.add(j == k ? parentSide : size[children[j]]);
                    partTarget.add(v);
                }
                part[e] = local[j];
            }
        }
        return new Anchoring(part, partSize.toIntArray(), partTarget.toIntArray(), inWorld);
    }

    /** Nodes by decreasing undirected degree, ties by node id: a counting sort. */
    private static int[] byDecreasingDegree(int[] offsets, int n) {
        int max = 0;
        for (int v = 0; v < n; v++) {
            max = Math.max(max, offsets[v + 1] - offsets[v]);
        }
        int[] start = new int[max + 2];
        for (int v = 0; v < n; v++) {
            start[max - (offsets[v + 1] - offsets[v]) + 1]++;
        }
        for (int d = 0; d <= max; d++) {
            start[d + 1] += start[d];
        }
        int[] order = new int[n];
        for (int v = 0; v < n; v++) {
            order[start[max - (offsets[v + 1] - offsets[v])]++] = v;
        }
        return order;
    }

    /** The closed part the engager of in-edge {@code e} lies in, or -1 when it is anchored. */
    public int part(int e) {
        return part[e];
    }

    public boolean isAnchored(int e) {
        return part[e] < 0;
    }

    /** Number of closed parts, over all accounts. */
    public int partCount() {
        return partSize.length;
    }

    /** Accounts in closed part {@code p}, engagers of its account or not. */
    public int partSize(int p) {
        return partSize[p];
    }

    /** The account closed part {@code p} hangs off. */
    public int partTarget(int p) {
        return partTarget[p];
    }

    /** Whether node {@code v} lies in the largest connected component of its network. */
    public boolean inWorld(int v) {
        return inWorld[v];
    }
}
