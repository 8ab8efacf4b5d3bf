"""Weigh the evidence: the story's date is where the most (weighted) evidence agrees.

Every piece of evidence is a union of intervals with a weight. The score of a day is the sum of the
weights of the evidence that allows it; the solution is the set of days with the highest score
(a sweep over interval ends, so cost grows with the number of intervals, not of days). Evidence that
disagrees with the winning days is kept and reported as outvoted rather than silently dropped: a
speaker's rounded "10-year-old declaration" should not move a story that three other facts pin down.
"""

from __future__ import annotations

from dataclasses import dataclass

from herald.time.calendar import NEG, POS, Interval
from herald.time.evidence import Evidence

EPS = 1e-9


@dataclass
class Solution:
    windows: list[Interval]  # the separate stretches of days with the best score
    score: float
    evidence: list[Evidence]

    def score_at(self, t: int) -> float:
        return sum(e.weight for e in self.evidence if e.holds(t))

    def nearest(self, t: int | None) -> Interval:
        """The best stretch nearest to ``t`` (the latest one when there is no ``t``)."""
        if t is None:
            return self.windows[-1]
        return min(
            self.windows, key=lambda w: (0 if w[0] <= t <= w[1] else min(abs(t - w[0]), abs(t - w[1])), -w[1])
        )


def merge(intervals: list[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for a, b in sorted((max(a, NEG), min(b, POS)) for a, b in intervals):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def dedupe(evidence: list[Evidence]) -> list[Evidence]:
    """One vote per distinct reading: the same office named ten times is still one fact."""
    seen: dict[tuple[object, ...], Evidence] = {}
    out = []
    for e in evidence:
        key = e.key or (e.reason,)
        if key in seen:
            continue
        seen[key] = e
        e.intervals = merge(e.intervals)
        if e.intervals:
            out.append(e)
    return out


def solve(evidence: list[Evidence]) -> Solution | None:
    """The best-supported stretches of days, or None when there is no evidence at all."""
    ev = dedupe(evidence)
    if not ev:
        return None
    deltas: dict[int, float] = {}
    for e in ev:
        for a, b in e.intervals:
            deltas[a] = deltas.get(a, 0.0) + e.weight
            if b < POS:
                deltas[b + 1] = deltas.get(b + 1, 0.0) - e.weight
    points = sorted(deltas)
    score, best, segs = 0.0, 0.0, []
    for i, p in enumerate(points):
        score += deltas[p]
        end = points[i + 1] - 1 if i + 1 < len(points) else POS
        segs.append((p, end, score))
        best = max(best, score)
    if best <= EPS:
        return None
    windows = merge([(a, b) for a, b, s in segs if s >= best - EPS and a <= b])
    return Solution(windows, best, ev)
