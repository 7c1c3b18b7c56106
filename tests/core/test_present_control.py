"""Open, close, pause and resume as results, then words in both languages."""
from __future__ import annotations

import pytest

from bot import router
from bot.actions import Reply
from bot.commands import parse
from bot.present.render import render
from bot.results import NoOpenRound
from bot.results.control import ClockHeld, PausedOrResumed, RoundClosedNow, RoundNotOpened, RoundOpened
from bot.usecases import control


async def test_the_use_cases_return_what_they_did(group_bot, service):
    ctx = router.resolve(service.deps, group_bot.origin("admin"))
    assert control.cmd_close(ctx, parse("close")) == [NoOpenRound()]
    assert control.cmd_open(ctx, parse("open")) == [RoundOpened("2026-W49")]
    assert control.cmd_open(ctx, parse("open")) == [RoundNotOpened("2026-W49")]
    assert control.cmd_close(ctx, parse("close")) == [RoundClosedNow("2026-W49")]
    assert control.cmd_open(ctx, parse("open")) == [RoundNotOpened("2026-W49", closed=True)]
    assert control.cmd_pause(ctx, parse("pause")) == [PausedOrResumed("memory-c1", paused=True)]


@pytest.mark.parametrize("result, en, ko", [
    (RoundOpened("2026-W49"), "Opened the round for the week of Nov 30. The prompt is being posted.",
     "12월 1주차 (11/30~12/6) 라운드를 열었어요. 질문을 올리는 중이에요."),
    (RoundNotOpened("2026-W49", closed=True), "This week's round (week of Nov 30) has already closed.",
     "이번 주(12월 1주차 (11/30~12/6)) 라운드는 이미 마감됐어요."),
    (RoundClosedNow("2026-W49"), "Closed the round for the week of Nov 30.", "12월 1주차 (11/30~12/6) 라운드를 마감했어요."),
    (PausedOrResumed("founders", paused=False), "Resumed 'founders'.", "'founders' 그룹을 다시 시작했어요."),
    (PausedOrResumed("founders", paused=True), "Paused 'founders'", "'founders' 그룹을 일시 정지했어요."),
])
def test_in_words(result, en, ko):
    for lang, words in (("en", en), ("ko", ko)):
        (reply,) = render(lang, [result])
        assert isinstance(reply, Reply) and reply.text.startswith(words), (lang, reply.text)


def test_the_clock_check_says_why():
    (reply,) = render("en", [ClockHeld("clock_behind_mark", (("mark", "B"), ("now", "A")))])
    assert isinstance(reply, Reply) and reply.text.startswith("Not done: this process's clock reads A")
