#!/usr/bin/env python3
"""Independent reference implementation of the Renown score.

Written from ``docs/scoring.md`` alone (section numbers below refer to it), in
pure Python 3 with the standard library only, to cross-check the golden values
of the Java implementation. It deliberately shares no code or logic with the
Java sources. Section 6 (calibration) is not implemented: the weights and
timescales are taken from the command line, by default the spec's priors.

Input: the SNAP Higgs activity format (optionally gzip-compressed), one
interaction per line, ``userA userB unix_seconds TYPE`` with TYPE in RT
(repost), MT (mention) or RE (reply). All accounts belong to the network
``snap``; the events carry no post ids.

Usage::

    python3 tools/reference/renown_reference.py FILE [--as-of UNIX_SECONDS] [--top N]
        [--float32-weights] [--weights W,W,W,W,W] [--half-lives H[,H,H,H,H]]
        [--recent-share MU] [--recent-half-life H] [--defences all|none|LIST]

Differences from the Java implementation that are expected (and small):
edge weights, voices and standings are kept as 64-bit floats (the spec stores
edge weights as 32-bit floats, see ``--float32-weights``), and the
network-impact system is iterated to full float64 convergence instead of the
spec's looser tolerance.

Readings taken where the spec is still open (most literal reading):

- §3: ``rec_h = 2^(−lastAge/h)`` with lastAge in whole seconds and h in seconds
  (``h_ms / 1000``, not rounded); credits (§2) decay with the exact age in ms.
- §4a world / world part: a tie for the largest component means no world (every
  part of every v is closed); a tie for the largest part means no world part.
- §4a engagers: "in this section" covers the whole of §4a, so the hubs' "distinct
  engagers" and "engaging pairs" count every edge, follows included, like groups do;
  only vouchers need engagement.
- §4a hub-only: "no edge w → u, w ≠ v" counts edges of any kind (follows too);
  "every account other than v that u has an edge to" means u's out-edges (any kind).
- §4a hubs: "hold half" is inclusive (≥ ½ of the engaging pairs).
- §4a arrival and voucher times use firstAge (first interaction of any kind, a
  follow included); the devoted span is firstAge − lastAge on the same terms.
- §4.1 vouched: with ``bursts`` on, an engager is vouched when it is established
  or its group was matched to a voucher; a group credited 1 because A(F) = F (one
  or two unvouched hours) is still unvouched and stays out of S. With ``bursts``
  off (or no defences) every engager is vouched.
"""

import argparse
import bisect
import gzip
import math
import re
import struct
import sys
from collections import defaultdict, namedtuple

# --- Constants (§1-§5) -----------------------------------------------------------

SECOND_MS = 1000
HOUR_MS = 3_600_000
DAY_MS = 86_400_000
WINDOW_MS = 90 * DAY_MS           # §1: window, 90 days
DAMPING = 0.85                    # §4.3: damping d
PRIOR_POSTS = 1.0                 # §4.2: prior posts π
SATURATION_BITS = 20.0            # §5: saturation L

# §2: kind weights κ
KIND_WEIGHT = {
    "repost": 1.0, "quote": 1.0, "reply": 1.0,
    "mention": 0.5, "like": 0.25, "follow": 0.1,
}

# §3: which kinds feed which edge field
ENGAGEMENT_KINDS = frozenset({"repost", "quote", "reply", "mention", "like"})   # lastAge
AMPLIFICATION_KINDS = frozenset({"repost", "quote", "reply"})
CONVERSATION_KINDS = frozenset({"reply", "mention"})
# §3 (own posts): the kinds whose actor authored a post
POST_KINDS = frozenset({"reply", "quote", "mention"})

SIGNALS = ("reach", "amplification", "network_impact", "conversation", "outreach")

# §4a constants
DEFENCES = ("closed-clusters", "hub-only", "bursts", "devoted")
VOUCHER_SLOTS = 8                 # ρ: groups one voucher vouches for
VOUCH_WINDOW_MS = 6 * HOUR_MS     # Δ: |arrival − voucher| ≤ Δ
FREE_HOURS = 2                    # A(F) = F for F ≤ 2
DEVOTED_SPAN_S = 3600             # firstAge − lastAge ≥ 3,600 s: it came back

SNAP_KINDS = {"RT": "repost", "MT": "mention", "RE": "reply"}
SNAP_NETWORK = "snap"

Interaction = namedtuple("Interaction", "network kind actor target time_ms post_id")
# §3: one edge u → v. last_age is None when the pair has no engagement (only follows).
Edge = namedtuple("Edge", "last_age first_age influence amplification conversation")

# --- Parameters -----------------------------------------------------------------

Params = namedtuple("Params", "weights half_lives recent_share recent_half_life_ms defences")
Params.__doc__ = """Scoring parameters (§5, §6 priors by default).

weights: {signal: w_s} normalised to sum to one; half_lives: {signal: h in ms};
recent_share: reach's μ; recent_half_life_ms: reach's h_s; defences: frozenset of §4a names."""


def make_params(weights=(0.9, 0.0, 0.0, 0.1, 0.0), half_lives_ms=(30 * DAY_MS,) * 5,
                recent_share=0.5, recent_half_life_ms=DAY_MS, defences=DEFENCES):
    """Build :class:`Params`; weights and half-lives are given in the order of ``SIGNALS``.

    Defaults are the priors of §6: reach 0.9, conversation 0.1, the rest 0; every
    half-life 30 days; μ = ½ at h_s = 1 day; every defence on.
    """
    weights = tuple(float(w) for w in weights)
    if len(weights) != len(SIGNALS) or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError(f"need {len(SIGNALS)} non-negative weights with a positive sum")
    if len(half_lives_ms) == 1:
        half_lives_ms = tuple(half_lives_ms) * len(SIGNALS)
    if len(half_lives_ms) != len(SIGNALS) or any(h <= 0 for h in half_lives_ms):
        raise ValueError(f"need one or {len(SIGNALS)} positive half-lives")
    if not 0.0 <= recent_share <= 1.0:
        raise ValueError("the recent share μ must lie in [0, 1]")
    if recent_half_life_ms <= 0:
        raise ValueError("the recent half-life must be positive")
    unknown = set(defences) - set(DEFENCES)
    if unknown:
        raise ValueError(f"unknown defences: {', '.join(sorted(unknown))}")
    total = sum(weights)
    return Params({s: w / total for s, w in zip(SIGNALS, weights)},
                  dict(zip(SIGNALS, (float(h) for h in half_lives_ms))),
                  float(recent_share), float(recent_half_life_ms), frozenset(defences))


PRIORS = make_params()
SIGNAL_WEIGHT = PRIORS.weights


def log2p1(x):
    """``log₂p1(x) = log₂(1 + x)`` (§4)."""
    return math.log2(1.0 + x)


def to_float32(x):
    """Round a float64 to the nearest 32-bit float (§3: weights stored as 32-bit floats)."""
    return struct.unpack("f", struct.pack("f", x))[0]


# --- Input ----------------------------------------------------------------------

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


# --- §1 Which interactions count ---------------------------------------------------

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
    """§3: node numbers — accounts in order of first appearance in the window.

    An account appears when it is actor or target of a counted interaction;
    interactions are taken in input order, the actor before the target.
    Returns ``{account: node}``.
    """
    order = {}
    for i in counted:
        for account in (i.actor, i.target):
            if account not in order:
                order[account] = len(order)
    return order


# --- §2 The credit of one interaction -------------------------------------------------

def utc_day(time_ms):
    """§2: UTC calendar day ``floor(time_ms / 86 400 000)``."""
    return time_ms // DAY_MS


def daily_action_counts(counted):
    """§2: n(actor, day) = counted interactions (any kind, any target) per actor and UTC day."""
    n = defaultdict(int)
    for i in counted:
        n[(i.actor, utc_day(i.time_ms))] += 1
    return n


def decay(age_ms, half_life_ms):
    """§2: ``2^(−(T − time)/h)``, with ``age_ms = T − time``."""
    return 2.0 ** (-age_ms / half_life_ms)


def daily_share(n):
    """§2: ``log₂(1 + n) / n`` — a day of n actions is worth log₂(1+n) actions, shared equally."""
    return 1.0 if n == 1 else math.log2(1 + n) / n


def credit(interaction, as_of_ms, n, half_life_ms):
    """§2: ``credit(i) = κ(kind) · 2^(−(T − time)/h) · log₂(1 + n) / n`` at half-life h."""
    return (KIND_WEIGHT[interaction.kind] * decay(as_of_ms - interaction.time_ms, half_life_ms)
            * daily_share(n))


# --- §3 The interaction graph -----------------------------------------------------

def age_seconds(as_of_ms, time_ms):
    """§3: an age ``T − time`` in whole seconds, ``floor(ms / 1000)``."""
    return (as_of_ms - time_ms) // SECOND_MS


def build_edges(counted, as_of_ms, node, params=PRIORS, float32_weights=False):
    """§3: fold the interactions u → v into one edge with two ages and three weights.

    Returns ``{(node_u, node_v): Edge(last_age, first_age, influence, amplification,
    conversation)}``: ``last_age`` (whole seconds; None without engagement) of the pair's
    latest engagement, ``first_age`` of its first interaction of any kind, and the credit
    sums (§2), each decayed at the half-life of the signal it feeds (influence: network
    impact's, amplification: amplification's, conversation: conversation's).
    """
    n = daily_action_counts(counted)
    h_inf = params.half_lives["network_impact"]
    h_amp = params.half_lives["amplification"]
    h_con = params.half_lives["conversation"]
    acc = {}
    for i in counted:
        key = (node[i.actor], node[i.target])
        age = age_seconds(as_of_ms, i.time_ms)
        n_day = n[(i.actor, utc_day(i.time_ms))]
        w = acc.get(key)
        if w is None:
            w = acc[key] = [None, age, 0.0, 0.0, 0.0]
        if i.kind in ENGAGEMENT_KINDS and (w[0] is None or age < w[0]):
            w[0] = age
        if age > w[1]:
            w[1] = age
        w[2] += credit(i, as_of_ms, n_day, h_inf)
        if i.kind in AMPLIFICATION_KINDS:
            w[3] += credit(i, as_of_ms, n_day, h_amp)
        if i.kind in CONVERSATION_KINDS:
            w[4] += credit(i, as_of_ms, n_day, h_con)
    rnd = to_float32 if float32_weights else float
    return {pair: Edge(w[0], w[1], rnd(w[2]), rnd(w[3]), rnd(w[4])) for pair, w in acc.items()}


def recency(edge, half_life_ms):
    """§3: ``rec_h(u,v) = 2^(−lastAge(u,v)/h)``, the age in whole seconds and h in seconds
    (given here in ms); 0 without engagement (follows only)."""
    if edge.last_age is None:
        return 0.0
    return 2.0 ** (-edge.last_age / (half_life_ms / SECOND_MS))


def own_posts(counted):
    """§3: posts(v) = distinct posts v authored, over v's counted reply/quote/mention interactions.

    Distinct post ids where present; otherwise distinct whole seconds
    ``floor(time_ms / 1000)``. The two key spaces are kept apart. Keyed by account.
    """
    keys = defaultdict(set)
    for i in counted:
        if i.kind in POST_KINDS:
            key = ("id", i.post_id) if i.post_id is not None else ("s", i.time_ms // 1000)
            keys[i.actor].add(key)
    return {v: len(k) for v, k in keys.items()}


# --- §4a Voices: the integrity defences ------------------------------------------------

def partner_graph(edges, n_nodes):
    """§4a: G, the undirected simple graph of interaction partners (any kind), as adjacency lists."""
    adj = [[] for _ in range(n_nodes)]
    for (u, v) in edges:
        if u < v or (v, u) not in edges:      # one undirected edge per pair
            adj[u].append(v)
            adj[v].append(u)
    return adj


DepthFirst = namedtuple("DepthFirst", "tin low size parent order comp comp_size")


def depth_first(adj):
    """§4a: one iterative depth-first search over G with Hopcroft–Tarjan low points.

    ``tin[v]`` discovery time, ``low[v]`` low point, ``size[v]`` DFS subtree size,
    ``parent[v]`` (-1 at a root), ``order[t]`` the node discovered at time t (a subtree
    of v occupies times ``tin[v] … tin[v] + size[v] − 1``, its children consecutive
    sub-ranges), ``comp[v]`` component id, ``comp_size[c]``.
    """
    n = len(adj)
    tin = [-1] * n
    low = [0] * n
    size = [1] * n
    parent = [-1] * n
    comp = [-1] * n
    nxt = [0] * n
    order = []
    comp_size = []
    timer = 0
    for root in range(n):
        if tin[root] != -1:
            continue
        cid = len(comp_size)
        start = timer
        tin[root] = low[root] = timer
        timer += 1
        order.append(root)
        comp[root] = cid
        stack = [root]
        while stack:
            v = stack[-1]
            nbrs = adj[v]
            k = nxt[v]
            if k < len(nbrs):
                nxt[v] = k + 1
                w = nbrs[k]
                if tin[w] == -1:
                    parent[w] = v
                    tin[w] = low[w] = timer
                    timer += 1
                    order.append(w)
                    comp[w] = cid
                    stack.append(w)
                elif w != parent[v] and tin[w] < low[v]:
                    low[v] = tin[w]          # back edge (G is simple: one edge per pair)
            else:
                stack.pop()
                p = parent[v]
                if p != -1:
                    if low[v] < low[p]:
                        low[p] = low[v]
                    size[p] += size[v]
        comp_size.append(timer - start)
    return DepthFirst(tin, low, size, parent, order, comp, comp_size)


def world_component(comp_size):
    """§4a: the world — the largest component of G, when no other is as large; else None."""
    if not comp_size:
        return None
    best = max(comp_size)
    return comp_size.index(best) if comp_size.count(best) == 1 else None


PARENT_PART = -1   # key of the part holding v's DFS parent (v not a DFS root)


def parts_around(df, v):
    """§4a: the parts of v's component once v is removed from G.

    Returns ``(sizes, part_of)``: ``sizes`` maps a part key to its size — a DFS child
    ``c`` of v with ``low(c) ≥ tin(v)`` (every child at a root) heads its own part (key
    ``c``), everything else of the component except v is one part (key ``PARENT_PART``);
    ``part_of(u)`` gives the key of a neighbour u of v in G.
    """
    tin, low, size, parent, order = df.tin, df.low, df.size, df.parent, df.order
    tv = tin[v]
    child_tins = []
    sizes = {}
    t, end = tv + 1, tv + size[v]
    while t < end:                        # the children of v, in discovery order
        c = order[t]
        child_tins.append(t)
        if low[c] >= tv:
            sizes[c] = size[c]
        t += size[c]
    if parent[v] != -1:
        sizes[PARENT_PART] = df.comp_size[df.comp[v]] - 1 - sum(sizes.values())

    def part_of(u):
        if parent[u] == v:
            c = u                         # a DFS child of v
        elif tin[u] > tv:                 # a descendant of v through a back edge
            c = order[child_tins[bisect.bisect_right(child_tins, tin[u]) - 1]]
        else:
            return PARENT_PART            # v's parent or an ancestor through a back edge
        return c if c in sizes else PARENT_PART

    return sizes, part_of


def hubs(edges, n_nodes):
    """§4a: the hubs — accounts with the most distinct engagers, taken in decreasing order
    until they hold half (≥ ½) of all engaging pairs; every account with as many engagers
    as the last one taken is a hub too. In §4a an engager is the source of any edge, follows
    included, so every edge is an engaging pair here. Returns a list of booleans by node."""
    engagers = [0] * n_nodes
    for (u, v) in edges:
        engagers[v] += 1
    pairs = len(edges)
    is_hub = [False] * n_nodes
    if pairs == 0:
        return is_hub
    held = 0
    threshold = None
    for count in sorted(engagers, reverse=True):
        held += count
        if 2 * held >= pairs:
            threshold = count
            break
    for a in range(n_nodes):
        is_hub[a] = engagers[a] >= threshold
    return is_hub


def unvouched_voices(hours):
    """§4a: ``A(F) = F`` for ``F ≤ 2``, else ``2 + log₂(1 + F − 2)``."""
    return float(hours) if hours <= FREE_HOURS else FREE_HOURS + math.log2(1 + hours - FREE_HOURS)


Group = namedtuple("Group", "kind arrival_ms members credit vouched")


def voices(edges, n_nodes, as_of_ms, defences=DEFENCES, explain=None, unvouched=None):
    """§4a: the voice ``ω(u,v)`` of every engager u of every v.

    Here an engager of v is the source of any edge u → v, follows included (§4a); only
    vouchers need engagement. Returns ``{(node_u, node_v): ω}`` for the edges whose voice
    is below 1 (every other edge has voice 1). With ``unvouched`` a set, adds to it the
    edges whose engager is not vouched (§4.1: left out of reach's recent part S) — none
    without the ``bursts`` defence. With ``explain`` a dict, fills ``explain[v]`` with v's
    groups (``Group(kind, arrival_ms, members, credit, vouched)``) and established engagers.
    """
    defences = frozenset(defences)
    if not defences:
        return {}
    closed_clusters = "closed-clusters" in defences
    hub_only = "hub-only" in defences
    bursts = "bursts" in defences
    devoted = "devoted" in defences

    df = depth_first(partner_graph(edges, n_nodes))
    world = world_component(df.comp_size)
    is_hub = hubs(edges, n_nodes)

    engagers_of = [[] for _ in range(n_nodes)]   # every edge u → v, follows included
    in_degree = [0] * n_nodes          # edges w → u, any kind
    non_hub_out = [0] * n_nodes        # edges u → w with w not a hub
    for (u, v) in edges:
        in_degree[v] += 1
        if not is_hub[v]:
            non_hub_out[u] += 1
        engagers_of[v].append(u)

    omega = {}
    for v in range(n_nodes):
        engagers = engagers_of[v]
        if not engagers:
            continue
        sizes, part_of = parts_around(df, v)
        world_part = None
        if df.comp[v] == world and sizes:
            best = max(sizes.values())
            tops = [key for key, s in sizes.items() if s == best]
            if len(tops) == 1:
                world_part = tops[0]

        established = []
        groups = {}                     # key -> [kind, members]
        single = set()                  # engagers alone in a part of a single account, or hub-only
        for u in engagers:
            part = part_of(u)
            if world_part is not None and part == world_part:
                if (hub_only
                        and in_degree[u] - ((v, u) in edges) == 0
                        and non_hub_out[u] - (not is_hub[v]) == 0):
                    groups[("u", u)] = ["hub-only", [u]]
                    single.add(u)
                else:
                    established.append(u)
                continue
            kind = "alone" if sizes[part] == 1 else "closed cluster"
            if sizes[part] == 1:
                single.add(u)
            if closed_clusters:
                groups.setdefault(("p", part), [kind, []])[1].append(u)
            else:
                groups[("u", u)] = [kind, [u]]
        if devoted:
            pooled = []
            for u in engagers:
                if u in single:
                    e = edges[(u, v)]
                    if e.last_age is not None and e.first_age - e.last_age >= DEVOTED_SPAN_S:
                        pooled.append(u)
            for u in pooled:
                # u is the only member of its group (a part of one account, or hub-only)
                key = ("u", u) if ("u", u) in groups else ("p", part_of(u))
                del groups[key]
            if pooled:
                groups[("devoted",)] = ["devoted", pooled]

        ordered = []
        for kind, members in groups.values():
            arrival = min(as_of_ms - SECOND_MS * edges[(u, v)].first_age for u in members)
            ordered.append((arrival, min(members), kind, members))
        ordered.sort(key=lambda g: (g[0], g[1]))
        credits = [1.0] * len(ordered)
        vouched = [not bursts] * len(ordered)
        if bursts:
            vouchers = sorted(as_of_ms - SECOND_MS * edges[(u, v)].first_age for u in established
                              if edges[(u, v)].last_age is not None)
            slots = [VOUCHER_SLOTS] * len(vouchers)
            p = 0
            unvouched_groups = []
            for k, (arrival, _, _, _) in enumerate(ordered):
                # Vouchers before p are full or too early for this and every later group.
                while p < len(vouchers) and (slots[p] == 0 or vouchers[p] < arrival - VOUCH_WINDOW_MS):
                    p += 1
                if p < len(vouchers) and vouchers[p] <= arrival + VOUCH_WINDOW_MS:
                    slots[p] -= 1
                    vouched[k] = True
                else:
                    unvouched_groups.append(k)
            per_hour = defaultdict(int)
            for k in unvouched_groups:
                per_hour[ordered[k][0] // HOUR_MS] += 1
            if per_hour:
                hours = len(per_hour)
                a = unvouched_voices(hours)
                for k in unvouched_groups:
                    credits[k] = a / (hours * per_hour[ordered[k][0] // HOUR_MS])
        for (arrival, _, kind, members), c, ok in zip(ordered, credits, vouched):
            w = c / len(members)
            if w != 1.0:
                for u in members:
                    omega[(u, v)] = w
            if not ok and unvouched is not None:
                unvouched.update((u, v) for u in members)
        if explain is not None:
            explain[v] = ([Group(kind, arrival, members, c, ok)
                           for (arrival, _, kind, members), c, ok in zip(ordered, credits, vouched)],
                          established)
    return omega


# --- §4 The five signals ------------------------------------------------------------

def reach(edges, omega, half_life_ms, recent_share, recent_half_life_ms, unvouched=frozenset()):
    """§4.1: ``R_h(v) = Σ_u ω(u,v)·rec_h(u,v)``, ``S(v) = Σ_{u vouched} ω(u,v)·rec_{h_s}(u,v)``,
    ``reach = (1+R_h)^(1−μ)·(1+S)^μ − 1``.

    ``unvouched`` holds the edges whose engager is not vouched (§4a); they count in R_h
    only. μ = 0 gives R_h exactly and μ = 1 gives S exactly.
    """
    long_sum = defaultdict(float)
    short_sum = defaultdict(float)
    for pair, e in edges.items():
        if e.last_age is None:
            continue
        v = pair[1]
        w = omega.get(pair, 1.0)
        long_sum[v] += w * recency(e, half_life_ms)
        if pair not in unvouched:
            short_sum[v] += w * recency(e, recent_half_life_ms)
    mu = recent_share
    if mu == 0.0:
        return dict(long_sum)
    if mu == 1.0:
        return {v: short_sum[v] for v in long_sum}
    return {v: (1.0 + r) ** (1.0 - mu) * (1.0 + short_sum[v]) ** mu - 1.0
            for v, r in long_sum.items()}


def amplification(edges, omega, posts):
    """§4.2: ``amplification(v) = Σ_u ω(u,v)·log₂p1(amplification(u,v)) / (posts(v) + π)``."""
    total = defaultdict(float)
    for pair, e in edges.items():
        total[pair[1]] += omega.get(pair, 1.0) * log2p1(e.amplification)
    return {v: s / (posts[v] + PRIOR_POSTS) for v, s in total.items()}


def network_impact(edges, omega, n_nodes, tol=1e-14, max_iter=10_000):
    """§4.3: ``impact(v) = Σ_u p(u,v)·x_u = (x_v − 1)/d``.

    ``W(u,v) = log₂p1(influence(u,v))``, ``p(u,v) = ω(u,v)·W(u,v) / Σ_w W(u,w)``, and
    ``x_v = 1 + d·Σ_u p(u,v)·x_u`` solved by Jacobi iteration from x = 1, here in
    float64 until no x changes by more than ``tol`` relative to its value
    (x ≥ 1 always; a relative test cannot stall on the last bit of large x).
    """
    out_total = [0.0] * n_nodes
    for (u, v), e in edges.items():
        out_total[u] += log2p1(e.influence)
    edge_list = []
    for pair, e in edges.items():
        w = log2p1(e.influence)
        if w > 0.0:
            u, v = pair
            edge_list.append((u, v, omega.get(pair, 1.0) * w / out_total[u]))

    x = [1.0] * n_nodes
    for _ in range(max_iter):
        inflow = [0.0] * n_nodes
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
    return [(xv - 1.0) / DAMPING for xv in x]


def conversation(edges, omega):
    """§4.4: ``Σ_u ω(u,v)·[log₂p1(c(u,v)) + log₂p1(min(c(u,v), c(v,u)))]``, c(v,u) = 0 without v → u."""
    out = defaultdict(float)
    for pair, e in edges.items():
        u, v = pair
        back = edges.get((v, u))
        c_back = back.conversation if back is not None else 0.0
        out[v] += omega.get(pair, 1.0) * (log2p1(e.conversation)
                                          + log2p1(min(e.conversation, c_back)))
    return out


def outreach(edges, half_life_ms):
    """§4.5: ``outreach(v) = Σ_w rec_h(v,w)`` over edges out of v, at outreach's half-life; no voices."""
    out = defaultdict(float)
    for (v, w), e in edges.items():
        out[v] += recency(e, half_life_ms)
    return out


def signals(edges, omega, posts, n_nodes, params=PRIORS, unvouched=frozenset()):
    """§4: the five signals of every node (0 where a node has no such edge), as a list of dicts."""
    hl = params.half_lives
    per_signal = {
        "reach": reach(edges, omega, hl["reach"], params.recent_share, params.recent_half_life_ms,
                       unvouched),
        "amplification": amplification(edges, omega, posts),
        "network_impact": dict(enumerate(network_impact(edges, omega, n_nodes))),
        "conversation": conversation(edges, omega),
        "outreach": outreach(edges, hl["outreach"]),
    }
    return [{s: per_signal[s].get(a, 0.0) for s in SIGNALS} for a in range(n_nodes)]


# --- §5 From signals to 1-100 -------------------------------------------------------

def bits(sig, weights=SIGNAL_WEIGHT):
    """§5: ``bits(v) = Σ_s w_s · log₂(1 + signal_s(v))``."""
    return sum(weights[s] * log2p1(sig[s]) for s in SIGNALS)


def score(sig, weights=SIGNAL_WEIGHT):
    """§5: ``score(v) = 1 + 99 · min(1, bits(v) / L)``."""
    return 1.0 + 99.0 * min(1.0, bits(sig, weights) / SATURATION_BITS)


def points(sig, weights=SIGNAL_WEIGHT):
    """§5: ``points_s(v) = 99 · w_s · log₂(1 + signal_s(v)) / max(L, bits(v))``."""
    denominator = max(SATURATION_BITS, bits(sig, weights))
    return {s: 99.0 * weights[s] * log2p1(sig[s]) / denominator for s in SIGNALS}


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


# --- Putting it together -------------------------------------------------------------

Result = namedtuple("Result", "as_of_ms ranking scores signals voices vouched")
Result.__doc__ = """as_of_ms; ranking [(rank, account)]; scores {account: score};
signals {account: {signal: value}}; voices {(actor, target): ω} for every edge (follows
included, §4a); vouched {(actor, target): bool} for every edge (§4.1: counted in S)."""


def score_all(interactions, as_of_ms=None, float32_weights=False, params=PRIORS, explain=None):
    """§1-§5 end to end: returns ranks, scores, signals and voices of every scored account."""
    if as_of_ms is None:
        as_of_ms = default_as_of(interactions)
    counted = counted_interactions(interactions, as_of_ms)
    node = accounts_in_order(counted)
    names = list(node)
    n_nodes = len(names)
    edges = build_edges(counted, as_of_ms, node, params, float32_weights)
    post_counts = own_posts(counted)
    posts = [post_counts.get(a, 0) for a in names]
    raw_explain = {} if explain is not None else None
    unvouched = set()
    omega = voices(edges, n_nodes, as_of_ms, params.defences, raw_explain, unvouched)
    sig = signals(edges, omega, posts, n_nodes, params, unvouched)
    by_account = {names[a]: sig[a] for a in range(n_nodes)}
    scores = {names[a]: score(sig[a], params.weights) for a in range(n_nodes)}
    voice_of = {(names[u], names[v]): omega.get((u, v), 1.0) for (u, v) in edges}
    vouched = {(names[u], names[v]): (u, v) not in unvouched for (u, v) in edges}
    if explain is not None:
        for v, (groups, established) in raw_explain.items():
            explain[names[v]] = (
                [g._replace(members=[names[u] for u in g.members]) for g in groups],
                [names[u] for u in established])
    return Result(as_of_ms, ranked(scores, node), scores, by_account, voice_of, vouched)


def format_tsv(result, top):
    """The TSV table of the top accounts: rank, account, score and the raw signals."""
    lines = ["\t".join(("rank", "account", "score") + SIGNALS)]
    for rank, account in result.ranking[:top]:
        sig = result.signals[account]
        lines.append("\t".join([str(rank), account, f"{result.scores[account]:.4f}"]
                               + [f"{sig[s]:.4f}" for s in SIGNALS]))
    return "\n".join(lines) + "\n"


# --- Command line ---------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|m|h|d|w)\s*$")
_UNIT_MS = {"ms": 1, "s": SECOND_MS, "m": 60 * SECOND_MS, "h": HOUR_MS, "d": DAY_MS,
            "w": 7 * DAY_MS}


def parse_duration(text):
    """A duration like ``30d``, ``1d``, ``6h``, ``90m``, ``45s``, ``500ms``, ``2w`` → milliseconds."""
    m = _DURATION.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a duration (e.g. 30d, 12h): {text!r}")
    return float(m.group(1)) * _UNIT_MS[m.group(2)]


def parse_half_lives(text):
    values = [parse_duration(t) for t in text.split(",")]
    if len(values) not in (1, len(SIGNALS)):
        raise argparse.ArgumentTypeError(f"give one half-life or {len(SIGNALS)}: {text!r}")
    return tuple(values)


def parse_weights(text):
    try:
        values = tuple(float(t) for t in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if len(values) != len(SIGNALS) or any(v < 0 for v in values) or sum(values) <= 0:
        raise argparse.ArgumentTypeError(
            f"give {len(SIGNALS)} non-negative weights with a positive sum: {text!r}")
    return values


def parse_defences(text):
    text = text.strip()
    if text == "all":
        return DEFENCES
    if text == "none":
        return ()
    names = tuple(t.strip() for t in text.split(",") if t.strip())
    unknown = [d for d in names if d not in DEFENCES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown defence(s) {', '.join(unknown)}; choose from all, none, {', '.join(DEFENCES)}")
    return names


def parse_share(text):
    try:
        mu = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= mu <= 1.0:
        raise argparse.ArgumentTypeError(f"the recent share must lie in [0, 1]: {text!r}")
    return mu


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="SNAP Higgs activity file (gzip or plain text)")
    parser.add_argument("--as-of", type=int, metavar="UNIX_SECONDS",
                        help="as-of instant T (default: last interaction between two accounts)")
    parser.add_argument("--top", type=int, default=20, metavar="N", help="rows to print (20)")
    parser.add_argument("--float32-weights", action="store_true",
                        help="round each summed edge weight to a 32-bit float (§3)")
    parser.add_argument("--weights", type=parse_weights, default=(0.9, 0.0, 0.0, 0.1, 0.0),
                        metavar="R,A,N,C,O",
                        help="signal weights reach,amplification,network_impact,conversation,"
                             "outreach, normalised to sum 1 (0.9,0,0,0.1,0)")
    parser.add_argument("--half-lives", type=parse_half_lives, default=(30 * DAY_MS,),
                        metavar="H[,H,H,H,H]",
                        help="half-life of each signal, in the order of --weights, or one for "
                             "all; units ms,s,m,h,d,w (30d)")
    parser.add_argument("--recent-share", type=parse_share, default=0.5, metavar="MU",
                        help="reach's share μ of doublings at the short half-life (0.5)")
    parser.add_argument("--recent-half-life", type=parse_duration, default=float(DAY_MS),
                        metavar="H", help="reach's short half-life h_s (1d)")
    parser.add_argument("--defences", type=parse_defences, default=DEFENCES,
                        metavar="all|none|LIST",
                        help="integrity defences: all, none or a comma list of "
                             + ",".join(DEFENCES) + " (all)")
    args = parser.parse_args(argv)

    params = make_params(args.weights, args.half_lives, args.recent_share,
                         args.recent_half_life, args.defences)
    interactions = read_snap_higgs(args.file)
    as_of_ms = args.as_of * 1000 if args.as_of is not None else None
    result = score_all(interactions, as_of_ms, args.float32_weights, params)
    sys.stdout.write(format_tsv(result, args.top))


if __name__ == "__main__":
    main()
