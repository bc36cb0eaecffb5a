"""Hand-computed checks of the reference implementation (python3 -m unittest in this folder)."""

import gzip
import math
import os
import random
import tempfile
import unittest

import renown_reference as r

T = 1_341_705_593_000          # an as-of instant in ms (any value works)
HOUR = 3_600_000
DAY = 86_400_000
MINUTE = 60_000

# The parameters before voices and two timescales (the cases written for them):
# weights 0.9875/0/0/0.0125/0, every half-life 30 days, μ = 0, no defences.
OLD = r.make_params(weights=(0.9875, 0, 0, 0.0125, 0), recent_share=0.0, defences=())


def ix(kind, actor, target, time_ms=T, post_id=None):
    return r.Interaction("snap", kind, actor, target, time_ms, post_id)


def bits_of(weights=OLD.weights, **signals):
    return sum(weights[s] * math.log2(1 + v) for s, v in signals.items())


class HandComputed(unittest.TestCase):
    """The cases of the first reference, with the old parameters (no defences, μ = 0)."""

    def assertSignals(self, result, account, **expected):
        for name, value in expected.items():
            self.assertAlmostEqual(result.signals[account][name], value, places=12,
                                   msg=f"{account} {name}")

    def test_single_repost(self):
        # a reposts b once at T: credit 1.
        res = r.score_all([ix("repost", "a", "b")], params=OLD)
        self.assertSignals(res, "b", reach=1, amplification=1, network_impact=1,
                           conversation=0, outreach=0)
        self.assertSignals(res, "a", reach=0, amplification=0, network_impact=0,
                           conversation=0, outreach=1)
        self.assertAlmostEqual(res.scores["b"], 1 + 99 * bits_of(reach=1, amplification=1, network_impact=1) / 20,
                               places=12)
        self.assertAlmostEqual(res.scores["a"], 1 + 99 * bits_of(outreach=1) / 20, places=12)
        self.assertEqual(res.ranking, [(1, "b"), (2, "a")])

    def test_single_repost_priors(self):
        # Same with the priors (every defence on, μ = ½ at 1 day): a is b's only engager,
        # a hub-only one (b is the only hub, nobody engaged a), a group of one, unvouched,
        # F = 1 → credit A(1)/1 = 1, ω = 1. Age 0: R_h = 1; a is not vouched (no established
        # engager of b), so S = 0 and reach = (1 + 1)^½ · (1 + 0)^½ − 1 = √2 − 1 ≈ 0.4142:
        # log2p1(reach) = ½·1 + ½·0 = ½.
        res = r.score_all([ix("repost", "a", "b")])
        self.assertEqual(res.voices, {("a", "b"): 1.0})
        self.assertEqual(res.vouched, {("a", "b"): False})
        self.assertSignals(res, "b", reach=math.sqrt(2) - 1, amplification=1, network_impact=1,
                           conversation=0)
        self.assertAlmostEqual(res.scores["b"], 1 + 99 * 0.9 * 0.5 / 20, places=12)  # 3.2275
        # Without hub-only, a is established (anchored: the only part of G − b is {a}), so
        # vouched: S = 1 and reach = 2^½·2^½ − 1 = 1. Without bursts every engager is
        # vouched: reach = 1 too.
        for defences in (("closed-clusters", "bursts", "devoted"),
                         ("closed-clusters", "hub-only", "devoted")):
            res = r.score_all([ix("repost", "a", "b")],
                              params=r.make_params(defences=defences))
            self.assertTrue(res.vouched[("a", "b")])
            self.assertSignals(res, "b", reach=1)

    def test_repost_cycle(self):
        # a → b → c → a: x = 1 + 0.85·x, so x = 1/0.15 and impact = (x − 1)/0.85 = 1/0.15.
        res = r.score_all([ix("repost", "a", "b"), ix("repost", "b", "c"),
                           ix("repost", "c", "a")], params=OLD)
        expected_bits = bits_of(reach=1, amplification=1, network_impact=1 / 0.15, outreach=1)
        for v in "abc":
            self.assertSignals(res, v, reach=1, amplification=1, network_impact=1 / 0.15,
                               conversation=0, outreach=1)
            self.assertAlmostEqual(res.scores[v], 1 + 99 * expected_bits / 20, places=12)
        # Equal scores: competition ranks, ties in order of first appearance.
        self.assertEqual(res.ranking, [(1, "a"), (1, "b"), (1, "c")])

    def test_two_actions_same_day(self):
        # a reposts b and mentions c on the same day: n = 2, each worth log2(3)/2.
        share = math.log2(3) / 2
        res = r.score_all([ix("repost", "a", "b", T - 3_600_000), ix("mention", "a", "c")],
                          params=OLD)
        decay = 2 ** (-1 / (30 * 24))                   # repost is one hour old
        self.assertSignals(res, "b", reach=decay,
                           amplification=math.log2(1 + share * decay),
                           conversation=0)
        self.assertSignals(res, "c", reach=1, amplification=0,
                           conversation=math.log2(1 + 0.5 * share))
        # a's one post (the mention) does not touch b's or c's amplification;
        # W = log2(1 + influence), shares split a's standing (x_a = 1) between b and c.
        w_b, w_c = math.log2(1 + share * decay), math.log2(1 + 0.5 * share)
        self.assertSignals(res, "b", network_impact=w_b / (w_b + w_c))
        self.assertSignals(res, "c", network_impact=w_c / (w_b + w_c))
        self.assertSignals(res, "a", outreach=decay + 1)

    def test_dialogue_decay_window_posts(self):
        # a replies to b and mentions b in the same second (one post of a), b replies back
        # to a 30 days earlier (credit 1/2); a late self-reply and a duplicate are ignored,
        # and an interaction exactly 90 days old is outside the window.
        events = [
            ix("reply", "b", "a", T - 30 * DAY),
            ix("repost", "c", "a", T - 90 * DAY),        # time = T − window: excluded
            ix("reply", "a", "b"),
            ix("mention", "a", "b"),
            ix("mention", "a", "b"),                     # duplicate event: read once
            ix("reply", "b", "b", T + 1000),              # self-interaction: dropped
        ]
        res = r.score_all(events, params=OLD)
        self.assertEqual(res.as_of_ms, T)                # last non-self interaction
        self.assertNotIn("c", res.scores)
        share = math.log2(3) / 2                         # a acts twice on day T
        c_ab = 1.5 * share                               # reply 1 + mention 0.5
        c_ba = 0.5                                       # reply, 30 days old, n = 1
        self.assertSignals(res, "b", reach=1,
                           amplification=math.log2(1 + share) / (1 + 1),  # posts(b) = 1
                           conversation=math.log2(1 + c_ab) + math.log2(1 + c_ba))
        self.assertSignals(res, "a", reach=0.5,
                           amplification=math.log2(1 + 0.5) / (1 + 1),   # posts(a) = 1
                           conversation=math.log2(1 + c_ba) + math.log2(1 + c_ba),
                           outreach=1)
        self.assertSignals(res, "b", outreach=0.5)

    def test_snap_reader(self):
        lines = "1 2 100 RT\n2 3 100 MT\n2 3 100 RE\n3 3 200 RT\n"
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "h.txt.gz")
            with gzip.open(path, "wt") as f:
                f.write(lines)
            events = r.read_snap_higgs(path)
        self.assertEqual([(i.kind, i.actor, i.target, i.time_ms) for i in events],
                         [("repost", "1", "2", 100_000), ("mention", "2", "3", 100_000),
                          ("reply", "2", "3", 100_000), ("repost", "3", "3", 200_000)])
        self.assertEqual(r.default_as_of(events), 100_000)
        self.assertEqual(r.own_posts(r.counted_interactions(events, 100_000)), {"2": 1})


class Timescales(unittest.TestCase):
    """§2-§4: per-signal half-lives, whole-second ages, reach at two timescales."""

    def test_per_signal_half_lives(self):
        # Half-lives reach 30d, amplification 10d, network impact 5d, conversation 20d,
        # outreach 40d; no defences. u replies to v1 10 days before T and reposts v2 at T
        # (different days: n = 1 for both).
        p = r.make_params(weights=(1, 1, 1, 1, 1),
                          half_lives_ms=(30 * DAY, 10 * DAY, 5 * DAY, 20 * DAY, 40 * DAY),
                          recent_share=0.0, defences=())
        res = r.score_all([ix("reply", "u", "v1", T - 10 * DAY), ix("repost", "u", "v2")],
                          as_of_ms=T, params=p)
        sig = res.signals
        # reach(v1) = rec_30d(10 days) = 2^(−1/3); reach(v2) = 1.
        self.assertAlmostEqual(sig["v1"]["reach"], 2 ** (-1 / 3), places=12)
        self.assertAlmostEqual(sig["v2"]["reach"], 1.0, places=12)
        # amplification(u,v1) = 2^(−10/10) = ½ → log2(1.5) / (posts(v1) + 1) = log2(1.5).
        self.assertAlmostEqual(sig["v1"]["amplification"], math.log2(1.5), places=12)
        # influence(u,v1) = 2^(−10/5) = ¼, influence(u,v2) = 1:
        # W1 = log2(1.25), W2 = 1; impact = p·x_u with x_u = 1.
        w1, w2 = math.log2(1.25), 1.0
        self.assertAlmostEqual(sig["v1"]["network_impact"], w1 / (w1 + w2), places=12)
        self.assertAlmostEqual(sig["v2"]["network_impact"], w2 / (w1 + w2), places=12)
        # conversation(u,v1) = 2^(−10/20), no reply back: log2(1 + 2^(−½)).
        self.assertAlmostEqual(sig["v1"]["conversation"], math.log2(1 + 2 ** -0.5), places=12)
        # outreach(u) = rec_40d(10 days) + rec_40d(0) = 2^(−¼) + 1.
        self.assertAlmostEqual(sig["u"]["outreach"], 2 ** -0.25 + 1, places=12)

    def test_ages_in_whole_seconds(self):
        # §3: lastAge/firstAge are floor((T − time)/1000) s. An engagement 1.999 s old
        # has lastAge 1 s; with a 2 s half-life its recency is 2^(−1/2), not 2^(−1.999/2).
        p = r.make_params(weights=(1, 0, 0, 0, 0), half_lives_ms=(2000,), recent_share=0.0,
                          defences=())
        res = r.score_all([ix("like", "a", "b", T - 1999)], as_of_ms=T, params=p)
        self.assertAlmostEqual(res.signals["b"]["reach"], 2 ** -0.5, places=12)
        self.assertAlmostEqual(res.signals["a"]["outreach"], 2 ** -0.5, places=12)

    def test_reach_two_timescales(self):
        # One repost two days old, h = 30d, h_s = 1d, μ = ¼:
        # R_h = 2^(−2/30), R_hs = 2^(−2) = ¼, reach = (1 + R_h)^¾ · (1 + ¼)^¼ − 1.
        p = r.make_params(weights=(1, 0, 0, 0, 0), recent_share=0.25, recent_half_life_ms=DAY,
                          defences=())
        res = r.score_all([ix("repost", "a", "b", T - 2 * DAY)], as_of_ms=T, params=p)
        expected = (1 + 2 ** (-2 / 30)) ** 0.75 * 1.25 ** 0.25 - 1
        self.assertAlmostEqual(res.signals["b"]["reach"], expected, places=12)
        # log2p1(reach) = ¾·log2p1(R_h) + ¼·log2p1(R_hs)
        self.assertAlmostEqual(math.log2(1 + res.signals["b"]["reach"]),
                               0.75 * math.log2(1 + 2 ** (-2 / 30)) + 0.25 * math.log2(1.25),
                               places=12)
        # Outreach has no short timescale: rec_30d only.
        self.assertAlmostEqual(res.signals["a"]["outreach"], 2 ** (-2 / 30), places=12)

    def test_weights_are_normalised(self):
        p = r.make_params(weights=(9, 0, 0, 1, 0))
        self.assertAlmostEqual(p.weights["reach"], 0.9)
        self.assertAlmostEqual(p.weights["conversation"], 0.1)
        self.assertEqual(p, r.PRIORS)


# --- §4a defences -------------------------------------------------------------------------

BASE = 372_000 * HOUR          # a UTC midnight, so at(h, …) lies in clock hour 372 000 + h
AS_OF = BASE + 30 * HOUR       # T for the defence cases: the next day, 06:00


def at(h, m=0, s=0):
    """Instant h:m:s after BASE (whole seconds, so T − 1000·firstAge is the event time)."""
    return BASE + h * HOUR + m * MINUTE + s * 1000


def rec30(time_ms):
    """rec at 30 days of an engagement at time_ms, as of AS_OF."""
    return 2 ** (-(AS_OF - time_ms) / (30 * DAY))


def A(f):
    """A(F) of §4a, written out again."""
    return f if f <= 2 else 2 + math.log2(f - 1)


def defended(defences=r.DEFENCES):
    """Reach only, μ = 0 (reach = R_30d), with the given defences."""
    return r.make_params(weights=(1, 0, 0, 0, 0), recent_share=0.0, defences=defences)


class Defences(unittest.TestCase):

    def run_case(self, events, defences=r.DEFENCES, **kw):
        explain = {}
        res = r.score_all(events, as_of_ms=AS_OF, params=defended(defences), explain=explain, **kw)
        return res, explain

    def assertVoices(self, res, target, expected):
        for engager, w in expected.items():
            self.assertAlmostEqual(res.voices[(engager, target)], w, places=12,
                                   msg=f"ω({engager},{target})")

    def test_star_in_one_hour_is_one_voice(self):
        # Five blank accounts each reply to t once, between 10:00 and 10:20 (clock hour 10).
        # G is the star; it is the world. Removing t leaves five parts of one account each —
        # no part is the largest alone, so there is no world part: all five are closed,
        # five `alone` groups. No established engager, so no voucher: all unvouched in
        # F = 1 hour, A(1) = 1, U = 5 → credit 1/5 each, ω = 1/5 (one member each).
        times = [at(10, 5 * k) for k in range(5)]
        events = [ix("reply", f"b{k}", "t", times[k]) for k in range(5)]
        res, explain = self.run_case(events)
        self.assertVoices(res, "t", {f"b{k}": 0.2 for k in range(5)})
        groups, established = explain["t"]
        self.assertEqual(established, [])
        self.assertEqual([g.kind for g in groups], ["alone"] * 5)
        self.assertAlmostEqual(sum(res.voices[(f"b{k}", "t")] for k in range(5)), 1.0)
        # Every signal takes the voice: R = Σ 0.2·rec; each reply has credit rec (n = 1),
        # so amplification(t) = Σ 0.2·log2(1 + rec) / (posts(t) + 1) with posts(t) = 0,
        # conversation(t) = Σ 0.2·log2(1 + rec) (no reply back), network impact = Σ p·x_b
        # with p = 0.2·W/W = 0.2, x_b = 1 (nobody engages b): 1.
        sig = res.signals["t"]
        self.assertAlmostEqual(sig["reach"], sum(0.2 * rec30(t) for t in times), places=12)
        self.assertAlmostEqual(sig["amplification"],
                               sum(0.2 * math.log2(1 + rec30(t)) for t in times), places=12)
        self.assertAlmostEqual(sig["conversation"],
                               sum(0.2 * math.log2(1 + rec30(t)) for t in times), places=12)
        self.assertAlmostEqual(sig["network_impact"], 1.0, places=12)
        # Outreach is given, not received: no voice. b0's outreach is rec30 of its reply.
        self.assertAlmostEqual(res.signals["b0"]["outreach"], rec30(times[0]), places=12)
        # Without defences every voice is 1.
        res_none, _ = self.run_case(events, defences=())
        self.assertVoices(res_none, "t", {f"b{k}": 1.0 for k in range(5)})
        self.assertAlmostEqual(res_none.signals["t"]["reach"], sum(rec30(t) for t in times),
                               places=12)

    def test_star_over_f_hours(self):
        # Six blank engagers of t arriving in F = 4 distinct clock hours:
        # hour 10: c0; hour 11: c1, c2; hour 13: c3, c4; hour 20: c5.
        # A(4) = 2 + log2(1 + 4 − 2) = 2 + log2 3 ≈ 3.585 voices, A/4 per hour:
        # c0, c5 get A/4 ≈ 0.896; c1..c4 get A/8 ≈ 0.448. Total A(4).
        times = [at(10, 30), at(11, 0), at(11, 59, 59), at(13, 1), at(13, 2), at(20, 0)]
        events = [ix("repost", f"c{k}", "t", times[k]) for k in range(6)]
        res, _ = self.run_case(events)
        a4 = 2 + math.log2(3)
        expected = {"c0": a4 / 4, "c1": a4 / 8, "c2": a4 / 8, "c3": a4 / 8, "c4": a4 / 8,
                    "c5": a4 / 4}
        self.assertVoices(res, "t", expected)
        self.assertAlmostEqual(sum(res.voices[(f"c{k}", "t")] for k in range(6)), a4)
        self.assertAlmostEqual(res.signals["t"]["reach"],
                               sum(expected[f"c{k}"] * rec30(times[k]) for k in range(6)),
                               places=12)
        # The first two hours are free: one engager in each of 2 or 3 hours keeps ω = 1
        # (A(2) = 2 over 2 hours; A(3) = 2 + log2 2 = 3 over 3 hours).
        for hours in (2, 3):
            res, _ = self.run_case([ix("repost", f"c{k}", "t", at(10 + k)) for k in range(hours)])
            self.assertVoices(res, "t", {f"c{k}": 1.0 for k in range(hours)})
        # A(F) itself.
        for f in range(1, 12):
            self.assertAlmostEqual(r.unvouched_voices(f), A(f), places=12)

    def test_voucher_eight_groups(self):
        # e is an established engager of t: x replied to e (somebody other than t engaged
        # e), so removing t leaves the part {e, x} (2 accounts) next to eleven blank ones:
        # {e, x} is the largest part alone → the world part; e is anchored and established.
        # Hubs: 13 engaging pairs (x→e, e→t, b1..b11→t); t has 12 engagers ≥ 13/2 → hubs = {t}.
        # e reposts t at V = 10:00 → one voucher at V with ρ = 8 slots.
        # b1 at 09:00 (before V, |Δt| = 1 h), b2..b8 at 10:01..10:07, b9 10:08, b10 10:09:
        # taken in arrival order, b1..b8 fill e's eight slots (credit 1, ω = 1);
        # b9, b10 are unvouched in hour 10; b11 at 16:00:01 (6 h + 1 s after V) is outside
        # Δ anyway. Unvouched: F = 2 hours (10, 16), A(2) = 2, each hour's share 1:
        # hour 10 has two groups → ½ each; hour 16 one group → 1.
        V = at(10)
        events = [ix("reply", "x", "e", at(1)), ix("repost", "e", "t", V),
                  ix("repost", "b1", "t", at(9))]
        events += [ix("repost", f"b{k}", "t", at(10, k - 1)) for k in range(2, 11)]
        events.append(ix("repost", "b11", "t", V + 6 * HOUR + 1000))
        res, explain = self.run_case(events)
        expected = {"e": 1.0, **{f"b{k}": 1.0 for k in range(1, 9)},
                    "b9": 0.5, "b10": 0.5, "b11": 1.0}
        self.assertVoices(res, "t", expected)
        groups, established = explain["t"]
        self.assertEqual(established, ["e"])
        # Without bursts every group has credit 1 (and each b is its own `alone` group).
        res, _ = self.run_case(events, defences=("closed-clusters", "hub-only", "devoted"))
        self.assertVoices(res, "t", {f"b{k}": 1.0 for k in range(1, 12)})

    def test_voucher_window(self):
        # The same anchored voucher e at V = 10:00 (x replied to e), and four blank engagers:
        # c1 at V − 6 h − 1 s = 03:59:59 (outside Δ), c2 at V + 6 h = 16:00:00 (|Δt| = Δ:
        # vouched), c3 at 16:00:01 and c4 at 16:00:02 (outside Δ).
        # Unvouched: c1 in hour 3, c3 and c4 in hour 16 → F = 2, A = 2:
        # c1 credit 1; c3, c4 credit 2/(2·2) = ½. (Had c2 been unvouched, hour 16 would
        # hold three groups and c3, c4 would get ⅓.)
        V = at(10)
        events = [ix("reply", "x", "e", at(1)), ix("repost", "e", "t", V),
                  ix("repost", "c1", "t", V - 6 * HOUR - 1000),
                  ix("repost", "c2", "t", V + 6 * HOUR),
                  ix("repost", "c3", "t", V + 6 * HOUR + 1000),
                  ix("repost", "c4", "t", V + 6 * HOUR + 2000)]
        res, _ = self.run_case(events)
        self.assertVoices(res, "t", {"e": 1.0, "c1": 1.0, "c2": 1.0, "c3": 0.5, "c4": 0.5})

    def test_voucher_order(self):
        # Two vouchers e1 (10:00) and e2 (11:00), both anchored in the part {e1, e2, x}
        # (x replied to both). Ten blank engagers at 10:30:00 … 10:30:09: the first eight
        # take e1's slots (the earliest voucher that still has one), the last two e2's.
        # Every group vouched: ω = 1 for all. With only one voucher (e2 absent) the last
        # two would be unvouched in hour 10 (F = 1): ½ each.
        base = [ix("reply", "x", "e1", at(1)), ix("reply", "x", "e2", at(1)),
                ix("repost", "e1", "t", at(10))]
        blanks = [ix("repost", f"b{k}", "t", at(10, 30, k)) for k in range(10)]
        res, explain = self.run_case(base + [ix("repost", "e2", "t", at(11))] + blanks)
        self.assertVoices(res, "t", {f"b{k}": 1.0 for k in range(10)})
        res, _ = self.run_case(base + blanks)
        self.assertVoices(res, "t", {**{f"b{k}": 1.0 for k in range(8)}, "b8": 0.5, "b9": 0.5})

    def test_ring_is_one_voice(self):
        # t's audience: e (engaged by x1..x6, so established) reposts t at 01:00.
        # A ring r0..r4: each reposts the next (r4 → r0) and t, between 20:00 and 20:04.
        # Removing t leaves {e, x1..x6} (7 accounts, the world part) and the ring (5):
        # the ring is one closed part → one `closed cluster` group of 5 members, arriving
        # 20:00 — more than 6 h after e's voucher: unvouched, F = 1, A = 1 → credit 1,
        # ω = 1/5 per member: the ring is one voice.
        # Hubs: 17 engaging pairs, t and e have 6 engagers each → 12 ≥ 8.5 → hubs {t, e}.
        events = [ix("repost", f"x{j}", "e", at(0, j)) for j in range(1, 7)]
        events.append(ix("repost", "e", "t", at(1)))
        for k in range(5):
            events.append(ix("repost", f"r{k}", f"r{(k + 1) % 5}", at(19, k)))
            events.append(ix("repost", f"r{k}", "t", at(20, k)))
        res, explain = self.run_case(events)
        self.assertVoices(res, "t", {"e": 1.0, **{f"r{k}": 0.2 for k in range(5)}})
        groups, established = explain["t"]
        self.assertEqual([(g.kind, sorted(g.members)) for g in groups],
                         [("closed cluster", [f"r{k}" for k in range(5)])])
        self.assertAlmostEqual(res.signals["t"]["reach"],
                               rec30(at(1)) + sum(0.2 * rec30(at(20, k)) for k in range(5)),
                               places=12)
        # closed-clusters alone (no bursts): the group still has credit 1 over 5 members.
        res, _ = self.run_case(events, defences=("closed-clusters",))
        self.assertVoices(res, "t", {f"r{k}": 0.2 for k in range(5)})
        # Without closed-clusters nor bursts each ring member is its own group: ω = 1;
        # each group is labelled by its part's size (5): `closed cluster`.
        res, explain = self.run_case(events, defences=("hub-only", "devoted"))
        self.assertVoices(res, "t", {f"r{k}": 1.0 for k in range(5)})
        self.assertEqual([(g.kind, g.members) for g in explain["t"][0]],
                         [("closed cluster", [f"r{k}"]) for k in range(5)])

    def test_devoted_pooled(self):
        # Blank engagers of t (a star: no world part, every one closed and `alone`):
        # d1 reposts at 06:00 and 12:00 (span 21,600 s), d2 at 08:00 and 09:00 (span exactly
        # 3,600 s), d3 at 10:00 and 11:30: each came back → one `devoted` group {d1, d2, d3}
        # arriving at 06:00 (its earliest firstAge). d4 at 14:00 and 14:59:59 spans 3,599 s:
        # stays `alone`; b1 once at 14:30: `alone`.
        # Groups: devoted (hour 6), d4 and b1 (hour 14): no voucher, F = 2, A(2) = 2:
        # devoted credit 1 → ω = ⅓ each; hour 14 two groups → ½ each.
        events = [ix("repost", "d1", "t", at(6)), ix("repost", "d1", "t", at(12)),
                  ix("repost", "d2", "t", at(8)), ix("repost", "d2", "t", at(9)),
                  ix("repost", "d3", "t", at(10)), ix("repost", "d3", "t", at(11, 30)),
                  ix("repost", "d4", "t", at(14)), ix("repost", "d4", "t", at(14, 59, 59)),
                  ix("repost", "b1", "t", at(14, 30))]
        res, explain = self.run_case(events)
        third = 1 / 3
        self.assertVoices(res, "t", {"d1": third, "d2": third, "d3": third, "d4": 0.5, "b1": 0.5})
        groups, _ = explain["t"]
        self.assertEqual([(g.kind, sorted(g.members), g.arrival_ms) for g in groups],
                         [("devoted", ["d1", "d2", "d3"], at(6)), ("alone", ["d4"], at(14)),
                          ("alone", ["b1"], at(14, 30))])
        # reach counts each engager once, at its latest engagement, by its voice.
        self.assertAlmostEqual(
            res.signals["t"]["reach"],
            third * (rec30(at(12)) + rec30(at(9)) + rec30(at(11, 30)))
            + 0.5 * (rec30(at(14, 59, 59)) + rec30(at(14, 30))), places=12)
        # Without devoted: five groups of one in hours 6, 8, 10, 14, 14 → F = 4,
        # A(4) = 2 + log2 3: d1, d2, d3 get A/4, d4 and b1 A/8.
        a4 = A(4)
        res, _ = self.run_case(events, defences=("closed-clusters", "hub-only", "bursts"))
        self.assertVoices(res, "t", {"d1": a4 / 4, "d2": a4 / 4, "d3": a4 / 4,
                                     "d4": a4 / 8, "b1": a4 / 8})
        # devoted alone (no bursts): the devoted group has credit 1 over 3 members.
        res, _ = self.run_case(events, defences=("devoted",))
        self.assertVoices(res, "t", {"d1": third, "d2": third, "d3": third, "d4": 1.0, "b1": 1.0})

    def test_hub_only(self):
        # H is a hub: a1..a6, h1..h4 and g repost it. t is engaged by h1..h4 and g.
        # Engaging pairs: a→H 6, h→H 4, g→H, h→t 4, g→t, y→g, h4→y = 18;
        # engagers: H 11, t 5, g 1, y 1 → 11 ≥ 9: hubs = {H}.
        # Removing t leaves one part (everything hangs together through H): the world part,
        # so all engagers of t are anchored.
        # - g: y engaged g → established, a voucher at 01:00.
        # - h4: also engages y, which is no hub → established (voucher at 05:00).
        # - h1..h3: nobody engaged them and the only account other than t they engage is
        #   the hub H → `hub-only`, each its own group, arriving 20:00..20:02 — more than 6 h
        #   after every voucher: unvouched, F = 1, A = 1 → ⅓ each.
        events = [ix("repost", f"a{j}", "H", at(0, j)) for j in range(1, 7)]
        events += [ix("repost", f"h{k}", "H", at(0, 10 + k)) for k in range(1, 5)]
        events += [ix("repost", "g", "H", at(0, 20)), ix("reply", "y", "g", at(0, 30)),
                   ix("repost", "h4", "y", at(0, 40)),
                   ix("repost", "g", "t", at(1)), ix("repost", "h4", "t", at(5))]
        events += [ix("repost", f"h{k}", "t", at(20, k - 1)) for k in range(1, 4)]
        # t replies to h1 afterwards: t itself engaging h1 does not make h1 established
        # ("nobody other than v engaged u"). 19 pairs, H still holds 11 ≥ 9.5: hubs {H}.
        events.append(ix("reply", "t", "h1", at(21)))
        res, explain = self.run_case(events)
        third = 1 / 3
        self.assertVoices(res, "t", {"g": 1.0, "h4": 1.0, "h1": third, "h2": third, "h3": third})
        groups, established = explain["t"]
        self.assertEqual(sorted(established), ["g", "h4"])
        self.assertEqual([(g.kind, g.members) for g in groups],
                         [("hub-only", ["h1"]), ("hub-only", ["h2"]), ("hub-only", ["h3"])])
        counted = r.counted_interactions(events, AS_OF)
        node = r.accounts_in_order(counted)
        is_hub = r.hubs(r.build_edges(counted, AS_OF, node), len(node))
        self.assertEqual([a for a, k in node.items() if is_hub[k]], ["H"])
        # Without hub-only, h1..h3 are established: ω = 1.
        res, _ = self.run_case(events, defences=("closed-clusters", "bursts", "devoted"))
        self.assertVoices(res, "t", {"h1": 1.0, "h2": 1.0, "h3": 1.0})
        # A hub-only engager that came back is devoted: h3 reposts t again at 21:02, an
        # hour after 20:02 → the `devoted` group {h3}, still arriving at 20:02 in hour 20
        # with h1 and h2: the same voices, ⅓ each.
        res, explain = self.run_case(events + [ix("repost", "h3", "t", at(21, 2))])
        self.assertVoices(res, "t", {"h1": third, "h2": third, "h3": third})
        self.assertEqual([(g.kind, g.members) for g in explain["t"][0]],
                         [("hub-only", ["h1"]), ("hub-only", ["h2"]), ("devoted", ["h3"])])

    def test_not_in_world(self):
        # Two components: the world {w0..w5, hub} (7 accounts) and {t, p, q, z, o, d} (6).
        # t is not in the world, so every part of G − t is closed — even p's part {p, q}
        # (q replied to p), which is larger than the others.
        # - p is the only engager of t in its part: a `closed cluster` group with one member
        #   (the part has 2 accounts). p reposted t at 08:00 and again at 10:00 (span
        #   7,200 s), but it does not lie alone in a part of a single account, so it does
        #   not join the devoted group: its group arrives at 08:00, clock hour 8.
        # - z (10:10) and o (10:20) are blank: `alone`, clock hour 10.
        # - d reposts t at 12:00 and 13:30 (span 5,400 s ≥ 3,600 s) and lies alone in a part
        #   of one account: the `devoted` group {d}, arriving at 12:00, hour 12.
        # No established engager → no voucher. F = 3 hours (8, 10, 12), A(3) = 2 + log2 2 = 3,
        # one voice per hour: p's group 1 → ω(p) = 1; hour 10 holds two groups → ½ each;
        # devoted 1 → ω(d) = 1.
        # [Had every group of one member pooled (the previous reading of "a group of one"),
        # devoted {p, d} would arrive at 08:00: F = 2, A = 2, ω(p) = ω(d) = ½.]
        events = [ix("repost", f"w{k}", "hub", at(0, k)) for k in range(6)]
        events += [ix("reply", "q", "p", at(1)), ix("repost", "p", "t", at(8)),
                   ix("repost", "p", "t", at(10)), ix("repost", "z", "t", at(10, 10)),
                   ix("repost", "o", "t", at(10, 20)), ix("repost", "d", "t", at(12)),
                   ix("repost", "d", "t", at(13, 30))]
        res, explain = self.run_case(events)
        self.assertVoices(res, "t", {"p": 1.0, "z": 0.5, "o": 0.5, "d": 1.0})
        groups, established = explain["t"]
        self.assertEqual(established, [])
        self.assertEqual([(g.kind, g.members) for g in groups],
                         [("closed cluster", ["p"]), ("alone", ["z"]), ("alone", ["o"]),
                          ("devoted", ["d"])])
        # Without devoted, d is `alone` in hour 12: the same voices.
        res, explain = self.run_case(events, defences=("closed-clusters", "hub-only", "bursts"))
        self.assertVoices(res, "t", {"p": 1.0, "z": 0.5, "o": 0.5, "d": 1.0})
        self.assertEqual([(g.kind, g.members) for g in explain["t"][0]],
                         [("closed cluster", ["p"]), ("alone", ["z"]), ("alone", ["o"]),
                          ("alone", ["d"])])
        # Without closed-clusters each engager is its own group, labelled by its part's
        # size: p's stays a `closed cluster` (part {p, q}) and is not pooled either.
        _, explain = self.run_case(events, defences=("hub-only", "bursts", "devoted"))
        self.assertEqual([(g.kind, g.members) for g in explain["t"][0]],
                         [("closed cluster", ["p"]), ("alone", ["z"]), ("alone", ["o"]),
                          ("devoted", ["d"])])

    def test_world_needs_a_unique_largest_component(self):
        self.assertEqual(r.world_component([3, 5, 2]), 1)
        self.assertIsNone(r.world_component([3, 5, 5]))
        # Two components of 2 accounts: no world, so a's engager is closed even though
        # removing a leaves one part: a star of b → a, d → c. Voices stay 1 here (one group
        # per target, F = 1, A = 1), but neither engager is established.
        explain = {}
        r.score_all([ix("repost", "b", "a", at(1)), ix("repost", "d", "c", at(1))],
                    as_of_ms=AS_OF, params=defended(), explain=explain)
        self.assertEqual(explain["a"][1], [])
        self.assertEqual([g.kind for g in explain["a"][0]], ["alone"])

    def test_hubs_half_and_ties(self):
        # Engaging pairs: a has 4 engagers, b 3, c 3, d 2 → 12 pairs. Taking a (4) holds
        # 4 < 6, then b (3) holds 7 ≥ 6: stop; c has as many engagers as b → hub too.
        pairs = ([(f"u{k}", "a") for k in range(4)] + [(f"v{k}", "b") for k in range(3)]
                 + [(f"w{k}", "c") for k in range(3)] + [(f"z{k}", "d") for k in range(2)])
        events = [ix("repost", u, v) for u, v in pairs]
        counted = r.counted_interactions(events, T)
        node = r.accounts_in_order(counted)
        is_hub = r.hubs(r.build_edges(counted, T, node), len(node))
        self.assertEqual(sorted(a for a, k in node.items() if is_hub[k]), ["a", "b", "c"])
        # Exactly half: a 3 engagers, b 2, c 1 → 6 pairs; taking a holds 3 = 6/2: hubs {a}.
        events = ([ix("repost", f"u{k}", "a") for k in range(3)]
                  + [ix("repost", f"v{k}", "b") for k in range(2)] + [ix("repost", "w", "c")])
        counted = r.counted_interactions(events, T)
        node = r.accounts_in_order(counted)
        is_hub = r.hubs(r.build_edges(counted, T, node), len(node))
        self.assertEqual(sorted(a for a, k in node.items() if is_hub[k]), ["a"])


def rec1(time_ms):
    """rec at 1 day (h_s) of an engagement at time_ms, as of AS_OF."""
    return 2 ** (-(AS_OF - time_ms) / DAY)


def reach_params(mu, defences=r.DEFENCES):
    """Reach only, h = 30 days, h_s = 1 day, share μ, with the given defences."""
    return r.make_params(weights=(1, 0, 0, 0, 0), recent_share=mu, recent_half_life_ms=DAY,
                         defences=defences)


class VouchedAndFollows(unittest.TestCase):
    """§4.1 reach's recent part S counts only vouched engagers; §4a engagers include follows."""

    def reach_of(self, events, mu, target="t", defences=r.DEFENCES):
        res = r.score_all(events, as_of_ms=AS_OF, params=reach_params(mu, defences))
        return res.signals[target]["reach"], res

    def assertVoices(self, res, target, expected):
        for engager, w in expected.items():
            self.assertAlmostEqual(res.voices[(engager, target)], w, places=12,
                                   msg=f"ω({engager},{target})")

    def test_recent_part_counts_only_vouched(self):
        # x (00:10) and x2 (01:30) reply to e; e reposts t at 10:00. G − t: {e, x, x2}
        # (3 accounts, the world part), {b1}, {b2}, {r0, r1} (r0 reposted r1 at 10:30),
        # {c0}..{c3}. e is anchored and engaged by others: established, a voucher at 10:00.
        # Hubs: 12 pairs, t has 9 engagers ≥ 6 → {t}.
        # - b1 (10:10), b2 (10:20): `alone`, vouched by e (slots 1, 2): ω = 1.
        # - r0 reposts t at 11:00, r1 at 11:05: one `closed cluster`, arriving 11:00,
        #   vouched by e (slot 3): credit 1 over 2 members, ω = ½ each, vouched.
        # - c0..c3 repost t at 20:00..20:03, 10 h after e (> Δ = 6 h): a burst of four
        #   `alone` groups, unvouched, F = 1, A(1) = 1 → ω = ¼ each; not in S.
        # As of AS_OF (next day 06:00) the ages are e 20 h, b1 19 h 50 m, b2 19 h 40 m,
        # r0 19 h, r1 18 h 55 m, c_k 10 h − k min.
        #   R_30d = rec30(e) + rec30(b1) + rec30(b2) + ½(rec30(r0) + rec30(r1))
        #           + ¼ Σ rec30(c_k)                                          ≈ 4.9156
        #   S_1d  = 2^(−20/24) + 2^(−(20−1/6)/24) + 2^(−(20−2/6)/24)
        #           + ½(2^(−19/24) + 2^(−(19−5/60)/24))
        #         ≈ 0.56123 + 0.56394 + 0.56666 + ½(0.57768 + 0.57907) ≈ 2.2702
        #   reach (μ = ½) = √((1 + R)(1 + S)) − 1                            ≈ 3.3983
        events = [ix("reply", "x", "e", at(0, 10)), ix("reply", "x2", "e", at(1, 30)),
                  ix("repost", "e", "t", at(10)), ix("repost", "b1", "t", at(10, 10)),
                  ix("repost", "b2", "t", at(10, 20)), ix("repost", "r0", "r1", at(10, 30)),
                  ix("repost", "r0", "t", at(11)), ix("repost", "r1", "t", at(11, 5))]
        burst = [ix("repost", f"c{k}", "t", at(20, k)) for k in range(4)]
        vouched_times = [at(10), at(10, 10), at(10, 20)]
        ring_times = [at(11), at(11, 5)]
        R = (sum(rec30(t) for t in vouched_times) + 0.5 * sum(rec30(t) for t in ring_times)
             + 0.25 * sum(rec30(at(20, k)) for k in range(4)))
        S = sum(rec1(t) for t in vouched_times) + 0.5 * sum(rec1(t) for t in ring_times)
        self.assertAlmostEqual(S, 2.270202519781378, places=12)
        reach_half, res = self.reach_of(events + burst, 0.5)
        self.assertVoices(res, "t", {"e": 1, "b1": 1, "b2": 1, "r0": 0.5, "r1": 0.5,
                                     **{f"c{k}": 0.25 for k in range(4)}})
        self.assertEqual({u: res.vouched[(u, "t")] for u in ("e", "b1", "r0", "r1", "c0", "c3")},
                         {"e": True, "b1": True, "r0": True, "r1": True,
                          "c0": False, "c3": False})
        self.assertAlmostEqual(reach_half, math.sqrt((1 + R) * (1 + S)) - 1, places=12)
        self.assertAlmostEqual(reach_half, 3.398326345649182, places=12)
        # μ = 0 is R_h (the burst in it by its voices), μ = 1 is S (the burst not in it).
        self.assertAlmostEqual(self.reach_of(events + burst, 0.0)[0], R, places=12)
        self.assertAlmostEqual(self.reach_of(events + burst, 1.0)[0], S, places=12)
        # The burst adds to R_h but not to S: without it S is the same, R loses ¼ Σ rec30(c_k).
        self.assertAlmostEqual(self.reach_of(events, 1.0)[0], S, places=12)
        self.assertAlmostEqual(self.reach_of(events, 0.0)[0],
                               R - 0.25 * sum(rec30(at(20, k)) for k in range(4)), places=12)
        # A burst of 100 (20:00:00..20:01:39, one hour: ω = 1/100 each) leaves S as it is.
        big = [ix("repost", f"c{k}", "t", at(20, 0, k)) for k in range(100)]
        self.assertAlmostEqual(self.reach_of(events + big, 1.0)[0], S, places=12)
        # Without bursts every engager is vouched: c_k are `alone` groups of credit 1
        # (ω = 1) and count in S: S = S + Σ 2^(−(10 − k/60)/24) ≈ 5.2690.
        s_all = S + sum(rec1(at(20, k)) for k in range(4))
        self.assertAlmostEqual(
            self.reach_of(events + burst, 1.0, defences=("closed-clusters", "hub-only",
                                                         "devoted"))[0], s_all, places=12)
        self.assertAlmostEqual(s_all, 5.268981529350473, places=12)
        # With no defence at all, likewise (and every ω = 1).
        self.assertAlmostEqual(self.reach_of(events + burst, 1.0, defences=())[0],
                               sum(rec1(t) for t in vouched_times + ring_times) + s_all - S,
                               places=12)

    def test_follow_only_engagers_join_groups(self):
        # x, x2, x3 reply to e (00:10, 00:20, 00:30); e reposts t at 01:00. q reposts r0 and
        # r1 at 08:00 (same instant, same kind and day: equal credits). Then around t:
        # f1 follows t at 10:00 (follow only), b1 reposts t at 10:30, r0 reposts t at 11:00,
        # r1 follows t at 11:30 (follow only), b2 reposts t at 12:00.
        # G − t: {e, x, x2, x3} (4, the world part), {q, r0, r1} (3), {f1}, {b1}, {b2}.
        # Hubs (every edge an engaging pair in §4a): 11 pairs, t has 6 ≥ 5.5 → {t}.
        # e is established (a voucher at 01:00, covering arrivals up to 07:00: none here).
        # §4a engagers include follows, so the groups of t are: f1 `alone` (hour 10),
        # b1 `alone` (hour 10), the `closed cluster` {r0, r1} arriving at 11:00 (hour 11),
        # b2 `alone` (hour 12). All unvouched: F = 3, A(3) = 3, one voice per hour:
        # f1, b1 ½ each; the cluster's 1 shared by r0 and r1: ½ each; b2 1.
        # [Counting only engagement as engagers: b1 (h10), {r0} (h11), b2 (h12) → all ω = 1.]
        events = [ix("reply", f"x{j}", "e", at(0, 10 * j)) for j in (1, 2, 3)]
        events += [ix("repost", "e", "t", at(1)), ix("repost", "q", "r0", at(8)),
                   ix("repost", "q", "r1", at(8)), ix("follow", "f1", "t", at(10)),
                   ix("repost", "b1", "t", at(10, 30)), ix("repost", "r0", "t", at(11)),
                   ix("follow", "r1", "t", at(11, 30)), ix("repost", "b2", "t", at(12))]
        explain = {}
        params = r.make_params(weights=(1, 0, 1, 0, 0), recent_share=0.0, defences=r.DEFENCES)
        res = r.score_all(events, as_of_ms=AS_OF, params=params, explain=explain)
        self.assertVoices(res, "t", {"e": 1, "f1": 0.5, "b1": 0.5, "r0": 0.5, "r1": 0.5, "b2": 1})
        groups, established = explain["t"]
        self.assertEqual(established, ["e"])
        self.assertEqual([(g.kind, sorted(g.members), g.arrival_ms) for g in groups],
                         [("alone", ["f1"], at(10)), ("alone", ["b1"], at(10, 30)),
                          ("closed cluster", ["r0", "r1"], at(11)), ("alone", ["b2"], at(12))])
        # Reach: follows have no recency; b1 and r0 count by their voice ½.
        # R = rec30(01:00) + ½ rec30(10:30) + ½ rec30(11:00) + rec30(12:00) ≈ 2.9369.
        self.assertAlmostEqual(res.signals["t"]["reach"],
                               rec30(at(1)) + 0.5 * rec30(at(10, 30)) + 0.5 * rec30(at(11))
                               + rec30(at(12)), places=12)
        # Network impact: every engager of t has t as its only out-edge (p = ω), except
        # that p also scales the follow edges. e's engagers x, x2, x3 are `alone` in G − e
        # (no voucher: e has no established engager), all in hour 0: ⅓ each, so
        # x_e = 1 + 0.85·(⅓ + ⅓ + ⅓) = 1.85. r0 and r1 are engaged by q, established
        # (anchored, and q's other edge goes to a non-hub), with equal W: p(q, r_i) = ½,
        # x_r0 = x_r1 = 1 + 0.85·½ = 1.425. The rest have x = 1.
        # impact(t) = 1·1.85 + ½·1 (f1) + ½·1 (b1) + ½·1.425 (r0) + ½·1.425 (r1) + 1·1 (b2)
        #           = 5.275.
        self.assertAlmostEqual(res.signals["t"]["network_impact"], 5.275, places=10)
        # Without defences: x_e = 1 + 0.85·3 = 3.55, impact = 3.55 + 1 + 1 + 2·1.425 + 1 = 9.4.
        res = r.score_all(events, as_of_ms=AS_OF, params=r.make_params(
            weights=(1, 0, 1, 0, 0), recent_share=0.0, defences=()))
        self.assertAlmostEqual(res.signals["t"]["network_impact"], 9.4, places=10)

    def test_follow_only_engagers_do_not_vouch_but_take_slots(self):
        # x replies to e (01:00) and to g (01:10): G − t has the world part {e, g, x}; e and g
        # are anchored and engaged by x, so both are established. Hubs: 14 pairs, t has
        # 12 ≥ 7 → {t}.
        # - e reposts t at 10:00: a voucher at 10:00 with 8 slots.
        # - g only follows t (14:00): established (ω = 1), but without engagement no voucher.
        # - f1..f8 follow t at 10:01..10:08: eight `alone` groups that take e's 8 slots.
        # - b reposts t at 10:09: e is full → unvouched (hour 10).
        # - c reposts t at 19:00: 9 h after e; g would cover it (5 h) but does not vouch →
        #   unvouched (hour 19).
        # F = 2, A(2) = 2: one group per hour → ω(b) = ω(c) = 1, yet neither is vouched.
        # R = rec30(10:00) + rec30(10:09) + rec30(19:00) ≈ 2.9515; S = rec1(10:00) only
        #   = 2^(−20/24) ≈ 0.56123; reach (μ = ½) = √((1 + R)(1 + S)) − 1.
        # [If follows did not join groups, b would take e's first slot and count in S; if g
        # vouched, c would.]
        events = [ix("reply", "x", "e", at(1)), ix("reply", "x", "g", at(1, 10)),
                  ix("repost", "e", "t", at(10))]
        events += [ix("follow", f"f{k}", "t", at(10, k)) for k in range(1, 9)]
        events += [ix("repost", "b", "t", at(10, 9)), ix("follow", "g", "t", at(14)),
                   ix("repost", "c", "t", at(19))]
        reach_half, res = self.reach_of(events, 0.5)
        self.assertVoices(res, "t", {"e": 1, "g": 1, "b": 1, "c": 1,
                                     **{f"f{k}": 1 for k in range(1, 9)}})
        self.assertEqual({u: res.vouched[(u, "t")] for u in ("e", "g", "f1", "f8", "b", "c")},
                         {"e": True, "g": True, "f1": True, "f8": True, "b": False, "c": False})
        R = rec30(at(10)) + rec30(at(10, 9)) + rec30(at(19))
        S = rec1(at(10))
        self.assertAlmostEqual(S, 2 ** (-20 / 24), places=12)
        self.assertAlmostEqual(reach_half, math.sqrt((1 + R) * (1 + S)) - 1, places=12)
        # Without the follows f1..f8, b takes a slot: vouched, in S.
        plain = [e for e in events if not e.actor.startswith("f")]
        _, res = self.reach_of(plain, 0.5)
        self.assertTrue(res.vouched[("b", "t")])
        self.assertAlmostEqual(self.reach_of(plain, 1.0)[0], rec1(at(10)) + rec1(at(10, 9)),
                               places=12)

    def test_hubs_count_follows(self):
        # f0..f3 follow a; v0, v1 repost b: 6 pairs, a has 4 engagers ≥ 3 → hubs {a}.
        # (Counting only engagement, b's 2 of 2 pairs would make b the hub.)
        events = ([ix("follow", f"f{k}", "a") for k in range(4)]
                  + [ix("repost", f"v{k}", "b") for k in range(2)])
        counted = r.counted_interactions(events, T)
        node = r.accounts_in_order(counted)
        is_hub = r.hubs(r.build_edges(counted, T, node), len(node))
        self.assertEqual([a for a, k in node.items() if is_hub[k]], ["a"])


class PartsAgainstBruteForce(unittest.TestCase):
    """§4a: the parts of G − v found by the low-point DFS equal those found by removing v."""

    def test_random_graphs(self):
        rng = random.Random(20240607)
        for trial in range(300):
            n = rng.randint(1, 25)
            density = rng.choice([0.05, 0.1, 0.2, 0.4])
            edges = {}
            for u in range(n):
                for v in range(n):
                    if u != v and rng.random() < density / 2:
                        edges[(u, v)] = None
            adj = r.partner_graph(edges, n)
            df = r.depth_first(adj)
            for v in range(n):
                sizes, part_of = r.parts_around(df, v)
                brute = self.brute_parts(adj, v)
                self.assertEqual(sorted(sizes.values()), sorted(len(p) for p in brute),
                                 msg=f"trial {trial} v {v}")
                for u in adj[v]:
                    mine = [p for p in brute if u in p][0]
                    self.assertEqual(sizes[part_of(u)], len(mine))
                    for w in adj[v]:
                        self.assertEqual(part_of(u) == part_of(w), w in mine)
            # components
            seen = {}
            for s in range(n):
                if s not in seen:
                    comp = self.reach_from(adj, s, None)
                    for w in comp:
                        seen[w] = len(comp)
            for s in range(n):
                self.assertEqual(df.comp_size[df.comp[s]], seen[s])

    @staticmethod
    def reach_from(adj, s, removed):
        stack, seen = [s], {s}
        while stack:
            a = stack.pop()
            for b in adj[a]:
                if b != removed and b not in seen:
                    seen.add(b)
                    stack.append(b)
        return seen

    def brute_parts(self, adj, v):
        parts, seen = [], set()
        for u in adj[v]:
            if u not in seen:
                p = self.reach_from(adj, u, v)
                seen |= p
                parts.append(p)
        return parts

    def test_deep_path_no_recursion(self):
        # A path of 200,000 accounts: the DFS is iterative (no recursion limit); every
        # inner node separates two parts.
        n = 200_000
        edges = {(k, k + 1): None for k in range(n - 1)}
        df = r.depth_first(r.partner_graph(edges, n))
        sizes, part_of = r.parts_around(df, 1000)
        self.assertEqual(sorted(sizes.values()), [1000, n - 1001])


class CommandLine(unittest.TestCase):

    def test_options(self):
        self.assertEqual(r.parse_duration("30d"), 30 * DAY)
        self.assertEqual(r.parse_duration("1.5h"), 1.5 * HOUR)
        self.assertEqual(r.parse_half_lives("30d"), (30 * DAY,))
        self.assertEqual(r.parse_half_lives("30d,1d,2h,90m,1w"),
                         (30 * DAY, DAY, 2 * HOUR, 90 * MINUTE, 7 * DAY))
        self.assertEqual(r.parse_defences("all"), r.DEFENCES)
        self.assertEqual(r.parse_defences("none"), ())
        self.assertEqual(r.parse_defences("bursts,devoted"), ("bursts", "devoted"))
        for bad in ("30", "x", "1d,2d"):
            with self.assertRaises(Exception):
                r.parse_half_lives(bad)
        with self.assertRaises(Exception):
            r.parse_defences("bursts,sybils")

    def test_main_prints_tsv(self):
        import contextlib
        import io
        lines = "1 2 100 RT\n3 2 200 RE\n2 3 300 MT\n"
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "h.txt")
            with open(path, "w") as f:
                f.write(lines)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                r.main([path, "--top", "2", "--weights", "1,0,0,0,0", "--half-lives", "30d",
                        "--recent-share", "0", "--defences", "none"])
        rows = out.getvalue().splitlines()
        self.assertEqual(rows[0].split("\t"), ["rank", "account", "score", *r.SIGNALS])
        self.assertEqual(len(rows), 3)
        rank, account, score, reach = rows[1].split("\t")[:4]
        # 2 is engaged by 1 (200 s before T = 300 s) and 3 (100 s before):
        # reach = 2^(−200/2,592,000) + 2^(−100/2,592,000) ≈ 1.99992.
        self.assertEqual((rank, account), ("1", "2"))
        self.assertEqual(reach, f"{2 ** (-200 / 2_592_000) + 2 ** (-100 / 2_592_000):.4f}")
        self.assertEqual(reach, "1.9999")


if __name__ == "__main__":
    unittest.main()
