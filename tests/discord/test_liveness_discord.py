"""Liveness over Discord (issue 8, item 14): a dispatch discord.py cannot parse does not end the
connection, a gateway connection that ends anyway is made again with backoff, and every change
of state reaches the runtime (which judges health and the 2-minute rule)."""
from __future__ import annotations

import asyncio
import logging

from tests.discord.harness import ADMIN, CALLBACK, MANAGE, MEMBER
from tests.fakes import discord_payloads as P


async def setup_and_open(world) -> dict:
    await world.reply(await world.slash(ADMIN, "setup", perms=MANAGE))
    await world.reply(await world.slash(ADMIN, "open", perms=MANAGE))
    return await world.prompt_post()


async def test_start_reports_up(bot):
    assert bot.states == [("discord", "up")]
    assert bot.runtime.connections["discord"].state == "up"


async def test_unreadable_dispatch_is_dropped_and_the_connection_goes_on(bot, caplog):
    """An old partial MESSAGE_UPDATE (no type, content or author) used to end the gateway task:
    one error in the log, no reconnect, health unchanged. Now it is dropped with one line."""
    post = await setup_and_open(bot)
    msg = await bot.thread_message(post["id"], MEMBER, "Agents, then nothing for a while.")
    await bot.until(lambda: len(bot.answers()) == 1, what="answer")
    caplog.set_level(logging.ERROR, "hindsight.discord")
    await bot.fake.dispatch("MESSAGE_UPDATE", P.embed_update(msg, partial=True))
    await bot.until(lambda: bot.adapter.client.guard.dropped == 1, what="dropped dispatch")
    assert not bot.adapter._gateway.done()
    assert any("dropped a MESSAGE_UPDATE" in r.getMessage() for r in caplog.records)
    # the same connection still reads the next event, and the answer did not change
    inter = await bot.slash(MEMBER, "help")
    assert "/hindsight answer" in await bot.reply_text(inter)
    assert [a["text"] for a in bot.answers()] == ["Agents, then nothing for a while."]
    assert len(bot.fake.identify_payloads) == 1
    assert bot.states == [("discord", "up")]


async def test_member_without_flags_is_answered(bot):
    """Discord's documented interaction has a member without ``flags``; discord.py 2.7.1 reads it
    unconditionally (KeyError) and the gateway task ended. Now the interaction is answered."""
    inter = P.without(P.slash_interaction(
        bot.fake.app_id, bot.gid, bot.cid, ADMIN, options=[{"name": "setup", "type": 1, "options": []}],
        permissions=MANAGE, command_id=bot.fake.command_id("hindsight", bot.gid), command_guild_id=bot.gid),
        "member.flags")
    await bot.fake.dispatch("INTERACTION_CREATE", inter)
    await bot.reply(inter)
    rows = [dict(r) for r in bot.db.query("SELECT platform, workspace, channel_id FROM channels")]
    assert rows == [{"platform": "discord", "workspace": bot.gid, "channel_id": bot.cid}]
    assert bot.adapter.client.guard.dropped == 0 and not bot.adapter._gateway.done()


async def test_gateway_task_that_ends_is_replaced(bot, caplog):
    """Something discord.py does not catch (here a frame that is not JSON) ends its gateway task.
    The supervisor reports reconnecting, makes a new client and reports up again."""
    post = await setup_and_open(bot)
    first = bot.adapter.client
    caplog.set_level(logging.INFO, "hindsight.discord")
    await bot.fake.send_raw("{this is not json")
    await bot.fake.wait_identified(count=2)
    await bot.until(lambda: bot.adapter.state == "up" and bot.adapter.client is not first, what="new client")
    assert first.is_closed()
    assert bot.states == [("discord", "up"), ("discord", "reconnecting"), ("discord", "up")]
    assert any("gateway connection ended" in r.getMessage() for r in caplog.records)
    # the new connection works: a thread reply is stored and acknowledged
    reply = await bot.thread_message(post["id"], MEMBER, "Still listening after the reconnect.")
    await bot.until(lambda: len(bot.answers()) == 1, what="answer after reconnect")
    await bot.fake.wait_for("PUT /channels/{cid}/messages/{mid}/reactions/{emoji}/@me", cid=post["id"], mid=reply["id"])
    assert bot.fake.connected == 1


async def test_resume_reports_reconnecting_then_up(bot):
    """discord.py's own reconnect (op 7, then RESUME) is reported too."""
    await bot.fake.send_reconnect()
    await bot.fake.wait_until(lambda: bot.fake.resume_payloads and bot.fake.connected, what="RESUME")
    await bot.until(lambda: bot.states[-1] == ("discord", "up") and len(bot.states) == 3, what="up again")
    assert bot.states == [("discord", "up"), ("discord", "reconnecting"), ("discord", "up")]


async def test_rejected_token_after_start_is_down(bot):
    """Discord closes the session with 4004 and then refuses the token: down, at once (the runtime
    ends the process), and no endless retries."""
    bot.fake.bad_token = True
    await bot.fake.close_sessions(4004, b"Authentication failed.")
    await bot.until(lambda: bot.adapter.state == "down", what="down")
    assert bot.states[0] == ("discord", "up") and bot.states[-1] == ("discord", "down")
    assert bot.runtime.connections["discord"].state == "down"
    logins = len(bot.fake.calls("GET /users/@me"))
    await asyncio.sleep(0.3)
    assert len(bot.fake.calls("GET /users/@me")) == logins


async def test_unreachable_gateway_keeps_reconnecting_with_backoff(bot):
    """While the gateway cannot be reached the state stays reconnecting (the runtime's 2-minute
    rule decides when to give up), with waits between the attempts; when it is back, up."""
    bot.fake.gateway_down = True
    tries = len(bot.fake.gateway_queries)
    await bot.fake.close_sessions(1001, b"going away")
    await bot.fake.wait_until(lambda: len(bot.fake.gateway_queries) >= tries + 2, timeout=10, what="two refused tries")
    assert bot.adapter.state == "reconnecting" and bot.fake.connected == 0
    bot.fake.gateway_down = False
    await bot.until(lambda: bot.adapter.state == "up" and bot.fake.connected, timeout=15, what="up again")
    assert bot.states == [("discord", "up"), ("discord", "reconnecting"), ("discord", "up")]
    assert len(bot.fake.gateway_queries) < tries + 10  # backoff, not a busy loop


async def test_stop_reports_nothing(world):
    await world.start_bot()
    states = world.states
    await world.stop_bot()
    assert states == [("discord", "up")]


async def test_interaction_callback_still_answered_after_dropped_interaction(bot):
    """An interaction discord.py cannot read is dropped (Discord shows it failed), the next one is
    answered on the same connection."""
    bad = P.slash_interaction(bot.fake.app_id, bot.gid, bot.cid, MEMBER,
                              options=[{"name": "help", "type": 1, "options": []}],
                              command_id=bot.fake.command_id("hindsight", bot.gid), command_guild_id=bot.gid)
    bad["member"]["roles"] = None  # not a list: discord.py cannot read it
    await bot.fake.dispatch("INTERACTION_CREATE", bad)
    await bot.until(lambda: bot.adapter.client.guard.dropped == 1, what="dropped")
    good = await bot.slash(MEMBER, "help")
    await bot.reply(good)
    assert [c["interaction_id"] for c in bot.fake.callbacks] == [good["id"]]
    assert len(bot.fake.calls(CALLBACK)) == 1
