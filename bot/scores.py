"""The prediction ledger's scores (ARCHITECTURE.md, "Hindsight over time", part 1, "Scores").

Pure: plain inputs in, plain frozen results out; no I/O, no storage, standard library only.

Rules, as the design states them and as this module settles the details:

- **Brier score** of one forecast: ``(p - o) ** 2`` with the probability ``p`` in [0, 1] and
  the outcome ``o`` 1 (yes) or 0 (no). 0 is perfect, 1 is the worst.
- Only questions resolved ``"yes"`` or ``"no"`` are *scored*. ``"ambiguous"`` and unresolved
  (``None``) questions are not scored at all: no Brier, no relative Brier, no calibration entry,
  and they do not count towards anyone's median.
- **Median**: the middle value of the sorted values; for an even count, the mean of the two
  middle values.
- **Relative Brier** of a forecast: its Brier minus the median Brier of everyone who forecast
  that question, only where at least 2 people forecast it (else ``None``). Negative is better
  than the group. Callers must therefore pass *every* forecast on a question, not only one
  member's, to get relative Briers.
- **Calibration**: ten buckets by probability, ``[0, 10 %)``, ``[10 %, 20 %)``, ...,
  ``[80 %, 90 %)`` and ``[90 %, 100 %]``: each bucket holds its lower edge and not its upper
  one, except the last which holds both. So 0 % is in the first bucket, 9.99 % in the first,
  10 % in the second, 90 % and 100 % in the last. The edges are compared as the floats
  ``k / 10``, which is exactly what a whole percentage ``10 * k / 100`` or the literal ``0.k``
  gives. Empty buckets are reported with count 0 and ``None`` for the means.
- **Calls**: grades ``right`` = 1, ``partly`` = 0.5, ``wrong`` = 0; the hit rate is their mean
  (``None`` with no grades).
- **Leaderboard**: members ranked by mean relative Brier, lower first, only members with at
  least ``LEADERBOARD_MIN`` (3) scored forecasts that have a relative Brier. Ties are broken on
  what is printed: first the mean relative Brier rounded to 2 decimals as ``fmt2`` prints it
  (so two members shown with the same figure are tied), then more such forecasts first, then
  the member key in ascending order of ``str(member)`` (then ``repr``). Ranks are 1, 2, 3, ...
  with no shared ranks.
- **Printing**: ``fmt2`` prints 2 decimals, rounding halves away from zero on the shortest
  decimal form of the float (``0.125`` -> ``0.13``, ``0.09000000000000002`` -> ``0.09``),
  never ``-0.00``, and ``"–"`` (an en dash) for ``None``.

Means are taken with ``math.fsum``, so they do not depend on the order of the inputs.
Inputs are checked: a probability outside [0, 1] (or NaN), an unknown outcome or grade, the
same member twice on one question, or one question with two different outcomes raise
``ValueError``.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, TypeAlias

QuestionKey: TypeAlias = str | int
MemberKey: TypeAlias = str | int
Outcome: TypeAlias = Literal["yes", "no", "ambiguous"]
Grade: TypeAlias = Literal["right", "partly", "wrong"]

OUTCOMES: tuple[Outcome, ...] = ("yes", "no", "ambiguous")
GRADE_POINTS: dict[str, float] = {"right": 1.0, "partly": 0.5, "wrong": 0.0}
LEADERBOARD_MIN = 3
BUCKETS = 10
NONE_MARK = "–"

# Lower edges of buckets 1..9 as floats: 0.1, 0.2, ..., 0.9 (each the float nearest to k/10).
_EDGES: tuple[float, ...] = tuple(k / BUCKETS for k in range(1, BUCKETS))
_CENT = Decimal("0.01")


# ---------------------------------------------------------------------------------------------
# Inputs


def check_probability(p: float) -> float:
    """``p`` as a float if it is a real number in [0, 1]; ``ValueError`` otherwise (NaN too)."""
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise ValueError(f"a probability is a number in [0, 1], not {p!r}")
    value = float(p)
    if not 0.0 <= value <= 1.0:  # also false for NaN
        raise ValueError(f"a probability is a number in [0, 1], not {p!r}")
    return value


@dataclass(frozen=True)
class Forecast:
    """One member's forecast on one question.

    ``probability`` is in [0, 1] (70 % is 0.7). ``outcome`` is the question's resolution:
    ``"yes"``, ``"no"``, ``"ambiguous"``, or ``None`` while unresolved.
    """

    question: QuestionKey
    member: MemberKey
    probability: float
    outcome: Outcome | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "probability", check_probability(self.probability))
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise ValueError(f"an outcome is yes, no, ambiguous or None, not {self.outcome!r}")

    @property
    def scored(self) -> bool:
        """Resolved yes or no (ambiguous and open forecasts are not scored)."""
        return self.outcome in ("yes", "no")

    @property
    def came_true(self) -> bool | None:
        """True for yes, False for no, None when not scored."""
        if self.outcome == "yes":
            return True
        if self.outcome == "no":
            return False
        return None


# ---------------------------------------------------------------------------------------------
# Basic rules


def brier(p: float, outcome: bool) -> float:
    """``(p - o) ** 2`` with ``o`` = 1 for a true outcome, 0 for a false one."""
    value = check_probability(p)
    if not isinstance(outcome, bool):
        raise ValueError(f"an outcome for brier() is True or False, not {outcome!r}")
    return (value - (1.0 if outcome else 0.0)) ** 2


def median(values: Iterable[float]) -> float:
    """The middle of the sorted values; for an even count, the mean of the two middle ones.

    ``ValueError`` for no values.
    """
    ordered = sorted(float(v) for v in values)
    n = len(ordered)
    if n == 0:
        raise ValueError("the median of no values")
    mid = n // 2
    if n % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def hit_rate(grades: Iterable[str]) -> float | None:
    """Mean of the grades' points (right 1, partly 0.5, wrong 0); ``None`` with no grades."""
    points = []
    for grade in grades:
        if grade not in GRADE_POINTS:
            raise ValueError(f"a grade is right, partly or wrong, not {grade!r}")
        points.append(GRADE_POINTS[grade])
    return _mean(points)


def _round2(x: float) -> Decimal:
    """``x`` rounded to 2 decimals, halves away from zero, on its shortest decimal form."""
    if not math.isfinite(x):
        raise ValueError(f"cannot print {x!r} as a score")
    d = Decimal(repr(float(x))).quantize(_CENT, rounding=ROUND_HALF_UP)
    return d.copy_abs() if d == 0 else d


def fmt2(x: float | None, *, signed: bool = False) -> str:
    """A score with 2 decimals: ``0.09``, ``-0.16``; ``"–"`` for ``None``; never ``-0.00``.

    ``signed=True`` adds ``+`` to positive values (``+0.39``), for relative Briers; zero stays
    ``0.00``.
    """
    if x is None:
        return NONE_MARK
    d = _round2(x)
    text = f"{d:.2f}"
    return f"+{text}" if signed and d > 0 else text


# ---------------------------------------------------------------------------------------------
# Per forecast


@dataclass(frozen=True)
class ScoredForecast:
    """A scored forecast: its Brier, and its relative Brier when 2 or more forecast it."""

    forecast: Forecast
    brier: float
    median_brier: float | None  # of everyone on the question; None with a single forecaster
    relative: float | None  # brier - median_brier
    forecasters: int  # how many forecast the question


def _by_question(forecasts: Iterable[Forecast]) -> dict[QuestionKey, list[Forecast]]:
    """Forecasts grouped by question, in order of first appearance; checks the inputs."""
    groups: dict[QuestionKey, list[Forecast]] = {}
    for f in forecasts:
        if not isinstance(f, Forecast):
            raise ValueError(f"not a Forecast: {f!r}")
        group = groups.setdefault(f.question, [])
        for other in group:
            if other.member == f.member:
                raise ValueError(f"member {f.member!r} forecast question {f.question!r} twice")
            if other.outcome != f.outcome:
                raise ValueError(f"question {f.question!r} has two outcomes: "
                                 f"{other.outcome!r} and {f.outcome!r}")
        group.append(f)
    return groups


def _score_question(group: Sequence[Forecast]) -> list[ScoredForecast]:
    if not group or not group[0].scored:
        return []
    briers = [brier(f.probability, f.came_true is True) for f in group]
    mid = median(briers) if len(group) >= 2 else None
    return [ScoredForecast(forecast=f, brier=b, median_brier=mid,
                           relative=None if mid is None else b - mid, forecasters=len(group))
            for f, b in zip(group, briers)]


def score_forecasts(forecasts: Iterable[Forecast]) -> list[ScoredForecast]:
    """Every scored forecast (outcome yes or no) with its Brier and relative Brier.

    Pass everyone's forecasts: the relative Brier compares with the others on the question.
    The result is grouped by question (in order of first appearance), then in input order.
    """
    scored: list[ScoredForecast] = []
    for group in _by_question(forecasts).values():
        scored.extend(_score_question(group))
    return scored


# ---------------------------------------------------------------------------------------------
# Per member


@dataclass(frozen=True)
class MemberSummary:
    member: MemberKey
    scored: int  # resolved yes or no
    ambiguous: int  # resolved ambiguous: not scored
    open: int  # not resolved yet
    mean_brier: float | None  # over the scored forecasts; None with none
    relative_count: int  # scored forecasts that have a relative Brier
    mean_relative: float | None  # over those; None with none

    @property
    def resolved(self) -> int:
        """Resolved forecasts, ambiguous ones included."""
        return self.scored + self.ambiguous


def member_summary(forecasts: Iterable[Forecast], member: MemberKey) -> MemberSummary:
    """``member``'s counts, mean Brier and mean relative Brier.

    Pass everyone's forecasts (the relative Brier needs the others on each question).
    """
    groups = _by_question(forecasts)
    mine = [f for group in groups.values() for f in group if f.member == member]
    scored = [s for group in groups.values() for s in _score_question(group)
              if s.forecast.member == member]
    relatives = [s.relative for s in scored if s.relative is not None]
    return MemberSummary(
        member=member,
        scored=len(scored),
        ambiguous=sum(1 for f in mine if f.outcome == "ambiguous"),
        open=sum(1 for f in mine if f.outcome is None),
        mean_brier=_mean([s.brier for s in scored]),
        relative_count=len(relatives),
        mean_relative=_mean(relatives),
    )


# ---------------------------------------------------------------------------------------------
# Calibration


@dataclass(frozen=True)
class CalibrationBucket:
    """Forecasts from ``low`` % (included) to ``high`` % (excluded; included for the last)."""

    low: int  # percent
    high: int  # percent
    count: int
    hits: int  # how many came true
    mean_forecast: float | None  # in [0, 1]; None when empty
    observed: float | None  # hits / count; None when empty

    @property
    def includes_high(self) -> bool:
        return self.high == 100


def bucket_index(p: float) -> int:
    """0..9: the calibration bucket of probability ``p`` (see the module's docstring)."""
    return bisect_right(_EDGES, check_probability(p))


def calibration(forecasts: Iterable[Forecast],
                member: MemberKey | None = None) -> list[CalibrationBucket]:
    """Ten buckets over the scored forecasts (only ``member``'s when one is given)."""
    probs: list[list[float]] = [[] for _ in range(BUCKETS)]
    hits = [0] * BUCKETS
    for f in forecasts:
        if not f.scored or (member is not None and f.member != member):
            continue
        i = bucket_index(f.probability)
        probs[i].append(f.probability)
        hits[i] += 1 if f.came_true else 0
    step = 100 // BUCKETS
    return [CalibrationBucket(low=i * step, high=(i + 1) * step, count=len(probs[i]),
                              hits=hits[i], mean_forecast=_mean(probs[i]),
                              observed=hits[i] / len(probs[i]) if probs[i] else None)
            for i in range(BUCKETS)]


# ---------------------------------------------------------------------------------------------
# The group's track record


@dataclass(frozen=True)
class QuestionRecord:
    """One question: the median forecast, and when scored each forecaster's Brier."""

    question: QuestionKey
    outcome: Outcome | None
    forecasters: int
    median_forecast: float
    median_brier: float | None  # None when not scored
    briers: tuple[tuple[MemberKey, float], ...]  # in input order; empty when not scored


def question_records(forecasts: Iterable[Forecast]) -> list[QuestionRecord]:
    """One record per question, in order of first appearance (open and ambiguous included)."""
    records = []
    for question, group in _by_question(forecasts).items():
        scored = _score_question(group)
        records.append(QuestionRecord(
            question=question,
            outcome=group[0].outcome,
            forecasters=len(group),
            median_forecast=median(f.probability for f in group),
            median_brier=median(s.brier for s in scored) if scored else None,
            briers=tuple((s.forecast.member, s.brier) for s in scored),
        ))
    return records


@dataclass(frozen=True)
class LeaderboardEntry:
    rank: int  # 1, 2, 3, ... (ties broken, never shared)
    member: MemberKey
    mean_relative: float
    count: int  # scored forecasts with a relative Brier
    mean_brier: float  # over the same forecasts


def leaderboard(forecasts: Iterable[Forecast],
                min_forecasts: int = LEADERBOARD_MIN) -> list[LeaderboardEntry]:
    """Members with at least ``min_forecasts`` relative Briers, best (lowest) mean first.

    Ties: the printed (2-decimal) mean relative Brier, then more forecasts first, then
    ``str(member)`` and ``repr(member)`` ascending.
    """
    relatives: dict[MemberKey, list[float]] = {}
    briers: dict[MemberKey, list[float]] = {}
    for s in score_forecasts(forecasts):
        if s.relative is None:
            continue
        relatives.setdefault(s.forecast.member, []).append(s.relative)
        briers.setdefault(s.forecast.member, []).append(s.brier)
    rows = [(member, math.fsum(rel) / len(rel), len(rel), math.fsum(briers[member]) / len(rel))
            for member, rel in relatives.items() if len(rel) >= min_forecasts]
    rows.sort(key=lambda r: (_round2(r[1]), -r[2], str(r[0]), repr(r[0])))
    return [LeaderboardEntry(rank=i, member=m, mean_relative=rel, count=n, mean_brier=b)
            for i, (m, rel, n, b) in enumerate(rows, start=1)]
