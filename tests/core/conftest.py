"""Fixtures for the core flows: a group set up in the memory channel, at the prompt time."""
from __future__ import annotations

import pytest


@pytest.fixture
async def group_bot(bot, store):
    """``bot`` with the channel set up as a group (by "admin"); no round open yet."""
    await bot.command("admin", "setup")
    bot.replies.clear()
    return bot


@pytest.fixture
async def open_bot(group_bot, runtime):
    """A group whose round 2026-W49 was opened by the scheduler tick at Monday 09:00."""
    await runtime.tick()
    assert len(group_bot.posts) == 1
    return group_bot
