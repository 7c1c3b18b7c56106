"""Fixtures: a started FakeDiscord with discord.py pointed at it, and a World around it."""
from __future__ import annotations

import pytest

from tests.discord.harness import World
from tests.fakes.discord_patch import pointed_at
from tests.fakes.discord_server import FakeDiscord


@pytest.fixture
async def fake():
    async with FakeDiscord() as fake:
        with pointed_at(fake):
            yield fake


@pytest.fixture
async def world(fake, tmp_path):
    world = World(fake, tmp_path)
    try:
        yield world
    finally:
        await world.stop_bot()


@pytest.fixture
async def bot(world):
    """The world with the bot started."""
    await world.start_bot()
    return world
