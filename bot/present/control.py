"""Words for an admin steering the cycle: a round opened or closed by hand, paused, resumed,
or held back by the clock check."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, Reply
from bot.present.format import Week
from bot.results.control import ClockHeld, PausedOrResumed, RoundClosedNow, RoundNotOpened, RoundOpened


def opened(lang: str, result: RoundOpened) -> list[Action]:
    return [Reply(catalog.t(lang, "round_opened", period=Week(result.period)))]


def not_opened(lang: str, result: RoundNotOpened) -> list[Action]:
    key = "round_exists_closed" if result.closed else "round_already_open"
    return [Reply(catalog.t(lang, key, period=Week(result.period)))]


def closed_now(lang: str, result: RoundClosedNow) -> list[Action]:
    return [Reply(catalog.t(lang, "round_closed_now", period=Week(result.period)))]


def paused(lang: str, result: PausedOrResumed) -> list[Action]:
    return [Reply(catalog.t(lang, "paused" if result.paused else "resumed", group=result.group))]


def clock_held(lang: str, result: ClockHeld) -> list[Action]:
    return [Reply(catalog.t(lang, result.key, **dict(result.values)))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    RoundOpened: opened,
    RoundNotOpened: not_opened,
    RoundClosedNow: closed_now,
    PausedOrResumed: paused,
    ClockHeld: clock_held,
}
