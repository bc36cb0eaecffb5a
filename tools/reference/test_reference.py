"""Hand-computed checks of the reference implementation (python3 -m unittest in this folder)."""

import gzip
import math
import os
import tempfile
import unittest

import renown_reference as r

T = 1_341_705_593_000          # an as-of instant in ms (any value works)
DAY = 86_400_000


def ix(kind, actor, target, time_ms=T, post_id=None):
    return r.Interaction("snap", kind, actor, target, time_ms, post_id)


def bits_of(**signals):
    return sum(r.SIGNAL_WEIGHT[s] * math.log2(1 + v) for s, v in signals.items())


class HandComputed(unittest.TestCase):

    def assertSignals(self, result, account, **expected):
        for name, value in expected.items():
            self.assertAlmostEqual(result.signals[account][name], value, places=12,
                                   msg=f"{account} {name}")

    def test_single_repost(self):
        # a reposts b once at T: credit 1.
        res = r.score_all([ix("repost", "a", "b")])
        self.assertSignals(res, "b", reach=1, amplification=1, network_impact=1,
                           conversation=0, outreach=0)
        self.assertSignals(res, "a", reach=0, amplification=0, network_impact=0,
                           conversation=0, outreach=1)
        self.assertAlmostEqual(res.scores["b"], 1 + 99 * bits_of(reach=1, amplification=1, network_impact=1) / 20,
                               places=12)
        self.assertAlmostEqual(res.scores["a"], 1 + 99 * bits_of(outreach=1) / 20, places=12)
        self.assertEqual(res.ranking, [(1, "b"), (2, "a")])

    def test_repost_cycle(self):
        # a → b → c → a: x = 1 + 0.85·x, so x = 1/0.15 and impact = (x − 1)/0.85 = 1/0.15.
        res = r.score_all([ix("repost", "a", "b"), ix("repost", "b", "c"),
                           ix("repost", "c", "a")])
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
        res = r.score_all([ix("repost", "a", "b", T - 3_600_000), ix("mention", "a", "c")])
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
        res = r.score_all(events)
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


if __name__ == "__main__":
    unittest.main()
