"""APScheduler wiring. The scheduler only calls core use cases through the runtime.

Cron jobs fire at each group's prompt, reminder and close times in its timezone; a 30 s
tick catches up, retries pending posts and writes the heartbeat of this process's role.
Missed runs are not APScheduler's business: ``run_due`` works them out from the rounds table.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import time

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import INSTANCE_ID, FixedClock, boot_id
from bot.health import encode
from bot.runtime import Runtime
from bot.timing import trigger

log = logging.getLogger("hindsight.scheduler")
TICK_SECONDS = 30


class Scheduler:
    def __init__(self, runtime: Runtime, tick_seconds: int = TICK_SECONDS, *, role: str = "run") -> None:
        self.runtime = runtime
        self.service = runtime.service
        self.tick_seconds = tick_seconds
        self.role = role  # the heartbeat this process writes: run, console, ...
        self.aps = AsyncIOScheduler(timezone="UTC")
        self.service.on_schedule_change(self.refresh)
        self._failing: dict[str, str] = {}  # "tick" / "heartbeat" -> the error logged, while it lasts

    async def beat_and_tick(self) -> None:
        """Catch up, then write this role's heartbeat and, unless the clock is fixed, raise the
        clock mark to the last tick that acted on rounds (bot/usecases/clock_guard.py). A
        failure (a full disk, a locked file) is logged once when it starts or changes, and
        once when it ends; never a traceback every tick. The heartbeat is written on the
        database thread (``runtime.db``), like every other database call of the runtime."""
        try:
            await self.runtime.tick()
        except sqlite3.Error as exc:
            self._failed("tick", exc)
        except Exception as exc:  # noqa: BLE001 - a bad tick must not stop the scheduler
            self._failed("tick", exc, trace=True)
        else:
            self._recovered("tick")
        clock = self.service.clock
        mark = None if isinstance(clock, FixedClock) else self.service.deps.ticks.last
        try:
            await self.runtime.db(self.service.store.heartbeat.beat, clock.now(), os.getpid(),
                                  encode(self.runtime.connections), role=self.role, boot=boot_id(),
                                  mono=time.monotonic(), instance=INSTANCE_ID, mark=mark)
        except sqlite3.Error as exc:
            self._failed("heartbeat", exc)
        else:
            self._recovered("heartbeat")

    def _failed(self, what: str, exc: BaseException, *, trace: bool = False) -> None:
        said = f"{type(exc).__name__}: {exc}"
        if self._failing.get(what) == said:
            return
        self._failing[what] = said
        if trace:
            log.exception("scheduler %s failed: %s", what, said)
        else:
            log.warning("scheduler %s failed: %s (said once; retried every tick)", what, said)

    def _recovered(self, what: str) -> None:
        if self._failing.pop(what, None) is not None:
            log.info("scheduler %s works again", what)

    def refresh(self, group_id: int) -> None:
        """(Re)install one group's cron jobs, after start or a settings change. It reads the
        group, so it runs on the database thread (from a use case, or ``start``); APScheduler's
        job changes are thread-safe (its lock, and a wake-up posted to the loop)."""
        group = self.service.store.groups.get(group_id)
        for kind in ("prompt", "remind", "close"):
            job_id = f"group{group_id}-{kind}"
            if self.aps.get_job(job_id):
                self.aps.remove_job(job_id)
            if group is None:
                continue  # a group that is gone has no jobs
            day = getattr(group.schedule, f"{kind}_day")
            hhmm = getattr(group.schedule, f"{kind}_time")
            if day is None or not hhmm:
                continue
            self.aps.add_job(self.beat_and_tick, trigger(day, hhmm, group.timezone), id=job_id,
                             misfire_grace_time=None, coalesce=True, max_instances=1)

    async def start(self) -> None:
        """Catch up once, then run the jobs."""
        await self.beat_and_tick()
        self.aps.add_job(self.beat_and_tick, "interval", seconds=self.tick_seconds, id="tick",
                         coalesce=True, max_instances=1)
        for group in await self.runtime.db(self.service.store.groups.all):
            await self.runtime.db(self.refresh, group.id)
        self.aps.start()
        log.info("scheduler started with %d job(s)", len(self.aps.get_jobs()))

    def stop(self) -> None:
        if self.aps.running:
            self.aps.shutdown(wait=False)
