"""``prompts next ID`` then ``prompts remove ID``: the removal cancels the choice, so the next
round does not ask a removed prompt (the group's own or a built-in), and says so."""
from __future__ import annotations

from tests.core.helpers import prompt_posts, text_of


def last_added_id(reply: str) -> int:
    assert reply.startswith("Added prompt "), reply
    return int(reply.split()[-1].rstrip("."))


async def test_removing_the_next_prompt_cancels_it(group_bot, runtime, store):
    bot = group_bot
    own = last_added_id(text_of(await bot.command("admin", "prompts add Our own question | 우리 질문")))
    await bot.command("admin", f"prompts next {own}")
    assert store.groups.all()[0].next_prompt_id == own
    reply = text_of(await bot.command("admin", f"prompts remove {own}"))
    assert reply == (f"Removed prompt {own} from this group's rotation.\n"
                     "It was also set for the next round (prompts next); that is cancelled, "
                     "and the next round picks from the rotation as usual.")
    assert store.groups.all()[0].next_prompt_id is None
    assert "Next round:" not in text_of(await bot.command("alice", "prompts list"))
    await runtime.tick()
    (post,) = prompt_posts(bot)
    assert store.rounds.get(post.card.round_id).prompt_id != own
    assert "Our own question" not in post.card.text


async def test_removing_a_builtin_cancels_it_for_this_group_only(bot, runtime, store):
    await bot.command("admin", "setup", channel="c1")
    await bot.command("admin", "setup", channel="c2")
    c1, c2 = store.groups.by_name("memory-c1"), store.groups.by_name("memory-c2")
    for channel in ("c1", "c2"):
        await bot.command("admin", "prompts next bear-score", channel=channel)
    bear = store.groups.get(c1.id).next_prompt_id
    assert bear is not None and store.groups.get(c2.id).next_prompt_id == bear
    reply = text_of(await bot.command("admin", f"prompts remove {bear}", channel="c1"))
    assert "that is cancelled" in reply
    assert store.groups.get(c1.id).next_prompt_id is None
    assert store.groups.get(c2.id).next_prompt_id == bear, "the other group's choice stands"
    await runtime.tick()
    asked = {store.rounds.get(p.card.round_id).group_id: store.rounds.get(p.card.round_id).prompt_id
             for p in prompt_posts(bot)}
    assert asked[c1.id] != bear and asked[c2.id] == bear


async def test_removing_another_prompt_keeps_the_next_one_in_korean(group_bot, runtime, store):
    bot = group_bot
    await bot.command("admin", "settings language=ko")
    await bot.command("admin", "prompts next bear-score")
    group = store.groups.all()[0]
    bear = group.next_prompt_id
    other = next(p.id for p in store.prompts.active(group.id) if p.id != bear)
    reply = text_of(await bot.command("admin", f"prompts remove {other}"))
    assert reply == f"이 그룹의 순서에서 질문을 뺐어요: {other}번."  # nothing cancelled
    assert store.groups.all()[0].next_prompt_id == bear
    reply = text_of(await bot.command("admin", f"prompts remove {bear}"))
    assert reply == (f"이 그룹의 순서에서 질문을 뺐어요: {bear}번.\n"
                     "다음 라운드에 물어보기로 정해 둔 질문(prompts next)이어서 그것도 취소했어요. "
                     "다음 라운드는 평소처럼 순서대로 질문을 골라요.")
    assert store.groups.all()[0].next_prompt_id is None


async def test_a_next_prompt_removed_before_this_fix_is_not_asked(group_bot, runtime, store):
    """A database from before: the prompt was removed but the group still names it as next."""
    bot = group_bot
    own = last_added_id(text_of(await bot.command("admin", "prompts add Our own question | 우리 질문")))
    await bot.command("admin", f"prompts remove {own}")
    store.groups.update(store.groups.all()[0].id, next_prompt_id=own)
    await runtime.tick()
    (post,) = prompt_posts(bot)
    assert store.rounds.get(post.card.round_id).prompt_id != own
    assert store.groups.all()[0].next_prompt_id is None, "the stale choice is cleared once a round opens"
