"""Results of ``stats`` and ``away``: rates as fractions, streaks as counts, days as dates."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


@dataclass(frozen=True)
class StreakLine:
    """A member's streak of answered weeks; name None for the asker."""

    name: str | None
    current: int
    best: int
    away_until: date | None = None


@dataclass(frozen=True)
class Stats:
    group: str
    first: str  # the periods the rate line covers
    last: str
    rates: tuple[float | None, ...]  # per closed round, oldest first
    latest_answered: int
    latest_members: int
    streaks: tuple[StreakLine, ...]
    anonymous: bool = False  # the group is anonymous: only the asker's own streak
    anonymous_rounds: bool = False  # some named group's rounds were anonymous


@dataclass(frozen=True)
class StatsNone:
    group: str


class AwayProblem(StrEnum):
    BAD_DATE = "away_bad_date"
    NOT_FUTURE = "away_not_future"
    TOO_FAR = "away_too_far"


@dataclass(frozen=True)
class AwayRefused:
    """``away until`` with a date that will not do: the text as typed, and the limits."""

    problem: AwayProblem
    typed: str
    timezone: str
    today: date | None = None
    latest: date | None = None


@dataclass(frozen=True)
class AwayUsage:
    pass


@dataclass(frozen=True)
class Away:
    """The member is away until ``until`` (None: not away). ``changed``: this command set it."""

    until: date | None
    timezone: str
    changed: bool = False


@dataclass(frozen=True)
class Back:
    """``away off``: ``was_away`` False when they were not away (nothing changed)."""

    was_away: bool
