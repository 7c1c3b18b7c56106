"""Routing outbound actions by type (as opsdroid's ``register_event``): each adapter keeps one
dict from an action type to its handler, for the posts it is sent and for what it shows the
person who acted. A type without a handler fails loudly."""
from __future__ import annotations

from typing import Mapping, TypeVar

from bot.actions import UnsupportedAction

H = TypeVar("H")


def handler_for(table: Mapping[type, H], action: object, platform: str) -> H:
    """The handler registered for ``type(action)`` (the exact type), or UnsupportedAction."""
    handler = table.get(type(action))
    if handler is None:
        raise UnsupportedAction(f"the {platform} adapter cannot render {type(action).__name__}")
    return handler


__all__ = ["handler_for"]
