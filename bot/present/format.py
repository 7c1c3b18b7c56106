"""Formatting for people, once, in each language: dates and times, weeks, numbers, plurals and
Korean particles.

ko `1월 11일(일) 오후 6:00`, en `Sun, Jan 11, 6:00 PM`; weeks ko `1월 2주차 (1/5~1/11)`, en
`week of Jan 5`. ISO weeks (`2026-W02`) stay for input, exports, file names and commands.

Values that must read differently in each language of a `language=both` group are ``Localized``:
``catalog.t`` asks each of them for its text in the language it is writing, so one call with
``period=Week("2026-W02")`` gives `week of Jan 5` in the English line and `1월 2주차` in the Korean.
Pure functions: no storage, no clock.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.catalog import Localized
from bot.timing import zone

EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
KO_DAYS = ("월", "화", "수", "목", "금", "토", "일")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def _lang(lang: str) -> str:
    return "ko" if lang == "ko" else "en"  # "both" is written line by line by the catalog


# times ------------------------------------------------------------------------------------------
def clock_time(lang: str, hour: int, minute: int) -> str:
    """ko `오후 6:00`, `오전 9:00`, `오전 12:30` (half past midnight); en `6:00 PM`, `12:30 AM`."""
    twelve = hour % 12 or 12
    if _lang(lang) == "ko":
        return f"{'오전' if hour < 12 else '오후'} {twelve}:{minute:02d}"
    return f"{twelve}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def day(lang: str, d: date, *, year: bool = False) -> str:
    """ko `1월 11일(일)` (`2026년 1월 11일(일)` with the year); en `Sun, Jan 11` (`Sun, Jan 11, 2026`)."""
    if _lang(lang) == "ko":
        return (f"{d.year}년 " if year else "") + f"{d.month}월 {d.day}일({KO_DAYS[d.weekday()]})"
    return f"{EN_DAYS[d.weekday()]}, {EN_MONTHS[d.month - 1]} {d.day}" + (f", {d.year}" if year else "")


def when(lang: str, at: datetime, timezone: str, *, year: bool = False) -> str:
    """A moment in the group's timezone: ko `1월 11일(일) 오후 6:00`, en `Sun, Jan 11, 6:00 PM`.
    The zone itself is named in settings and at setup, never on every card."""
    local = at.astimezone(zone(timezone))
    sep = " " if _lang(lang) == "ko" else ", "
    return f"{day(lang, local.date(), year=year)}{sep}{clock_time(lang, local.hour, local.minute)}"


# weeks ------------------------------------------------------------------------------------------
def week_monday(period: str) -> date | None:
    """The Monday of an ISO week `2026-W02` (None for anything else)."""
    m = ISO_WEEK.match(period)
    if m is None:
        return None
    try:
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        return None


def week(lang: str, period: str, *, year: bool = False) -> str:
    """A week for people: ko `1월 2주차 (1/5~1/11)`, en `week of Jan 5`.

    The Korean week of the month is that of the week's Thursday (as ISO weeks count), so
    2026-W01 (Dec 29 to Jan 4) is `1월 1주차`. Anything that is not an ISO week comes back as is."""
    monday = week_monday(period)
    if monday is None:
        return period
    sunday, thursday = monday + timedelta(days=6), monday + timedelta(days=3)
    if _lang(lang) == "ko":
        head = (f"{thursday.year}년 " if year else "") + f"{thursday.month}월 {(thursday.day + 6) // 7}주차"
        return f"{head} ({monday.month}/{monday.day}~{sunday.month}/{sunday.day})"
    return f"week of {EN_MONTHS[monday.month - 1]} {monday.day}" + (f", {monday.year}" if year else "")


# numbers ----------------------------------------------------------------------------------------
def percent(fraction: float, digits: int = 0) -> str:
    """A rate as a percent: 0.83 -> `83%`, 0.705 with digits=1 -> `70.5%`."""
    return f"{fraction * 100:.{digits}f}%"


def one_decimal(value: float) -> str:
    """An average: 3.25 -> `3.3`, 4 -> `4.0`."""
    return f"{value:.1f}"


def plural(n: int, one: str, other: str) -> str:
    """English count and noun: plural(1, "forecast", "forecasts") -> `1 forecast`."""
    return f"{n} {one if n == 1 else other}"


# Korean particles -------------------------------------------------------------------------------
# How the last digit of a number is read, and whether that reading ends in a consonant (받침);
# the second flag is True when that consonant is ㄹ (which takes 로, not 으로). A number ending
# in 0 is read 영, 십, 백, 천 or 만: always a final consonant, never ㄹ.
_DIGIT_FINAL = {"0": (True, False), "1": (True, True), "2": (False, False), "3": (True, False),
                "4": (False, False), "5": (False, False), "6": (True, False), "7": (True, True),
                "8": (True, True), "9": (False, False)}
PAIRS = {"은/는": ("은", "는"), "이/가": ("이", "가"), "을/를": ("을", "를"), "과/와": ("과", "와"),
         "아/야": ("아", "야"), "으로/로": ("으로", "로"), "이에요/예요": ("이에요", "예요"),
         "이라/라": ("이라", "라"), "이랑/랑": ("이랑", "랑")}


def _final(word: str) -> tuple[bool, bool] | None:
    """(ends in a consonant, that consonant is ㄹ) for the last Hangul syllable or digit of
    ``word``, skipping closing quotes, brackets and punctuation; None when it cannot be told
    (Latin letters and the like)."""
    text = word.rstrip(" \t'\"’”)]}>.,!?…")
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        jong = (ord(last) - 0xAC00) % 28
        return (jong != 0, jong == 8)  # 8 is ㄹ
    if last in _DIGIT_FINAL:
        return _DIGIT_FINAL[last]
    return None


def josa(word: str, pair: str) -> str:
    """``word`` with the particle of ``pair`` that fits its last sound: josa("민준", "은/는") ->
    `민준은`, josa("2026-W02", "은/는") -> `2026-W02는`. Where the sound cannot be told (Latin
    text), both forms are written the usual way: `alice은(는)`."""
    with_final, without = PAIRS[pair]
    final = _final(word)
    if final is None:
        return f"{word}{with_final}({without})"
    has_final, is_rieul = final
    if pair == "으로/로" and is_rieul:
        return word + without
    return word + (with_final if has_final else without)


# values that read differently in each language ---------------------------------------------------
@dataclass(frozen=True)
class Week(Localized):
    """A period for a catalog text: ``period=Week("2026-W02")``."""

    period: str
    year: bool = False

    def localize(self, lang: str) -> str:
        return week(lang, self.period, year=self.year)

    def __str__(self) -> str:
        return self.period


@dataclass(frozen=True)
class When(Localized):
    """A moment in the group's timezone for a catalog text: ``closes=When(rnd.closes_at, tz)``."""

    at: datetime
    timezone: str
    year: bool = False

    def localize(self, lang: str) -> str:
        return when(lang, self.at, self.timezone, year=self.year)

    def __str__(self) -> str:
        return self.localize("en")


@dataclass(frozen=True)
class Count(Localized):
    """A number of things for a catalog text: en with the noun in the right number (`1 member`,
    `5 members`), ko with its counter (`5명`): ``members=Count(5, "member", "members", "명")``."""

    n: int
    one: str
    other: str
    counter: str

    def localize(self, lang: str) -> str:
        return f"{self.n}{self.counter}" if _lang(lang) == "ko" else plural(self.n, self.one, self.other)

    def __str__(self) -> str:
        return self.localize("en")


@dataclass(frozen=True)
class Day(Localized):
    """A day (of a moment, in the group's timezone) for a catalog text: `Mon, Jun 1, 2026` /
    `2026년 6월 1일(월)`."""

    at: datetime
    timezone: str
    year: bool = True

    def localize(self, lang: str) -> str:
        return day(lang, self.at.astimezone(zone(self.timezone)).date(), year=self.year)

    def __str__(self) -> str:
        return self.localize("en")


@dataclass(frozen=True)
class Date(Localized):
    """A calendar day for a catalog text: `Sun, Mar 1, 2026` / `2026년 3월 1일(일)`."""

    d: date
    year: bool = True

    def localize(self, lang: str) -> str:
        return day(lang, self.d, year=self.year)

    def __str__(self) -> str:
        return self.localize("en")
