"""The event loop never waits on the disk: while another process holds SQLite's write lock for
5 s and a member's answer waits for it on the database thread, the gateway heartbeat goes on
on schedule, and the answer is saved once the lock is released."""
from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest

from tests.discord.harness import ADMIN, MANAGE, MEMBER, World
from tests.fakes.discord_patch import pointed_at
from tests.fakes.discord_server import FakeDiscord

INTERVAL = 0.25  # seconds between heartbeats, as the gateway's HELLO asks
HOLD = 5.0


class TimedGateway(FakeDiscord):
    """FakeDiscord with a short heartbeat interval, stamping each heartbeat (op 1) as it arrives."""

    def __init__(self) -> None:
        super().__init__(heartbeat_interval_ms=int(INTERVAL * 1000))
        self.beats: list[float] = []

    async def _on_gateway_message(self, conn, payload: dict) -> None:
        if payload.get("op") == 1:
            self.beats.append(time.perf_counter())
        await super()._on_gateway_message(conn, payload)


@pytest.fixture
async def timed():
    async with TimedGateway() as fake:
        with pointed_at(fake):
            yield fake


async def test_heartbeats_go_on_while_an_answer_waits_for_the_write_lock(timed: TimedGateway, tmp_path):
    world = World(timed, tmp_path, threaded=True)
    try:
        await world.start_bot()
        await world.reply(await world.slash(ADMIN, "setup", perms=MANAGE))
        await world.runtime.tick()  # opens the week's round and posts its prompt
        await world.prompt_post()

        holder = sqlite3.connect(world.db_path, isolation_level=None)  # another process's connection
        holder.execute("BEGIN IMMEDIATE")
        locked_at = time.perf_counter()
        try:
            inter = await world.slash(MEMBER, "answer", "Bo waits for the lock")
            await asyncio.sleep(HOLD)
            assert world.answers() == [], "the answer waits for the lock"
        finally:
            holder.execute("COMMIT")
            holder.close()
        released_at = time.perf_counter()
        stamps = [locked_at] + [b for b in timed.beats if locked_at < b < released_at] + [released_at]
        gaps = [b - a for a, b in zip(stamps, stamps[1:])]
        print(f"heartbeats while the lock was held: {len(stamps) - 2}, longest gap {max(gaps) * 1000:.0f} ms")
        assert len(stamps) - 2 >= HOLD / INTERVAL * 0.7, "heartbeats kept coming"
        assert max(gaps) < 4 * INTERVAL, f"a heartbeat gap of {max(gaps):.2f} s"
        assert "Saved" in await world.reply_text(inter)
        assert [a["text"] for a in world.answers()] == ["Bo waits for the lock"]
    finally:
        await world.stop_bot()

