"""Results of the member's own home (Slack's App Home): their data only, before words."""
from __future__ import annotations

from dataclasses import dataclass

from bot.domain import ChannelRef, Group, MemberRef
from bot.results.charts import Trend
from bot.results.ledger import OpenForecast


@dataclass(frozen=True)
class RecentAnswer:
    period: str
    text: str
    score: int | None = None
    probability: int | None = None
    open: bool = False


@dataclass(frozen=True)
class HomeFacts:
    """The home of ``member`` in ``group``; ``channel`` is the group's channel on their
    platform (the buttons act there)."""

    member: MemberRef
    group: Group
    channel: ChannelRef
    forecasts: tuple[OpenForecast, ...]
    streak: tuple[int, int]  # current, best
    answers: tuple[RecentAnswer, ...]
    trend: Trend | None = None


@dataclass(frozen=True)
class HomeNotSetUp:
    """The home of a workspace where no channel is bound to a group yet."""

    member: MemberRef
