"""Discord's real shapes, through the real discord.py (issue 8, item 15 and "the fakes send the
real shapes"): optional fields left out as in Discord's documentation, Label modal submits,
MESSAGE_UPDATEs that are not edits, system and webhook messages, THREAD_CREATE with a member."""
from __future__ import annotations

import discord

from tests.discord.harness import ADMIN, EPHEMERAL, MANAGE, MEMBER, OTHER
from tests.fakes import discord_payloads as P


async def setup_and_open(world) -> dict:
    await world.reply(await world.slash(ADMIN, "setup", perms=MANAGE))
    await world.reply(await world.slash(ADMIN, "open", perms=MANAGE))
    return await world.prompt_post()


def slash(world, user: dict, sub: str, value: str | None = None, *, option: str = "text", perms: str = "0",
          channel_id: str | None = None, locale: str = "en-US") -> dict:
    opts = [{"name": option, "type": 3, "value": value}] if value is not None else []
    return P.slash_interaction(world.fake.app_id, world.gid, channel_id or world.cid, user,
                               options=[{"name": sub, "type": 1, "options": opts}], permissions=perms,
                               command_id=world.fake.command_id("hindsight", world.gid), command_guild_id=world.gid,
                               locale=locale)


def rows(world, sql: str) -> list[dict]:
    return [dict(r) for r in world.db.query(sql)]


def no_none_anywhere(world) -> None:
    for table, column in (("channels", "channel_id"), ("channels", "workspace"), ("members", "user_id"),
                          ("members", "workspace")):
        bad = rows(world, f"SELECT {column} FROM {table} WHERE {column} IN ('None', '', 'null')")
        assert bad == [], (table, column, bad)


# interactions without optional fields --------------------------------------------------------
async def test_documented_interaction_binds_the_channel_from_channel_id(bot):
    """No ``channel`` object, no attachment_size_limit or context, a member without flags: setup
    binds the channel named by the top-level channel_id (discord.py leaves channel_id None)."""
    inter = P.documented_interaction(slash(bot, ADMIN, "setup", perms=MANAGE))
    assert "channel" not in inter and "flags" not in inter["member"] and "attachment_size_limit" not in inter
    await bot.fake.dispatch("INTERACTION_CREATE", inter)
    assert "Open the first round now" in str(await bot.reply(inter))
    assert rows(bot, "SELECT platform, workspace, channel_id FROM channels") == [
        {"platform": "discord", "workspace": bot.gid, "channel_id": bot.cid}]
    no_none_anywhere(bot)


async def test_setup_without_any_channel_is_refused(bot):
    """Neither ``channel`` nor ``channel_id``: nothing to bind, a clear private refusal, and never a
    channel called "None" (which every tick then failed to post to)."""
    inter = P.without(slash(bot, ADMIN, "setup", perms=MANAGE), "channel", "channel_id")
    await bot.fake.dispatch("INTERACTION_CREATE", inter)
    assert (await bot.callback(inter))["data"]["flags"] == EPHEMERAL
    assert "Discord did not say which channel" in await bot.reply_text(inter)
    assert bot.store.groups.all() == [] and rows(bot, "SELECT * FROM channels") == []
    ko = P.without(slash(bot, ADMIN, "setup", perms=MANAGE, locale="ko"), "channel", "channel_id")
    await bot.fake.dispatch("INTERACTION_CREATE", ko)
    assert "어느 채널" in await bot.reply_text(ko)
    # other commands still answer, and store no "None" either
    helped = P.without(slash(bot, MEMBER, "help"), "channel", "channel_id")
    await bot.fake.dispatch("INTERACTION_CREATE", helped)
    assert "/hindsight answer" in await bot.reply_text(helped)
    no_none_anywhere(bot)
    await bot.idle()
    assert bot.db.execute("SELECT count(*) FROM posts").fetchone()[0] == 0


async def test_command_from_the_prompt_thread_without_channel_object(bot):
    """The raw channel_id is the prompt's thread: the answer lands in the thread's parent's group."""
    post = await setup_and_open(bot)
    inter = P.documented_interaction(slash(bot, MEMBER, "answer", "Bear-market proof: barely.",
                                           channel_id=post["id"]))
    await bot.fake.dispatch("INTERACTION_CREATE", inter)
    await bot.reply(inter)
    [answer] = bot.answers()
    assert answer["text"] == "Bear-market proof: barely." and answer["source"] == "command"
    no_none_anywhere(bot)


async def test_label_modal_submit_without_optional_fields_is_stored(bot):
    """The answer form comes back as type-18 Label components wrapping text inputs, in an
    interaction without channel, attachment_size_limit or context."""
    post = await setup_and_open(bot)
    answer_id = next(c["custom_id"] for row in post["components"] for c in row["components"]
                     if c["custom_id"].startswith("hs:answer:"))
    click = P.documented_interaction(P.component_interaction(
        answer_id, post, app_id=bot.fake.app_id, guild_id=bot.gid, user=MEMBER))
    await bot.fake.dispatch("INTERACTION_CREATE", click)
    modal = await bot.callback(click)
    assert modal["type"] == 9
    [label] = modal["data"]["components"]
    submit = P.documented_interaction(P.modal_submit_interaction(
        modal["data"]["custom_id"], P.label_components({label["component"]["custom_id"]: "Hype fades; cost stays."}),
        app_id=bot.fake.app_id, guild_id=bot.gid, channel_id=bot.cid, user=MEMBER))
    assert submit["data"]["components"][0]["type"] == 18
    await bot.fake.dispatch("INTERACTION_CREATE", submit)
    await bot.reply(submit)
    [answer] = bot.answers()
    assert answer["text"] == "Hype fades; cost stays." and answer["source"] == "form"
    assert bot.adapter.client.guard.dropped == 0


# MESSAGE_UPDATEs that are not edits -----------------------------------------------------------
async def test_updates_that_are_not_edits_leave_the_answer_alone(bot):
    fake = bot.fake
    post = await setup_and_open(bot)
    # posting the prompt started its thread: Discord then updated the starter message
    starter = fake.calls("POST /channels/{cid}/messages/{mid}/threads", cid=bot.cid, mid=post["id"])
    assert starter and post["flags"] & P.HAS_THREAD and post["thread"]["id"] == post["id"]
    msg = await bot.thread_message(post["id"], MEMBER, "Voice UX: still rare.")
    await bot.until(lambda: len(bot.answers()) == 1, what="answer")
    edit = P.message_update(post["id"], msg["id"], MEMBER, "Voice UX: still rare, five years on.", guild_id=bot.gid)
    await fake.dispatch("MESSAGE_UPDATE", edit)
    await bot.until(lambda: bot.answers()[0]["text"].endswith("five years on."), what="edit")
    # the member then replaces the answer with the command
    await bot.reply(await bot.slash(MEMBER, "answer", "Voice UX: rare; clicks win."))
    handled = bot.adapter.inbound.handled
    dms_before = len(fake.calls("POST /users/@me/channels"))
    updates = [
        P.thread_starter_update(post, fake.channels[post["id"]]),  # the prompt message, again
        P.pin_update(edit),  # pinned: the whole message, with the earlier edit's timestamp
        P.embed_update(edit),  # a link preview on today's gateway: whole message
        P.embed_update(msg, partial=True),  # the older partial shape: no type, no content
        P.pin_update(P.message_update(post["id"], msg["id"], MEMBER, "Voice UX: still rare.", guild_id=bot.gid)
                     | {"edited_timestamp": None}),
    ]
    for update in updates:
        await fake.dispatch("MESSAGE_UPDATE", update)
    await bot.until(lambda: bot.adapter.inbound.handled >= handled + 4, what="updates handled")
    await bot.idle()
    [answer] = bot.answers()
    assert answer["text"] == "Voice UX: rare; clicks win."  # not changed back, not withdrawn
    assert len(fake.calls("POST /users/@me/channels")) == dms_before
    assert bot.adapter.client.guard.dropped == 1  # the partial one, dropped without harm
    assert not bot.adapter._gateway.done()


# messages that are not a member's -------------------------------------------------------------
async def test_system_and_webhook_messages_leave_no_rows(bot):
    fake = bot.fake
    post = await setup_and_open(bot)
    members_before = rows(bot, "SELECT * FROM members")
    handled = bot.adapter.inbound.handled
    thread = post["id"]
    reference = {"message_id": post["id"], "channel_id": thread, "guild_id": bot.gid}
    sent = [
        P.system_message(thread, MEMBER, P.CHANNEL_PINNED_MESSAGE, guild_id=bot.gid, message_reference=reference),
        P.system_message(bot.cid, OTHER, P.THREAD_CREATED_MESSAGE, guild_id=bot.gid, content="side chat"),
        P.system_message(thread, OTHER, 7, guild_id=bot.gid),  # a member joined
        P.webhook_message(thread, P.snowflake(), "Zapier", "Automated: hype index up 3%", guild_id=bot.gid),
        P.webhook_message(thread, P.snowflake(), "Looks like ada", "My answer, honest", guild_id=bot.gid)
        | {"author": P.user(None, "ada-hook")},  # a webhook whose author claims not to be a bot
    ]
    for message in sent:
        await fake.dispatch("MESSAGE_CREATE", message)
    await bot.until(lambda: bot.adapter.inbound.handled >= handled + len(sent), what="messages handled")
    await bot.idle()
    assert bot.answers() == []
    assert rows(bot, "SELECT * FROM members") == members_before
    assert fake.reactions == [] and fake.calls("POST /users/@me/channels") == []
    assert fake.calls("POST /channels/{cid}/messages", cid=thread) == []


async def test_thread_create_with_newly_created_and_member(bot):
    """THREAD_CREATE as Discord sends it for a thread the bot is in: newly_created and the bot's
    thread member. discord.py caches it, and a reply there is ordinary chat (not a prompt thread)."""
    fake = bot.fake
    await setup_and_open(bot)
    side = P.thread(None, "side chat", guild_id=bot.gid, parent_id=bot.cid, owner_id=OTHER["id"])
    await fake.dispatch("THREAD_CREATE", P.thread_create(side, member_user_id=fake.bot_id))
    await bot.until(lambda: bot.adapter.client.get_channel(int(side["id"])) is not None, what="thread cached")
    cached = bot.adapter.client.get_channel(int(side["id"]))
    assert isinstance(cached, discord.Thread) and cached.me is not None and cached.me.id == int(fake.bot_id)
    handled = bot.adapter.inbound.handled
    await bot.thread_message(side["id"], MEMBER, "Not an answer, just chat.")
    await bot.until(lambda: bot.adapter.inbound.handled > handled, what="handled")
    await bot.idle()
    assert bot.answers() == [] and bot.adapter.client.guard.dropped == 0
