"""Prompt cards and reminders as results, then words: the outbox claims a PromptDue, the
scheduler's reminder a ReminderDue; bot/present/rounds.py words them in the group's language,
times in its timezone without the zone's name, weeks for people."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.actions import DirectMessage, PromptPost
from bot.domain import ChannelRef, MemberRef
from bot.present.render import in_their_groups, render_posts
from bot.results import PromptDue, ReminderDue
from bot.usecases import outbox, rounds
from tests.core.helpers import the_group, utc


async def test_the_outbox_claims_the_round_and_the_reminder_names_who(open_bot, service, store, clock):
    group = the_group(store)
    rnd = store.rounds.find_open(group.id)
    assert outbox.claim_posts(service.deps, {"memory"}) == []
    reminders = rounds.remind(service.deps, group, rnd)
    assert [r.member.user_id for r in reminders] == ["admin"]  # the admin has not answered
    assert all(isinstance(r, ReminderDue) and r.round == rnd and r.group == group for r in reminders)
    assert rounds.remind(service.deps, group, rnd) == []  # once per round


CARD = {
    "en": ("This week's prompt · week of Nov 30", "Closes Sun, Dec 6, 6:00 PM"),
    "ko": ("이번 주 질문 · 12월 1주차 (11/30~12/6)", "마감: 12월 6일(일) 오후 6:00"),
    "both": ("This week's prompt · week of Nov 30\n이번 주 질문 · 12월 1주차 (11/30~12/6)",
             "Closes Sun, Dec 6, 6:00 PM\n마감: 12월 6일(일) 오후 6:00"),
}


@pytest.mark.parametrize("lang", ["en", "ko", "both"])
async def test_the_prompt_card_in_words(open_bot, store, lang):
    group = replace(the_group(store), language=lang)
    rnd = store.rounds.find_open(group.id)
    prompt = store.prompts.get(rnd.prompt_id)
    channel = ChannelRef("memory", "w", "c1")
    (post,) = render_posts([PromptDue(7, channel, group, rnd, prompt)])
    assert isinstance(post, PromptPost) and post.post_id == 7 and post.channel == channel
    assert (post.card.title, post.card.closes) == CARD[lang]
    assert post.card.language == lang and post.card.buttons[0].action == f"hs:answer:{rnd.id}"


async def test_a_card_in_seoul_reads_the_seoul_time_without_the_zone(open_bot, store):
    group = replace(the_group(store), language="ko", timezone="Asia/Seoul")
    rnd = replace(store.rounds.find_open(group.id), closes_at=utc(2026, 12, 6, 9))  # 18:00 in Seoul
    (post,) = render_posts([PromptDue(1, ChannelRef("memory", "w", "c1"), group, rnd,
                                      store.prompts.get(rnd.prompt_id))])
    assert isinstance(post, PromptPost)
    assert post.card.closes == "마감: 12월 6일(일) 오후 6:00" and "Asia/Seoul" not in str(post.card)


@pytest.mark.parametrize("lang, head", [
    ("en", "A reminder from memory-c1: this week's prompt closes Sun, Dec 6, 6:00 PM."),
    ("ko", "⏰ 이번 주 질문이 12월 6일(일) 오후 6:00에 마감돼요. 한두 문장이면 충분해요! (memory-c1)"),
])
async def test_the_reminder_in_words(open_bot, store, lang, head):
    group = replace(the_group(store), language=lang)
    rnd = store.rounds.find_open(group.id)
    prompt = store.prompts.get(rnd.prompt_id)
    who = MemberRef("memory", "w", "alice", "Alice")
    (dm,) = in_their_groups([ReminderDue(who, group, rnd, prompt, None)])
    assert isinstance(dm, DirectMessage) and dm.member == who
    assert dm.text.splitlines()[0] == head
    assert dm.text.splitlines()[1] == "> " + (prompt.text_en if lang == "en" else prompt.text_ko)
    assert [b.action for b in dm.buttons] == [f"hs:answer:{rnd.id}", f"hs:skip:{rnd.id}"]
