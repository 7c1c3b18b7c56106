"""Pure time rules: periods (ISO weeks) and weekly fire times in a group's timezone.

Fire times come from APScheduler's CronTrigger, the same trigger the scheduler runs,
so catch-up and the live jobs can never disagree, across DST changes included.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

from bot.domain import DAYS, Schedule

# ASCII digits only: "\d" would also take "١" or "²", which int() reads or chokes on.
PERIOD_RE = re.compile(r"^([0-9]{4})-W([0-9]{2})$")
TIME_RE = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown timezone {name!r}") from exc


def parse_hhmm(text: str) -> tuple[int, int]:
    m = TIME_RE.match(text.strip())
    if not m:
        raise ValueError(f"not a time of day (HH:MM): {text!r}")
    return int(m.group(1)), int(m.group(2))


def parse_day(text: str | int) -> int:
    if isinstance(text, int):
        if 0 <= text <= 6:
            return text
        raise ValueError(f"not a day: {text!r}")
    t = text.strip().lower()[:3]
    if t in DAYS:
        return DAYS.index(t)
    raise ValueError(f"not a day of the week (mon..sun): {text!r}")


def _after(when: datetime) -> datetime:
    """One second later, stepped in UTC: adding a timedelta to a local time in the hour that
    repeats when DST ends drops its fold, and last_fire then looped on the same fire time."""
    return when.astimezone(timezone.utc) + timedelta(seconds=1)


def trigger(day: int, hhmm: str, tz: str) -> CronTrigger:
    hour, minute = parse_hhmm(hhmm)
    return CronTrigger(day_of_week=DAYS[day], hour=hour, minute=minute, second=0, timezone=zone(tz))


def next_fire(day: int, hhmm: str, tz: str, after: datetime) -> datetime:
    """The first fire time strictly after ``after``."""
    return trigger(day, hhmm, tz).get_next_fire_time(None, _after(after))


def last_fire(day: int, hhmm: str, tz: str, at: datetime) -> datetime:
    """The latest fire time at or before ``at``."""
    trig = trigger(day, hhmm, tz)
    fire = trig.get_next_fire_time(None, at - timedelta(days=8))
    last = fire
    while fire is not None and fire <= at:
        last = fire
        fire = trig.get_next_fire_time(fire, _after(fire))
    return last


def period_of(when: datetime, tz: str) -> str:
    """A round's period: the ISO week of ``when`` in the group's timezone."""
    year, week, _ = when.astimezone(zone(tz)).isocalendar()
    return format_period(year, week)


def format_period(year: int, week: int) -> str:
    """Always a 4-digit year: week 1 of year 1 is "0001-W01", never "1-W01"."""
    return f"{year:04d}-W{week:02d}"


def parse_period(text: str) -> str:
    m = PERIOD_RE.match(text.strip().upper())
    if not m:
        raise ValueError(f"not a period (like 2026-W40): {text!r}")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        date.fromisocalendar(year, week, 1)  # rejects year 0 and week 53 of a 52-week year
    except ValueError as exc:
        raise ValueError(f"no such week: {text!r}") from exc
    return format_period(year, week)


def shift_period(period: str, weeks: int) -> str:
    """``weeks`` periods later (earlier if negative). ValueError past year 1 or 9999."""
    m = PERIOD_RE.match(period)
    if m is None:
        raise ValueError(f"not a period: {period!r}")
    year, week = (int(x) for x in m.groups())
    try:
        monday = date.fromisocalendar(year, week, 1) + timedelta(weeks=weeks)
    except OverflowError as exc:
        raise ValueError(f"no period {weeks} weeks from {period}") from exc
    y, w, _ = monday.isocalendar()
    return format_period(y, w)


def close_after(schedule: Schedule, tz: str, opened: datetime) -> datetime:
    """The close time is the first close day and time after the prompt time."""
    return next_fire(schedule.close_day, schedule.close_time, tz, opened)


def add_months(when: datetime, months: int, tz_name: str) -> datetime:
    """``when`` plus whole calendar months, on the group's wall clock: 31 Jan + 1 month is the
    last day of February at the same local time; an hour that does not exist that day (a DST
    gap) is moved forward by the gap. Returned in UTC."""
    tz = zone(tz_name)
    local = when.astimezone(tz)
    index = local.month - 1 + months
    year, month = local.year + index // 12, index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    moved = local.replace(tzinfo=None, year=year, month=month, day=day)
    return datetime.combine(moved.date(), moved.time(), tz).astimezone(timezone.utc)
