"""Results of the hype radar: the view of a group's words, or why there is none."""
from __future__ import annotations

from dataclasses import dataclass

from bot.radar import Radar


@dataclass(frozen=True)
class RadarView:
    weeks: int  # the recent rounds compared
    earlier: int  # how many closed rounds came before them
    radar: Radar


@dataclass(frozen=True)
class RadarShown:
    group: str
    view: RadarView


@dataclass(frozen=True)
class RadarTooFew:
    """Not enough closed rounds to compare the last ``weeks`` with earlier ones."""

    group: str
    weeks: int
    count: int


@dataclass(frozen=True)
class RadarUsage:
    max_weeks: int
    default_weeks: int
