"""Exactly once: two core instances on one database file, restarts after downtime,
missed closes, and failed posts retried by the outbox."""
from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

from adapters.memory import MemoryAdapter
from bot.actions import DigestPost
from bot.clock import FakeClock
from bot.runtime import Runtime
from bot.scheduler import Scheduler
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store
from tests.conftest import MONDAY_9
from tests.core.helpers import all_posts, all_rounds, count, digest_posts, prompt_posts, utc

FRIDAY_18 = utc(2026, 12, 4, 18, 0)
SUNDAY_18 = utc(2026, 12, 6, 18, 0)


async def instance(path, clock):
    """One Hindsight process: its own connection, service, runtime and memory adapter."""
    store = Store(connect(path))
    service = Hindsight(store, clock)
    adapter = MemoryAdapter(admins={"admin"})
    runtime = Runtime(service, [adapter])
    await runtime.start_adapters()
    return store, runtime, adapter


async def setup_group(path, clock, members=("alice", "bob", "carol")):
    """Set up the channel (admin) and create the members the tests act as."""
    store, runtime, bot = await instance(path, clock)
    await bot.command("admin", "setup")
    for user in members:
        store.members.ensure(bot.origin(user).member)
    store.close()


def posted_by(*bots):
    return [p for b in bots for p in b.posts]


async def test_two_instances_on_one_file_open_remind_and_close_once(tmp_path, clock):
    path = tmp_path / "shared.db"
    a_store, a, bot_a = await instance(path, clock)
    b_store, b, bot_b = await instance(path, clock)
    await bot_a.command("admin", "setup")
    # Both schedulers fire at the same moment, many times.
    await asyncio.gather(a.tick(), b.tick(), a.tick(), b.tick())
    assert len(posted_by(bot_a, bot_b)) == 1
    assert len(all_rounds(a_store)) == 1
    assert len(all_posts(b_store, kind="prompt")) == 1
    await bot_a.say("alice", "from instance A")
    await bot_b.say("bob", "from instance B")
    await bot_b.click("carol", f"hs:skip:{posted_by(bot_a, bot_b)[0].card.round_id}")

    clock.set(FRIDAY_18)
    await asyncio.gather(a.tick(), b.tick(), a.tick(), b.tick())
    dms = bot_a.dms + bot_b.dms
    assert [dm.member.user_id for dm in dms] == ["admin"], "one reminder, from one instance"

    clock.set(SUNDAY_18)
    await asyncio.gather(a.tick(), b.tick(), a.tick(), b.tick())
    digests = [p for p in posted_by(bot_a, bot_b) if isinstance(p, DigestPost)]
    assert len(digests) == 1
    assert {e.text for e in digests[0].digest.entries} == {"from instance A", "from instance B"}
    assert len(all_posts(a_store)) == 2
    assert len(all_posts(a_store, status="posted")) == 2


def test_two_threads_racing_on_one_file(tmp_path):
    """Two instances in two threads (each with its own connection and loop), released together."""
    path = tmp_path / "race.db"
    clock = FakeClock(MONDAY_9)
    asyncio.run(setup_group(path, clock))
    n = 4
    barrier = threading.Barrier(n)
    results: list[tuple[int, int, int]] = []
    errors: list[BaseException] = []
    moments = [MONDAY_9, FRIDAY_18, SUNDAY_18, MONDAY_9 + timedelta(days=7)]

    def worker():
        async def main():
            store, runtime, bot = await instance(path, clock)
            for when in moments:
                barrier.wait()
                if threading.current_thread() is threads[0]:
                    clock.set(when)
                barrier.wait()
                await runtime.tick()
            barrier.wait()
            results.append((len(prompt_posts(bot)), len(digest_posts(bot)), len(bot.dms)))
            store.close()
        try:
            asyncio.run(main())
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert len(results) == n
    assert sum(r[0] for r in results) == 2, results  # W49 and W50, one post each
    assert sum(r[1] for r in results) == 1, results  # one digest
    assert sum(r[2] for r in results) == 1, results  # the admin's one reminder
    store = Store(connect(path))
    assert len(all_rounds(store)) == 2
    assert len(all_posts(store, status="posted")) == 3
    assert len([r for r in all_rounds(store) if r.reminded_at]) == 1


async def restart(path, clock):
    """Start like the app does: the scheduler's start catches up once."""
    store, runtime, bot = await instance(path, clock)
    scheduler = Scheduler(runtime, tick_seconds=3600)
    await scheduler.start()
    scheduler.stop()
    return store, runtime, bot


async def test_prompt_missed_by_3_hours_is_posted_once_on_start(tmp_path):
    path = tmp_path / "down.db"
    clock = FakeClock(MONDAY_9 - timedelta(days=1))
    await setup_group(path, clock)
    clock.set(MONDAY_9 + timedelta(hours=3))
    store, runtime, bot = await restart(path, clock)
    assert [p.card.period for p in bot.posts] == ["2026-W49"]
    assert store.heartbeat.last() == clock.now(), "start writes the heartbeat"
    await runtime.tick()
    _, _, bot2 = await restart(path, clock)
    assert len(bot.posts) == 1 and bot2.posts == []


async def test_prompt_missed_by_13_hours_waits_for_the_next_period(tmp_path):
    path = tmp_path / "down.db"
    clock = FakeClock(MONDAY_9 - timedelta(days=1))
    await setup_group(path, clock)
    clock.set(MONDAY_9 + timedelta(hours=13))
    store, runtime, bot = await restart(path, clock)
    assert bot.posts == [] and len(all_rounds(store)) == 0
    clock.set(MONDAY_9 + timedelta(days=7))
    await runtime.tick()
    assert [p.card.period for p in bot.posts] == ["2026-W50"]


async def test_five_weeks_down_is_no_burst(tmp_path):
    path = tmp_path / "down.db"
    clock = FakeClock(MONDAY_9)
    await setup_group(path, clock)
    store, runtime, bot = await restart(path, clock)
    await bot.say("alice", "before the outage")
    store.close()
    clock.set(MONDAY_9 + timedelta(weeks=5, hours=1))  # Monday 2027-01-04 10:00, W01
    store, runtime, bot = await restart(path, clock)
    assert bot.posts == [], "five weeks past the clock mark: the first tick waits for a second one to confirm"
    clock.advance(minutes=1)
    await runtime.tick()
    assert [p.card.period for p in prompt_posts(bot)] == ["2027-W01"]
    (digest,) = digest_posts(bot)
    assert digest.digest.period == "2026-W49" and digest.digest.notes, "the missed close is late"
    assert [r.period for r in store.rounds.of_group(1)] == ["2026-W49", "2027-W01"]


async def test_missed_close_is_caught_up_with_a_late_note(tmp_path):
    path = tmp_path / "down.db"
    clock = FakeClock(MONDAY_9)
    await setup_group(path, clock)
    store, runtime, bot = await restart(path, clock)
    await bot.say("alice", "answered before the crash")
    store.close()
    clock.set(SUNDAY_18 + timedelta(hours=2))
    store, runtime, bot = await restart(path, clock)
    (post,) = bot.posts
    d = post.digest
    assert d.entries[0].text == "answered before the crash"
    assert d.notes == ("This digest is late: the round was due to close Sun, Dec 6, 6:00 PM and closed "
                       "Sun, Dec 6, 8:00 PM.",)
    await runtime.tick()
    _, _, bot2 = await restart(path, clock)
    assert len(bot.posts) == 1 and bot2.posts == []


async def test_close_on_time_has_no_late_note(open_bot, runtime, clock):
    clock.set(SUNDAY_18 + timedelta(minutes=4))  # within a normal tick's delay
    await runtime.tick()
    assert digest_posts(open_bot)[0].digest.notes == ()


async def test_failed_post_stays_pending_and_is_delivered_once(group_bot, runtime, store, clock):
    bot = group_bot
    bot.fail_sends = 1
    await runtime.tick()
    assert bot.posts == []
    (row,) = all_posts(store)
    assert row["status"] == "pending" and row["attempts"] == 1 and "unavailable" in row["last_error"]
    assert row["claimed_at"] is None
    clock.advance(seconds=30)
    await runtime.tick()
    await runtime.tick()
    assert len(bot.posts) == 1
    (row,) = all_posts(store)
    assert (row["status"], row["attempts"], row["last_error"]) == ("posted", 2, None)


async def test_a_claim_of_a_dead_process_is_retaken(tmp_path, clock):
    path = tmp_path / "claim.db"
    await setup_group(path, clock)
    a_store, a, bot_a = await instance(path, clock)
    a.service.open_round(a_store.groups.all()[0])
    (claimed,) = a.service.claim_posts({"memory"})  # process A dies holding the claim
    b_store, b, bot_b = await instance(path, clock)
    await b.tick()
    assert bot_b.posts == [], "a fresh claim is not stolen"
    clock.advance(minutes=3)
    await b.tick()
    assert [p.post_id for p in bot_b.posts] == [claimed.post_id]
    await b.tick()
    assert len(bot_b.posts) == 1
