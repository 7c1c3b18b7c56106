"""Results into words: one presenter per result type (bot/results.py), in one table.

``render(lang, outcomes)`` passes actions through and turns each result into the actions its
presenter gives for the language. A result with no presenter fails loudly.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from bot.actions import ACTION_TYPES, Action, ChannelPost, DigestPost, PromptPost, ResolutionPost, RevisitPost
from bot.domain import Group
from bot.present import (answers, charts, control, digests, home, ledger, lookup, participation, personal,
                         prompts, radar, revisits, rounds)
from bot.results import Outcome

Presenter = Callable[[str, Any], list[Action]]
PRESENTERS: dict[type, Presenter] = {**answers.PRESENTERS, **rounds.PRESENTERS, **digests.PRESENTERS,
                                 **lookup.PRESENTERS, **ledger.PRESENTERS,
                                 **control.PRESENTERS, **revisits.PRESENTERS,
                                 **participation.PRESENTERS, **prompts.PRESENTERS,
                                 **personal.PRESENTERS, **radar.PRESENTERS,
                                 **home.PRESENTERS, **charts.PRESENTERS}


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
