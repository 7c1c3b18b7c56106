"""Participation as pure functions: text sparklines, the group's answer rate per round, and
streaks of answered weeks. No storage, no clock: the use case (bot/usecases/participation.py)
reads the rounds and hands them in.

The rules (ARCHITECTURE.md, "Hindsight over time", part 3, "Participation"):

- A member's week is one of four things (``week_status``), in this order of precedence:
  answered (they answered, even while away), away (they were away that week and did not
  answer; an away week needs nothing from them, so a skip then changes nothing), skipped,
  missing (neither answered nor skipped).
- A streak is a run of answered weeks over consecutive closed rounds. An away week neither
  breaks it nor counts in it; a skipped or missing week breaks it (``streak``).
- The answer rate of a round is answered / M, with M as in the digest's "N of M": the members
  who answered or skipped in the group's last 8 rounds up to that round, or everyone who had
  answered by then if that is fewer, never fewer than those who answered or skipped that
  round; members away that round are not counted (``answer_rates``).
- Anonymous rounds leave no trace in what members see of each other. Another member's streak
  is taken over the named rounds only (``public_rounds``: an anonymous round neither breaks
  nor extends it, like an away week); your own streak counts every round. M counts anonymous
  rounds by their number of participants only, never by who they were, so neither M nor the
  rate changes when a different member answered an anonymous round.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

BARS = "▁▂▃▄▅▆▇█"
GAP = "·"  # a value that is missing (None or NaN)
ROSTER_ROUNDS = 8  # M counts who took part in this many rounds, up to the one measured


def sparkline(values: Sequence[float | None], lo: float | None = None, hi: float | None = None) -> str:
    """One character per value: the range [lo, hi] is cut into eight equal bands, ▁ for the
    lowest and █ for the highest (``hi`` itself is █, ``lo`` is ▁).

    - ``lo`` and ``hi`` default to the smallest and largest value given; a value outside an
      explicit range is drawn at its nearest end (so rates with lo=0, hi=1 never overflow).
    - None (or NaN) is a gap, drawn as ``GAP`` ("·"), so the bars stay aligned with their
      rounds. Only gaps, or no values at all, give only gaps (or "").
    - A flat range (hi == lo: a constant series, or a single value) draws every value as the
      middle bar "▅", the same bar a value halfway up a real range gets: flat is neither high
      nor low.
    - ``lo`` > ``hi`` is a ValueError.
    """
    present = [float(v) for v in values if v is not None and not math.isnan(v)]
    if not present:
        return GAP * len(values)
    low = min(present) if lo is None else float(lo)
    high = max(present) if hi is None else float(hi)
    if low > high:
        raise ValueError(f"sparkline: lo {low} is above hi {high}")
    out = []
    for v in values:
        if v is None or math.isnan(v):
            out.append(GAP)
        elif high == low:
            out.append(BARS[len(BARS) // 2])
        else:
            frac = (min(max(float(v), low), high) - low) / (high - low)
            out.append(BARS[min(int(frac * len(BARS)), len(BARS) - 1)])
    return "".join(out)


class Week(StrEnum):
    """A member's part in one closed round."""

    ANSWERED = "answered"
    AWAY = "away"
    SKIPPED = "skipped"
    MISSING = "missing"


@dataclass(frozen=True)
class RoundPart:
    """Who took part in one round, and how. ``away``: members away that round."""

    period: str
    answered: frozenset[int] = field(default_factory=frozenset)
    skipped: frozenset[int] = field(default_factory=frozenset)
    away: frozenset[int] = field(default_factory=frozenset)
    anonymous: bool = False  # the round's own setting, fixed when it opened


@dataclass(frozen=True)
class Streak:
    current: int  # answered weeks up to the latest round, away weeks passed over
    best: int  # the longest such run ever


def week_status(rnd: RoundPart, member: int) -> Week:
    if member in rnd.answered:
        return Week.ANSWERED
    if member in rnd.away:
        return Week.AWAY
    if member in rnd.skipped:
        return Week.SKIPPED
    return Week.MISSING


def streak(weeks: Iterable[Week]) -> Streak:
    """Current and best run of answered weeks, oldest week first. Away weeks are passed over."""
    run = best = 0
    for week in weeks:
        if week is Week.ANSWERED:
            run += 1
            best = max(best, run)
        elif week is not Week.AWAY:
            run = 0
    return Streak(run, best)


def member_streak(rounds: Sequence[RoundPart], member: int) -> Streak:
    """A member's streak over closed rounds, oldest first."""
    return streak(week_status(r, member) for r in rounds)


def public_rounds(rounds: Sequence[RoundPart]) -> list[RoundPart]:
    """The rounds whose participants anyone may see: the named ones (for others' streaks)."""
    return [r for r in rounds if not r.anonymous]


def members_counted(rounds: Sequence[RoundPart]) -> list[int]:
    """M of each round (oldest first), as in the digest's "N of M", without away members.

    Named rounds add who took part; an anonymous round adds only how many did. The roster
    (last 8 rounds) and "everyone who had answered by then" are each at least the largest
    anonymous head count among their rounds, less the members away this round: a floor that
    holds whoever those people were, so M never tells who they were."""
    out = []
    ever: set[int] = set()
    ever_anonymous = 0  # the most answers in one anonymous round so far
    for i, rnd in enumerate(rounds):
        if rnd.anonymous:
            ever_anonymous = max(ever_anonymous, len(rnd.answered))
        else:
            ever |= rnd.answered
        out.append(member_count(rounds[max(0, i - ROSTER_ROUNDS + 1): i + 1], ever, ever_anonymous))
    return out


def member_count(recent: Sequence[RoundPart], ever: set[int], ever_anonymous: int) -> int:
    """M of the last round of ``recent`` (it and up to 7 rounds before it), given ``ever``: who
    answered a named round up to it, and ``ever_anonymous``: the most answers in one anonymous
    round up to it (the rule of ``members_counted``)."""
    rnd = recent[-1]
    named: set[int] = set()
    recent_anonymous = 0
    for earlier in recent:
        if earlier.anonymous:
            recent_anonymous = max(recent_anonymous, len(earlier.answered | earlier.skipped))
        else:
            named |= earlier.answered | earlier.skipped
    away = len(rnd.away)
    roster = max(len(named - rnd.away), recent_anonymous - away)
    known = max(len(ever - rnd.away), ever_anonymous - away)
    return max(min(roster, known), len(rnd.answered | rnd.skipped))


def answer_rates(rounds: Sequence[RoundPart]) -> list[float | None]:
    """answered / M of each round (oldest first); None where M is 0 (nobody to count)."""
    return [len(r.answered) / m if m else None for r, m in zip(rounds, members_counted(rounds))]


def percent(rate: float) -> int:
    """A rate as a whole percent, half up (2 of 3 is 67)."""
    return int(rate * 100 + 0.5)
