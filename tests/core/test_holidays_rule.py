"""Public holidays as pure rules (bot/holidays_rule.py): parsing the setting, the moved prompt
time (wall clock kept across DST), a skipped week, and a reminder held past a holiday."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot import holidays_rule as rule

SEOUL, BERLIN, BUDAPEST = ZoneInfo("Asia/Seoul"), ZoneInfo("Europe/Berlin"), ZoneInfo("Europe/Budapest")


def at(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz)


@pytest.mark.parametrize("raw, stored", [
    ("KR", "KR"), ("kr", "KR"), (" KR  skip ", "KR skip"), ("de SKIP", "DE skip"), ("off", "off"),
    ("끄기", "off"), (False, "off"), ("", "off"), ("US", "US"),
])
def test_the_setting_is_off_a_country_or_a_country_and_skip(raw, stored):
    assert rule.parse(raw) == stored


@pytest.mark.parametrize("raw", ["XX", "KOR", "KR later", "KR skip now", "on", True, "한국"])
def test_an_unknown_country_or_word_is_refused(raw):
    with pytest.raises(ValueError):
        rule.parse(raw)


def test_seollal_2026_moves_a_monday_prompt_to_thursday_at_the_same_time():
    fired = at(SEOUL, 2026, 2, 16, 9, 0)  # Mon; Seollal covers Mon 16 to Wed 18
    closes = at(SEOUL, 2026, 2, 22, 18, 0)
    opens = rule.prompt_time(fired, "Asia/Seoul", "KR", closes)
    assert opens == at(SEOUL, 2026, 2, 19, 9, 0)
    assert opens.astimezone(SEOUL).strftime("%a %Y-%m-%d %H:%M") == "Thu 2026-02-19 09:00"
    assert rule.prompt_time(fired, "Asia/Seoul", "KR skip", closes) is None
    assert rule.prompt_time(fired, "Asia/Seoul", "off", closes) == fired
    # the next week is an ordinary one
    assert rule.prompt_time(at(SEOUL, 2026, 2, 23, 9, 0), "Asia/Seoul", "KR", closes) == at(SEOUL, 2026, 2, 23, 9, 0)


def test_chuseok_2026_skips_the_week_when_the_next_working_day_is_past_the_close():
    fired = at(SEOUL, 2026, 9, 24, 9, 0)  # Thu; Chuseok covers Thu 24 to Sat 26, then Sunday
    assert rule.prompt_time(fired, "Asia/Seoul", "KR", at(SEOUL, 2026, 9, 27, 18, 0)) is None
    assert rule.prompt_time(fired, "Asia/Seoul", "KR", at(SEOUL, 2026, 9, 28, 9, 0)) is None  # at the close
    assert rule.prompt_time(fired, "Asia/Seoul", "KR", at(SEOUL, 2026, 9, 29, 18, 0)) == at(SEOUL, 2026, 9, 28, 9, 0)


def test_another_country_has_its_own_holidays():
    fired = at(BERLIN, 2026, 4, 6, 9, 0)  # Easter Monday in Germany, an ordinary day in Korea
    closes = at(BERLIN, 2026, 4, 12, 18, 0)
    assert rule.prompt_time(fired, "Europe/Berlin", "DE", closes) == at(BERLIN, 2026, 4, 7, 9, 0)
    assert rule.prompt_time(fired, "Europe/Berlin", "KR", closes) == fired
    # Seollal is nothing to a German group
    assert rule.prompt_time(at(BERLIN, 2026, 2, 16, 9, 0), "Europe/Berlin", "DE", closes) == at(BERLIN, 2026, 2, 16, 9, 0)


def test_the_holiday_is_judged_on_the_groups_calendar():
    # Mon 2026-02-16 09:00 in Seoul is still Sunday 2026-02-15 in Los Angeles
    fired = at(SEOUL, 2026, 2, 16, 9, 0)
    assert rule.holiday_at(fired, "Asia/Seoul", "KR")
    assert not rule.holiday_at(fired, "America/Los_Angeles", "KR")


def test_the_wall_clock_is_kept_across_the_end_of_summer_time():
    # Fri 2026-10-23 is a national holiday in Hungary; summer time ends on Sun 10-25.
    fired = at(BUDAPEST, 2026, 10, 23, 9, 0)
    opens = rule.prompt_time(fired, "Europe/Budapest", "HU", at(BUDAPEST, 2026, 10, 27, 18, 0))
    assert opens == at(BUDAPEST, 2026, 10, 26, 9, 0)
    assert (fired.utcoffset().total_seconds(), opens.astimezone(BUDAPEST).utcoffset().total_seconds()) == (7200, 3600)
    assert opens.astimezone(BUDAPEST).hour == 9


def test_a_moved_time_that_does_not_exist_that_day_moves_forward_by_the_gap():
    # Egypt starts summer time on Fri 2026-04-24 at 00:00 (-> 01:00): 00:30 that day does not exist.
    cairo = ZoneInfo("Africa/Cairo")
    moved = rule.next_working_time(at(cairo, 2026, 4, 23, 0, 30), "Africa/Cairo", "EG")
    assert moved == datetime(2026, 4, 23, 22, 30, tzinfo=ZoneInfo("UTC"))
    assert moved.astimezone(cairo).strftime("%Y-%m-%d %H:%M %z") == "2026-04-24 01:30 +0300"


def test_a_reminder_waits_for_the_next_working_day_or_is_dropped():
    closes = at(SEOUL, 2026, 5, 10, 18, 0)
    # Tue 2026-05-05 is Children's Day: the reminder goes out Wed at the same time
    assert rule.remind_time(at(SEOUL, 2026, 5, 5, 18, 0), "Asia/Seoul", "KR", closes) == at(SEOUL, 2026, 5, 6, 18, 0)
    assert rule.remind_time(at(SEOUL, 2026, 5, 5, 18, 0), "Asia/Seoul", "KR skip", closes) == at(SEOUL, 2026, 5, 6, 18, 0)
    # Fri 2026-05-01 (Labor Day): the next working day is Monday, after the Sunday close: dropped
    assert rule.remind_time(at(SEOUL, 2026, 5, 1, 18, 0), "Asia/Seoul", "KR", at(SEOUL, 2026, 5, 3, 18, 0)) is None
    assert rule.remind_time(at(SEOUL, 2026, 5, 1, 18, 0), "Asia/Seoul", "off", closes) == at(SEOUL, 2026, 5, 1, 18, 0)
