"""Starting the Discord adapter: a bad token, a refused privileged intent, the config path."""
from __future__ import annotations

import logging

import pytest

from adapters import build_platform_adapters
from adapters.discord import DiscordAdapter
from bot.errors import StartupError
from bot.config import load
from bot.runtime import Inbox
from tests.discord.harness import ADMIN, MANAGE, MEMBER, TOKEN

MESSAGE_CONTENT = 1 << 15


async def test_a_bad_token_is_a_startup_error_without_the_token(world, caplog):
    world.fake.bad_token = True
    world.open_core()
    adapter = world.new_adapter()
    with caplog.at_level(logging.DEBUG):
        with pytest.raises(StartupError) as info:
            await adapter.start(Inbox(world.runtime))
    message = str(info.value)
    assert "DISCORD_TOKEN" in message and "rejected" in message
    assert TOKEN not in message and TOKEN not in repr(adapter) and TOKEN not in caplog.text
    assert "secret-value" not in message
    assert world.fake.identify_payloads == []  # it never reached the gateway
    await adapter.stop()


async def test_refused_message_content_reconnects_without_it(world, caplog):
    world.fake.privileged_refused = True
    with caplog.at_level(logging.WARNING, logger="hindsight.discord"):
        adapter = await world.start_bot()
    first, second = world.fake.identify_payloads
    assert first["intents"] & MESSAGE_CONTENT and not second["intents"] & MESSAGE_CONTENT
    assert adapter.message_content is False and adapter.client.is_ready()
    said = [r for r in caplog.records if "Message Content" in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.WARNING
    assert len(world.fake.calls("PUT /applications/{app}/guilds/{guild}/commands", app=world.fake.app_id, guild=world.gid)) == 1

    # slash commands, buttons and forms still work
    setup = await world.slash(ADMIN, "setup", perms=MANAGE)
    assert "Hindsight is set up" in await world.reply_text(setup)
    await world.reply(await world.slash(ADMIN, "open", perms=MANAGE))
    post = await world.prompt_post()
    click = await world.click(post["components"][0]["components"][0]["custom_id"], post, MEMBER)
    assert (await world.callback(click))["type"] == 9


async def test_from_config_uses_the_token_and_guild():
    config = load({"DISCORD_TOKEN": TOKEN, "DISCORD_GUILD_ID": "1234567890", "HINDSIGHT_DB": ":memory:"})
    [adapter] = build_platform_adapters(config)
    assert isinstance(adapter, DiscordAdapter) and adapter.platform == "discord"
    assert adapter.guild_id == 1234567890 and TOKEN not in repr(adapter)
