"""Results of a group's settings: shown, saved, the form, a change refused."""
from __future__ import annotations

from dataclasses import dataclass

from bot.domain import Group


@dataclass(frozen=True)
class SettingsShown:
    """The group's settings as they stand (``saved``: just changed; said in the group's new
    language)."""

    group: Group
    admins: tuple[str, ...]
    saved: bool = False


@dataclass(frozen=True)
class SettingsFormShown:
    """The settings form for an admin, filled with the group's values."""

    group: Group


@dataclass(frozen=True)
class SettingsInvalid:
    """Nothing was changed: each (setting, catalog key of what it expects)."""

    problems: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SettingsUsage:
    """``settings`` was typed with something that is not key=value nor admin add|remove."""
