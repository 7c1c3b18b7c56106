"""What the use cases decide, as plain values: an answer saved, a refusal with its reason and the
text handed back, a skip. bot/present/ turns each into words for a language (one presenter per
type, bot/present/render.py); no use case composes text a person reads.

A use case returns ``list[Outcome]``: actions that need no words (an upload, a post of the
outbox) and results. The router renders the results in the group's language before any adapter
sees them.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Union

from bot.actions import Action
from bot.digest import ChartSpec
from bot.domain import ChannelRef, Group, MemberRef, Prompt, Round


class Refusal(StrEnum):
    """Why an answer was not stored (the value is the catalog key of the reason)."""

    NO_OPEN_ROUND = "no_open_round"
    ROUND_CLOSED = "round_closed"
    EMPTY = "answer_empty"
    TOO_LONG = "answer_too_long"
    BUSY = "answer_not_saved"  # the write lock never came: nothing stored
    NEEDS_PROBABILITY = "answer_needs_probability"
    PROBABILITY_RANGE = "probability_range"
    NOT_SET_UP = "not_setup"


# answers ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ThenAndNow:
    """The member's latest earlier answer to the same prompt, shown after their answer is saved.
    ``then_value``/``now_value``: the score (scale) or the probability (prediction), if both exist."""

    period: str
    months: int  # whole months between the two rounds
    text: str  # the earlier words, clipped ("" when they answered without words)
    kind: str
    then_value: int | None = None
    now_value: int | None = None


@dataclass(frozen=True)
class AnswerStored:
    period: str
    replaced: bool = False
    probability: int | None = None  # a forecast's percent
    then: ThenAndNow | None = None


@dataclass(frozen=True)
class AnswerRefused:
    """An answer that was not stored, handed back whole with the reason."""

    reason: Refusal
    text: str
    period: str = ""  # the closed round's period (ROUND_CLOSED)
    length: int = 0  # TOO_LONG: the answer's length and the group's limit
    limit: int = 0


@dataclass(frozen=True)
class AnswerWithdrawn:
    """The member deleted the message of an answer: it was withdrawn."""

    period: str


@dataclass(frozen=True)
class Skipped:
    period: str


@dataclass(frozen=True)
class SkipRefused:
    """A skip that was not stored: ``answered`` when the member already answered (their answer
    stays), else the database was busy."""

    answered: bool


@dataclass(frozen=True)
class NoOpenRound:
    pass


@dataclass(frozen=True)
class RoundClosed:
    """The round a button or form names is closed (period "" when the round is unknown)."""

    period: str


@dataclass(frozen=True)
class UnknownButton:
    """A button or form id that no longer names anything."""


@dataclass(frozen=True)
class AnswerFormShown:
    """The answer form of an open round, with the member's answer so far."""

    round_id: int
    period: str
    prompt: Prompt
    limit: int
    text: str = ""
    probability: int | None = None


# rounds: prompt cards and reminders -----------------------------------------------------------
@dataclass(frozen=True)
class PromptDue:
    """A round's prompt, claimed from the outbox for one bound channel: presentation makes the
    card (a PromptPost) in the group's language."""

    post_id: int
    channel: ChannelRef
    group: Group
    round: Round
    prompt: Prompt


@dataclass(frozen=True)
class ReminderDue:
    """A member who has neither answered nor skipped the open round, reminded once by DM.
    ``home`` is the group's channel on the member's platform: the buttons act there."""

    member: MemberRef
    group: Group
    round: Round
    prompt: Prompt | None
    home: ChannelRef | None


# digests ---------------------------------------------------------------------------------------
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
    ``trend`` and ``radar`` come worded from bot/usecases/charts.py and radar.py (still composing)."""

    group: Group
    round: Round
    prompt: Prompt
    answered: int
    members: int
    skipped: int
    entries: tuple[Entry, ...] = ()
    scores: tuple[int, ...] = ()  # a scale prompt's scores
    forecasts: tuple[int, ...] = ()  # a prediction's probabilities
    trend: str = ""
    chart_png: bytes | None = None
    chart_name: str = "chart.png"
    chart: ChartSpec | None = None
    radar: tuple[str, ...] = ()
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


@dataclass(frozen=True)
class AdminsOnly:
    """A command or button only the group's admins may use."""

    command: str


# looking back: search, history, who a command names -------------------------------------------
@dataclass(frozen=True)
class Found:
    """One answer found: author None where it is not shown (an anonymous round, one's history)."""

    period: str
    text: str
    author: str | None = None
    score: int | None = None
    open: bool = False  # the round is still open (only the member's own answer shows then)


@dataclass(frozen=True)
class SearchResults:
    query: str
    found: tuple[Found, ...]  # empty: nothing found


@dataclass(frozen=True)
class History:
    name: str
    found: tuple[Found, ...]  # newest first; empty: no answers yet
    scores: tuple[int, ...] = ()  # the recent scores, oldest first (a sparkline when more than one)


class LookupRefusal(StrEnum):
    NEEDS_WORDS = "search_needs_words"
    ANONYMOUS = "history_anonymous"  # another member's history in an anonymous group


@dataclass(frozen=True)
class LookupRefused:
    why: LookupRefusal


@dataclass(frozen=True)
class MemberUnknown:
    name: str


@dataclass(frozen=True)
class MemberAmbiguous:
    """A bare name that names several members: (display name, platform, user id) of each."""

    name: str
    choices: tuple[tuple[str, str, str], ...]


Result = Union[SearchResults, History, LookupRefused, MemberUnknown, MemberAmbiguous, DigestShown, DigestDue, DigestList, DigestMissing, AdminsOnly, PromptDue, ReminderDue, AnswerStored, AnswerRefused, AnswerWithdrawn, Skipped, SkipRefused, NoOpenRound,
               RoundClosed, UnknownButton, AnswerFormShown]
RESULT_TYPES: tuple[type, ...] = (SearchResults, History, LookupRefused, MemberUnknown, MemberAmbiguous, DigestShown, DigestDue, DigestList, DigestMissing, AdminsOnly, PromptDue, ReminderDue, AnswerStored, AnswerRefused, AnswerWithdrawn, Skipped, SkipRefused, NoOpenRound,
                                  RoundClosed, UnknownButton, AnswerFormShown)  # each has a presenter
Outcome = Union[Action, Result]
