"""The core, assembled: a thin facade over ``Deps`` and the use-case modules.

The composition root (bot/app.py), the scheduler, the runtime, the CLI and the tests hold a
``Hindsight``; each method is one use case, found by name in bot/usecases/. Inbound events go
through ``handle``, which is bot/router.py. The service is synchronous; the runtime calls it
on its one database thread (bot/dbthread.py), never on the loop that owns the adapters.
"""
from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from typing import Callable

import sqlite_utils

from bot import router
from bot.actions import Action, ChannelPost, PostResult
from bot.clock import Clock
from bot.context import Deps
from bot.digest import Digest
from bot.domain import Group, Round
from bot.events import Event
from bot.present.digests import present_digest
from bot.present.render import in_their_groups, render_posts
from bot.prompt_library import BUILTIN_PROMPTS
from bot.usecases import clock_guard, outbox, rounds
from storage.db import cause_of
from storage.prompts import PromptRows
from storage.store import Store

log = logging.getLogger("hindsight.service")


def seeding(clock: Clock) -> Callable[[sqlite_utils.Database], None]:
    """The built-in prompts' seeding, for ``storage.db.connect(prepare=...)``: it runs in the
    migrations' transaction, so a first start that fails half-way (a full disk) leaves the
    file as it was and the next start does all of it. The service is then built with
    ``seed=False``."""
    def seed(db: sqlite_utils.Database) -> None:
        PromptRows(db).seed_builtins(BUILTIN_PROMPTS, clock.now())
    return seed


class Hindsight:
    def __init__(self, store: Store, clock: Clock, *, default_language: str = "en", seed: bool = True) -> None:
        self.deps = Deps(store, clock, default_language)
        self._unopened: dict[int, Group] = {}  # first rounds that could not be written yet
        self._due_failing: str | None = None  # why the last catch-up failed, logged once
        if seed:  # read-only commands pass seed=False: they never write (ARCHITECTURE.md, Trust rules)
            store.prompts.seed_builtins(BUILTIN_PROMPTS, clock.now())

    @property
    def store(self) -> Store:
        return self.deps.store

    @property
    def clock(self) -> Clock:
        return self.deps.clock

    @property
    def default_language(self) -> str:
        return self.deps.default_language

    def on_schedule_change(self, callback: Callable[[int], None]) -> None:
        """The scheduler (re)installs a group's cron jobs when its schedule changes."""
        self.deps.schedule_changed = callback

    def handle(self, event: Event) -> list[Action]:
        return router.handle(self.deps, event)

    def run_due(self) -> list[Action]:
        """Catch-up, reminders and revisits; the reminders come back as DMs in their groups'
        languages. A tick that cannot write (a full disk, a locked
        file) does nothing and logs one line when the cause changes; the next tick tries again."""
        try:
            for group_id, group in list(self._unopened.items()):
                if clock_guard.refusal(self.deps) is not None:
                    break  # this process may not act on rounds now (bot/usecases/clock_guard.py)
                self.open_round(group)
                del self._unopened[group_id]
            out = in_their_groups(rounds.run_due(self.deps))
        except sqlite3.OperationalError as exc:
            cause = cause_of(exc, self.store.db)
            if cause != self._due_failing:
                log.warning("catch-up not done (%s: %s); trying again on the next tick", cause, exc)
            self._due_failing = cause
            return []
        if self._due_failing is not None:
            log.info("catch-up works again")
            self._due_failing = None
        return out

    def open_first_round(self, group: Group) -> Round | None:
        """A new group's first round, opened now. If it cannot be written (a full disk), one
        line says so and every tick tries again until it opens."""
        try:
            return self.open_round(group)
        except sqlite3.OperationalError as exc:
            self._unopened[group.id] = group
            log.warning("the first round of group %s was not opened (%s: %s); trying again on every tick",
                        group.name, cause_of(exc, self.store.db), exc)
            return None

    def open_round(self, group: Group, scheduled: datetime | None = None) -> Round | None:
        return rounds.open_round(self.deps, group, scheduled)

    def close_round(self, rnd: Round, *, late: bool) -> bool:
        return rounds.close_round(self.deps, rnd, late=late)

    def remind(self, group: Group, rnd: Round) -> list[Action]:
        return in_their_groups(rounds.remind(self.deps, group, rnd))

    def build_digest(self, rnd: Round) -> Digest:
        return present_digest(self.deps, rnd)

    def claim_posts(self, platforms: set[str]) -> list[ChannelPost]:
        return render_posts(outbox.claim_posts(self.deps, platforms))

    def post_delivered(self, post_id: int, result: PostResult) -> None:
        outbox.post_delivered(self.deps, post_id, result)

    def post_failed(self, post_id: int, error: str) -> None:
        outbox.post_failed(self.deps, post_id, error)
