"""An admin steering the cycle by hand: ``open``, ``close``, ``pause``, ``resume``."""
from __future__ import annotations

from bot import catalog, ids
from bot.actions import Action, Reply
from bot.commands import Command
from bot.context import GroupCtx
from bot.present import say
from bot.timing import period_of
from bot.usecases import clock_guard
from bot.usecases.rounds import close_round, current_round, open_round


def cmd_open(ctx: GroupCtx, cmd: Command | None = None) -> list[Action]:
    refused = _clock_refusal(ctx)  # one clock for every process on the file
    if refused:
        return refused
    rnd = open_round(ctx.deps, ctx.group)
    if rnd:
        return say(ctx, "round_opened", period=rnd.period)
    current = ctx.store.rounds.for_period(ctx.group.id, period_of(ctx.now, ctx.group.timezone))
    key = "round_already_open" if current and current.is_open else "round_exists_closed"
    return say(ctx, key, period=current.period if current else "?")


def open_button(ctx: GroupCtx, button: ids.OpenButton, event_id: str | None) -> list[Action]:
    return cmd_open(ctx)


def cmd_close(ctx: GroupCtx, cmd: Command) -> list[Action]:
    rnd = current_round(ctx.deps, ctx.group)
    if rnd is None:
        return say(ctx, "no_open_round")
    refused = _clock_refusal(ctx)
    if refused:
        return refused
    close_round(ctx.deps, rnd, late=False)
    return say(ctx, "round_closed_now", period=rnd.period)


def _clock_refusal(ctx: GroupCtx) -> list[Action]:
    """Why this process may not open or close a round now (bot/usecases/clock_guard.py), said once."""
    found = clock_guard.refusal(ctx.deps)
    if found is None:
        return []
    key, values = found
    return [Reply(catalog.t(ctx.lang, key, **values))]


def cmd_pause(ctx: GroupCtx, cmd: Command) -> list[Action]:
    ctx.store.groups.update(ctx.group.id, paused=1)
    return say(ctx, "paused", group=ctx.group.name)


def cmd_resume(ctx: GroupCtx, cmd: Command) -> list[Action]:
    ctx.store.groups.update(ctx.group.id, paused=0)
    ctx.deps.schedule_changed(ctx.group.id)
    return say(ctx, "resumed", group=ctx.group.name)
