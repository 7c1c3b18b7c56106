"""Digests as facts, then words: bot/usecases/digests.py returns DigestFacts and what is missing;
bot/present/digests.py words them in English, Korean and both."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.actions import DigestPost, Reply, ShowDigest
from bot.domain import ChannelRef, Prompt
from bot.present.render import render, render_posts
from bot.results import DigestDue, DigestFacts, DigestMissing, DigestShown, Entry, NoDigest, YearAgo
from bot.usecases import digests
from tests.core.helpers import run_week, the_group, utc

SCALE = Prompt(id=9, kind="scale", text_en="How strong?", text_ko="얼마나 강한가요?",
               labels_en=("a", "b", "c", "d", "e"), labels_ko=("가", "나", "다", "라", "마"))


async def test_the_use_case_returns_the_facts(group_bot, runtime, clock, store, service):
    await run_week(group_bot, runtime, clock, answers={"alice": "week one"}, skips=("bob",))
    rnd = store.rounds.closed(the_group(store).id, limit=1)[0]
    facts = digests.build_digest(service.deps, rnd)
    assert (facts.round, facts.answered, facts.skipped, facts.members) == (rnd, 1, 1, 2)
    assert facts.entries == (Entry("Alice", "week one"),)
    assert facts.group == the_group(store) and facts.year_ago is None


def facts(store, **kw) -> DigestFacts:
    group = the_group(store)
    rnd = store.rounds.closed(group.id, limit=1)[0]
    base = DigestFacts(group=group, round=rnd, prompt=store.prompts.get(rnd.prompt_id), answered=1, members=1,
                       skipped=0, entries=(Entry("Alice", "week one"),))
    return replace(base, **kw)


WORDS = {
    "en": ("Hindsight digest · week of Nov 30 · memory-c1", "1 of 1 member answered.",
           "2 of 5 members answered, 3 skipped."),
    "ko": ("Hindsight 다이제스트 · 12월 1주차 (11/30~12/6) · memory-c1", "1명 중 1명 답변.",
           "5명 중 2명 답변, 3명 건너뜀."),
}


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_digest_in_words_drops_the_clause_about_zero(group_bot, runtime, clock, store, lang):
    await run_week(group_bot, runtime, clock, answers={"alice": "week one"})
    title, none_skipped, some_skipped = WORDS[lang]
    (shown,) = render(lang, [DigestShown(facts(store))])
    assert isinstance(shown, ShowDigest) and not shown.public
    assert (shown.digest.title, shown.digest.summary) == (title, none_skipped)
    assert shown.digest.entries[0].author == "Alice" and shown.digest.entries[0].text == "week one"
    (other,) = render(lang, [DigestShown(facts(store, answered=2, members=5, skipped=3))])
    assert isinstance(other, ShowDigest) and other.digest.summary == some_skipped


async def test_scale_forecasts_lateness_and_a_year_ago_in_words(group_bot, runtime, clock, store):
    await run_week(group_bot, runtime, clock, answers={"alice": "week one"})
    rnd = replace(store.rounds.closed(the_group(store).id, limit=1)[0], late=True, closed_at=utc(2026, 12, 7, 9))
    before = YearAgo(3, "2025-W49", SCALE, answered=1, members=1, average=3.25)
    f = facts(store, round=rnd, prompt=SCALE, scores=(3, 4, 4), forecasts=(60, 70), year_ago=before,
              entries=(Entry(None, "", 4), Entry(None, "why", None, 70)))
    (en,) = render("en", [DigestShown(f)])
    (ko,) = render("ko", [DigestShown(f)])
    assert isinstance(en, ShowDigest) and isinstance(ko, ShowDigest)
    assert en.digest.scale_lines[-1] == "Average 3.7 from 3 scores."
    assert ko.digest.scale_lines[-1] == "평균 3.7점 (점수 3개)."
    assert "This digest is late: the round was due to close Sun, Dec 6, 6:00 PM and closed Mon, Dec 7, 9:00 AM." \
        in en.digest.notes
    assert "2 forecasts, median 65%." in en.digest.notes and "예측 2개, 중앙값 65%." in ko.digest.notes
    assert en.digest.year_ago == ("A year ago this week · week of Dec 1, 2025", "How strong?",
                                  "1 of 1 member answered, average score 3.2.")
    assert ko.digest.year_ago[0] == "1년 전 이번 주 · 2025년 12월 1주차 (12/1~12/7)"
    assert ko.digest.year_ago[2] == "1명 중 1명이 답했어요. 평균 점수 3.2."
    assert en.digest.year_ago_button == "Digest of the week of Dec 1, 2025" and en.digest.year_ago_round_id == 3
    assert [e.text for e in en.digest.entries] == ["", "70% — why"]
    assert en.digest.entries[0].score_label == "d"


async def test_a_digest_post_is_in_its_groups_language(group_bot, runtime, clock, store):
    await run_week(group_bot, runtime, clock, answers={"alice": "week one"})
    korean = facts(store, group=replace(the_group(store), language="ko"))
    (post,) = render_posts([DigestDue(4, ChannelRef("memory", "w", "c1"), korean)])
    assert isinstance(post, DigestPost) and post.digest.summary == "1명 중 1명 답변."


@pytest.mark.parametrize("lang, why, period, words", [
    ("en", NoDigest.SEALED, "2026-W49", "The round for the week of Nov 30 is still open"),
    ("ko", NoDigest.SEALED, "2026-W49", "12월 1주차 (11/30~12/6) 라운드는 아직 진행 중이에요"),
    ("en", NoDigest.NOT_FOUND, "2026-W40", "There is no round for that week (week of Sep 28)."),
    ("ko", NoDigest.NOT_FOUND, "2026-W40", "10월 1주차 (9/28~10/4) 라운드는 없어요."),
])
def test_why_there_is_no_digest(lang, why, period, words):
    (reply,) = render(lang, [DigestMissing(why, period)])
    assert isinstance(reply, Reply) and reply.text.startswith(words)


def test_a_period_the_member_typed_is_echoed_as_typed():
    (reply,) = render("en", [DigestMissing(NoDigest.NOT_FOUND, "2026-W40", typed=True)])
    assert isinstance(reply, Reply) and reply.text == "There is no round for that week (2026-W40)."


def test_the_radar_in_words_and_its_results():
    from bot.radar import Radar, Term
    from bot.results.radar import RadarShown, RadarTooFew, RadarUsage, RadarView
    view = RadarView(8, 2, Radar(rising=(Term("agents", 12, 0, 3.1),), falling=()))
    (shown,) = render("ko", [RadarShown("founders", view)])
    assert isinstance(shown, Reply) and shown.text.splitlines()[1] == "뜨는 말: agents (최근 12회, 이전 0회)"
    (few,) = render("en", [RadarTooFew("founders", 8, 3)])
    assert isinstance(few, Reply) and few.text.endswith("so it needs at least 9; founders has 3 so far.")
    (usage,) = render("en", [RadarUsage(104, 8)])
    assert isinstance(usage, Reply) and "(1 to 104, default 8)" in usage.text
