"""``away until YYYY-MM-DD`` / ``away off`` / ``away``: no reminder DMs while away, not
counted in M (the digest's "N of M" and the stats), no broken streak; strict dates."""
from __future__ import annotations

import pytest

from tests.core.helpers import digest_posts, only_reply, run_week


async def week(bot, runtime, clock, answers: dict[str, str] | None = None,
               commands: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """From a Monday 09:00: open, run ``commands``, answer, tick at Friday 18:00 (reminders),
    close at Sunday 18:00, move to the next Monday 09:00. Returns who got a reminder DM."""
    await runtime.tick()
    for user, text in commands:
        await bot.command(user, text)
    for user, text in (answers or {}).items():
        (reply,) = await bot.say(user, text)
        assert reply.status in ("saved", "replaced"), reply
    bot.dms.clear()
    clock.advance(days=4, hours=9)
    await runtime.tick()
    reminded = sorted(d.member.user_id for d in bot.dms)
    clock.advance(days=2)
    await runtime.tick()
    clock.advance(hours=15)
    return reminded


def summary(bot) -> str:
    return digest_posts(bot)[-1].digest.summary


EVERYONE = {"alice": "a", "bob": "b", "carol": "c"}


async def test_away_confirms_with_the_date_and_shows_the_status(open_bot):
    bot = open_bot  # Monday 2026-11-30
    assert "not away" in only_reply(await bot.command("carol", "away")).text
    reply = only_reply(await bot.command("carol", "away until 2026-12-14"))
    assert not reply.public
    assert "away until Mon, Dec 14, 2026 (UTC)" in reply.text
    assert "away until Mon, Dec 14, 2026 (UTC):" in only_reply(await bot.command("carol", "away")).text
    # a new date moves it; the short form without "until" works too
    assert "away until Mon, Jan 4, 2027 (UTC)" in only_reply(await bot.command("carol", "away 2027-01-04")).text
    assert "away until Mon, Jan 4, 2027 (UTC)" in only_reply(await bot.command("carol", "AWAY")).text
    assert "not away" in only_reply(await bot.command("alice", "away")).text  # per member


@pytest.mark.parametrize("arg", [
    "until 2026-02-30",  # no such day
    "until 26-01-01",  # a two-digit year
    "until ٢٠٢٦-01-01",  # digits that are not ASCII
    "until 2026-11-29",  # in the past
    "until 2026-11-30",  # today is not the future
    "until 2027-12-01",  # more than a year ahead
    "until 2026-12-1",
    "until 2026/12/14",
    "until",
    "soon",
    "until 2026-12-14 2026-12-15",
])
async def test_bad_dates_are_refused_with_the_usage(open_bot, arg):
    bot = open_bot
    reply = only_reply(await bot.command("carol", f"away {arg}"))
    assert not reply.public
    assert "Usage: /hindsight away until YYYY-MM-DD" in reply.text
    assert "not away" in only_reply(await bot.command("carol", "away")).text


async def test_the_reason_a_date_is_refused(open_bot):
    bot = open_bot
    assert "is not a date" in only_reply(await bot.command("carol", "away until 2026-02-30")).text
    assert "today is Mon, Nov 30, 2026 in UTC" in only_reply(await bot.command("carol", "away until 2026-01-01")).text
    too_far = only_reply(await bot.command("carol", "away until 2027-12-01")).text
    assert "the latest you can choose is Tue, Nov 30, 2027." in too_far
    assert "away until Tue, Nov 30, 2027 (UTC)" in only_reply(await bot.command("carol", "away until 2027-11-30")).text  # a year is fine


async def test_away_members_get_no_reminder_and_are_not_counted_in_m(group_bot, runtime, clock):
    bot = group_bot
    assert await week(bot, runtime, clock, answers=EVERYONE) == ["admin"]  # 2026-W49
    assert summary(bot) == "3 of 3 members answered."
    # 2026-W50: carol and the admin are away until Monday 2026-12-14, the start of W51
    reminded = await week(bot, runtime, clock, answers={"alice": "a"},
                          commands=(("carol", "away until 2026-12-14"), ("admin", "away until 2026-12-14")))
    assert reminded == ["bob"]
    assert summary(bot) == "1 of 2 members answered."
    # 2026-W51: back on the day they chose, without a word
    assert "not away" in only_reply(await bot.command("carol", "away")).text
    assert await week(bot, runtime, clock, answers={"alice": "a"}) == ["admin", "bob", "carol"]
    assert summary(bot) == "1 of 3 members answered."


async def test_an_away_member_who_answers_anyway_counts(group_bot, runtime, clock):
    bot = group_bot
    await week(bot, runtime, clock, answers=EVERYONE)
    await week(bot, runtime, clock, answers=EVERYONE, commands=(("carol", "away until 2026-12-21"),))
    assert summary(bot) == "3 of 3 members answered."
    assert "• Carol: 2 · 2" in only_reply(await bot.command("carol", "stats")).text


async def test_away_off_restores_reminders_and_m_and_keeps_the_away_weeks(group_bot, runtime, clock):
    bot = group_bot
    await week(bot, runtime, clock, answers=EVERYONE)  # W49
    reminded = await week(bot, runtime, clock, answers={"alice": "a", "bob": "b"},
                          commands=(("carol", "away until 2027-01-31"),))  # W50
    assert "carol" not in reminded
    assert summary(bot) == "2 of 2 members answered."
    # W51: carol is back early
    reminded = await week(bot, runtime, clock, answers={"alice": "a", "bob": "b"},
                          commands=(("carol", "away off"),))
    assert "carol" in reminded
    assert summary(bot) == "2 of 3 members answered."
    assert "not away" in only_reply(await bot.command("carol", "away")).text
    assert "weren't away" in only_reply(await bot.command("carol", "away off")).text
    # W52: she answers. W50 stays an away week (2 of 2, full bar); W51, missed, broke her streak
    await week(bot, runtime, clock, answers=EVERYONE)
    text = only_reply(await bot.command("carol", "stats")).text
    assert "(week of Nov 30 to week of Dec 21): ██▆█" in text
    assert "• Carol: 1 · 1" in text


async def test_an_away_week_does_not_break_a_streak_nor_count(group_bot, runtime, clock):
    bot = group_bot
    await week(bot, runtime, clock, answers=EVERYONE)  # W49
    await week(bot, runtime, clock, answers={"alice": "a"}, commands=(("carol", "away until 2026-12-14"),))  # W50
    assert summary(bot) == "1 of 2 members answered."
    await week(bot, runtime, clock, answers=EVERYONE)  # W51
    reply = only_reply(await bot.command("bob", "stats"))
    lines = reply.text.splitlines()
    assert "Answer rate, last 3 closed rounds (week of Nov 30 to week of Dec 14): █▅█" in lines
    assert [ln for ln in lines if ln.startswith("• ")] == ["• Alice: 3 · 3", "• Carol: 2 · 2", "• Bob: 1 · 1"]


async def test_away_members_are_marked_in_stats_while_away(group_bot, runtime, clock):
    bot = group_bot
    await run_week(bot, runtime, clock, answers=EVERYONE)
    await bot.command("carol", "away until 2027-01-04")
    text = only_reply(await bot.command("alice", "stats")).text
    assert "• Carol: 1 · 1 (away until Mon, Jan 4)" in text
    await bot.command("admin", "settings anonymous=yes")
    assert "• You: 1 · 1 (away until Mon, Jan 4)" in only_reply(await bot.command("carol", "stats")).text
    assert "Carol" not in only_reply(await bot.command("alice", "stats")).text


async def test_away_in_korean(open_bot):
    bot = open_bot
    await bot.command("admin", "settings language=ko")
    assert "2026년 12월 14일(월)까지 자리를 비워요" in only_reply(await bot.command("carol", "away until 2026-12-14")).text
    refused = only_reply(await bot.command("carol", "away until 2026-02-30")).text
    assert "날짜 형식이 아니에요" in refused and "사용법" in refused
