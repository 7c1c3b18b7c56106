"""Forms and files over Discord: /hindsight answer without text and the settings form open
modals; export and my-data reply with an attachment; forget-me asks with a button."""
from __future__ import annotations

import json

from tests.discord.harness import ADMIN, EPHEMERAL, MANAGE, MEMBER


async def setup_and_open(world) -> dict:
    await world.reply(await world.slash(ADMIN, "setup", perms=MANAGE))
    await world.reply(await world.slash(ADMIN, "open", perms=MANAGE))
    return await world.prompt_post()


async def test_answer_without_text_opens_the_form_with_the_current_answer(bot):
    await setup_and_open(bot)
    await bot.reply(await bot.slash(MEMBER, "answer", "A first draft"))
    inter = await bot.slash(MEMBER, "answer")
    modal = await bot.callback(inter)
    assert modal["type"] == 9
    [label] = modal["data"]["components"]
    assert label["type"] == 18 and label["component"]["value"] == "A first draft"
    assert label["component"]["max_length"] == 500 and len(label["label"]) <= 45


async def test_settings_form_by_an_admin(bot):
    await setup_and_open(bot)
    inter = await bot.slash(ADMIN, "settings", perms=MANAGE)
    modal = await bot.callback(inter)
    assert modal["type"] == 9 and len(modal["data"]["components"]) == 5
    values = {c["component"]["custom_id"]: c["component"].get("value", "") for c in modal["data"]["components"]}
    assert values["timezone"] == "UTC" and values["limit"] == "500"
    values.update(timezone="Asia/Seoul", limit="1200", language="ko")
    sub = await bot.submit(modal["data"]["custom_id"], values, ADMIN, perms=MANAGE)
    assert (await bot.callback(sub))["data"]["flags"] == EPHEMERAL
    await bot.reply(sub)
    group = bot.store.groups.all()[0]
    assert (group.timezone, group.answer_limit, group.language) == ("Asia/Seoul", 1200, "ko")


async def test_export_and_my_data_are_private_attachments(bot):
    fake = bot.fake
    await setup_and_open(bot)
    await bot.reply(await bot.slash(MEMBER, "answer", "Cost structure is a moat"))
    await bot.reply(await bot.slash(ADMIN, "close", perms=MANAGE))

    export = await bot.slash(ADMIN, "export", "json", perms=MANAGE)
    assert (await bot.callback(export))["data"]["flags"] == EPHEMERAL
    [shown] = await bot.reply(export)
    [upload] = [u for u in fake.uploads if u.filename.endswith(".json")]
    data = json.loads(upload.data)
    assert data["version"] == 2 and "Cost structure is a moat" in upload.data.decode()
    assert shown["attachments"][0]["filename"] == upload.filename

    mine = await bot.slash(MEMBER, "my-data")
    [shown] = await bot.reply(mine)
    assert shown["flags"] & EPHEMERAL and shown["attachments"][0]["filename"] == "hindsight-my-data.json"
    assert fake.uploads[-1].data and b"Cost structure is a moat" in fake.uploads[-1].data


async def test_forget_me_asks_with_a_button(bot):
    await setup_and_open(bot)
    await bot.reply(await bot.slash(MEMBER, "answer", "Delete me later"))
    ask = await bot.slash(MEMBER, "forget-me")
    [shown] = await bot.reply(ask)
    [button] = [c for row in shown["components"] for c in row["components"]]
    assert button["custom_id"].startswith("hs:forget:") and button["style"] == 4
    confirm = await bot.click(button["custom_id"], shown, MEMBER)
    assert "deleted" in await bot.reply_text(confirm)
    assert bot.answers() == []


async def test_a_command_inside_the_prompt_thread_belongs_to_the_parent_channel(bot):
    post = await setup_and_open(bot)
    thread = bot.fake.channels[post["id"]]
    inter = await bot.slash(MEMBER, "answer", "Typed inside the thread", channel_id=thread["id"], channel=thread)
    assert "Saved your answer" in await bot.reply_text(inter)
    assert [a["source"] for a in bot.answers()] == ["command"]


async def test_a_reminder_button_clicked_in_a_dm_names_the_member_of_the_guild(bot):
    from bot.events import ButtonClicked
    from tests.fakes import discord_payloads as P

    await setup_and_open(bot)
    group = bot.store.groups.all()[0]
    round_id = bot.store.rounds.find_open(group.id).id
    await bot.runtime.send_direct(bot.service.remind(group, bot.store.rounds.find_open(group.id)))
    dm = bot.fake.dm_channels[ADMIN["id"]]
    [reminder] = bot.fake.messages[dm["id"]]
    seen = []
    handle = bot.runtime.handle

    async def spy(event):
        seen.append(event)
        return await handle(event)

    bot.runtime.handle = spy
    inter = P.component_interaction(f"hs:skip:{round_id}|g{bot.gid}", reminder, app_id=bot.fake.app_id,
                                    guild_id=None, user=ADMIN, channel=dm)
    await bot.fake.dispatch("INTERACTION_CREATE", inter)
    await bot.reply(inter)
    [event] = seen
    assert isinstance(event, ButtonClicked) and event.action == f"hs:skip:{round_id}"
    assert event.origin.member.workspace == bot.gid and event.origin.member.user_id == ADMIN["id"]
    assert not event.origin.platform_admin
