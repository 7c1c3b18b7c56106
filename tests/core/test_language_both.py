"""``language=both``: what has one text shows it once. The reminder DM has each language's line,
then the prompt quoted once per language (once when the two are the same); "then and now" quotes
the member's own earlier words once (they are not translated), under each language's line."""
from __future__ import annotations

from tests.core.helpers import only_reply, run_week, the_group

EN, KO = "What did you learn from a customer?", "고객에게서 무엇을 배웠나요?"


async def only_prompt(bot, store, text: str) -> int:
    """Add the group's own prompt ``text`` ("English | 한국어") and take every other one out."""
    await bot.command("admin", f"prompts add text {text}")
    group = the_group(store)
    (mine,) = [p for p in store.prompts.active(group.id) if p.group_id is not None]
    for p in store.prompts.active(group.id):
        if p.id != mine.id:
            await bot.command("admin", f"prompts remove {p.id}")
    return mine.id


async def reminder_to_alice(bot, runtime, clock, store) -> tuple[str, str]:
    """alice answered W49; W50 opens and on Friday 18:00 she is reminded. (DM text, closes)."""
    await run_week(bot, runtime, clock, answers={"alice": "week one"})
    await runtime.tick()
    clock.advance(days=4, hours=9)
    await runtime.tick()
    (dm,) = [d for d in bot.dms if d.member.user_id == "alice"]
    closes = store.rounds.find_open(the_group(store).id).closes_at
    assert closes.isoformat() == "2026-12-13T18:00:00+00:00"
    return dm.text, ("Sun, Dec 13, 6:00 PM" if dm.text.startswith("A reminder") else "12월 13일(일) 오후 6:00")


async def test_the_reminder_shows_each_language_of_the_prompt_once(group_bot, runtime, clock, store):
    bot = group_bot
    await only_prompt(bot, store, f"{EN} | {KO}")
    await bot.command("admin", "settings language=both")
    text, _ = await reminder_to_alice(bot, runtime, clock, store)
    assert text == ("A reminder from memory-c1: this week's prompt closes Sun, Dec 13, 6:00 PM.\n"
                    "⏰ 이번 주 질문이 12월 13일(일) 오후 6:00에 마감돼요. 한두 문장이면 충분해요! (memory-c1)\n"
                    f"> {EN}\n"
                    f"> {KO}")


async def test_a_prompt_without_its_own_korean_shows_once(group_bot, runtime, clock, store):
    bot = group_bot
    await only_prompt(bot, store, "Only in English?")
    await bot.command("admin", "settings language=both")
    text, _ = await reminder_to_alice(bot, runtime, clock, store)
    assert text.count("Only in English?") == 1 and text.endswith("\n> Only in English?")


async def test_the_reminder_in_one_language_is_unchanged(group_bot, runtime, clock, store):
    bot = group_bot
    await only_prompt(bot, store, f"{EN} | {KO}")
    text, closes = await reminder_to_alice(bot, runtime, clock, store)
    assert text == f"A reminder from memory-c1: this week's prompt closes {closes}.\n> {EN}"


async def test_the_reminder_in_korean_alone(group_bot, runtime, clock, store):
    bot = group_bot
    await only_prompt(bot, store, f"{EN} | {KO}")
    await bot.command("admin", "settings language=ko")
    text, closes = await reminder_to_alice(bot, runtime, clock, store)
    assert text == f"⏰ 이번 주 질문이 {closes}에 마감돼요. 한두 문장이면 충분해요! (memory-c1)\n> {KO}"


async def test_then_and_now_quotes_your_words_once(group_bot, runtime, clock, store):
    bot = group_bot
    await only_prompt(bot, store, f"{EN} | {KO}")
    await bot.command("admin", "settings language=both")
    await run_week(bot, runtime, clock, answers={"alice": "Nobody reads the onboarding email."})
    await runtime.tick()
    reply = only_reply(await bot.say("alice", "They pay for support, not features."))
    assert reply.status == "saved"
    assert reply.note == ("Last time (week of Nov 30, less than a month ago) you said:\n"
                          "지난번 답변 · 12월 1주차 (11/30~12/6) · 한 달 이내:\n"
                          "> Nobody reads the onboarding email.")
    assert reply.text.count("Nobody reads the onboarding email.") == 1


async def test_then_and_now_with_scores_in_both_languages(group_bot, runtime, clock, store):
    bot = group_bot
    await bot.command("admin", "settings language=both")
    group = the_group(store)
    for p in store.prompts.active(group.id):
        if p.key != "bear-score":
            await bot.command("admin", f"prompts remove {p.id}")
    await runtime.tick()
    assert only_reply(await bot.command("alice", "answer 3 Hype is fading")).status == "saved"
    clock.advance(days=6, hours=9)
    await runtime.tick()
    clock.advance(hours=15)
    await runtime.tick()
    reply = only_reply(await bot.command("alice", "answer 4 It is back"))
    assert reply.note == ("Last time (week of Nov 30, less than a month ago) you said:\n"
                          "지난번 답변 · 12월 1주차 (11/30~12/6) · 한 달 이내:\n"
                          "> Hype is fading\n"
                          "Score then 3, now 4.\n"
                          "점수는 그때 3, 지금 4.")
    # a score alone now: the earlier words still show once
    clock.advance(days=6, hours=9)
    await runtime.tick()
    clock.advance(hours=15)
    await runtime.tick()
    rid = store.rounds.find_open(group.id).id
    reply = only_reply(await bot.click("alice", f"hs:score:{rid}:2"))
    assert reply.note == ("Last time (week of Dec 7, less than a month ago) you said:\n"
                          "지난번 답변 · 12월 2주차 (12/7~12/13) · 한 달 이내:\n"
                          "> It is back\n"
                          "Score then 4, now 2.\n"
                          "점수는 그때 4, 지금 2.")


async def test_then_and_now_without_earlier_words_in_both_languages(group_bot, runtime, clock, store):
    bot = group_bot
    await bot.command("admin", "settings language=both")
    group = the_group(store)
    for p in store.prompts.active(group.id):
        if p.key != "bear-score":
            await bot.command("admin", f"prompts remove {p.id}")
    await runtime.tick()
    rid = store.rounds.find_open(group.id).id
    assert only_reply(await bot.click("alice", f"hs:score:{rid}:3")).note is None
    clock.advance(days=6, hours=9)
    await runtime.tick()
    clock.advance(hours=15)
    await runtime.tick()
    rid = store.rounds.find_open(group.id).id
    reply = only_reply(await bot.click("alice", f"hs:score:{rid}:4"))
    assert reply.note == ("Last time (week of Nov 30, less than a month ago) you gave a score without a comment.\n"
                          "지난번 답변 · 12월 1주차 (11/30~12/6) · 한 달 이내: 글 없이 점수만 남겼어요.\n"
                          "Score then 3, now 4.\n"
                          "점수는 그때 3, 지금 4.")
