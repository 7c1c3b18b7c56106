"""Results into words: one presenter per result type (bot/results/), in one table.

``render(lang, outcomes)`` passes actions through and turns each result into the actions its
presenter gives for the language. A result with no presenter fails loudly.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from bot.actions import ACTION_TYPES, Action, ChannelPost, DigestPost, PromptPost, ResolutionPost, RevisitPost
from bot.domain import Group
from bot.present import (answers, charts, control, digests, home, ledger, lookup, participation, personal,
                         prompts, radar, revisits, rounds, settings, setup)
from bot.results import Outcome

Presenter = Callable[[str, Any], list[Action]]
MODULES = (answers, rounds, digests, lookup, ledger, control, revisits, participation, prompts, personal, radar, home,
           charts, settings, setup)
PRESENTERS: dict[type, Presenter] = {kind: fn for module in MODULES for kind, fn in module.PRESENTERS.items()}
assert len(PRESENTERS) == sum(len(module.PRESENTERS) for module in MODULES), "a result type has two presenters"


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


def in_their_groups(outcomes: Sequence[Outcome]) -> list[Action]:
    """What the scheduler or the outbox produced (posts, reminders), each in the language of the
    group it belongs to (results of that kind carry their group)."""
    shown: list[Action] = []
    for item in outcomes:
        group = getattr(item, "group", None)
        shown.extend(render(group.language if isinstance(group, Group) else "en", [item]))
    return shown


def render_posts(outcomes: Sequence[Outcome]) -> list[ChannelPost]:
    """What the outbox claimed, as the posts adapters deliver, in their groups' languages."""
    posts: list[ChannelPost] = []
    for action in in_their_groups(outcomes):
        assert isinstance(action, (PromptPost, DigestPost, RevisitPost, ResolutionPost)), action
        posts.append(action)
    return posts
