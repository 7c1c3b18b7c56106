"""Revisits as results, then words: the revisit post, the outcome in its thread, the grade
request, and the replies to resolve and grade, in both languages."""
from __future__ import annotations

from bot.actions import DirectMessage, ForecastLine, Reply, ResolutionPost, RevisitPost
from bot.domain import ChannelRef, Group, MemberRef, Prompt, Round
from bot.present.render import render
from bot.results.revisits import (GradeRequestDue, Graded, ResolutionDue, Resolved, RevisitDue, RevisitRefusal,
                                  RevisitRefused, ScoredLine)
from tests.core.helpers import utc

GROUP = Group(1, "founders", timezone="Asia/Seoul")
PREDICTION = Prompt(2, "prediction", "Will it rain?", "비가 올까요?", horizon_months=12)
CALL = Prompt(3, "call", "What comes next?", "다음은 뭘까요?", horizon_months=1)
ROUND = Round(id=7, group_id=1, period="2026-W02", prompt_id=2, opened_at=utc(2026, 1, 5, 0),
              closes_at=utc(2026, 1, 11, 9), outcome="yes")
HERE = ChannelRef("memory", "w", "c1")


def one(lang: str, result):
    (action,) = render(lang, [result])
    return action


def test_the_revisit_post_in_words():
    due = RevisitDue(1, HERE, GROUP, ROUND, PREDICTION, (ForecastLine("Alice", "sun", 70), ForecastLine("Bob", "", 20)))
    en, ko = one("en", due), one("ko", due)
    assert isinstance(en, RevisitPost) and isinstance(ko, RevisitPost)
    assert en.card.title == "Looking back: the week of Jan 5, 2026 in founders"
    assert ko.card.title == "2026년 1월 2주차 (1/5~1/11) 질문 돌아보기 · founders"
    assert en.card.asked == "Asked Mon, Jan 5, 2026, for 12 months ahead."
    assert ko.card.asked == "2026년 1월 5일(월)에 12개월 뒤를 두고 물었던 질문이에요."
    assert en.card.summary.startswith("2 forecasts, median 45%.") and "resolve 2026-W02 yes|no" in en.card.summary
    assert [b.action for b in en.card.buttons] == ["hs:resolve:7:yes", "hs:resolve:7:no", "hs:resolve:7:ambiguous"]
    call = one("en", RevisitDue(1, HERE, GROUP, ROUND, CALL, (ForecastLine("Alice", "agents", None),)))
    assert isinstance(call, RevisitPost) and call.card.summary.startswith("1 call. ") and call.card.buttons == ()
    assert call.card.asked == "Asked Mon, Jan 5, 2026, for 1 month ahead."


def test_the_outcome_in_the_thread_in_words():
    due = ResolutionDue(2, HERE, "t1", GROUP, ROUND, (ScoredLine(None, 70, 0.09),), 0.09)
    en, ko = one("en", due), one("ko", due)
    assert isinstance(en, ResolutionPost) and en.thread == "t1" and isinstance(ko, ResolutionPost)
    assert en.text.splitlines()[0] == "The prediction from the week of Jan 5, 2026 is resolved: yes."
    assert ko.text.startswith("2026년 1월 2주차 (1/5~1/11) 예측 판정: 실현됨")
    assert "(anonymous): 70% → Brier 0.09" in en.text


def test_the_grade_request_and_replies_in_words():
    alice = MemberRef("memory", "w", "alice", "Alice")
    dm = one("en", GradeRequestDue(alice, GROUP, ROUND, CALL, "agents", HERE))
    assert isinstance(dm, DirectMessage) and dm.text.startswith("Time to grade your call from the week of Jan 5, 2026.")
    assert [b.action for b in dm.buttons] == ["hs:grade:7:right", "hs:grade:7:partly", "hs:grade:7:wrong"]
    again = one("en", Resolved("2026-W02", "yes", already=True))
    assert isinstance(again, Reply) and again.text.startswith("The prediction from the week of Jan 5, 2026 is already resolved: ")
    assert "/hindsight resolve 2026-W02 undo" in again.text  # the command keeps the ISO week
    ko = one("ko", RevisitRefused(RevisitRefusal.NOT_DUE_CALL, "2026-W02"))
    assert isinstance(ko, Reply) and ko.text == "2026년 1월 2주차 (1/5~1/11) 전망은 아직 채점할 때가 아니에요."
    graded = one("ko", Graded("2026-W02", "partly"))
    assert isinstance(graded, Reply) and graded.text.startswith("2026년 1월 2주차 (1/5~1/11)에 남긴 전망을 채점했어요")
