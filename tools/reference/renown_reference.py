#!/usr/bin/env python3
"""Independent reference implementation of the Renown score.

Written from ``docs/scoring.md`` alone (section numbers below refer to it), in
pure Python 3 with the standard library only, to cross-check the golden values
of the Java implementation. It deliberately shares no code or logic with the
Java sources.

Input: the SNAP Higgs activity format (optionally gzip-compressed), one
interaction per line, ``userA userB unix_seconds TYPE`` with TYPE in RT
(repost), MT (mention) or RE (reply). All accounts belong to the network
``snap``; the events carry no post ids.

Usage::

    python3 tools/reference/renown_reference.py FILE [--as-of UNIX_SECONDS] [--top N]

Differences from the Java implementation that are expected (and small):
edge weights and standings are kept as 64-bit floats (the spec stores them as
32-bit floats, see ``--float32-weights``), and the network-impact system is
iterated to full float64 convergence instead of the spec's looser tolerance.
"""

import argparse
import gzip
import math
import struct
import sys
from collections import defaultdict, namedtuple

# --- Parameters (§1-§5 defaults) -------------------------------------------

DAY_MS = 86_400_000
WINDOW_MS = 90 * DAY_MS           # §1: window, 90 days
HALF_LIFE_MS = 30 * DAY_MS        # §2: decay half-life h, 30 days
DAMPING = 0.85                    # §4.3: damping d
PRIOR_POSTS = 1.0                 # §4.2: prior posts π
SATURATION_BITS = 20.0            # §5: saturation L

# §2: kind weights κ
KIND_WEIGHT = {
    "repost": 1.0, "quote": 1.0, "reply": 1.0,
    "mention": 0.5, "like": 0.25, "follow": 0.1,
}

# §3: which kinds feed which edge weight
ENGAGEMENT_KINDS = frozenset({"repost", "quote", "reply", "mention", "like"})
INFLUENCE_KINDS = frozenset(KIND_WEIGHT)
AMPLIFICATION_KINDS = frozenset({"repost", "quote", "reply"})
CONVERSATION_KINDS = frozenset({"reply", "mention"})
# §3 (own posts): the kinds whose actor authored a post
POST_KINDS = frozenset({"reply", "quote", "mention"})

# §5: signal weights w (already sum to one; normalised anyway)
SIGNALS = ("reach", "amplification", "network_impact", "conversation", "outreach")
_RAW_SIGNAL_WEIGHTS = {
    "reach": 0.9875, "amplification": 0.0, "network_impact": 0.0,
    "conversation": 0.0125, "outreach": 0.0,
}
SIGNAL_WEIGHT = {s: w / sum(_RAW_SIGNAL_WEIGHTS.values())
                 for s, w in _RAW_SIGNAL_WEIGHTS.items()}

SNAP_KINDS = {"RT": "repost", "MT": "mention", "RE": "reply"}
SNAP_NETWORK = "snap"

Interaction = namedtuple("Interaction", "network kind actor target time_ms post_id")
Edge = namedtuple("Edge", "engagement influence amplification conversation")


def log2p1(x):
    """``log₂p1(x) = log₂(1 + x)`` (§4)."""
    return math.log2(1.0 + x)


def to_float32(x):
    """Round a float64 to the nearest 32-bit float (§3: weights stored as 32-bit floats)."""
    return struct.unpack("f", struct.pack("f", x))[0]


# --- Input ------------------------------------------------------------------

def read_snap_higgs(path):
    """Read SNAP Higgs activity lines into interactions, in file order.

    ``userA userB unix_seconds TYPE``; seconds become milliseconds. Accounts are
    bare ids of the network ``snap``; there are no post ids. Blank lines are skipped.
    """
    opener = gzip.open if _is_gzip(path) else open
    interactions = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) != 4 or fields[3] not in SNAP_KINDS:
                raise ValueError(f"{path}:{line_no}: not a SNAP Higgs line: {line!r}")
            actor, target, seconds, kind = fields
            interactions.append(Interaction(SNAP_NETWORK, SNAP_KINDS[kind], actor, target,
                                            int(seconds) * 1000, None))
    return interactions


def _is_gzip(path):
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


# --- §1 Which interactions count -------------------------------------------

def drop_self_interactions(interactions):
    """§1: self-interactions (actor = target) never count; dropped before anything else."""
    return [i for i in interactions if i.actor != i.target]


def drop_duplicates(interactions):
    """§1: duplicate events (same event id) are read once.

    The event id is taken to be the whole interaction (network, kind, actor,
    target, time, post id) — for SNAP lines, the whole line. First occurrence wins.
    """
    seen = set()
    unique = []
    for i in interactions:
        if i not in seen:
            seen.add(i)
            unique.append(i)
    return unique


def default_as_of(interactions):
    """§1: default T = time of the last interaction between two different accounts."""
    times = [i.time_ms for i in interactions if i.actor != i.target]
    if not times:
        raise ValueError("no interaction between two different accounts")
    return max(times)


def in_window(interactions, as_of_ms, window_ms=WINDOW_MS):
    """§1: keep interactions with ``T − window < time ≤ T``."""
    return [i for i in interactions if as_of_ms - window_ms < i.time_ms <= as_of_ms]


def counted_interactions(interactions, as_of_ms):
    """§1: self-interactions out, duplicates out, then the window."""
    return in_window(drop_duplicates(drop_self_interactions(interactions)), as_of_ms)


def accounts_in_order(counted):
    """§1/§5: the scored accounts, in order of first appearance in the window.

    An account appears when it is actor or target of a counted interaction;
    interactions are taken in input order, the actor before the target.
    """
    order = {}
    for i in counted:
        for account in (i.actor, i.target):
            if account not in order:
                order[account] = len(order)
    return order


# --- §2 The credit of one interaction ----------------------------------------

def utc_day(time_ms):
    """§2: UTC calendar day ``floor(time_ms / 86 400 000)``."""
    return time_ms // DAY_MS


def daily_action_counts(counted):
    """§2: n(actor, day) = counted interactions (any kind, any target) per actor and UTC day."""
    n = defaultdict(int)
    for i in counted:
        n[(i.actor, utc_day(i.time_ms))] += 1
    return n


def decay(time_ms, as_of_ms, half_life_ms=HALF_LIFE_MS):
    """§2: ``2^(−(T − time)/h)``."""
    return 2.0 ** (-(as_of_ms - time_ms) / half_life_ms)


def daily_share(n):
    """§2: ``log₂(1 + n) / n`` — a day of n actions is worth log₂(1+n) actions, shared equally."""
    return 1.0 if n == 1 else math.log2(1 + n) / n


def credit(interaction, as_of_ms, n):
    """§2: ``credit(i) = κ(kind) · 2^(−(T − time)/h) · log₂(1 + n) / n``."""
    return KIND_WEIGHT[interaction.kind] * decay(interaction.time_ms, as_of_ms) * daily_share(n)


# --- §3 The interaction graph ------------------------------------------------

def build_edges(counted, as_of_ms, float32_weights=False):
    """§3: fold the interactions u → v into one edge with four weights.

    ``engagement`` is the recency ``2^(−age/h)`` of the pair's latest engagement; the other
    three are credit sums. Returns ``{(u, v): Edge(engagement, influence, amplification,
    conversation)}``.
    """
    n = daily_action_counts(counted)
    sums = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for i in counted:
        c = credit(i, as_of_ms, n[(i.actor, utc_day(i.time_ms))])
        w = sums[(i.actor, i.target)]
        if i.kind in ENGAGEMENT_KINDS:
            w[0] = max(w[0], decay(i.time_ms, as_of_ms))
        if i.kind in INFLUENCE_KINDS:
            w[1] += c
        if i.kind in AMPLIFICATION_KINDS:
            w[2] += c
        if i.kind in CONVERSATION_KINDS:
            w[3] += c
    rnd = to_float32 if float32_weights else float
    return {pair: Edge(*(rnd(x) for x in w)) for pair, w in sums.items()}


def own_posts(counted):
    """§3: posts(v) = distinct posts v authored, over v's counted reply/quote/mention interactions.

    Distinct post ids where present; otherwise distinct whole seconds
    ``floor(time_ms / 1000)``. The two key spaces are kept apart.
    """
    keys = defaultdict(set)
    for i in counted:
        if i.kind in POST_KINDS:
            key = ("id", i.post_id) if i.post_id is not None else ("s", i.time_ms // 1000)
            keys[i.actor].add(key)
    return {v: len(k) for v, k in keys.items()}


# --- §4 The five signals ------------------------------------------------------

def reach(edges):
    """§4.1: ``reach(v) = Σ_u engagement(u,v)`` (recency of u's latest engagement of v)."""
    out = defaultdict(float)
    for (u, v), e in edges.items():
        out[v] += e.engagement
    return out


def amplification(edges, posts):
    """§4.2: ``amplification(v) = Σ_u log₂p1(amplification(u,v)) / (posts(v) + π)``."""
    total = defaultdict(float)
    for (u, v), e in edges.items():
        total[v] += log2p1(e.amplification)
    return {v: s / (posts.get(v, 0) + PRIOR_POSTS) for v, s in total.items()}


def network_impact(edges, accounts, tol=1e-14, max_iter=10_000):
    """§4.3: ``impact(v) = Σ_u p(u,v)·x_u = (x_v − 1)/d``.

    ``W(u,v) = log₂p1(influence(u,v))``, ``p(u,v) = W(u,v) / Σ_w W(u,w)``, and
    ``x_v = 1 + d·Σ_u p(u,v)·x_u`` solved by Jacobi iteration from x = 1, here in
    float64 until no x changes by more than ``tol`` relative to its value
    (x ≥ 1 always; a relative test cannot stall on the last bit of large x).
    """
    index = {a: k for k, a in enumerate(accounts)}
    out_total = defaultdict(float)
    for (u, v), e in edges.items():
        out_total[u] += log2p1(e.influence)
    # Flat edge arrays (source index, target index, share p(u,v)) for a fast inner loop.
    src, dst, share = [], [], []
    for (u, v), e in edges.items():
        w = log2p1(e.influence)
        if w > 0.0:
            src.append(index[u])
            dst.append(index[v])
            share.append(w / out_total[u])
    edge_list = list(zip(src, dst, share))

    x = [1.0] * len(index)
    for _ in range(max_iter):
        inflow = [0.0] * len(index)
        for s, t, p in edge_list:
            inflow[t] += p * x[s]
        new_x = [1.0 + DAMPING * f for f in inflow]
        change = max((abs(a - b) / a for a, b in zip(new_x, x)), default=0.0)
        x = new_x
        if change <= tol:
            break
    else:
        print(f"warning: network impact not converged after {max_iter} iterations",
              file=sys.stderr)
    return {a: (x[k] - 1.0) / DAMPING for a, k in index.items()}


def conversation(edges):
    """§4.4: ``Σ_u [log₂p1(c(u,v)) + log₂p1(min(c(u,v), c(v,u)))]``, c(v,u) = 0 without edge v → u."""
    out = defaultdict(float)
    for (u, v), e in edges.items():
        back = edges.get((v, u))
        c_back = back.conversation if back is not None else 0.0
        out[v] += log2p1(e.conversation) + log2p1(min(e.conversation, c_back))
    return out


def outreach(edges):
    """§4.5: ``outreach(v) = Σ_w engagement(v,w)`` over edges out of v."""
    out = defaultdict(float)
    for (v, w), e in edges.items():
        out[v] += e.engagement
    return out


def signals(edges, posts, accounts):
    """§4: the five signals of every scored account (0 where an account has no such edge)."""
    per_signal = {
        "reach": reach(edges),
        "amplification": amplification(edges, posts),
        "network_impact": network_impact(edges, accounts),
        "conversation": conversation(edges),
        "outreach": outreach(edges),
    }
    return {a: {s: per_signal[s].get(a, 0.0) for s in SIGNALS} for a in accounts}


# --- §5 From signals to 1-100 ------------------------------------------------

def bits(sig):
    """§5: ``bits(v) = Σ_s w_s · log₂(1 + signal_s(v))``."""
    return sum(SIGNAL_WEIGHT[s] * log2p1(sig[s]) for s in SIGNALS)


def score(sig):
    """§5: ``score(v) = 1 + 99 · min(1, bits(v) / L)``."""
    return 1.0 + 99.0 * min(1.0, bits(sig) / SATURATION_BITS)


def points(sig):
    """§5: ``points_s(v) = 99 · w_s · log₂(1 + signal_s(v)) / max(L, bits(v))``."""
    denominator = max(SATURATION_BITS, bits(sig))
    return {s: 99.0 * SIGNAL_WEIGHT[s] * log2p1(sig[s]) / denominator for s in SIGNALS}


def ranked(scores, first_appearance):
    """§5: competition ranks ("1, 2, 2, 4") of scores rounded to six decimals.

    Ties are listed in order of first appearance in the window.
    Returns ``[(rank, account), ...]`` best first.
    """
    order = sorted(scores, key=lambda a: (-round(scores[a], 6), first_appearance[a]))
    result = []
    previous = None
    rank = 0
    for position, account in enumerate(order, 1):
        key = round(scores[account], 6)
        if key != previous:
            rank, previous = position, key
        result.append((rank, account))
    return result


# --- Putting it together -----------------------------------------------------

Result = namedtuple("Result", "as_of_ms ranking scores signals")


def score_all(interactions, as_of_ms=None, float32_weights=False):
    """§1-§5 end to end: returns ranks, scores and signals of every scored account."""
    if as_of_ms is None:
        as_of_ms = default_as_of(interactions)
    counted = counted_interactions(interactions, as_of_ms)
    first_appearance = accounts_in_order(counted)
    edges = build_edges(counted, as_of_ms, float32_weights)
    sig = signals(edges, own_posts(counted), list(first_appearance))
    scores = {a: score(s) for a, s in sig.items()}
    return Result(as_of_ms, ranked(scores, first_appearance), scores, sig)


def format_tsv(result, top):
    """The TSV table of the top accounts: rank, account, score and the raw signals."""
    lines = ["\t".join(("rank", "account", "score") + SIGNALS)]
    for rank, account in result.ranking[:top]:
        sig = result.signals[account]
        lines.append("\t".join([str(rank), account, f"{result.scores[account]:.4f}"]
                               + [f"{sig[s]:.4f}" for s in SIGNALS]))
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="SNAP Higgs activity file (gzip or plain text)")
    parser.add_argument("--as-of", type=int, metavar="UNIX_SECONDS",
                        help="as-of instant T (default: last interaction between two accounts)")
    parser.add_argument("--top", type=int, default=20, metavar="N", help="rows to print (20)")
    parser.add_argument("--float32-weights", action="store_true",
                        help="round each summed edge weight to a 32-bit float (§3)")
    args = parser.parse_args(argv)

    interactions = read_snap_higgs(args.file)
    as_of_ms = args.as_of * 1000 if args.as_of is not None else None
    result = score_all(interactions, as_of_ms, args.float32_weights)
    sys.stdout.write(format_tsv(result, args.top))


if __name__ == "__main__":
    main()
