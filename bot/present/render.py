"""Results into words: one presenter per result type (bot/results.py), in one table.

``render(lang, outcomes)`` passes actions through and turns each result into the actions its
presenter gives for the language. A result with no presenter fails loudly.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from bot.actions import ACTION_TYPES, Action
from bot.present import answers
from bot.results import Outcome

Presenter = Callable[[str, Any], list[Action]]
PRESENTERS: dict[type, Presenter] = {**answers.PRESENTERS}


class UnknownResult(TypeError):
    pass


def render(lang: str, outcomes: Sequence[Outcome]) -> list[Action]:
    """The actions to show, in ``lang`` (en, ko or both), for what a use case returned."""
    shown: list[Action] = []
    for item in outcomes:
        if isinstance(item, ACTION_TYPES):
            shown.append(item)  # type: ignore[arg-type]
            continue
        presenter = PRESENTERS.get(type(item))
        if presenter is None:
            raise UnknownResult(f"no presenter for {type(item).__name__}")
        shown.extend(presenter(lang, item))
    return shown
