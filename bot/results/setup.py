"""Results of binding a channel to a group: ``setup`` (new, or with a link code) and ``link``."""
from __future__ import annotations

from dataclasses import dataclass

from bot.domain import Group


@dataclass(frozen=True)
class SetupDone:
    """A new group, bound to this channel (said in the group's language, in the channel)."""

    group: Group


@dataclass(frozen=True)
class Linked:
    """This channel now belongs to an existing group (said in its language, in the channel)."""

    group: Group


@dataclass(frozen=True)
class AlreadySetUp:
    group: str


@dataclass(frozen=True)
class BadLinkCode:
    """The code is unknown, used or expired."""


@dataclass(frozen=True)
class SetupNeedsAdmin:
    """Only a platform admin may create a group."""


@dataclass(frozen=True)
class GroupNameEmpty:
    """Nothing printable was left of the name typed."""


@dataclass(frozen=True)
class GroupNameTooLong:
    length: int
    limit: int


@dataclass(frozen=True)
class GroupNameTaken:
    group: str


@dataclass(frozen=True)
class LinkCode:
    """A one-time code that binds another channel to this group."""

    code: str
    group: str
