"""Words for ``prompts``: the rotation, a prompt added, removed or chosen for the next round.
A prompt's kind reads as it is typed in ``prompts add`` (``prediction 12m``)."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, Reply
from bot.present import clip, prompt_text
from bot.results.prompts import (PromptAdded, PromptNextSet, PromptNotFound, PromptRemoved, PromptsListed,
                                 PromptsUsage)

DATED_KINDS = ("prediction", "call")


def kind_label(kind: str, horizon_months: int | None) -> str:
    """``text``, ``scale``, ``prediction 12m``, ``call 6m``: as ``prompts add`` takes it."""
    return f"{kind} {horizon_months}m" if kind in DATED_KINDS and horizon_months else kind


def listed(lang: str, result: PromptsListed) -> list[Action]:
    lines = [catalog.t(lang, "prompts_head", group=result.group)]
    for p, used in result.prompts:
        own = "*" if p.group_id else " "
        key = f"[{p.key}] " if p.key else ""
        lines.append(f"{p.id:>3}{own} {kind_label(p.kind, p.horizon_months):<15} ×{used}  {key}{prompt_text(p, lang).splitlines()[0]}")
    if result.next_ref is not None:
        lines.append(catalog.t(lang, "prompts_next_line", id=result.next_ref))
    return [Reply("\n".join(lines))]


def added(lang: str, result: PromptAdded) -> list[Action]:
    return [Reply(catalog.t(lang, "prompt_added", id=result.id))]


def removed(lang: str, result: PromptRemoved) -> list[Action]:
    text = catalog.t(lang, "prompt_removed", id=result.id)
    if result.was_next:
        text += "\n" + catalog.t(lang, "prompt_next_cancelled")
    return [Reply(text)]


def not_found(lang: str, result: PromptNotFound) -> list[Action]:
    return [Reply(catalog.t(lang, "prompt_not_found", id=result.ref))]


def next_set(lang: str, result: PromptNextSet) -> list[Action]:
    p = result.prompt
    return [Reply(catalog.t(lang, "prompt_next_set", id=p.key or p.id, kind=kind_label(p.kind, p.horizon_months),
                            prompt=clip(prompt_text(p, lang).splitlines()[0], 200)))]


def usage(lang: str, result: PromptsUsage) -> list[Action]:
    return [Reply(catalog.t(lang, "prompts_usage"))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    PromptsListed: listed,
    PromptAdded: added,
    PromptRemoved: removed,
    PromptNotFound: not_found,
    PromptNextSet: next_set,
    PromptsUsage: usage,
}
