"""Issue 14, items 13 and 14 on Discord, through discord.py against FakeDiscord: a member named by
the user option or a typed mention (<@id>, <@!id>) is that member by id even when two share a name,
and a sticker or a forwarded message in a prompt's thread stores nothing about its sender."""
from __future__ import annotations

import pytest

from tests.discord.harness import ADMIN, MANAGE, PLAIN, World
from tests.fakes import discord_payloads as P

DAVE1 = P.user(710000000000000041, "dave")
DAVE2 = P.user(710000000000000042, "dave")
STRANGER = P.user(710000000000000043, "eve")


@pytest.fixture
async def w(world: World) -> World:
    await world.start_bot()
    return world


async def handled(w: World, inter: dict) -> dict:
    before = w.adapter.inbound.handled
    await w.fake.dispatch("INTERACTION_CREATE", inter)
    await w.adapter.inbound.wait_handled(before + 1)
    await w.runtime.flush()
    return inter


async def command(w: World, user: dict, text: str) -> str:
    sub, _, rest = text.partition(" ")
    before = w.adapter.inbound.handled
    inter = await w.slash(user, sub, rest or None, perms=MANAGE if user is ADMIN else PLAIN)
    await w.adapter.inbound.wait_handled(before + 1)
    await w.runtime.flush()
    return "\n".join(m["content"] or "" for m in await w.reply(inter))


async def history_of(w: World, user: dict, chosen: dict) -> str:
    """``/hindsight history member:<chosen>``: Discord sends the user option as an id, with the
    user and their guild member in ``resolved``."""
    inter = P.slash_interaction(
        w.fake.app_id, w.gid, w.cid, user, permissions=PLAIN,
        options=[{"name": "history", "type": 1, "options": [{"name": "member", "type": 6, "value": chosen["id"]}]}],
        resolved={"users": {chosen["id"]: chosen}, "members": {chosen["id"]: P.member(chosen, with_user=False)}},
        command_id=w.fake.command_id("hindsight", w.command_guild), command_guild_id=w.command_guild)
    await handled(w, inter)
    return "\n".join(m["content"] or "" for m in await w.reply(inter))


def admin_ids(w: World) -> list[str]:
    return sorted(m.user_id for g in w.store.groups.all() for m in w.store.admins.of_group(g.id))


async def test_a_user_option_or_a_typed_mention_names_one_of_two_daves(w: World):
    await command(w, ADMIN, "setup")
    await command(w, ADMIN, "open")
    assert "Saved" in await command(w, DAVE1, "answer the first dave speaks")
    assert "Saved" in await command(w, DAVE2, "answer the second dave speaks")
    await command(w, ADMIN, "close")

    theirs = await history_of(w, ADMIN, DAVE2)
    assert "the second dave speaks" in theirs and "the first dave" not in theirs
    theirs = await history_of(w, ADMIN, DAVE1)
    assert "the first dave speaks" in theirs and "the second dave" not in theirs
    # A shared name asks which one; a typed mention in a text option is the member by id.
    assert "More than one member is called 'dave'" in await command(w, ADMIN, "settings admin add dave")
    saved = await command(w, ADMIN, f"settings admin add <@!{DAVE2['id']}>")
    assert "More than one member" not in saved and admin_ids(w) == sorted([ADMIN["id"], DAVE2["id"]])
    ledger = await command(w, ADMIN, f"ledger <@{DAVE1['id']}>")
    assert "More than one member" not in ledger and "don't know" not in ledger


async def test_a_sticker_or_a_forward_in_a_prompt_thread_stores_nothing(w: World):
    await command(w, ADMIN, "setup")
    await command(w, ADMIN, "open")
    prompt = await w.prompt_post()
    members = w.store.db.execute("SELECT user_id FROM members ORDER BY id").fetchall()
    sticker = P.message_create(prompt["id"], STRANGER, "", guild_id=w.gid)
    sticker["sticker_items"] = [{"id": "749054660769218631", "name": "Wave", "format_type": 1}]
    await w.fake.dispatch("MESSAGE_CREATE", sticker)
    forwarded = P.message_create(prompt["id"], STRANGER, "", guild_id=w.gid)
    forwarded["message_reference"] = {"type": 1, "channel_id": w.cid2, "message_id": "710000000000009999",
                                      "guild_id": w.gid}
    forwarded["message_snapshots"] = [{"message": {"content": "someone else's words", "type": 0, "embeds": [],
                                                   "attachments": [], "timestamp": P.now_iso(), "flags": 0}}]
    await w.fake.dispatch("MESSAGE_CREATE", forwarded)
    await w.idle()
    await w.idle()
    assert w.store.db.execute("SELECT user_id FROM members ORDER BY id").fetchall() == members
    assert w.store.db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
