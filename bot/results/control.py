"""Results of an admin steering the cycle by hand: open, close, pause, resume."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoundOpened:
    period: str


@dataclass(frozen=True)
class RoundNotOpened:
    """This week's round is open already, or has run and closed (``closed``)."""

    period: str
    closed: bool = False


@dataclass(frozen=True)
class RoundClosedNow:
    period: str


@dataclass(frozen=True)
class PausedOrResumed:
    group: str
    paused: bool


@dataclass(frozen=True)
class ClockHeld:
    """This process may not open or close a round now (bot/usecases/clock_guard.py): the
    reason's catalog key and its values (the moments, already written out)."""

    key: str
    values: tuple[tuple[str, str], ...]
