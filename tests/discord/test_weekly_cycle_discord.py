"""End to end over the real discord.py and FakeDiscord: login and sync, setup, a prompt post
with persistent buttons and a thread, an answer by modal, one by thread reply, the digest."""
from __future__ import annotations

from adapters.discord.commands import SUBCOMMANDS
from tests.discord.harness import ADMIN, EPHEMERAL, MANAGE, MEMBER, OTHER, assert_no_mentions

MESSAGE_CONTENT, GUILDS, GUILD_MESSAGES = 1 << 15, 1 << 0, 1 << 9


def custom_ids(message: dict) -> list[str]:
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


async def test_login_sync_ready(bot):
    fake = bot.fake
    identify = fake.identify_payloads[0]
    assert identify["intents"] & (MESSAGE_CONTENT | GUILDS | GUILD_MESSAGES) == MESSAGE_CONTENT | GUILDS | GUILD_MESSAGES
    [body] = fake.calls("PUT /applications/{app}/guilds/{guild}/commands", app=fake.app_id, guild=bot.gid)
    [group] = body
    assert group["name"] == "hindsight" and group["contexts"] == [0]
    assert [o["name"] for o in group["options"]] == [name for name, *_ in SUBCOMMANDS]
    answer = next(o for o in group["options"] if o["name"] == "answer")
    assert answer["options"][0]["name"] == "text" and not answer["options"][0]["required"]
    client = bot.adapter.client
    assert client.is_ready() and client.get_guild(int(bot.gid)).name == "Founders"
    assert bot.adapter.commands_synced is True


async def test_weekly_cycle(bot):
    fake, store = bot.fake, bot.store
    # setup by a member with Manage Server: a public reply with the schedule and two buttons
    inter = await bot.slash(ADMIN, "setup", perms=MANAGE)
    assert (await bot.callback(inter))["type"] == 5
    assert not (await bot.callback(inter))["data"].get("flags", 0) & EPHEMERAL
    [shown] = await bot.reply(inter)
    assert "Hindsight is set up" in shown["content"]
    group = store.groups.all()[0]
    assert custom_ids(shown) == [f"hs:open:{group.id}", f"hs:settings:{group.id}"]
    store.groups.update(group.id, answer_limit=800)

    # the scheduler's tick opens the round and posts the prompt, with a thread
    await bot.runtime.tick()
    post = await bot.prompt_post()
    rnd = store.rounds.find_open(group.id)
    [body] = [b for b in fake.calls("POST /channels/{cid}/messages", cid=bot.cid) if b.get("embeds")]
    assert body["allowed_mentions"] == {"parse": []}
    embed = body["embeds"][0]
    assert embed["title"] == "This week's prompt · week of Mar 2" and embed["description"]  # 2026-W10
    assert custom_ids(body) == [f"hs:answer:{rnd.id}", f"hs:skip:{rnd.id}"]
    thread = fake.calls("POST /channels/{cid}/messages/{mid}/threads", cid=bot.cid, mid=post["id"])
    assert thread and thread[0]["name"] == "This week's prompt · week of Mar 2"
    [row] = store.posts.of_round(rnd.id)
    assert row["message_id"] == post["id"] and row["thread_id"] == post["id"]

    # Answer button → the modal is the first response, limited to the group's answer limit
    click = await bot.click(f"hs:answer:{rnd.id}", post, MEMBER)
    modal = await bot.callback(click)
    assert modal["type"] == 9 and modal["data"]["custom_id"] == f"hs-form:answer:{rnd.id}"
    [label] = modal["data"]["components"]
    assert label["component"]["max_length"] == 800 and label["component"]["style"] == 2

    # the modal submit is stored and acknowledged ephemerally
    sub = await bot.submit(f"hs-form:answer:{rnd.id}", {"answer": "Bear-market proof: 4 of 5, we earn in USD."},
                           MEMBER)
    ack = await bot.callback(sub)
    assert ack["type"] == 5 and ack["data"]["flags"] == EPHEMERAL
    assert "Saved your answer" in await bot.reply_text(sub)
    [saved] = bot.answers()
    assert saved["source"] == "form" and saved["text"].startswith("Bear-market proof")

    # a thread reply is an answer too
    msg = await bot.thread_message(post["id"], OTHER, "The next hype is small open models, in Korean too. 하이프!")
    await bot.until(lambda: len(bot.answers()) == 2, what="thread answer stored")
    assert bot.answers()[1]["source"] == "thread" and bot.answers()[1]["message_ref"] == msg["id"]
    await fake.wait_for("PUT /channels/{cid}/messages/{mid}/reactions/{emoji}/@me", cid=post["id"], mid=msg["id"])  # ✅
    assert fake.reactions and fake.reactions[-1][:3] == ("PUT", post["id"], msg["id"])
    assert "✅" in fake.reactions[-1][3] or "%E2%9C%85" in fake.reactions[-1][3].upper()

    # close, then /hindsight digest shows both answers
    close = await bot.slash(ADMIN, "close", perms=MANAGE)
    assert "Closed the round" in await bot.reply_text(close)
    await bot.until(lambda: bot.pending_posts() == 0, what="digest posted")
    posted = [b for b in fake.calls("POST /channels/{cid}/messages", cid=bot.cid) if b.get("embeds")]
    assert len(posted) == 2 and "digest" in posted[1]["embeds"][0]["title"].lower()
    ask = await bot.slash(MEMBER, "digest")
    [digest] = await bot.reply(ask)
    assert (await bot.callback(ask))["data"]["flags"] == EPHEMERAL
    text = "\n".join(e["description"] for e in digest["embeds"])
    assert "Bear-market proof" in text and "small open models" in text and "2 of 2" in text
    assert assert_no_mentions(fake) >= 6


async def test_edit_and_delete_of_a_thread_answer(bot):
    fake = bot.fake
    await bot.slash(ADMIN, "setup", perms=MANAGE)
    await bot.until(lambda: bot.store.groups.all(), what="group")
    inter = await bot.slash(ADMIN, "open", perms=MANAGE)
    await bot.reply(inter)
    post = await bot.prompt_post()
    msg = await bot.thread_message(post["id"], MEMBER, "first take")
    await bot.until(lambda: bot.answers(), what="answer")
    from tests.fakes import discord_payloads as P
    await fake.dispatch("MESSAGE_UPDATE", P.message_update(post["id"], msg["id"], MEMBER, "second take",
                                                           guild_id=bot.gid))
    await bot.until(lambda: bot.answers()[0]["text"] == "second take", what="edit stored")
    assert bot.answers()[0]["original_text"] == "first take"
    await fake.dispatch("MESSAGE_DELETE", P.message_delete(post["id"], msg["id"], guild_id=bot.gid))
    await bot.until(lambda: not bot.answers(), what="answer withdrawn")
    # the withdrawal is told by DM
    await fake.wait_until(lambda: any("withdrawn" in (m.get("content") or "") for ch in fake.dm_channels.values()
                                    for m in fake.messages[ch["id"]]), what="withdrawal DM")
