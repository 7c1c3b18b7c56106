"""``stats`` and ``away`` as results, then words in both languages."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot import router
from bot.actions import Reply
from bot.commands import parse
from bot.present.render import render
from bot.results.participation import Away, AwayProblem, AwayRefused, Back, Stats, StreakLine
from bot.usecases import participation


async def test_away_returns_what_it_set(group_bot, service):
    ctx = router.resolve(service.deps, group_bot.origin("carol"))
    assert participation.cmd_away(ctx, parse("away")) == [Away(None, "UTC")]
    assert participation.cmd_away(ctx, parse("away until 2026-12-14")) == [Away(date(2026, 12, 14), "UTC", changed=True)]
    assert participation.cmd_away(ctx, parse("away until 2026-11-30")) == [
        AwayRefused(AwayProblem.NOT_FUTURE, "2026-11-30", "UTC", today=date(2026, 11, 30))]
    assert participation.cmd_away(ctx, parse("away off")) == [Back(was_away=True)]


STATS = Stats("founders", "2026-W49", "2026-W49", (2 / 3,), 2, 3,
              (StreakLine(None, 1, 1, date(2027, 1, 4)), StreakLine("Bob", 0, 1)))


def lines(lang: str, result) -> list[str]:
    (reply,) = render(lang, [result])
    assert isinstance(reply, Reply)
    return reply.text.splitlines()


def test_stats_in_words():
    en, ko = lines("en", STATS), lines("ko", STATS)
    assert en[1].startswith("Answer rate of the one closed round (week of Nov 30): ")  # one week, named once
    assert en[2] == "Latest: 67% (2 of 3 members answered, week of Nov 30)"
    assert "• You: 1 · 1 (away until Mon, Jan 4)" in en and "• Bob: 0 · 1" in en
    assert ko[1].startswith("마감된 라운드 하나의 응답률 (12월 1주차 (11/30~12/6)): ")
    two = lines("en", replace(STATS, first="2026-W48", rates=(1.0, 2 / 3)))
    assert two[1].startswith("Answer rate, last 2 closed rounds (week of Nov 23 to week of Nov 30): ")
    assert ko[2] == "최근 라운드: 67% (3명 중 2명 답변, 12월 1주차 (11/30~12/6))"
    assert "• 나: 1 · 1 (1월 4일(월)까지 자리 비움)" in ko


def test_away_in_words():
    assert lines("ko", Away(date(2026, 12, 14), "Asia/Seoul", changed=True))[0].startswith(
        "2026년 12월 14일(월)까지 자리를 비워요 (Asia/Seoul 기준")
    assert lines("ko", AwayRefused(AwayProblem.TOO_FAR, "2027-12-01", "UTC", latest=date(2027, 11, 30)))[0] == \
        "1년보다 더 뒤의 날짜예요: 2027-12-01. 2027년 11월 30일(화)까지 고를 수 있어요."
    assert lines("en", Back(was_away=False)) == ["You weren't away, so nothing changed."]
