"""Heartbeats as a running process writes them, for tests of liveness and of the clock mark."""
from __future__ import annotations

import asyncio
import os
import time

from bot.clock import Clock, SystemClock, boot_id
from bot.runtime import Runtime
from bot.scheduler import Scheduler
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store


def beat_as_run(db, clock: Clock | None = None) -> None:
    """What one scheduler tick of ``hindsight run`` writes: the ``run`` role's heartbeat."""
    store = Store(connect(db))
    asyncio.run(Scheduler(Runtime(Hindsight(store, clock or SystemClock())), role="run").beat_and_tick())
    store.close()


def live_run_beat(db, pid: int | None = None, connections: dict | None = None) -> None:
    """A fresh ``run`` heartbeat as a live bot on this machine writes it (now, by the monotonic
    clock of this boot), under ``pid`` (default: this test process)."""
    store = Store(connect(db))
    store.heartbeat.beat(SystemClock().now(), pid or os.getpid(), connections or {}, role="run", boot=boot_id(),
                         mono=time.monotonic())
    store.close()
