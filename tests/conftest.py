"""Shared fixtures: a fake clock, a store and service on a real SQLite file, and ``bot``.

``bot`` is the one-line fixture (like errbot's ``testbot``): a MemoryAdapter started in a
Runtime, with "admin" as a platform admin. Push events with ``bot.command(...)``,
``bot.say(...)``, ``bot.click(...)``; read ``bot.replies``, ``bot.posts`` and ``bot.dms``.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from adapters.memory import MemoryAdapter
from bot.clock import FakeClock
from bot.runtime import Runtime
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store

# Monday 2026-11-30 09:00 UTC: the default prompt time of ISO week 2026-W49.
MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "hindsight.db"


@pytest.fixture
def store(db_path):
    s = Store(connect(db_path))
    yield s
    s.close()


@pytest.fixture
def service(store, clock) -> Hindsight:
    return Hindsight(store, clock)


@pytest.fixture
def runtime(service):
    return Runtime(service)


@pytest.fixture
async def bot(runtime):
    adapter = MemoryAdapter(admins={"admin"})
    runtime.add_adapter(adapter)
    await runtime.start_adapters()
    yield adapter
    await runtime.stop()
