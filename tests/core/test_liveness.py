"""Liveness: connection states in the heartbeat, the 2-minute rule, and ``hindsight healthcheck``."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from bot.app import EXIT_CONNECTION_LOST, serve
from bot.config import Config
from bot.events import ConnectionChanged
from bot.health import Connection, assess, decode, encode, lost_connection
from bot.scheduler import Scheduler
from storage.db import connect
from storage.store import Store
from tests.core.proc import hindsight

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def up(ago: float = 0, state: str = "up") -> Connection:
    return Connection(state, NOW - timedelta(seconds=ago))  # type: ignore[arg-type]


# the rules, as pure functions ------------------------------------------------------------------
def test_fresh_heartbeat_with_nothing_configured_is_healthy():
    verdict = assess(NOW - timedelta(seconds=10), {}, set(), NOW)
    assert verdict.healthy and "10s ago" in verdict.reason


@pytest.mark.parametrize("beat, why", [
    (None, "missing"),
    (NOW - timedelta(seconds=91), "stale"),
    (NOW + timedelta(seconds=61), "future"),
])
def test_heartbeat_missing_stale_or_from_the_future_is_unhealthy(beat, why):
    verdict = assess(beat, {}, set(), NOW)
    assert not verdict.healthy and why in verdict.reason


def test_a_heartbeat_a_little_ahead_is_tolerated():
    assert assess(NOW + timedelta(seconds=30), {}, set(), NOW).healthy


def test_configured_platform_that_never_connected_is_unhealthy():
    verdict = assess(NOW, {"discord": up()}, {"discord", "slack"}, NOW)
    assert not verdict.healthy and verdict.reason == "slack: not connected"


def test_reconnecting_is_healthy_for_two_minutes_then_not():
    assert assess(NOW, {"slack": up(119, "reconnecting")}, {"slack"}, NOW).healthy
    verdict = assess(NOW, {"slack": up(121, "reconnecting")}, {"slack"}, NOW)
    assert not verdict.healthy and verdict.reason.startswith("slack: reconnecting since")


def test_down_is_unhealthy_at_once():
    assert not assess(NOW, {"discord": up(1, "down")}, {"discord"}, NOW).healthy


def test_lost_connection_rule():
    minute, three = timedelta(minutes=1), timedelta(minutes=3)
    assert lost_connection({"slack": ("up", three)}) is None
    assert lost_connection({"slack": ("reconnecting", minute)}) is None
    assert lost_connection({"slack": ("reconnecting", three)}) == "slack"
    assert lost_connection({"discord": ("down", timedelta(0)), "slack": ("up", three)}) == "discord"


def test_encode_decode_round_trip_and_garbage():
    states = {"slack": up(5), "discord": up(7, "reconnecting")}
    assert decode(encode(states)) == states
    assert decode("nonsense") == {}
    assert decode({"x": {"state": "sideways", "since": NOW.isoformat()}, "y": {"state": "up", "since": "no"},
                   "z": {"state": "up", "since": "2026-01-01T00:00:00"}}) == {}


# the runtime -----------------------------------------------------------------------------------
async def test_down_ends_the_process_once(runtime):
    lost = []
    runtime.on_connection_lost = lost.append
    runtime.connection_changed("slack", "up")
    runtime.connection_changed("slack", "down")
    runtime.connection_changed("slack", "reconnecting")
    runtime.connection_changed("slack", "down")
    assert lost == ["slack"]


async def test_reconnecting_past_two_minutes_ends_the_process(runtime):
    mono = [1000.0]
    runtime.monotonic = lambda: mono[0]
    lost = []
    runtime.on_connection_lost = lost.append
    runtime.connection_changed("discord", "reconnecting")
    watcher = asyncio.create_task(runtime.watch(every=0.01))
    try:
        mono[0] += 110
        await asyncio.sleep(0.05)
        assert lost == []
        runtime.connection_changed("discord", "up")  # it came back: the clock starts again
        runtime.connection_changed("discord", "reconnecting")
        mono[0] += 119
        await asyncio.sleep(0.05)
        assert lost == []
        mono[0] += 2
        await asyncio.sleep(0.05)
        assert lost == ["discord"]
    finally:
        watcher.cancel()


async def test_a_wall_clock_jump_is_not_an_outage(runtime, clock):
    lost = []
    runtime.on_connection_lost = lost.append
    runtime.connection_changed("slack", "reconnecting")
    clock.advance(days=365)
    runtime._check_connections()
    assert lost == []


async def test_unknown_state_is_a_programming_error(runtime):
    with pytest.raises(ValueError):
        runtime.connection_changed("slack", "sideways")


async def test_heartbeat_carries_connection_states(runtime, store, clock):
    runtime.connection_changed("slack", "up")
    runtime.connection_changed("discord", "reconnecting")
    await Scheduler(runtime).beat_and_tick()
    assert store.heartbeat.last() == clock.now()
    states = decode(store.heartbeat.connections())
    assert {p: c.state for p, c in states.items()} == {"slack": "up", "discord": "reconnecting"}
    assert states["discord"].since == clock.now()


class _GivesUp:
    """An adapter whose connection fails for good right after start."""

    platform = "fake"

    def __init__(self) -> None:
        self.task: asyncio.Task | None = None

    async def start(self, inbox) -> None:
        async def give_up() -> None:
            await asyncio.sleep(0.05)
            await inbox(ConnectionChanged("fake", "down"))

        self.task = asyncio.get_running_loop().create_task(give_up())

    async def stop(self) -> None:
        pass

    async def send(self, action):
        raise RuntimeError("not connected")


async def test_serve_exits_non_zero_when_a_connection_is_lost(tmp_path, monkeypatch):
    import adapters

    monkeypatch.setattr(adapters, "build_platform_adapters", lambda config: [_GivesUp()])
    config = Config(db_path=str(tmp_path / "h.db"), discord_token="x" * 10)
    code = await asyncio.wait_for(serve(config), timeout=20)
    assert code == EXIT_CONNECTION_LOST


# the command, in another process ---------------------------------------------------------------
def _beat(db, at: datetime, connections: dict) -> None:
    store = Store(connect(db))
    store.heartbeat.beat(at, 1, connections)
    store.close()


@pytest.mark.slow
def test_healthcheck_command_reads_connection_states(tmp_path):
    db = tmp_path / "h.db"
    now = datetime.now(timezone.utc)
    _beat(db, now, encode({"slack": Connection("up", now)}))
    assert hindsight("healthcheck", db=db, cwd=tmp_path).returncode == 0
    out = hindsight("healthcheck", db=db, cwd=tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1", DISCORD_TOKEN="d" * 20)
    assert out.returncode == 1 and "discord: not connected" in out.stderr
    _beat(db, now, encode({"slack": Connection("reconnecting", now - timedelta(minutes=3))}))
    out = hindsight("healthcheck", db=db, cwd=tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1")
    assert out.returncode == 1 and "slack: reconnecting" in out.stderr
    _beat(db, now + timedelta(minutes=10), {})
    out = hindsight("healthcheck", db=db, cwd=tmp_path)
    assert out.returncode == 1 and "future" in out.stderr
