"""An admin steering the cycle by hand: ``open``, ``close``, ``pause``, ``resume``."""
from __future__ import annotations

from bot import ids
from bot.commands import Command
from bot.context import GroupCtx
from bot.results import NoOpenRound, Outcome
from bot.results.control import ClockHeld, PausedOrResumed, RoundClosedNow, RoundNotOpened, RoundOpened
from bot.timing import period_of
from bot.usecases import clock_guard
from bot.usecases.rounds import close_round, current_round, open_round


def cmd_open(ctx: GroupCtx, cmd: Command | None = None) -> list[Outcome]:
    refused = _clock_refusal(ctx)  # one clock for every process on the file
    if refused:
        return refused
    rnd = open_round(ctx.deps, ctx.group)
    if rnd:
        return [RoundOpened(rnd.period)]
    current = ctx.store.rounds.for_period(ctx.group.id, period_of(ctx.now, ctx.group.timezone))
    if current is None:  # the insert lost to another process's, which then vanished: nothing to name
        return [RoundNotOpened(period_of(ctx.now, ctx.group.timezone), closed=True)]
    return [RoundNotOpened(current.period, closed=not current.is_open)]


def open_button(ctx: GroupCtx, button: ids.OpenButton, event_id: str | None) -> list[Outcome]:
    return cmd_open(ctx)


def cmd_close(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    rnd = current_round(ctx.deps, ctx.group)
    if rnd is None:
        return [NoOpenRound()]
    refused = _clock_refusal(ctx)
    if refused:
        return refused
    close_round(ctx.deps, rnd, late=False)
    return [RoundClosedNow(rnd.period)]


def _clock_refusal(ctx: GroupCtx) -> list[Outcome]:
    """Why this process may not open or close a round now (bot/usecases/clock_guard.py), said once."""
    found = clock_guard.refusal(ctx.deps)
    if found is None:
        return []
    key, values = found
    return [ClockHeld(key, tuple(sorted(values.items())))]


def cmd_pause(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    ctx.store.groups.update(ctx.group.id, paused=1)
    return [PausedOrResumed(ctx.group.name, paused=True)]


def cmd_resume(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    ctx.store.groups.update(ctx.group.id, paused=0)
    ctx.deps.schedule_changed(ctx.group.id)
    return [PausedOrResumed(ctx.group.name, paused=False)]
