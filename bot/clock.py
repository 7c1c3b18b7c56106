"""The injected clock. The core never reads the wall clock directly."""
from __future__ import annotations

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
