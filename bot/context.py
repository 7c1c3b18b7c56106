"""What a use case is given: its dependencies (``Deps``) and the resolved event (``Ctx``).

Use cases are plain functions of a context and their inputs. ``Deps`` is built once, at the
composition root; ``Ctx`` is built per event by the router (bot/router.py). ``GroupCtx`` is a
``Ctx`` whose channel is bound to a group: most use cases need one, and the router only
calls them once it has one, so they never check for ``None``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from bot.clock import Clock
from bot.domain import Group
from bot.events import Origin
from storage.store import Store


@dataclass
class TickGuard:
    """The clock check of ``rounds.run_due`` (bot/usecases/clock_guard.py), which lives as long
    as the process."""

    last: datetime | None = None  # the last tick that acted on rounds
    held: datetime | None = None  # a tick held back as a possible clock jump
    held_mono: float = 0.0  # real elapsed time (clock.monotonic_of) when it was held back
    refused: str | None = None  # why ticks act on no round now, once logged (None: they act)


@dataclass
class Deps:
    store: Store
    clock: Clock
    default_language: str = "en"
    grace: timedelta = timedelta(hours=12)  # a prompt missed by less than this is still posted
    schedule_changed: Callable[[int], None] = lambda group_id: None  # the scheduler installs its own
    ticks: TickGuard = field(default_factory=TickGuard)
    # False: charts come back as a ChartSpec to draw (the runtime draws them in a worker thread)
    draw_charts: bool = True


@dataclass(frozen=True)
class Ctx:
    """The resolved context of an event: who, where, and the group if the channel is bound."""

    deps: Deps
    origin: Origin
    group: Group | None
    member_id: int
    lang: str
    is_admin: bool

    @property
    def store(self) -> Store:
        return self.deps.store

    @property
    def now(self) -> datetime:
        return self.deps.clock.now()


@dataclass(frozen=True)
class GroupCtx(Ctx):
    group: Group
