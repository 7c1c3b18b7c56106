"""The ledger as figures, then words: weeks for people, the day a forecast comes back in the
group's timezone, rates as percents, counts with their nouns, in both languages."""
from __future__ import annotations

from bot.actions import Reply
from bot.present.render import render
from bot.results.ledger import (Bucket, GroupLedger, GroupQuestion, MemberLedger, OpenForecast, OwnLedger, Question,
                                Ranked, ResolvedForecast)
from tests.core.helpers import utc

Q = Question("Will it rain?", "비가 올까요?")


def text(lang: str, result) -> list[str]:
    (reply,) = render(lang, [result])
    assert isinstance(reply, Reply)
    return reply.text.splitlines()


def test_your_ledger_in_words():
    mine = OwnLedger("founders", "Asia/Seoul", open=(OpenForecast("2026-W51", Q, 70, due_at=utc(2027, 12, 13, 0)),),
                     resolved=(ResolvedForecast("2026-W02", Q, 80, "yes", 0.04, -0.1),), scored=1, mean_brier=0.04,
                     mean_relative=-0.1, buckets=(Bucket(70, 80, 1, 0.8, 1.0),), calls=2, graded=1, hit_rate=0.5)
    en, ko = text("en", mine), text("ko", mine)
    assert en[2] == "• week of Dec 14 · 70% · due Mon, Dec 13, 2027 · Will it rain?"
    assert ko[2] == "• 12월 3주차 (12/14~12/20) · 70% · 2027년 12월 13일(월)에 돌아옴 · 비가 올까요?"
    assert en[4] == "• week of Jan 5 · 80% → " + en[4].split(" → ")[1]
    assert "• 70–80%: 1 forecast, avg 80%, came true 100%" in en
    assert "• 70–80%: 예측 1개 · 평균 80%로 봤고 실제로 일어난 건 100%" in ko
    assert en[-1].startswith("Calls: 1 of 2 graded, hit rate 50%")
    assert ko[-1].startswith("전망: 2개 중 1개 채점, 적중률 50%")


def test_a_member_and_the_group_in_words():
    theirs = MemberLedger("Alice", (ResolvedForecast("2026-W02", Q, 80, "yes", 0.04, None),), 0.04, 1)
    assert text("en", theirs)[0] == "Alice: 1 resolved forecast"
    assert text("ko", theirs)[0] == "Alice: 판정이 난 예측 1개"
    track = GroupLedger("founders", (GroupQuestion("2026-W02", Q, "yes", 0.5, 3, 0.2),), (Ranked(1, "Alice", -0.1, 3),))
    en = text("en", track)
    assert en[0] == "Track record of founders: 1 resolved prediction"
    assert en[1].startswith("• week of Jan 5 · ") and " · median forecast 50% · 3 forecasts · " in en[1]
    assert text("ko", track)[1].startswith("• 1월 2주차 (1/5~1/11) · ")


async def test_the_use_case_returns_figures(group_bot, service):
    from bot import router
    from bot.commands import parse
    from bot.results.ledger import LedgerEmpty, NoLedger
    from bot.usecases import ledger
    ctx = router.resolve(service.deps, group_bot.origin("alice"))
    assert ledger.cmd_ledger(ctx, parse("ledger")) == [LedgerEmpty(NoLedger.OWN)]
    assert ledger.cmd_ledger(ctx, parse("ledger group")) == [LedgerEmpty(NoLedger.GROUP)]
