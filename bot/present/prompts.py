"""Words for ``prompts``: the rotation, a prompt added, removed or chosen for the next round.
A prompt's kind is shown in words (ko 서술형/점수형/예측/전망, en text/scale/prediction/call, with
its horizon: `예측 12개월`, `prediction, 12 months`); ``kind_label`` keeps the syntax ``prompts add``
takes (``prediction 12m``) for the command line's listing."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from bot import catalog
from bot.actions import Action, Reply
from bot.catalog import Localized
from bot.present import clip, prompt_text
from bot.present.format import Count
from bot.results.prompts import (PromptAdded, PromptNextSet, PromptNotFound, PromptRemoved, PromptsListed,
                                 PromptsUsage)

DATED_KINDS = ("prediction", "call")


def kind_label(kind: str, horizon_months: int | None) -> str:
    """``text``, ``scale``, ``prediction 12m``, ``call 6m``: as ``prompts add`` takes it."""
    return f"{kind} {horizon_months}m" if kind in DATED_KINDS and horizon_months else kind


def kind_words(lang: str, kind: str, horizon_months: int | None) -> str:
    """ko `서술형`, `점수형`, `예측 12개월`, `전망 6개월`; en `text`, `scale`, `prediction, 12 months`."""
    lang = "ko" if lang == "ko" else "en"
    key = "kind_text"
    if kind == "scale":
        key = "kind_scale"
    elif kind == "prediction":
        key = "kind_prediction"
    elif kind == "call":
        key = "kind_call"
    words = catalog.t(lang, key)
    if kind in DATED_KINDS and horizon_months:
        return catalog.t(lang, "kind_horizon", kind=words, months=Count(horizon_months, "month", "months", "개월"))
    return words


@dataclass(frozen=True)
class KindWords(Localized):
    kind: str
    horizon_months: int | None

    def localize(self, lang: str) -> str:
        return kind_words(lang, self.kind, self.horizon_months)


def listed(lang: str, result: PromptsListed) -> list[Action]:
    lines = [catalog.t(lang, "prompts_head", group=result.group)]
    for p, used in result.prompts:
        own = "*" if p.group_id else " "
        key = f"[{p.key}] " if p.key else ""
        lines.append(f"{p.id:>3}{own} {kind_words(lang, p.kind, p.horizon_months):<20} ×{used}  {key}{prompt_text(p, lang).splitlines()[0]}")
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
    return [Reply(catalog.t(lang, "prompt_next_set", id=p.key or p.id, kind=KindWords(p.kind, p.horizon_months),
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
