"""The injected clock. The core never reads the wall clock directly."""
from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
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
        self._elapsed = 0.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        """Seconds the fake clock has moved, either way: a test's "real elapsed time"."""
        return self._elapsed

    def set(self, when: datetime) -> None:
        when = when.astimezone(timezone.utc)
        self._elapsed += abs((when - self._now).total_seconds())
        self._now = when

    def advance(self, **kwargs: float) -> datetime:
        self.set(self._now + timedelta(**kwargs))
        return self._now


def monotonic_of(clock: Clock) -> float:
    """Real elapsed time for ``clock``'s process: the system's monotonic clock (system-wide on
    Linux, so comparable between processes of one boot), or a fake clock's own."""
    own = getattr(clock, "monotonic", None)
    return float(own()) if callable(own) else time.monotonic()


_BOOT_ID: list[str] = []


def boot_id() -> str:
    """This machine's boot id ("" where the system does not say): two processes with the same
    one share a monotonic clock."""
    if not _BOOT_ID:
        try:
            _BOOT_ID.append(Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            _BOOT_ID.append("")
    return _BOOT_ID[0]


INSTANCE_ID = uuid.uuid4().hex  # this process, in heartbeats: pids repeat across containers


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


# The instants HINDSIGHT_NOW may name. The core reaches a little way either side of its clock:
# a year back (a year ago this week), eight days back plus a timezone (the last fire time), and
# forward a period, a week and a 24-month horizon in a group's timezone (up to 14 h ahead of UTC).
# Before 1971 the cron trigger has no earlier fire time; from 9997 on, a 24-month horizon
# reaches past the year 9999 that Python's datetime ends with.
NOW_EARLIEST = datetime(1971, 1, 1, tzinfo=timezone.utc)
NOW_LATEST = datetime(9996, 12, 31, 23, 59, 59, tzinfo=timezone.utc)


class FixedNowOutOfRange(ValueError):
    """HINDSIGHT_NOW is a valid instant, outside NOW_EARLIEST..NOW_LATEST."""


def parse_fixed_now(text: str) -> datetime:
    """An ISO 8601 instant with an offset (``2026-01-05T10:00:00+00:00``, or ``...Z``), in UTC.
    ValueError for anything else, including a date alone or a time without an offset;
    FixedNowOutOfRange (a ValueError) for an instant outside NOW_EARLIEST..NOW_LATEST."""
    try:
        at = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError("not an ISO 8601 date and time") from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("no offset")
    try:
        utc = at.astimezone(timezone.utc)
    except OverflowError:  # 0001-01-01T00:00+01:00 or 9999-12-31T23:00-02:00: no such instant in UTC
        raise FixedNowOutOfRange("outside the supported years") from None
    if not NOW_EARLIEST <= utc <= NOW_LATEST:
        raise FixedNowOutOfRange("outside the supported years")
    return utc


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
