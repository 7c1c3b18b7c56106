"""Results of digests: their facts, and why there is none."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain import ChannelRef, Group, Prompt, Round
from bot.results.charts import Trend
from bot.results.radar import RadarView


@dataclass(frozen=True)
class Entry:
    """One answer as a digest shows it: author None in an anonymous round."""

    author: str | None
    text: str
    score: int | None = None
    probability: int | None = None


@dataclass(frozen=True)
class YearAgo:
    """The group's closed round of a year before, for "a year ago this week"."""

    round_id: int
    period: str
    prompt: Prompt
    answered: int
    members: int
    average: float | None = None  # a scale prompt's average score


@dataclass(frozen=True)
class DigestFacts:
    """A round's digest, before words: who answered what, how many, and its sections.
    Figures only: presentation words them."""

    group: Group
    round: Round
    prompt: Prompt
    answered: int
    members: int
    skipped: int
    entries: tuple[Entry, ...] = ()
    scores: tuple[int, ...] = ()  # a scale prompt's scores
    forecasts: tuple[int, ...] = ()  # a prediction's probabilities
    trend: Trend | None = None  # a scale prompt's group average per round (two scored rounds or more)
    chart: bool = False  # a PNG of the trend is wanted (channel posts only)
    draw_now: bool = True  # False: the runtime draws it in a worker thread
    radar: RadarView | None = None  # the hype radar, in the first digest closed in a new month
    year_ago: YearAgo | None = None


@dataclass(frozen=True)
class DigestShown:
    """A digest for the person who asked (public: for the channel)."""

    facts: DigestFacts
    public: bool = False


@dataclass(frozen=True)
class DigestDue:
    """A round's digest, claimed from the outbox for one bound channel."""

    post_id: int
    channel: ChannelRef
    facts: DigestFacts

    @property
    def group(self) -> Group:
        return self.facts.group


@dataclass(frozen=True)
class DigestList:
    """The group's closed rounds, newest first: (period, prompt or None)."""

    group: str
    rounds: tuple[tuple[str, Prompt | None], ...]


class NoDigest(StrEnum):
    """Why there is no digest to show."""

    NONE_YET = "digest_none"  # no closed round yet
    NOT_FOUND = "digest_not_found"  # no round for the period asked
    SEALED = "digest_sealed"  # the round is still open


@dataclass(frozen=True)
class DigestMissing:
    why: NoDigest
    period: str = ""
    typed: bool = False  # the member typed this period (it is echoed as typed)


@dataclass(frozen=True)
class AdminsOnly:
    """A command or button only the group's admins may use."""

    command: str
