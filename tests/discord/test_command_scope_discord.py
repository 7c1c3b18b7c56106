"""/hindsight is registered in one scope only: setting or unsetting DISCORD_GUILD_ID clears the
other scope's registration, and a command from a stale registration is answered politely."""
from __future__ import annotations

import logging

from tests.discord.harness import EPHEMERAL, MEMBER, World
from tests.fakes import discord_payloads as P

GLOBAL = "PUT /applications/{app}/commands"
GUILD = "PUT /applications/{app}/guilds/{guild}/commands"


def names(commands: list[dict]) -> list[str]:
    return [c["name"] for c in commands]


async def restart(world: World, *, guild_scoped: bool) -> None:
    await world.stop_bot()
    world.guild_scoped = guild_scoped
    world.fake.clear()
    await world.start_bot()


async def stale_use(world: World, command_id: str, command_guild_id: str | None) -> dict:
    inter = P.slash_interaction(world.fake.app_id, world.gid, world.cid, MEMBER,
                                options=[{"name": "help", "type": 1, "options": []}], permissions="0",
                                command_id=command_id, command_guild_id=command_guild_id)
    await world.fake.dispatch("INTERACTION_CREATE", inter)
    return await world.callback(inter)


async def test_setting_the_guild_clears_the_global_registration(world, caplog):
    fake, app = world.fake, world.fake.app_id
    world.guild_scoped = False
    await world.start_bot()  # an earlier run without DISCORD_GUILD_ID
    assert names(fake.commands[None]) == ["hindsight"]
    old_global = fake.command_id("hindsight")

    with caplog.at_level(logging.INFO):
        await restart(world, guild_scoped=True)
    assert names(fake.calls(GUILD, app=app, guild=world.gid)[0]) == ["hindsight"]
    assert fake.calls(GLOBAL, app=app) == [[]]  # the global /hindsight is gone
    assert fake.commands[None] == [] and names(fake.commands[world.gid]) == ["hindsight"]
    assert "removed /hindsight from the global scope" in caplog.text

    # A member's Discord app may still offer the old global command for a while.
    caplog.clear()
    with caplog.at_level(logging.INFO):
        answered = await stale_use(world, old_global, None)
    assert answered["type"] == 4 and answered["data"]["flags"] == EPHEMERAL
    assert answered["data"]["content"].startswith("This /hindsight is an old copy that Hindsight no longer uses")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    # The next start finds one scope already: nothing is PUT anywhere.
    await restart(world, guild_scoped=True)
    assert fake.calls(GLOBAL, app=app) == [] and fake.calls(GUILD, app=app, guild=world.gid) == []


async def test_unsetting_the_guild_clears_every_guild_registration(world, caplog):
    fake, app = world.fake, world.fake.app_id
    other = fake.add_guild(name="Elsewhere", channels=["general"], members=[MEMBER])
    await world.start_bot()  # guild-scoped
    old_guild = fake.command_id("hindsight", world.gid)

    with caplog.at_level(logging.INFO):
        await restart(world, guild_scoped=False)
    assert names(fake.calls(GLOBAL, app=app)[0]) == ["hindsight"]
    assert fake.calls(GUILD, app=app, guild=world.gid) == [[]]
    assert fake.calls(GUILD, app=app, guild=other["id"]) == []  # it had none: only looked at
    assert fake.calls("GET /applications/{app}/guilds/{guild}/commands", app=app, guild=other["id"]) == [None]
    assert fake.commands[world.gid] == [] and names(fake.commands[None]) == ["hindsight"]

    # The old guild command, still offered for a while, is the same command: it just works.
    caplog.clear()
    with caplog.at_level(logging.INFO):
        inter = P.slash_interaction(fake.app_id, world.gid, world.cid, MEMBER,
                                    options=[{"name": "help", "type": 1, "options": []}],
                                    command_id=old_guild, command_guild_id=world.gid)
        await fake.dispatch("INTERACTION_CREATE", inter)
        assert "/hindsight answer" in await world.reply_text(inter)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_moving_to_another_guild_clears_the_first(world):
    fake, app = world.fake, world.fake.app_id
    first = fake.add_guild(name="First", channels=["general"], members=[MEMBER])
    world.gid, world.guild_scoped = first["id"], True
    await world.start_bot()
    assert names(fake.commands[first["id"]]) == ["hindsight"]

    world.gid = world.guild["id"]  # DISCORD_GUILD_ID now names the other guild
    await restart(world, guild_scoped=True)
    assert fake.calls(GUILD, app=app, guild=first["id"]) == [[]]
    assert names(fake.commands[world.gid]) == ["hindsight"] and fake.commands[first["id"]] == []
    assert fake.calls(GLOBAL, app=app) == []  # the global scope was empty: only looked at
