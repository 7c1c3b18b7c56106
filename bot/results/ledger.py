"""Results of the ledger: a member's forecasts and calls and how they scored, another member's
resolved forecasts, the group's track record. Figures, not words: Briers as numbers, rates as
fractions, dates as moments (bot/present/ledger.py words them)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class Question:
    """The question of a round, in each language (its first line)."""

    en: str
    ko: str


@dataclass(frozen=True)
class OpenForecast:
    """A forecast (probability) or a call (text) that has not come back or is not scored yet."""

    period: str
    question: Question
    probability: int | None = None
    text: str = ""
    due_at: datetime | None = None


@dataclass(frozen=True)
class ResolvedForecast:
    period: str
    question: Question
    probability: int
    outcome: str
    brier: float | None = None
    relative: float | None = None


@dataclass(frozen=True)
class Bucket:
    """Calibration: of ``count`` forecasts from ``low`` to ``high`` %, said ``said`` on average,
    came true ``came`` of the time (fractions)."""

    low: int
    high: int
    count: int
    said: float | None
    came: float | None


@dataclass(frozen=True)
class OwnLedger:
    group: str
    timezone: str
    open: tuple[OpenForecast, ...] = ()
    resolved: tuple[ResolvedForecast, ...] = ()
    scored: int = 0  # forecasts with a Brier
    mean_brier: float | None = None
    mean_relative: float | None = None
    buckets: tuple[Bucket, ...] = ()
    calls: int = 0
    graded: int = 0
    hit_rate: float | None = None


@dataclass(frozen=True)
class MemberLedger:
    name: str
    resolved: tuple[ResolvedForecast, ...]
    mean_brier: float | None = None
    scored: int = 0


@dataclass(frozen=True)
class GroupQuestion:
    period: str
    question: Question
    outcome: str
    median_forecast: float | None  # a fraction
    forecasters: int
    median_brier: float | None


@dataclass(frozen=True)
class Ranked:
    rank: int
    name: str
    mean_relative: float
    count: int


@dataclass(frozen=True)
class GroupLedger:
    group: str
    questions: tuple[GroupQuestion, ...]
    leaderboard: tuple[Ranked, ...] | None = None  # None: the setting is off


class NoLedger(StrEnum):
    OWN = "ledger_none"
    MEMBER = "ledger_member_none"
    GROUP = "ledger_group_none"


@dataclass(frozen=True)
class LedgerEmpty:
    why: NoLedger
