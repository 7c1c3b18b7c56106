"""The core, assembled: a thin facade over ``Deps`` and the use-case modules.

The composition root (bot/app.py), the scheduler, the runtime, the CLI and the tests hold a
``Hindsight``; each method is one use case, found by name in bot/usecases/. Inbound events go
through ``handle``, which is bot/router.py. The service is synchronous; the runtime calls it
on its one database thread (bot/dbthread.py), never on the loop that owns the adapters.
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable

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
from bot.usecases import outbox, rounds
from storage.store import Store


class Hindsight:
    def __init__(self, store: Store, clock: Clock, *, default_language: str = "en", seed: bool = True) -> None:
        self.deps = Deps(store, clock, default_language)
        if seed:  # read-only commands pass seed=False: they never write (DESIGN.md, Trust rules)
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
        """What is due now; the reminders come back as DMs in their groups' languages."""
        return in_their_groups(rounds.run_due(self.deps))

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
