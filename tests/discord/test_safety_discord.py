"""Safety over Discord: no pings, admins only for admin subcommands, duplicates stored once,
closed DMs logged and skipped, rejected answers handed back whole."""
from __future__ import annotations

import logging

from bot.domain import MemberRef
from tests.discord.harness import ADMIN, EPHEMERAL, MANAGE, MEMBER, OTHER, PLAIN, assert_no_mentions, message_payloads

INJECTION = "@everyone @here <@710000000000000001> <@&123456789012345678> <@!710000000000000002> hype!"


async def setup_and_open(world) -> dict:
    await world.reply(await world.slash(ADMIN, "setup", perms=MANAGE))
    await world.reply(await world.slash(ADMIN, "open", perms=MANAGE))
    return await world.prompt_post()


async def test_mentions_in_answers_ping_nobody(bot):
    fake = bot.fake
    post = await setup_and_open(bot)
    await bot.reply(await bot.slash(MEMBER, "answer", INJECTION))
    await bot.thread_message(post["id"], OTHER, INJECTION + " (thread)")
    await bot.until(lambda: len(bot.answers()) == 2, what="answers")
    await bot.reply(await bot.slash(ADMIN, "close", perms=MANAGE))
    await bot.until(lambda: bot.pending_posts() == 0, what="digest")
    ask = await bot.slash(MEMBER, "digest")
    [shown] = await bot.reply(ask)
    assert "@everyone" in shown["embeds"][0]["description"]
    await bot.reply(await bot.slash(MEMBER, "search", "everyone"))
    await bot.reply(await bot.slash(MEMBER, "help"))
    sent = assert_no_mentions(fake)
    assert sent >= 8
    digest_posts = [b for _, p, b in message_payloads(fake) if p == f"/channels/{bot.cid}/messages" and b.get("embeds")]
    assert len(digest_posts) == 2 and "@here" in digest_posts[1]["embeds"][0]["description"]


async def test_non_admin_gets_a_clear_private_refusal(bot):
    fake, store = bot.fake, bot.store
    # setup by someone without Manage Server creates nothing
    refused = await bot.slash(MEMBER, "setup", perms=PLAIN)
    assert (await bot.callback(refused))["data"]["flags"] == EPHEMERAL
    assert "Only a workspace or server admin" in await bot.reply_text(refused)
    assert store.groups.all() == []

    await setup_and_open(bot)
    group = store.groups.all()[0]
    before = (store.groups.get(group.id), store.rounds.find_open(group.id), len(fake.calls("POST /channels/{cid}/messages", cid=bot.cid)))
    for sub in ("close", "pause", "link", "open", "export"):
        inter = await bot.slash(MEMBER, sub, perms=PLAIN)
        assert (await bot.callback(inter))["data"]["flags"] == EPHEMERAL
        text = await bot.reply_text(inter)
        assert f"Only admins of this group can use '{sub}'" in text
    inter = await bot.slash(MEMBER, "settings", "limit=2000", perms=PLAIN)
    assert "Only admins" in await bot.reply_text(inter)
    await bot.idle()
    after = (store.groups.get(group.id), store.rounds.find_open(group.id), len(fake.calls("POST /channels/{cid}/messages", cid=bot.cid)))
    assert after == before
    assert fake.uploads == []

    # Administrator counts as a platform admin too
    admin = await bot.slash(OTHER, "pause", perms=str(int(PLAIN) | (1 << 3)))
    assert "Paused" in await bot.reply_text(admin)


async def test_a_duplicated_message_create_stores_one_answer(bot):
    fake = bot.fake
    post = await setup_and_open(bot)
    msg = await bot.thread_message(post["id"], MEMBER, "Our moat is ten years of boring data work.")
    await bot.until(lambda: bot.answers(), what="answer")
    await fake.dispatch("MESSAGE_CREATE", msg)  # a replay after a resume
    await bot.thread_message(post["id"], OTHER, "A sentinel: handled after the replay.")
    await bot.until(lambda: len(bot.answers()) == 2, what="sentinel answer")
    answer = bot.answers()[0]
    assert answer["text"] == "Our moat is ten years of boring data work."
    reactions = fake.calls("PUT /channels/{cid}/messages/{mid}/reactions/{emoji}/@me", cid=post["id"], mid=msg["id"])
    assert len(reactions) == 1
    # a second, later message of the same member is discussion, not a new answer
    await bot.thread_message(post["id"], MEMBER, "Replying to chi: agreed.")
    await bot.thread_message(post["id"], ADMIN, "Another sentinel.")
    await bot.until(lambda: len(bot.answers()) == 3, what="second sentinel")
    assert [a["text"] for a in bot.answers()][:2] == ["Our moat is ten years of boring data work.",
                                                      "A sentinel: handled after the replay."]


async def test_closed_dms_for_a_reminder_are_logged_and_skipped(bot, caplog):
    fake, store, service = bot.fake, bot.store, bot.service
    await setup_and_open(bot)
    group = store.groups.all()[0]
    store.admins.add(group.id, store.members.ensure(MemberRef("discord", bot.gid, MEMBER["id"], "bo")))
    fake.closed_dms.add(ADMIN["id"])
    dms = service.remind(group, store.rounds.find_open(group.id))
    assert {d.member.user_id for d in dms} == {ADMIN["id"], MEMBER["id"]}
    with caplog.at_level(logging.WARNING, logger="hindsight.runtime"):
        await bot.runtime.send_direct(dms)
    [warning] = [r for r in caplog.records if r.name == "hindsight.runtime"]
    assert ADMIN["id"] in warning.getMessage() and "403" in warning.getMessage()
    assert "50007" in warning.getMessage()
    dm = fake.dm_channels[MEMBER["id"]]
    [reminder] = fake.messages[dm["id"]]
    assert "reminder" in reminder["content"].lower()
    ids = [c["custom_id"] for row in reminder["components"] for c in row["components"]]
    round_id = store.rounds.find_open(group.id).id
    assert ids == [f"hs:answer:{round_id}|g{bot.gid}", f"hs:skip:{round_id}|g{bot.gid}"]
    assert_no_mentions(fake)


async def test_a_rejected_answer_comes_back_whole(bot):
    fake, store = bot.fake, bot.store
    post = await setup_and_open(bot)
    group = store.groups.all()[0]
    store.groups.update(group.id, answer_limit=100)
    long_text = "하이프 사이클은 짧다. " * 150 + "THE END"
    inter = await bot.slash(MEMBER, "answer", long_text)
    token = inter["token"]
    await fake.wait_for("PATCH /webhooks/{app}/{token}/messages/{mid}", app=fake.app_id, token=token, mid="@original")
    await fake.wait_until(lambda: "THE END" in "".join(m["content"] for m in [fake.original_responses[token],
                                                                             *fake.followups[token]]),
                        what="the whole text handed back")
    messages = [fake.original_responses[token], *fake.followups[token]]
    assert len(messages) >= 2 and all(len(m["content"]) <= 2000 for m in messages)
    assert all(m["flags"] & EPHEMERAL for m in messages)
    assert long_text.strip() in "".join(m["content"] for m in messages)
    assert bot.answers() == []

    # in a thread: the reason by DM, with the full text
    msg = await bot.thread_message(post["id"], OTHER, "x" * 150)
    await fake.wait_until(lambda: OTHER["id"] in fake.dm_channels and fake.messages[fake.dm_channels[OTHER["id"]]["id"]],
                        what="rejection DM")
    [dm] = fake.messages[fake.dm_channels[OTHER["id"]]["id"]]
    assert "x" * 150 in dm["content"] and "100" in dm["content"]
    # DMs closed: a short reply in the thread that mentions nobody
    fake.closed_dms.add(MEMBER["id"])
    msg = await bot.thread_message(post["id"], MEMBER, "y" * 150)
    await fake.wait_for("POST /channels/{cid}/messages", cid=post["id"])
    [reply] = fake.calls("POST /channels/{cid}/messages", cid=post["id"])
    assert str(reply["message_reference"]["message_id"]) == msg["id"] and len(reply["content"]) < 300
    assert reply["allowed_mentions"] == {"parse": []}
    assert bot.answers() == []
