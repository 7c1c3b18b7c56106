"""Search, history and who a command names, as results, then words in both languages."""
from __future__ import annotations

import pytest

from bot import router
from bot.actions import Reply
from bot.commands import parse
from bot.present.render import render
from bot.results import (Found, History, LookupRefusal, LookupRefused, MemberAmbiguous, MemberUnknown,
                         SearchResults)
from bot.usecases import lookup
from tests.core.helpers import run_week


async def test_search_and_history_return_what_was_found(group_bot, runtime, clock, service):
    await run_week(group_bot, runtime, clock, answers={"alice": "Hiring is slow"})
    ctx = router.resolve(service.deps, group_bot.origin("bob"))
    assert lookup.cmd_search(ctx, parse("search hiring")) == [
        SearchResults("hiring", (Found("2026-W49", "Hiring is slow", "Alice"),))]
    assert lookup.cmd_search(ctx, parse("search nothing-like-it")) == [SearchResults("nothing-like-it", ())]
    assert lookup.cmd_history(ctx, parse("history alice")) == [History("Alice", (Found("2026-W49", "Hiring is slow"),))]
    assert lookup.cmd_history(ctx, parse("history nobody")) == [MemberUnknown("nobody")]


FOUND = (Found("2026-W49", "Hiring is slow", "Alice"), Found("2026-W50", "Still slow", "Bob", 4, open=True))


@pytest.mark.parametrize("lang, words", [
    ("en", ["2 answers for 'hiring':", "week of Nov 30, 2026 · Alice: Hiring is slow",
            "week of Dec 7, 2026 (open) · Bob: [4] Still slow"]),
    ("ko", ["'hiring' 검색 결과 2건:", "2026년 12월 1주차 (11/30~12/6) · Alice: Hiring is slow",
            "2026년 12월 2주차 (12/7~12/13) (진행 중) · Bob: [4] Still slow"]),
])
def test_search_results_in_words(lang, words):
    (reply,) = render(lang, [SearchResults("hiring", FOUND)])
    assert isinstance(reply, Reply) and reply.text.splitlines() == words


@pytest.mark.parametrize("lang, head, none, scores", [
    ("en", "Alice: 1 answer, newest first:", "Nothing found for 'x' in closed rounds or your own open answer.",
     "Scores over time: ▁█ (1 → 5)"),
    ("ko", "Alice: 답변 1건, 최신순:", "'x' 검색 결과가 없어요 (마감된 라운드와 진행 중인 내 답변에서 찾았어요).", "점수 변화: ▁█ (1 → 5)"),
])
def test_history_and_nothing_found_in_words(lang, head, none, scores):
    (reply,) = render(lang, [History("Alice", FOUND[:1], (1, 5))])
    assert isinstance(reply, Reply) and reply.text.splitlines() == [head, reply.text.splitlines()[1], scores]
    (nothing,) = render(lang, [SearchResults("x", ())])
    assert isinstance(nothing, Reply) and nothing.text == none


def test_refusals_and_unknown_members_in_words():
    (anonymous,) = render("ko", [LookupRefused(LookupRefusal.ANONYMOUS)])
    assert isinstance(anonymous, Reply) and anonymous.text == "익명 그룹이라 내 기록만 볼 수 있어요."
    (unknown,) = render("en", [MemberUnknown("zed")])
    assert isinstance(unknown, Reply) and unknown.text == "I don't know a member 'zed' in this group."
    (two,) = render("ko", [MemberAmbiguous("kim", (("Kim A", "slack", "U1"), ("Kim B", "slack", "U2")))])
    assert isinstance(two, Reply)
    assert two.text.startswith("이름이 'kim'인 멤버가 여러 명이에요:\n• Kim A (slack U1)\n• Kim B (slack U2)\n")
