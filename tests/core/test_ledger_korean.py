"""The ledger, the revisit thread and the grade DM in Korean, end to end through the memory
adapter: the glossary's words (판정, 실현됨, 브라이어 점수 explained, 그룹 대비, 확률대별 적중,
맞음/반쯤 맞음/틀림), a rate as a percent, and the English plurals by count."""
from __future__ import annotations

from datetime import datetime, timezone

from bot import ids
from bot.actions import DirectMessage, ResolutionPost, RevisitPost
from tests.core.helpers import only_reply

ASKED = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)  # Monday of 2026-W02


async def test_a_prediction_resolved_in_korean(bot, clock, runtime):
    clock.set(ASKED)
    await bot.command("admin", "setup")
    only_reply(await bot.command("admin", "settings language=ko"))
    assert only_reply(await bot.command("admin", "prompts next cost-api-price-call")).text.startswith(
        "다음 라운드 질문으로 정했어요")
    only_reply(await bot.command("admin", "open"))
    for user, answer in (("alice", "70%"), ("bob", "20%")):
        assert only_reply(await bot.say(user, answer)).status == "saved"
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc))
    await runtime.tick()
    (post,) = [p for p in bot.posts if isinstance(p, RevisitPost)]
    assert [b.label for b in post.card.buttons] == ["실현됨", "실현 안 됨", "판정 불가"]
    assert only_reply(await bot.command("admin", "resolve 2026-W02 yes")).text == (
        "2026년 1월 2주차 (1/5~1/11) 예측 판정: 실현됨. 점수는 돌아보기 스레드에 올라와요.")
    await runtime.flush()
    (follow,) = [p for p in bot.posts if isinstance(p, ResolutionPost)]
    assert follow.text.splitlines() == ["2026년 1월 2주차 (1/5~1/11) 예측 판정: 실현됨", "Alice: 70% → 브라이어 점수 0.09",
                                        "Bob: 20% → 브라이어 점수 0.64",
                                        "그룹 브라이어 점수 중앙값: 0.37 (0에 가까울수록 정확)"]
    ledger = only_reply(await bot.command("alice", "ledger")).text.splitlines()
    assert "판정이 난 예측 (브라이어 점수: 0에 가까울수록 정확):" in ledger
    assert any(line.startswith("• 1월 2주차 (1/5~1/11) · 70% → 실현됨 · 브라이어 점수 0.09 (그룹 대비 -0.28)") for line in ledger), ledger
    assert "확률대별 적중 (말한 확률 → 실제로 일어난 비율):" in ledger
    assert "• 70–80%: 예측 1개 · 평균 70%로 봤고 실제로 일어난 건 100%" in ledger


async def test_a_call_graded_in_korean_and_in_english(bot, clock, runtime):
    clock.set(ASKED)
    await bot.command("admin", "setup")
    only_reply(await bot.command("admin", "settings language=both"))
    only_reply(await bot.command("admin", "prompts next next-hype"))
    only_reply(await bot.command("admin", "open"))
    only_reply(await bot.say("alice", "AI agents that pay for things"))
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2026, 7, 13, 10, 0, tzinfo=timezone.utc))
    await runtime.tick()
    (dm,) = [d for d in bot.dms if isinstance(d, DirectMessage) and d.member.user_id == "alice"]
    assert "2026년 1월 2주차 (1/5~1/11)에 남긴 전망을 채점할 때가 됐어요." in dm.text and "내가" not in dm.text
    assert [b.label for b in dm.buttons] == ["Right / 맞음", "Partly / 반쯤 맞음", "Wrong / 틀림"]
    (post,) = [p for p in bot.posts if isinstance(p, RevisitPost)]
    graded = only_reply(await bot.click("alice", ids.encode(ids.GradeButton(post.card.round_id, "partly"))))
    # a short label in "both" reads "English / 한국어" inside each sentence
    assert graded.text == ("Graded your call from the week of Jan 5, 2026: partly / 반쯤 맞음.\n"
                           "2026년 1월 2주차 (1/5~1/11)에 남긴 전망을 채점했어요: partly / 반쯤 맞음.")
    ledger = only_reply(await bot.command("alice", "ledger")).text
    assert "Calls: 1 of 1 graded, hit rate 50% (right 1, partly 0.5, wrong 0)." in ledger
    assert "전망: 1개 중 1개 채점, 적중률 50% (맞음 1, 반쯤 맞음 0.5, 틀림 0)." in ledger
    assert "1 call." in post.card.summary or "1 call" in post.card.summary
