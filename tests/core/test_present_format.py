"""Formatting for people, in both languages (bot/present/format.py): dates, weeks, numbers,
plurals and the Korean particle helper; and a ``language=both`` text that reads each value in
its own language."""
from datetime import date, datetime, timezone

import pytest

from bot import catalog
from bot.present.format import Week, When, clock_time, day, josa, one_decimal, percent, plural, week, when

SUN_6PM_SEOUL = datetime(2026, 1, 11, 9, 0, tzinfo=timezone.utc)  # 18:00 in Asia/Seoul


def test_a_moment_in_each_language():
    assert when("ko", SUN_6PM_SEOUL, "Asia/Seoul") == "1월 11일(일) 오후 6:00"
    assert when("en", SUN_6PM_SEOUL, "Asia/Seoul") == "Sun, Jan 11, 6:00 PM"
    assert when("en", SUN_6PM_SEOUL, "UTC") == "Sun, Jan 11, 9:00 AM"
    assert when("ko", SUN_6PM_SEOUL, "Asia/Seoul", year=True) == "2026년 1월 11일(일) 오후 6:00"
    assert when("en", SUN_6PM_SEOUL, "Asia/Seoul", year=True) == "Sun, Jan 11, 2026, 6:00 PM"


@pytest.mark.parametrize("hour,minute,ko,en", [
    (0, 30, "오전 12:30", "12:30 AM"), (9, 0, "오전 9:00", "9:00 AM"), (12, 0, "오후 12:00", "12:00 PM"),
    (18, 5, "오후 6:05", "6:05 PM"), (23, 59, "오후 11:59", "11:59 PM")])
def test_clock_times(hour, minute, ko, en):
    assert clock_time("ko", hour, minute) == ko and clock_time("en", hour, minute) == en


def test_a_day_across_new_year_in_new_york_and_berlin():
    assert when("en", datetime(2026, 1, 1, 3, 0, tzinfo=timezone.utc), "America/New_York") == "Wed, Dec 31, 10:00 PM"
    assert when("ko", datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc), "Europe/Berlin") == "3월 29일(일) 오전 3:30"
    assert day("ko", date(2026, 2, 17)) == "2월 17일(화)"


@pytest.mark.parametrize("period,ko,en", [
    ("2026-W02", "1월 2주차 (1/5~1/11)", "week of Jan 5"),
    ("2026-W01", "1월 1주차 (12/29~1/4)", "week of Dec 29"),  # its Thursday is Jan 1
    ("2020-W53", "12월 5주차 (12/28~1/3)", "week of Dec 28"),
    ("2026-W09", "2월 4주차 (2/23~3/1)", "week of Feb 23"),
    ("2026-W10", "3월 1주차 (3/2~3/8)", "week of Mar 2")])
def test_weeks_for_people(period, ko, en):
    assert week("ko", period) == ko and week("en", period) == en


def test_a_week_with_its_year_and_text_that_is_not_a_week():
    assert week("en", "2026-W02", year=True) == "week of Jan 5, 2026"
    assert week("ko", "2026-W01", year=True) == "2026년 1월 1주차 (12/29~1/4)"
    assert week("ko", "2026-W54") == "2026-W54" and week("en", "latest") == "latest"


def test_numbers():
    assert percent(0.83) == "83%" and percent(0.705, 1) == "70.5%" and percent(1) == "100%"
    assert one_decimal(3.26) == "3.3" and one_decimal(2.4) == "2.4"
    assert one_decimal(4) == "4.0"
    assert plural(1, "forecast", "forecasts") == "1 forecast"
    assert plural(0, "forecast", "forecasts") == "0 forecasts" and plural(2, "week", "weeks") == "2 weeks"


@pytest.mark.parametrize("word,topic,subject,obj,by", [
    ("민준", "민준은", "민준이", "민준을", "민준으로"),
    ("서연", "서연은", "서연이", "서연을", "서연으로"),
    ("지수", "지수는", "지수가", "지수를", "지수로"),
    ("서울", "서울은", "서울이", "서울을", "서울로"),  # ㄹ takes 로
    ("alice", "alice은(는)", "alice이(가)", "alice을(를)", "alice으로(로)"),
    ("2026-W01", "2026-W01은", "2026-W01이", "2026-W01을", "2026-W01로"),  # 일: ㄹ
    ("2026-W02", "2026-W02는", "2026-W02가", "2026-W02를", "2026-W02로"),  # 이
    ("2026-W03", "2026-W03은", "2026-W03이", "2026-W03을", "2026-W03으로"),  # 삼
    ("2026-W10", "2026-W10은", "2026-W10이", "2026-W10을", "2026-W10으로"),  # 십
    ("'하락장'", "'하락장'은", "'하락장'이", "'하락장'을", "'하락장'으로")])
def test_the_particle_follows_the_last_sound(word, topic, subject, obj, by):
    assert [josa(word, p) for p in ("은/는", "이/가", "을/를", "으로/로")] == [topic, subject, obj, by]


def test_names_with_and_without_a_final_consonant_take_the_right_copula():
    assert josa("서연", "이에요/예요") == "서연이에요" and josa("민지", "이에요/예요") == "민지예요"


def test_a_both_language_text_reads_each_value_in_its_own_language():
    catalog.EN["_test_week"], catalog.KO["_test_week"] = "Saved for {period}, closes {closes}.", "{period} 저장, 마감: {closes}"
    try:
        text = catalog.t("both", "_test_week", period=Week("2026-W02"), closes=When(SUN_6PM_SEOUL, "Asia/Seoul"))
    finally:
        del catalog.EN["_test_week"], catalog.KO["_test_week"]
    assert text == "Saved for week of Jan 5, closes Sun, Jan 11, 6:00 PM.\n1월 2주차 (1/5~1/11) 저장, 마감: 1월 11일(일) 오후 6:00"


def test_a_count_in_each_language_has_its_noun_or_counter():
    from bot.present.format import Count
    one, five = Count(1, "member", "members", "명"), Count(5, "member", "members", "명")
    assert (one.localize("en"), five.localize("en")) == ("1 member", "5 members")
    assert (one.localize("ko"), five.localize("ko")) == ("1명", "5명")
    assert catalog.t("both", "digest_summary", answered=1, members=one) == "1 of 1 member answered.\n1명 중 1명 답변."
