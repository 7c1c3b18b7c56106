"""The event loop never waits on the disk: while another process holds SQLite's write lock (5 s,
inside the 10 s busy timeout) and one member's answer waits for it on the database thread,
another member's request in Slack HTTP mode still gets its HTTP 200 at once."""
from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.fakes.slack_server import form_body, post_signed, slash_command
from tests.slack.harness import SECRET, SlackHarness

FORM = "application/x-www-form-urlencoded"
ALICE, BOB = "U0ALICE01", "U0BOB0001"
HOLD = 5.0


async def command(h: SlackHarness, text: str, user: str, key: str) -> tuple[int, float]:
    """POST a signed slash command; (its HTTP status, seconds until the answer came)."""
    body = form_body(slash_command(text, user_id=user, response_url=h.fake.response_url(key)))
    started = time.perf_counter()
    status, _ = await post_signed(h.adapter.http_url, body, SECRET, FORM)
    return status, time.perf_counter() - started


def command_from_elsewhere(h: SlackHarness, text: str, user: str, key: str, delay: float) -> tuple[int, float]:
    """The same from a client thread with its own loop, ``delay`` seconds from now: Slack's
    clock, not the bot's, so a blocked bot loop shows up in the time it took."""
    time.sleep(delay)
    return asyncio.run(command(h, text, user, key))


async def test_an_ack_is_not_held_up_by_a_write_lock_held_elsewhere(fake, tmp_path):
    async with SlackHarness(fake, tmp_path, mode="http", threaded=True) as h:
        for sub in ("setup", "open"):
            before = h.adapter.handled
            assert (await command(h, sub, h.ADMIN, sub))[0] == 200
            await h.adapter.wait_handled(before + 1)
        await h.runtime.flush()
        assert h.rows("SELECT count(*) FROM rounds WHERE closed_at IS NULL") == [(1,)]

        # Another process's connection takes the write lock and keeps it for HOLD seconds.
        holder = sqlite3.connect(tmp_path / "hindsight.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        locked_at = time.perf_counter()
        before = h.adapter.handled
        try:
            with ThreadPoolExecutor(2) as clients:
                alice = clients.submit(command_from_elsewhere, h, "answer Alice waits for the lock", ALICE, "alice", 0)
                # Half a second later, with Alice's answer on the database thread waiting for the lock:
                bob = clients.submit(command_from_elsewhere, h, "answer Bob is acknowledged anyway", BOB, "bob", 0.5)
                status, took = await asyncio.wrap_future(bob)
                assert status == 200 and took < 1.0, f"Bob's HTTP 200 took {took:.2f} s"
                print(f"lock-held ack: Bob's HTTP 200 in {took * 1000:.1f} ms")
                assert (await asyncio.wrap_future(alice))[0] == 200
            assert h.adapter.handled == before, "both answers wait for the lock"
            assert h.rows("SELECT count(*) FROM answers") == [(0,)]
            await asyncio.sleep(max(0.0, HOLD - (time.perf_counter() - locked_at)))
        finally:
            holder.execute("COMMIT")
            holder.close()
        await h.adapter.wait_handled(before + 2)
        await h.runtime.flush()
        assert sorted(h.rows("SELECT text FROM answers")) == [("Alice waits for the lock",),
                                                              ("Bob is acknowledged anyway",)]
        assert "Saved" in h.responses("alice")["text"] and "Saved" in h.responses("bob")["text"]
        ran_on = h.runtime.db.thread  # type: ignore[attr-defined]
        assert ran_on is not None and ran_on is not threading.main_thread()
