"""Words for the hype radar: in chat, in the digest and on the command line."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, Reply
from bot.radar import Term
from bot.results.radar import RadarShown, RadarTooFew, RadarUsage, RadarView

SHOWN = 5  # terms per side in chat and in the digest


def _terms(lang: str, terms: tuple[Term, ...], limit: int) -> str:
    return ", ".join(catalog.t(lang, "radar_term", term=t.term, now=t.now, before=t.before) for t in terms[:limit])


def lines(lang: str, view: RadarView, group: str, limit: int = SHOWN, *, head: str = "radar_head") -> list[str]:
    """The radar as lines of text: a heading, then what rose and what fell (or that nothing did)."""
    out = [catalog.t(lang, head, group=group, weeks=view.weeks, earlier=view.earlier)]
    r = view.radar
    if not r.rising and not r.falling:
        out.append(catalog.t(lang, "radar_quiet"))
        return out
    if r.rising:
        out.append(catalog.t(lang, "radar_rising", terms=_terms(lang, r.rising, limit)))
    if r.falling:
        out.append(catalog.t(lang, "radar_falling", terms=_terms(lang, r.falling, limit)))
    return out


def digest_section(lang: str, view: RadarView | None, group: str = "") -> tuple[str, ...]:
    """The radar section of a digest (empty without a radar)."""
    return tuple(lines(lang, view, group, head="radar_digest_head")) if view is not None else ()


def too_few(lang: str, result: RadarTooFew) -> str:
    return catalog.t(lang, "radar_too_few", group=result.group, weeks=result.weeks, need=result.weeks + 1,
                     count=result.count)


def shown(lang: str, result: RadarShown) -> list[Action]:
    return [Reply("\n".join(lines(lang, result.view, result.group)))]


def refused(lang: str, result: RadarTooFew) -> list[Action]:
    return [Reply(too_few(lang, result))]


def usage(lang: str, result: RadarUsage) -> list[Action]:
    return [Reply(catalog.t(lang, "radar_usage", max=result.max_weeks, default=result.default_weeks))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    RadarShown: shown,
    RadarTooFew: refused,
    RadarUsage: usage,
}
