"""Fire times as pure functions (bot.timing), across the 2026 DST changes in Europe/Berlin
and America/New_York, and in Asia/Seoul (no DST, ahead of UTC)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.domain import Schedule
from bot.timing import close_after, last_fire, next_fire, parse_period, period_of, shift_period
from tests.core.helpers import all_rounds

UTC = timezone.utc
MON, FRI, SAT, SUN = 0, 4, 5, 6


def at(tz: str, *args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(tz))


def u(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def weekly(day: int, hhmm: str, tz: str, start: datetime, n: int) -> list[datetime]:
    out, t = [], start
    for _ in range(n):
        t = next_fire(day, hhmm, tz, t)
        out.append(t)
    return out


@pytest.mark.parametrize("tz, start, utc_times", [
    # Berlin: CET (UTC+1) until 2026-03-29, CEST (UTC+2) until 2026-10-25, then CET.
    ("Europe/Berlin", u(2026, 3, 16, 12), [u(2026, 3, 23, 8), u(2026, 3, 30, 7), u(2026, 4, 6, 7)]),
    ("Europe/Berlin", u(2026, 10, 12, 12), [u(2026, 10, 19, 7), u(2026, 10, 26, 8), u(2026, 11, 2, 8)]),
    # New York: EST (UTC-5) until 2026-03-08, EDT (UTC-4) until 2026-11-01, then EST.
    ("America/New_York", u(2026, 2, 23, 18), [u(2026, 3, 2, 14), u(2026, 3, 9, 13), u(2026, 3, 16, 13)]),
    ("America/New_York", u(2026, 10, 19, 18), [u(2026, 10, 26, 13), u(2026, 11, 2, 14), u(2026, 11, 9, 14)]),
    # Seoul: always UTC+9, so Monday 09:00 is Monday 00:00 UTC.
    ("Asia/Seoul", u(2026, 3, 1), [u(2026, 3, 2, 0), u(2026, 3, 9, 0), u(2026, 3, 16, 0)]),
])
def test_monday_nine_stays_nine_local_and_utc_shifts(tz, start, utc_times):
    fires = weekly(MON, "09:00", tz, start, 3)
    assert fires == utc_times
    for f in fires:
        local = f.astimezone(ZoneInfo(tz))
        assert (local.weekday(), local.hour, local.minute) == (MON, 9, 0)


@pytest.mark.parametrize("tz, dst_sunday", [
    ("Europe/Berlin", u(2026, 3, 29)), ("Europe/Berlin", u(2026, 10, 25)),
    ("America/New_York", u(2026, 3, 8)), ("America/New_York", u(2026, 11, 1)),
])
def test_sunday_close_on_the_day_of_the_change(tz, dst_sunday):
    """Sunday 18:00 local on the very day the clocks change is still 18:00 local."""
    (fire,) = weekly(SUN, "18:00", tz, dst_sunday - timedelta(days=3), 1)
    local = fire.astimezone(ZoneInfo(tz))
    assert (local.date(), local.hour, local.minute) == (dst_sunday.date(), 18, 0)


def test_nonexistent_local_time_fires_once_that_day():
    """02:30 does not exist in Berlin on 2026-03-29 (02:00 -> 03:00): it fires once, not zero times."""
    fires = weekly(SUN, "02:30", "Europe/Berlin", u(2026, 3, 22, 12), 2)
    assert fires[0].astimezone(UTC).date() == datetime(2026, 3, 29).date()
    assert fires[1] - fires[0] > timedelta(days=6)


@pytest.mark.xfail(strict=True, reason="APScheduler's CronTrigger fires an ambiguous local time twice "
                                       "(02:30 CEST and 02:30 CET on 2026-10-25); bot.timing passes it through")
def test_ambiguous_local_time_fires_once_per_week():
    fires = weekly(SUN, "02:30", "Europe/Berlin", u(2026, 10, 18, 12), 2)
    assert fires[1] - fires[0] > timedelta(days=6), fires


def _in_thread(fn, timeout: float = 10):
    """Run fn in a thread; fail (rather than hang the suite) if it loops."""
    import threading
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("v", fn()), daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "timed out: the fire-time computation loops"
    return box["v"]


@pytest.mark.parametrize("tz, hhmm, night", [
    ("Europe/Berlin", "02:30", u(2026, 10, 25)), ("Europe/Berlin", "02:00", u(2026, 10, 25)),
    ("America/New_York", "01:30", u(2026, 11, 1)), ("Europe/Berlin", "02:30", u(2026, 3, 29)),
])
def test_last_fire_terminates_in_the_repeated_hour(tz, hhmm, night):
    """Regression: last_fire looped forever once `at` passed the second 02:30 of the night
    the clocks go back (stepping a local time by a timedelta dropped its fold)."""
    def walk():
        seen = []
        for minutes in range(0, 24 * 60, 10):
            at_ = night + timedelta(minutes=minutes)
            fire = last_fire(SUN, hhmm, tz, at_)
            assert fire <= at_
            seen.append(fire)
        return seen
    fires = _in_thread(walk)
    assert fires == sorted(fires)
    assert all(f.astimezone(ZoneInfo(tz)).strftime("%H:%M") in (hhmm, "03:30") for f in fires)


def test_close_after():
    s = Schedule()  # prompt mon 09:00, close sun 18:00
    assert close_after(s, "Europe/Berlin", at("Europe/Berlin", 2026, 10, 19, 9)) == u(2026, 10, 25, 17)
    assert close_after(s, "Europe/Berlin", at("Europe/Berlin", 2026, 3, 23, 9)) == u(2026, 3, 29, 16)
    assert close_after(s, "America/New_York", at("America/New_York", 2026, 10, 26, 9)) == u(2026, 11, 1, 23)
    assert close_after(s, "Asia/Seoul", at("Asia/Seoul", 2026, 11, 30, 9)) == u(2026, 12, 6, 9)
    # The first close after the prompt: exactly at the close time means the next week.
    assert close_after(s, "UTC", u(2026, 12, 6, 18)) == u(2026, 12, 13, 18)
    # A schedule whose close day comes before the prompt day wraps to the next week.
    wrap = Schedule(prompt_day=FRI, prompt_time="17:00", close_day=MON, close_time="10:00")
    assert close_after(wrap, "Asia/Seoul", at("Asia/Seoul", 2026, 12, 4, 17)) == at("Asia/Seoul", 2026, 12, 7, 10)


@pytest.mark.parametrize("tz", ["Europe/Berlin", "America/New_York", "Asia/Seoul", "UTC"])
def test_last_fire(tz):
    fire = at(tz, 2026, 10, 26, 9)  # Monday after the European change, before the American one
    assert last_fire(MON, "09:00", tz, fire) == fire
    assert last_fire(MON, "09:00", tz, fire + timedelta(days=6, hours=23)) == fire
    previous = last_fire(MON, "09:00", tz, fire - timedelta(seconds=1))
    assert previous == at(tz, 2026, 10, 19, 9)
    assert next_fire(MON, "09:00", tz, previous) == fire
    assert next_fire(MON, "09:00", tz, fire - timedelta(seconds=1)) == fire


@pytest.mark.parametrize("tz, week_of", [
    ("Europe/Berlin", [u(2026, 3, 1), u(2026, 11, 15)]), ("America/New_York", [u(2026, 3, 1), u(2026, 10, 25)]),
])
def test_last_and_next_fire_agree_over_a_year(tz, week_of):
    """Walking a year of fires one by one: each is 09:00 local, last_fire finds each again."""
    for start in week_of:
        fires = weekly(MON, "09:00", tz, start, 40)
        for a, b in zip(fires, fires[1:]):
            assert timedelta(days=7) - timedelta(hours=1) <= b - a <= timedelta(days=7) + timedelta(hours=1)
            assert last_fire(MON, "09:00", tz, b - timedelta(minutes=1)) == a
        assert {f.astimezone(ZoneInfo(tz)).hour for f in fires} == {9}


def test_period_of_in_a_timezone_ahead_of_utc():
    sunday_late_utc = u(2026, 11, 29, 23, 30)  # Monday 08:30 in Seoul
    assert period_of(sunday_late_utc, "UTC") == "2026-W48"
    assert period_of(sunday_late_utc, "Asia/Seoul") == "2026-W49"
    assert period_of(u(2026, 11, 29, 14, 59), "Asia/Seoul") == "2026-W48"
    assert period_of(u(2026, 11, 29, 15, 0), "Asia/Seoul") == "2026-W49"


def test_period_of_in_a_timezone_behind_utc():
    monday_early_utc = u(2026, 11, 30, 3)  # still Sunday evening in New York
    assert period_of(monday_early_utc, "UTC") == "2026-W49"
    assert period_of(monday_early_utc, "America/New_York") == "2026-W48"


def test_period_of_at_the_year_boundary():
    assert period_of(u(2026, 12, 31, 12), "UTC") == "2026-W53"
    assert period_of(u(2027, 1, 3, 12), "UTC") == "2026-W53"
    assert period_of(u(2027, 1, 3, 20), "Asia/Seoul") == "2027-W01"
    assert shift_period("2026-W53", 1) == "2027-W01"
    assert shift_period("2027-W01", -1) == "2026-W53"
    assert shift_period("2026-W49", -49) == "2025-W52"


@pytest.mark.parametrize("text, period", [("2026-w40", "2026-W40"), (" 2026-W53 ", "2026-W53"),
                                          ("2020-W53", "2020-W53")])
def test_parse_period(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2025-W53", "2026-W00", "2026-W54", "2026W40", "W40", "", "2026-W4"])
def test_parse_period_rejects(text):
    with pytest.raises(ValueError):
        parse_period(text)


async def test_service_opens_at_local_nine_across_the_spring_change(group_bot, runtime, clock, store):
    bot = group_bot
    await bot.command("admin", "settings timezone=Europe/Berlin")
    clock.set(u(2026, 3, 30, 6, 59))  # 08:59 CEST
    await runtime.tick()
    assert bot.posts == []
    clock.set(u(2026, 3, 30, 7, 0))  # 09:00 CEST
    await runtime.tick()
    (post,) = bot.posts
    assert post.card.period == "2026-W14"
    assert store.rounds.find_open(1).closes_at == u(2026, 4, 5, 16)  # Sunday 18:00 CEST


async def test_ambiguous_prompt_time_still_opens_once(group_bot, runtime, clock, store):
    """Whatever the trigger does with the repeated hour, the period key keeps it exactly once."""
    bot = group_bot
    await bot.command("admin", 'settings timezone=Europe/Berlin prompt="sun 02:30" close="sun 20:00"')
    for when in (u(2026, 10, 25, 0, 30), u(2026, 10, 25, 1, 0), u(2026, 10, 25, 1, 30), u(2026, 10, 25, 2)):
        clock.set(when)
        await runtime.tick()
    assert [p.card.period for p in bot.posts] == ["2026-W43"]
    assert len(all_rounds(store)) == 1
