"""``prompts next ID`` and prompt kinds with a horizon (``prompts add prediction 12m ...``),
through the memory adapter (ARCHITECTURE.md, "Hindsight over time" part 1, "Time for tests and demos")."""
from __future__ import annotations

from bot.prompt_library import BUILTIN_PROMPTS
from tests.core.helpers import prompt_posts, run_week, text_of


def key_of(store, round_id: int) -> str | None:
    return store.prompts.get(store.rounds.get(round_id).prompt_id).key


def last_added_id(reply: str) -> int:
    assert reply.startswith("Added prompt "), reply
    return int(reply.split()[-1].rstrip("."))


async def test_prompts_next_asks_a_used_prompt_once_then_rotation_resumes(group_bot, runtime, clock, store):
    bot = group_bot
    first = await run_week(bot, runtime, clock)
    assert key_of(store, first) == "next-hype"
    reply = text_of(await bot.command("admin", "prompts next next-hype"))
    assert "next round will ask" in reply and "next-hype" in reply and "What's the next hype" in reply
    group = store.groups.all()[0]
    assert group.next_prompt_id == store.prompts.get(store.rounds.get(first).prompt_id).id
    second = await run_week(bot, runtime, clock)
    assert key_of(store, second) == "next-hype", "asked again, though it was used before"
    assert store.groups.all()[0].next_prompt_id is None, "asked once"
    third = await run_week(bot, runtime, clock)
    assert key_of(store, third) == "bear-market-proof", "then the rotation goes on"
    assert [p.card.round_id for p in prompt_posts(bot)] == [first, second, third]


async def test_prompts_next_by_numeric_id_and_by_key_in_any_case(group_bot, runtime, clock, store):
    bot = group_bot
    own_id = last_added_id(text_of(await bot.command("admin", "prompts add Our own question | 우리 질문")))
    assert "Our own question" in text_of(await bot.command("admin", f"prompts next {own_id}"))
    assert store.groups.all()[0].next_prompt_id == own_id
    listing = text_of(await bot.command("alice", "prompts list"))
    assert f"Next round: {own_id}" in listing
    # A later "prompts next" replaces the choice; a key matches in any case.
    reply = text_of(await bot.command("admin", "prompts next COST-API-PRICE-CALL"))
    assert "(cost-api-price-call, prediction, 12 months)" in reply, "the kind in words"
    rnd = await run_week(bot, runtime, clock)
    assert key_of(store, rnd) == "cost-api-price-call"
    assert store.rounds.get(rnd).due_at is not None, "a prediction round falls due after its horizon"


async def test_prompts_next_refuses_unknown_removed_and_other_groups_prompts(bot, store):
    await bot.command("admin", "setup", channel="c1")
    await bot.command("admin", "setup", channel="c2")
    c1, c2 = store.groups.by_name("memory-c1"), store.groups.by_name("memory-c2")
    own = last_added_id(text_of(await bot.command("admin", "prompts add Only for group one", channel="c1")))
    assert "no prompt" in text_of(await bot.command("admin", f"prompts next {own}", channel="c2")).lower()
    assert "no prompt" in text_of(await bot.command("admin", "prompts next no-such-key", channel="c2")).lower()
    assert "no prompt '99999'" in text_of(await bot.command("admin", "prompts next 99999", channel="c2")).lower()
    assert "no prompt" in text_of(await bot.command("admin", "prompts next ０１", channel="c2")).lower()
    # A removed prompt, the group's own or a built-in, is not found either.
    await bot.command("admin", f"prompts remove {own}", channel="c1")
    assert "no prompt" in text_of(await bot.command("admin", f"prompts next {own}", channel="c1")).lower()
    hype = next(p for p in store.prompts.active(c2.id) if p.key == "next-hype")
    await bot.command("admin", f"prompts remove {hype.id}", channel="c2")
    assert "no prompt" in text_of(await bot.command("admin", "prompts next next-hype", channel="c2")).lower()
    assert "no prompt" in text_of(await bot.command("admin", f"prompts next {hype.id}", channel="c2")).lower()
    assert store.groups.get(c1.id).next_prompt_id is None and store.groups.get(c2.id).next_prompt_id is None
    # Still fine for the group that did not remove it; only admins; one id exactly.
    assert "next-hype" in text_of(await bot.command("admin", "prompts next next-hype", channel="c1"))
    assert "Only admins" in text_of(await bot.command("alice", "prompts next next-hype", channel="c2"))
    assert "Use:" in text_of(await bot.command("admin", "prompts next", channel="c2"))
    assert "Use:" in text_of(await bot.command("admin", "prompts next 1 2", channel="c2"))
    assert store.groups.get(c2.id).next_prompt_id is None


async def test_prompts_next_in_korean(group_bot, store):
    bot = group_bot
    await bot.command("admin", "settings language=ko")
    reply = text_of(await bot.command("admin", "prompts next next-hype"))
    assert reply.startswith("다음 라운드 질문으로 정했어요") and "다음 하이프" in reply
    assert "기본 질문의 [키]" in text_of(await bot.command("admin", "prompts"))


async def test_prompts_add_prediction_and_call_take_a_horizon(group_bot, store):
    bot = group_bot
    pred = last_added_id(text_of(await bot.command(
        "admin", "prompts add prediction 12m Voice will beat clicks by 2028. | 2028년까지 음성이 클릭을 이긴다.")))
    call = last_added_id(text_of(await bot.command("admin", "prompts add CALL 6m Which tool wins? | 어떤 도구가 이길까요?")))
    ko = last_added_id(text_of(await bot.command("admin", "prompts add call 24개월 Who is gone in two years?")))
    scale = last_added_id(text_of(await bot.command("admin", "prompts add scale How calm are you?")))
    text = last_added_id(text_of(await bot.command("admin", "prompts add 6m of runway: enough?")))
    got = {i: (p.kind, p.horizon_months, p.text_en, p.text_ko) for i in (pred, call, ko, scale, text)
           for p in [store.prompts.get(i)]}
    assert got == {
        pred: ("prediction", 12, "Voice will beat clicks by 2028.", "2028년까지 음성이 클릭을 이긴다."),
        call: ("call", 6, "Which tool wins?", "어떤 도구가 이길까요?"),
        ko: ("call", 24, "Who is gone in two years?", "Who is gone in two years?"),
        scale: ("scale", None, "How calm are you?", "How calm are you?"),
        text: ("text", None, "6m of runway: enough?", "6m of runway: enough?"),
    }
    listing = text_of(await bot.command("alice", "prompts list"))
    lines = listing.splitlines()
    assert "kind and horizon" in lines[0]
    assert any(f"{pred}*" in line and "prediction, 12 months" in line for line in lines)
    assert any(f"{call}*" in line and "call, 6 months" in line for line in lines)
    assert any("[next-hype]" in line and "call, 6 months" in line for line in lines), "built-ins show their key"
    assert any(f"{text}*" in line and "text " in line and "[" not in line for line in lines)


async def test_prompts_add_refuses_a_missing_wrong_or_needless_horizon(group_bot, store):
    bot = group_bot
    group = store.groups.all()[0]
    before = len(store.prompts.active(group.id))
    for bad in ("prompts add prediction Will voice beat clicks?", "prompts add call Which tool wins?",
                "prompts add prediction 18m Something | 무언가", "prompts add call 0m x", "prompts add call 6m",
                "prompts add prediction 12m | 한국어만", "prompts add call ６m Fullwidth digits",
                "prompts add text 6m Runway?", "prompts add scale 12m How calm?", "prompts add prediction"):
        reply = text_of(await bot.command("admin", bad))
        assert reply.startswith("Use:") and "next ID" in reply and "6m|12m|24m" in reply, bad
    assert len(store.prompts.active(group.id)) == before


def test_seeding_writes_each_builtin_horizon(service, store):
    stored = {p.key: p for p in store.prompts.active(None)}
    for p in BUILTIN_PROMPTS:
        assert (stored[p.key].kind, stored[p.key].horizon_months) == (p.kind, getattr(p, "horizon_months", None))
    assert stored["next-hype"].horizon_months == 6
    # A database seeded before horizons existed gets them at the next start.
    store.db.execute("UPDATE prompts SET horizon_months = NULL WHERE key = 'next-hype'")
    store.prompts.seed_builtins(BUILTIN_PROMPTS, service.clock.now())
    assert next(p for p in store.prompts.active(None) if p.key == "next-hype").horizon_months == 6


async def test_help_mentions_prompts_next(group_bot):
    assert "prompts [list | add | remove | next]" in text_of(await group_bot.command("admin", "help"))
