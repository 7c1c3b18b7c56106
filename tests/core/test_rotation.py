"""Prompt rotation: the two anchors first, no repeats until every active prompt was used,
and the group's own prompts in and out of rotation."""
from __future__ import annotations

from bot.prompt_library import ANCHOR_KEYS, BUILTIN_PROMPTS
from tests.core.helpers import prompt_posts, run_week, text_of


def weeks_of_prompts(service, clock, n: int) -> list[int]:
    """Let n weeks pass through run_due (open at Monday 09:00, close at Sunday 18:00)."""
    group = service.store.groups.all()[0]
    used = []
    for _ in range(n):
        service.run_due()
        rnd = service.store.rounds.find_open(group.id)
        used.append(rnd.prompt_id)
        clock.advance(days=6, hours=9)
        service.run_due()
        assert service.store.rounds.find_open(group.id) is None
        clock.advance(hours=15)
    return used


async def test_anchors_come_first(group_bot, runtime, clock, store):
    bot = group_bot
    await run_week(bot, runtime, clock)
    await run_week(bot, runtime, clock)
    keys = [store.prompts.get(store.rounds.get(p.card.round_id).prompt_id).key for p in prompt_posts(bot)]
    assert tuple(keys) == ANCHOR_KEYS == ("next-hype", "bear-market-proof")


async def test_no_repeat_until_every_prompt_was_used(group_bot, service, clock, store):
    n = len(BUILTIN_PROMPTS)
    used = weeks_of_prompts(service, clock, n + 2)
    assert len(set(used[:n])) == n, "every prompt once before any repeats"
    assert [store.prompts.get(p).key for p in used[:n]] == [p.key for p in BUILTIN_PROMPTS]
    assert used[n:] == used[:2], "then the rotation starts again with the anchors"


async def test_own_prompt_enters_rotation_and_remove_takes_one_out(group_bot, service, clock, store):
    bot = group_bot
    group = store.groups.all()[0]
    builtin_ids = [p.id for p in store.prompts.active(group.id)]
    keep = builtin_ids[:3]
    for pid in builtin_ids[3:]:
        await bot.command("admin", f"prompts remove {pid}")
    added = text_of(await bot.command("admin", "prompts add prediction 24m Voice UX will beat clicks by 2028. | "
                                               "2028년까지 음성 UX가 클릭을 이길 것이다."))
    assert added.startswith("Added prompt ")
    own_id = int(added.split()[-1].rstrip("."))
    own = store.prompts.get(own_id)
    assert (own.kind, own.horizon_months, own.text_en, own.text_ko, own.group_id) == (
        "prediction", 24, "Voice UX will beat clicks by 2028.", "2028년까지 음성 UX가 클릭을 이길 것이다.", group.id)
    listing = text_of(await bot.command("alice", "prompts list"))
    assert "Voice UX will beat clicks by 2028." in listing and f"{own_id}*" in listing
    # Take the second anchor out: the rotation skips it.
    assert "Removed prompt" in text_of(await bot.command("admin", f"prompts remove {keep[1]}"))
    used = weeks_of_prompts(service, clock, 4)
    assert used == [keep[0], keep[2], own_id, keep[0]]


async def test_prompts_commands_for_admins_only_and_scoped(bot, store):
    await bot.command("admin", "setup", channel="c1")
    await bot.command("admin", "setup", channel="c2")
    own = text_of(await bot.command("admin", "prompts add Only for group one", channel="c1"))
    own_id = own.split()[-1].rstrip(".")
    assert "no prompt" in text_of(await bot.command("admin", f"prompts remove {own_id}", channel="c2")).lower()
    other_group = store.groups.by_name("memory-c2")
    assert own_id in {str(p.id) for p in store.prompts.active(store.groups.by_name("memory-c1").id)}
    assert own_id not in {str(p.id) for p in store.prompts.active(other_group.id)}
    before = len(store.prompts.active(other_group.id))
    assert "Only admins" in text_of(await bot.command("alice", "prompts add sneaky", channel="c2"))
    assert "Only admins" in text_of(await bot.command("alice", "prompts remove 1", channel="c2"))
    assert len(store.prompts.active(other_group.id)) == before
    assert "Prompts of memory-c2" in text_of(await bot.command("alice", "prompts", channel="c2"))
    assert "Use:" in text_of(await bot.command("admin", "prompts add", channel="c2"))
    assert "Use:" in text_of(await bot.command("admin", "prompts remove x", channel="c2"))
    assert "Use:" in text_of(await bot.command("admin", "prompts delete 3", channel="c2"))
    assert "no prompt '99999'" in text_of(await bot.command("admin", "prompts remove 99999", channel="c2")).lower()


async def test_korean_group_gets_the_korean_prompt(group_bot, runtime, store):
    bot = group_bot
    await bot.command("admin", "settings language=ko")
    await runtime.tick()
    card = bot.posts[0].card
    assert card.text == BUILTIN_PROMPTS[0].text_ko and card.title == "이번 주 질문 · 12월 1주차 (11/30~12/6)"
    assert [b.label for b in card.buttons][:2] == ["답하기", "건너뛰기"]


async def test_both_languages(group_bot, runtime):
    bot = group_bot
    await bot.command("admin", "settings language=both")
    await runtime.tick()
    card = bot.posts[0].card
    assert card.text == f"{BUILTIN_PROMPTS[0].text_en}\n{BUILTIN_PROMPTS[0].text_ko}"
    assert "This week's prompt" in card.title and "이번 주 질문" in card.title
    assert card.buttons[0].label == "Answer / 답하기"
