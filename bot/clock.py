"""The injected clock. The core never reads the wall clock directly."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Protocol

from storage.times import iso as iso
from storage.times import parse_iso as parse_iso


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FakeClock:
    """A clock for tests: it only moves when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(timezone.utc)

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(timezone.utc)

    def advance(self, **kwargs: float) -> datetime:
        self._now += timedelta(**kwargs)
        return self._now


NOW_ENV = "HINDSIGHT_NOW"


class FixedClock:
    """The clock ``HINDSIGHT_NOW`` fixes, for tests and demos: it always reads the same instant,
    even in a long-running ``hindsight run`` or ``console`` (it never advances)."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.at = at.astimezone(timezone.utc)

    def now(self) -> datetime:
        return self.at


def parse_fixed_now(text: str) -> datetime:
    """An ISO 8601 instant with an offset (``2026-01-05T10:00:00+00:00``, or ``...Z``), in UTC.
    ValueError for anything else, including a date alone or a time without an offset."""
    try:
        at = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError("not an ISO 8601 date and time") from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("no offset")
    return at.astimezone(timezone.utc)


def clock_from_env(env: Mapping[str, str]) -> Clock:
    """A FixedClock when ``HINDSIGHT_NOW`` is set (and not empty), else the system clock.
    ValueError when it is set to something that is not an ISO 8601 instant with an offset."""
    raw = env.get(NOW_ENV, "")
    if not raw.strip():
        return SystemClock()
    return FixedClock(parse_fixed_now(raw))


def warn_if_fixed(clock: Clock) -> None:
    """The one warning a process with a fixed clock logs."""
    if isinstance(clock, FixedClock):
        logging.getLogger("hindsight").warning(
            "the clock is fixed at %s (%s): time does not pass in this process", iso(clock.at), NOW_ENV)
