"""The runtime: one asyncio loop that owns the scheduler and every adapter.

Adapters call ``await runtime.handle(event)`` and render the returned actions. Channel posts
(prompts, digests) go through the outbox in SQLite, which ``flush()`` delivers. Every call
into the (synchronous) service runs on the database thread (``runtime.db``, bot/dbthread.py),
and charts are drawn in a worker thread, so the loop never waits on the disk: a write lock
held by another process delays only the database work, never an ack or a heartbeat.
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import sqlite3
import time
from datetime import timedelta
from typing import Callable, Protocol

from bot.actions import Action, ChannelPost, DigestPost, DirectMessage, PostResult, Reply, Upload
from bot.dbthread import DbRunner, SameThread
from bot.digest import ChartSpec
from bot.events import ConnectionChanged, Event
from bot.health import STATES, Connection, ConnectionState, lost_connection
from bot.service import Hindsight
from bot.present.charts import render

log = logging.getLogger("hindsight.runtime")


class Inbox:
    """What an adapter is given instead of the runtime: call it with an inbound event (it
    returns what to show the person) or a ``ConnectionChanged``; ``settle()`` waits until the
    posts caused so far are delivered (the console and the memory adapter use it to keep
    their output in order)."""

    def __init__(self, runtime: "Runtime") -> None:
        self._runtime = runtime

    async def __call__(self, item: Event | ConnectionChanged) -> list[Action]:
        if isinstance(item, ConnectionChanged):
            self._runtime.connection_changed(item.platform, item.state)
            return []
        return await self._runtime.handle(item)

    async def settle(self) -> None:
        await self._runtime.flush()

    @property
    def accepting(self) -> bool:
        return self._runtime.accepting


class Adapter(Protocol):
    """What a platform adapter provides. ``send`` raises on failure; the post is retried."""

    platform: str

    async def start(self, inbox: Inbox) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None: ...


class Runtime:
    def __init__(self, service: Hindsight, adapters: list[Adapter] | None = None, *,
                 db: DbRunner | None = None) -> None:
        self.service = service
        # Every service call goes through ``await self.db(...)``: the database thread in
        # ``hindsight run`` and the console, the caller's own thread when none is given.
        self.db: DbRunner = db or SameThread()
        service.deps.draw_charts = False  # charts come back undrawn; _drawn draws them off the loop
        # Posts this process sent whose mark (post_delivered) failed: post id -> what the platform
        # said. They are never sent again; their marks are retried before anything else.
        self.unmarked: dict[int, PostResult] = {}
        self.adapters: dict[str, Adapter] = {}
        for adapter in adapters or []:
            self.add_adapter(adapter)
        self._flush_lock = asyncio.Lock()
        self._accepting = True
        self._background: set[asyncio.Task] = set()
        self.connections: dict[str, Connection] = {}
        # Outages are timed on a monotonic clock, so a jumping wall clock cannot fake or hide one.
        self.monotonic: Callable[[], float] = time.monotonic
        self._changed_at: dict[str, float] = {}
        self.on_connection_lost: Callable[[str], None] | None = None

    def connection_changed(self, platform: str, state: str) -> None:
        """An adapter reports its connection: up, reconnecting (it is retrying) or down (it gave up).

        The heartbeat carries these states to ``hindsight healthcheck``; a connection that is
        down, or not up again within 2 minutes, ends the process (``watch``)."""
        if state not in STATES:
            raise ValueError(f"unknown connection state {state!r}")
        current = self.connections.get(platform)
        if current is not None and current.state == state:
            return
        typed: ConnectionState = state  # type: ignore[assignment]  # checked against STATES above
        self.connections[platform] = Connection(typed, self.service.clock.now())
        self._changed_at[platform] = self.monotonic()
        (log.info if state == "up" else log.warning)("%s connection: %s", platform, state)
        if state == "down":
            self._check_connections()

    def _check_connections(self) -> None:
        mono = self.monotonic()
        lost = lost_connection({p: (c.state, timedelta(seconds=mono - self._changed_at[p]))
                                for p, c in self.connections.items()})
        if lost is not None and self.on_connection_lost is not None:
            callback, self.on_connection_lost = self.on_connection_lost, None  # once
            log.error("%s connection did not come back; stopping so the process can be restarted", lost)
            callback(lost)

    async def watch(self, every: float = 5.0) -> None:
        """Check the connections every few seconds until cancelled."""
        while True:
            await asyncio.sleep(every)
            self._check_connections()

    def add_adapter(self, adapter: Adapter) -> None:
        self.adapters[adapter.platform] = adapter

    @property
    def accepting(self) -> bool:
        return self._accepting

    async def handle(self, event: Event) -> list[Action]:
        """Handle an inbound event. The answer is durable before this returns."""
        if not self._accepting:
            return []
        actions = await self.db(self.service.handle, event)
        self.kick()
        return [await self._drawn(a) for a in actions]

    def kick(self) -> None:
        """Deliver pending posts soon, without making the caller wait."""
        if not self._accepting:
            return
        task = asyncio.get_running_loop().create_task(self.flush())
        self._background.add(task)
        task.add_done_callback(self._flushed)

    def _flushed(self, task: asyncio.Task) -> None:
        """A background flush ended: its failure is logged here, so none goes unretrieved."""
        self._background.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:  # a database error in one line; anything else with its traceback
            log.error("delivering posts failed: %s", _describe(exc),
                      exc_info=None if isinstance(exc, sqlite3.Error) else exc)

    async def flush(self) -> int:
        """Deliver the outbox. A failure is logged with its channel, and retried on the next tick.

        A post the platform took is never sent again by this process, even when marking it
        failed (a full disk): the mark waits in ``unmarked`` and is retried first, before
        anything new is claimed. A database error ends the flush with one log line."""
        delivered = 0
        async with self._flush_lock:
            try:
                if not await self._mark_unmarked():
                    return 0
                posts = await self.db(self.service.claim_posts, set(self.adapters))
            except sqlite3.Error as exc:
                log.warning("claiming posts failed, retried on the next tick: %s", _describe(exc))
                return 0
            for post in posts:
                if post.post_id in self.unmarked:
                    continue  # sent already; only its mark is missing
                adapter = self.adapters[post.channel.platform]
                try:
                    result = await adapter.send(await self._drawn_post(post))
                except Exception as exc:  # noqa: BLE001 - any platform error keeps the post pending
                    log.warning("post %s (%s) to %s channel %s failed: %s", post.post_id, type(post).__name__,
                                post.channel.platform, post.channel.channel_id, _describe(exc))
                    await self._db_quietly(f"releasing post {post.post_id}", self.service.post_failed,
                                           post.post_id, _describe(exc))
                    continue
                delivered += 1
                self.unmarked[post.post_id] = result or PostResult(message_id="")
                await self._mark(post.post_id)
        return delivered

    async def _mark(self, post_id: int) -> bool:
        """Mark a sent post as posted; on failure it stays in ``unmarked`` for the next flush."""
        ok = await self._db_quietly(f"post {post_id} was sent but marking it", self.service.post_delivered,
                                    post_id, self.unmarked[post_id])
        if ok:
            del self.unmarked[post_id]
        return ok

    async def _mark_unmarked(self) -> bool:
        """Retry the marks that failed. True when none is left."""
        for post_id in list(self.unmarked):
            if not await self._mark(post_id):
                return False
        return True

    async def _db_quietly(self, what: str, fn: Callable[..., object], *args: object) -> bool:
        """Run a database call whose failure must not end the flush: one log line, no traceback."""
        try:
            await self.db(fn, *args)
            return True
        except sqlite3.Error as exc:
            log.warning("%s failed, retried on the next flush: %s", what, _describe(exc))
            return False

    async def _drawn(self, action: Action) -> Action:
        """An ``Upload`` with its chart drawn in a worker thread (not on the loop, not on the
        database thread); if drawing fails, its comment (the sparkline line) is the reply."""
        if not isinstance(action, Upload) or action.chart is None:
            return action
        png = await self._draw(action.chart)
        if png is None:
            return Reply(action.comment)
        return dataclasses.replace(action, content=png, chart=None)

    async def _drawn_post(self, post: ChannelPost) -> ChannelPost:
        """A digest post with its chart drawn in a worker thread; without it if that fails."""
        if not isinstance(post, DigestPost) or post.digest.chart is None:
            return post
        png = await self._draw(post.digest.chart)
        return dataclasses.replace(post, digest=dataclasses.replace(post.digest, chart_png=png, chart=None))

    async def _draw(self, chart: ChartSpec) -> bytes | None:
        try:
            return await asyncio.to_thread(render, chart)
        except Exception as exc:  # noqa: BLE001 - a chart that cannot be drawn leaves its text line
            log.warning("drawing a chart failed: %s", _describe(exc))
            return None

    async def send_direct(self, messages: list[Action]) -> None:
        for dm in messages:
            if not isinstance(dm, DirectMessage):
                continue
            adapter = self.adapters.get(dm.member.platform)
            if adapter is None:
                log.info("no %s adapter running; reminder to %s not sent", dm.member.platform, dm.member.user_id)
                continue
            try:
                await adapter.send(dm)
            except Exception as exc:  # noqa: BLE001 - closed DMs and the like: log and go on
                log.warning("reminder to %s on %s not sent: %s", dm.member.user_id, dm.member.platform,
                            _describe(exc))

    async def tick(self) -> None:
        """Catch up on whatever is due, send reminders, deliver the outbox."""
        if not self._accepting:
            return
        await self.send_direct(await self.db(self.service.run_due))
        await self.flush()

    async def start_adapters(self) -> None:
        for adapter in self.adapters.values():
            await adapter.start(Inbox(self))

    async def stop(self) -> None:
        """Stop taking events, let in-flight deliveries finish, then close the adapters."""
        self._accepting = False
        if self._background:
            await asyncio.wait(list(self._background), timeout=3)
        if self.unmarked:  # a last try, so that a restart does not send them again
            async with self._flush_lock:
                await self._mark_unmarked()
        adapters = list(self.adapters.values())
        results = await asyncio.gather(
            *(asyncio.wait_for(a.stop(), timeout=3) for a in adapters), return_exceptions=True)
        for adapter, result in zip(adapters, results):
            if isinstance(result, BaseException):
                log.warning("stopping %s adapter: %s", adapter.platform, _describe(result))


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]
