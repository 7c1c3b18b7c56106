"""APScheduler wiring. The scheduler only calls core use cases through the runtime.

Cron jobs fire at each group's prompt, reminder and close times in its timezone; a 30 s
tick writes the heartbeat, catches up, and retries pending posts. Missed runs are not
APScheduler's business: ``run_due`` works them out from the rounds table.
"""
from __future__ import annotations

import logging
import os

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.health import encode
from bot.runtime import Runtime
from bot.timing import trigger

log = logging.getLogger("hindsight.scheduler")
TICK_SECONDS = 30


class Scheduler:
    def __init__(self, runtime: Runtime, tick_seconds: int = TICK_SECONDS) -> None:
        self.runtime = runtime
        self.service = runtime.service
        self.tick_seconds = tick_seconds
        self.aps = AsyncIOScheduler(timezone="UTC")
        self.service.on_schedule_change(self.refresh)

    async def beat_and_tick(self) -> None:
        await self.runtime.db(self.service.store.heartbeat.beat, self.service.clock.now(), os.getpid(),
                              encode(self.runtime.connections))
        try:
            await self.runtime.tick()
        except Exception:  # noqa: BLE001 - a bad tick must not stop the scheduler
            log.exception("scheduler tick failed")

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
