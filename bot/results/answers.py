"""Results of answers and skips."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain import Prompt


class Refusal(StrEnum):
    """Why an answer was not stored (the value is the catalog key of the reason)."""

    NO_OPEN_ROUND = "no_open_round"
    ROUND_CLOSED = "round_closed"
    EMPTY = "answer_empty"
    TOO_LONG = "answer_too_long"
    NOT_SAVED = "not_saved_busy"  # the write failed: ``cause`` says why (busy, full, readonly, ...)
    NEEDS_PROBABILITY = "answer_needs_probability"
    PROBABILITY_RANGE = "probability_range"
    NOT_SET_UP = "not_setup"



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
    cause: str = ""  # NOT_SAVED: one of storage.guard.CAUSES (busy, full, readonly, ...)


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
    cause: str = "busy"  # when not answered: why the write failed (storage.guard.CAUSES)


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
