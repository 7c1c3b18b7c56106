"""Public holidays in a group's schedule: pure rules on dates and fire times.

The group setting ``holidays`` is ``off`` (the default), a country code the ``holidays``
package knows (``KR``: a prompt on a public holiday moves to the same time on the next
working day), or that code and ``skip`` (``KR skip``: that week has no round). A working day
is a day that is neither a public holiday of the country nor a Saturday or Sunday. The
package ships its data, so none of this needs the network.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from bot.timing import zone

OFF = "off"
SKIP = "skip"
OFF_WORDS = {"off", "no", "n", "false", "0", "none", "아니요", "아니오", "끄기", ""}
_MAX_SHIFT_DAYS = 31  # no country has a month of holidays; past it, the week is skipped


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes the package knows (one spelling per country is stored)."""
    import holidays as holiday_data  # imported when first needed: it adds ~70 ms to start-up
    return frozenset(c for c in holiday_data.list_supported_countries() if len(c) == 2)


def parse(raw: object) -> str:
    """``off``, ``KR`` or ``KR skip`` from what a person typed (``kr``, ``KR skip``, ``off``,
    a TOML false). ValueError for a country the package does not know."""
    if raw is False:
        return OFF
    words = str(raw).replace(",", " ").split()
    if not words or (len(words) == 1 and words[0].lower() in OFF_WORDS):
        return OFF
    country = words[0].upper()
    if country not in countries() or len(words) > 2 or (len(words) == 2 and words[1].lower() != SKIP):
        raise ValueError(str(raw))
    return f"{country} {SKIP}" if len(words) == 2 else country


def country_of(setting: str) -> str | None:
    """The country of a stored setting, None when it is off."""
    return None if setting == OFF else setting.split()[0]


def skips(setting: str) -> bool:
    return setting.endswith(f" {SKIP}")


@lru_cache(maxsize=64)
def _year(country: str, year: int) -> frozenset[date]:
    import holidays as holiday_data
    return frozenset(holiday_data.country_holidays(country, years=year).keys())


def is_holiday(day: date, country: str) -> bool:
    return day in _year(country, day.year)


def is_working_day(day: date, country: str) -> bool:
    return day.weekday() < 5 and not is_holiday(day, country)


def holiday_at(when: datetime, tz: str, setting: str) -> bool:
    """Whether ``when`` falls on a public holiday of the setting's country, on the group's calendar."""
    country = country_of(setting)
    return country is not None and is_holiday(when.astimezone(zone(tz)).date(), country)


def next_working_time(when: datetime, tz: str, country: str) -> datetime | None:
    """The same wall-clock time on the first working day after ``when``'s local date, in UTC.
    An hour that does not exist that day (a DST gap) moves forward by the gap."""
    tzinfo = zone(tz)
    local = when.astimezone(tzinfo)
    day = local.date()
    for _ in range(_MAX_SHIFT_DAYS):
        day += timedelta(days=1)
        if is_working_day(day, country):
            return datetime.combine(day, local.time(), tzinfo).astimezone(timezone.utc)
    return None


def prompt_time(fired: datetime, tz: str, setting: str, closes: datetime) -> datetime | None:
    """When the round of the week whose prompt fires at ``fired`` opens: ``fired`` itself, or
    the next working day at the same time when ``fired`` falls on a holiday. None when that
    week has no round: the setting says ``skip``, or the moved time is at or after ``closes``
    (the close of that week stays where the schedule puts it)."""
    if not holiday_at(fired, tz, setting):
        return fired
    country = country_of(setting)
    if skips(setting) or country is None:
        return None
    moved = next_working_time(fired, tz, country)
    return moved if moved is not None and moved < closes else None


def remind_time(fired: datetime, tz: str, setting: str, closes: datetime) -> datetime | None:
    """When a reminder due at ``fired`` goes out: no DM on a holiday, so it waits for the next
    working day at the same time, if that comes before the round closes; else it is dropped."""
    if not holiday_at(fired, tz, setting):
        return fired
    country = country_of(setting)
    moved = next_working_time(fired, tz, country) if country else None
    return moved if moved is not None and moved < closes else None
