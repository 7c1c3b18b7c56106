"""Earlier answers come back: "then and now" after an answer, "a year ago this week" in the
digest, both behind the group's resurface setting."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot import catalog, ids
from bot.digest import render_text
from bot.domain import MemberRef
from bot.timing import shift_period
from bot.present.answers import ago
from bot.present.format import Week
from bot.usecases.resurface import months_between
from tests.core.helpers import digest_posts, only_digest, only_reply, prompt_posts, run_week, the_group, utc

W49 = "2026-W49"  # the fake clock starts at Monday 2026-11-30 09:00 UTC, the prompt time of 2026-W49


async def keep_only(bot, store, key: str) -> int:
    """Take every other prompt out of the rotation (by ``prompts remove``), so every round asks
    ``key``; returns its id."""
    group = the_group(store)
    for p in store.prompts.active(group.id):
        if p.key != key:
            await bot.command("admin", f"prompts remove {p.id}")
    (prompt,) = store.prompts.active(group.id)
    return prompt.id


async def own_text_prompt(bot, store) -> int:
    await bot.command("admin", "prompts add text What did you learn from a customer? | 고객에게서 무엇을 배웠나요?")
    (mine,) = [p for p in store.prompts.active(the_group(store).id) if p.group_id is not None]
    assert mine.key is None
    group = the_group(store)
    for p in store.prompts.active(group.id):
        if p.id != mine.id:
            await bot.command("admin", f"prompts remove {p.id}")
    return mine.id


# months, in whole calendar months between the periods' Mondays -------------------------------
@pytest.mark.parametrize("earlier, later, months", [
    ("2026-W02", "2026-W02", 0), ("2026-W02", "2026-W06", 0), ("2026-W02", "2026-W07", 1),
    ("2026-W02", "2026-W28", 6), ("2025-W49", "2026-W49", 11), ("2025-W48", "2026-W49", 12), ("2026-W01", "2026-W05", 0),
])
def test_months_between(earlier, later, months):
    # 2026-W02 starts Mon 5 Jan; W06 Mon 2 Feb (not yet a month); W07 Mon 9 Feb; W28 Mon 6 Jul.
    assert months_between(earlier, later) == months


def test_ago_phrasing():
    assert [ago("en", n) for n in (0, 1, 6)] == ["less than a month ago", "1 month ago", "6 months ago"]
    assert [ago("ko", n) for n in (0, 1, 6)] == ["한 달 이내", "1개월 전", "6개월 전"]


# then and now -------------------------------------------------------------------------------
async def test_then_and_now_only_for_the_member_who_answered_before(group_bot, store, runtime, clock):
    bot = group_bot
    await own_text_prompt(bot, store)
    await runtime.tick()  # W49 opens
    first = only_reply(await bot.say("alice", "Nobody reads the onboarding email."))
    assert "Last time" not in first.text, "a first-time answerer sees nothing"
    clock.advance(days=6, hours=9)
    await runtime.tick()  # W49 closes
    clock.advance(hours=15)
    await runtime.tick()  # W50 opens, asking the same prompt
    assert len(prompt_posts(bot)) == 2

    reply = only_reply(await bot.say("alice", "They pay for support, not features."))
    assert reply.status == "saved"
    assert reply.text.startswith(catalog.t("en", "answer_saved", period=Week("2026-W50")))
    assert "Last time (week of Nov 30, less than a month ago) you said: Nobody reads the onboarding email." in reply.text
    # A replaced answer shows it again; the earlier answer is the earlier round's, not this one.
    again = only_reply(await bot.say("alice", "They pay for support."))
    assert again.status == "replaced" and "you said: Nobody reads the onboarding email." in again.text

    bob = only_reply(await bot.say("bob", "Pricing pages confuse people."))
    assert bob.status == "saved" and "Last time" not in bob.text, "no one else's earlier answer"
    assert "onboarding" not in bob.text and "support" not in bob.text


async def test_then_and_now_months_and_clip_and_korean(group_bot, store, runtime, clock):
    bot = group_bot
    pid = await own_text_prompt(bot, store)
    group = the_group(store)
    alice = store.members.ensure(MemberRef("memory", "w1", "alice", "Alice"))
    # A hand-made round half a year back (2026-W23), answered by alice with a long text.
    old = store.rounds.insert(group.id, "2026-W23", pid, utc(2026, 6, 1, 9), utc(2026, 6, 7, 18))
    long_text = "word " * 100
    store.answers.save(group_id=group.id, round_id=old.id, member_id=alice, text=long_text.strip(), score=None,
                       source="command", now=utc(2026, 6, 1, 10), platform="memory")
    store.rounds.close(old.id, utc(2026, 6, 7, 18), late=False)
    await runtime.tick()
    text = only_reply(await bot.say("alice", "Something new")).text
    assert "Last time (week of Jun 1, 5 months ago) you said: word word" in text
    said = text.split("you said: ", 1)[1]
    assert len(said) <= 200 and said.endswith("…")

    await bot.command("admin", "settings language=ko")
    text = only_reply(await bot.say("alice", "새로운 것")).text
    assert "지난번 답변 · 6월 1주차 (6/1~6/7) · 5개월 전: word word" in text


async def test_scale_score_then_and_now(group_bot, store, runtime, clock):
    bot = group_bot
    await keep_only(bot, store, "bear-score")
    await runtime.tick()
    rid = prompt_posts(bot)[-1].card.round_id
    assert "Last time" not in only_reply(await bot.click("alice", f"hs:score:{rid}:3")).text
    clock.advance(days=7)
    await runtime.tick()
    rid2 = prompt_posts(bot)[-1].card.round_id
    assert rid2 != rid
    text = only_reply(await bot.click("alice", f"hs:score:{rid2}:4")).text
    assert "Last time (week of Nov 30, less than a month ago) you gave a score without a comment." in text
    assert "Score then 3, now 4." in text
    # Words added later keep the score: still then 3, now 4.
    text = only_reply(await bot.command("alice", "answer Cash for 30 months")).text
    assert "Score then 3, now 4." in text
    # The next round compares with the latest earlier one, which now has words.
    clock.advance(days=7)
    await runtime.tick()
    rid3 = prompt_posts(bot)[-1].card.round_id
    text = only_reply(await bot.click("alice", f"hs:score:{rid3}:2")).text
    assert "Last time (week of Dec 7, less than a month ago) you said: Cash for 30 months" in text
    assert "Score then 4, now 2." in text


async def test_an_anonymous_earlier_round_is_still_your_own(group_bot, store, runtime, clock):
    bot = group_bot
    await own_text_prompt(bot, store)
    await bot.command("admin", "settings anonymous=yes")
    await run_week(bot, runtime, clock, {"alice": "Said in secret", "bob": "Bob's secret"})
    assert the_group(store).anonymous
    await runtime.tick()
    text = only_reply(await bot.say("alice", "Now")).text
    assert "you said: Said in secret" in text and "Bob" not in text


async def test_resurface_off_hides_then_and_now(group_bot, store, runtime, clock):
    bot = group_bot
    await own_text_prompt(bot, store)
    await run_week(bot, runtime, clock, {"alice": "First"})
    await bot.command("admin", "settings resurface=off")
    await runtime.tick()
    assert "Last time" not in only_reply(await bot.say("alice", "Second")).text
    await bot.command("admin", "settings resurface=on")
    assert "you said: First" in only_reply(await bot.say("alice", "Third")).text


# a year ago this week ------------------------------------------------------------------------
async def hand_made_round(store, group, pid: int, weeks_back: int, answers: dict[str, tuple[str, int | None]]):
    """A closed round ``weeks_back`` weeks before 2026-W49, with answers by (text, score)."""
    period = shift_period(W49, -weeks_back)
    opened = utc(2026, 11, 30, 9) - timedelta(weeks=weeks_back)
    rnd = store.rounds.insert(group.id, period, pid, opened, opened + timedelta(days=6, hours=9))
    for user, (text, score) in answers.items():
        member = store.members.ensure(MemberRef("memory", "w1", user, user.title()))
        store.answers.save(group_id=group.id, round_id=rnd.id, member_id=member, text=text, score=score,
                           source="command", now=opened + timedelta(hours=1), platform="memory")
    store.rounds.close(rnd.id, opened + timedelta(days=6, hours=9), late=False)
    return rnd


def digest_of(bot, period: str):
    (post,) = [p for p in digest_posts(bot) if p.digest.period == period]
    return post.digest


async def test_a_year_ago_this_week_in_the_digest(group_bot, store, runtime, clock):
    bot = group_bot
    pid = await keep_only(bot, store, "bear-score")
    group = the_group(store)
    old = await hand_made_round(store, group, pid, 52, {"alice": ("Barely", 2), "bob": ("", 5), "carol": ("x", None)})
    assert old.period == "2025-W49"
    await run_week(bot, runtime, clock, {"alice": "Fine"})
    d = digest_of(bot, W49)
    prompt = store.prompts.get(pid)
    assert d.year_ago == ("A year ago this week · week of Dec 1, 2025", prompt.text_en,
                          "3 of 3 members answered, average score 3.5.")
    assert d.year_ago_round_id == old.id and d.year_ago_button == "Digest of the week of Dec 1, 2025"
    text = render_text(d)
    assert "### A year ago this week · week of Dec 1, 2025" in text and "[Digest of the week of Dec 1, 2025]" in text
    # The button shows the year-ago round's own digest, privately.
    shown = only_digest(await bot.click("alice", ids.encode(ids.DigestButton(d.year_ago_round_id))))
    assert shown.round_id == old.id and shown.period == "2025-W49" and len(shown.entries) == 3
    # In Korean.
    await bot.command("admin", "settings language=ko")
    d = only_digest(await bot.command("alice", f"digest {W49}"))
    assert d.year_ago[0] == "1년 전 이번 주 · 2025년 12월 1주차 (12/1~12/7)" and d.year_ago[2] == "3명 중 3명이 답했어요. 평균 점수 3.5."
    assert d.year_ago_button == "2025년 12월 1주차 (12/1~12/7) 다이제스트 보기"


@pytest.mark.parametrize("weeks_back, shown", [(51, True), (53, True), (50, False), (54, False), (40, False)])
async def test_a_year_ago_is_52_weeks_within_a_week(group_bot, store, runtime, clock, weeks_back, shown):
    bot = group_bot
    pid = await keep_only(bot, store, "bear-score")
    old = await hand_made_round(store, the_group(store), pid, weeks_back, {"alice": ("Then", 4)})
    await run_week(bot, runtime, clock, {"alice": "Now"})
    d = digest_of(bot, W49)
    assert (d.year_ago_round_id == old.id) is shown
    assert bool(d.year_ago) is shown
    if not shown:
        assert "A year ago" not in render_text(d)


async def test_a_year_ago_text_prompt_has_no_average(group_bot, store, runtime, clock):
    bot = group_bot
    pid = await own_text_prompt(bot, store)
    await hand_made_round(store, the_group(store), pid, 52, {"alice": ("Then", None), "bob": ("Also then", None)})
    await run_week(bot, runtime, clock, {"alice": "Now"})
    assert digest_of(bot, W49).year_ago[2] == "2 of 2 members answered."


async def test_resurface_off_hides_a_year_ago(group_bot, store, runtime, clock):
    bot = group_bot
    pid = await keep_only(bot, store, "bear-score")
    await hand_made_round(store, the_group(store), pid, 52, {"alice": ("Then", 4)})
    await bot.command("admin", "settings resurface=off")
    await run_week(bot, runtime, clock, {"alice": "Now"})
    d = digest_of(bot, W49)
    assert d.year_ago == () and d.year_ago_round_id is None and "A year ago" not in render_text(d)
