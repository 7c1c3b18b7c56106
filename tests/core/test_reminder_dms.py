"""Reminder DMs carry the group's channel, so their buttons act in the right group; chat in
threads that are not prompt threads leaves no trace."""
from __future__ import annotations

from tests.core.helpers import all_skips, count, only_reply, run_week


async def test_reminder_buttons_work_from_a_dm(group_bot, runtime, clock, store):
    bot = group_bot
    await run_week(bot, runtime, clock, answers={"alice": "week one", "bob": "week one too"})
    await runtime.tick()  # Monday: the second round opens
    await bot.say("bob", "bob answers early")
    clock.advance(days=4, hours=9)  # Friday 18:00
    await runtime.tick()
    assert sorted(d.member.user_id for d in bot.dms) == ["admin", "alice"]
    (dm,) = [d for d in bot.dms if d.member.user_id == "alice"]
    assert dm.channel is not None and dm.channel.channel_id == bot.channel_id
    assert {b.action.split(":")[1] for b in dm.buttons} == {"answer", "skip"}
    # the adapter turns the DM's button into a click in the group's channel
    skip = next(b for b in dm.buttons if b.action.startswith("hs:skip:"))
    assert only_reply(await bot.click("alice", skip.action)).status == "skipped"


async def test_chatter_in_other_threads_stores_nothing(open_bot, store):
    bot = open_bot
    before = count(store, "SELECT count(*) FROM members")
    assert await bot.reply("stranger", "not-a-prompt-thread", "hello there", "x-1") == []
    assert await bot.edit("stranger", "x-1", "hello again", "x-2") == []
    assert await bot.delete("stranger", "x-1", "x-3") == []
    assert count(store, "SELECT count(*) FROM members") == before
    assert count(store, "SELECT count(*) FROM seen_events") == 0


async def test_buttons_clicked_in_a_dm_act_in_the_rounds_group(group_bot, runtime, clock, store):
    bot = group_bot
    await run_week(bot, runtime, clock, answers={"alice": "week one"})
    await runtime.tick()
    round_id = bot.posts[-1].card.round_id
    (form,) = await bot.click("alice", f"hs:answer:{round_id}", channel="D-alice")
    reply = only_reply(await bot.submit("alice", form.form.id, {"answer": "from the DM"}, channel="D-alice"))
    assert reply.status == "saved"
    # a stranger who never took part gets nothing from a forged click
    assert "not set up" in only_reply(await bot.click("mallory", f"hs:skip:{round_id}", channel="D-m")).text
    assert len(all_skips(store)) == 0
