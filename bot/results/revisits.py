"""Results of revisits: a due prediction or call brought back to the group, the grade requests
and nudges that go with it, the outcome in its thread, and resolving and grading."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.actions import ForecastLine
from bot.domain import ChannelRef, Group, MemberRef, Prompt, Round


@dataclass(frozen=True)
class GradeRequestDue:
    """The author of a call that came back gets their grade buttons privately."""

    member: MemberRef
    group: Group
    round: Round
    prompt: Prompt
    call: str  # what they said
    home: ChannelRef | None


@dataclass(frozen=True)
class NudgeDue:
    """An admin is reminded of a prediction whose revisit has waited a week for its outcome."""

    member: MemberRef
    group: Group
    round: Round
    prompt: Prompt
    home: ChannelRef | None


@dataclass(frozen=True)
class RevisitDue:
    """A due prediction or call, claimed from the outbox for one bound channel."""

    post_id: int
    channel: ChannelRef
    group: Group
    round: Round
    prompt: Prompt
    entries: tuple[ForecastLine, ...]  # authors None in an anonymous round


@dataclass(frozen=True)
class ScoredLine:
    author: str | None  # None in an anonymous round
    probability: int
    brier: float


@dataclass(frozen=True)
class ResolutionDue:
    """The outcome of a resolved prediction, for the thread of its revisit post."""

    post_id: int
    channel: ChannelRef
    thread: str | None
    group: Group
    round: Round
    scored: tuple[ScoredLine, ...] = ()
    median_brier: float | None = None


class RevisitRefusal(StrEnum):
    RESOLVE_USAGE = "resolve_usage"
    NOTHING_TO_RESOLVE = "nothing_to_resolve"
    NOT_DUE_PREDICTION = "not_a_due_prediction"
    NOT_RESOLVED = "not_resolved"
    UNDO_TOO_LATE = "undo_too_late"
    GRADE_USAGE = "grade_usage"
    NOTHING_TO_GRADE = "nothing_to_grade"
    NOT_DUE_CALL = "not_a_due_call"
    NOT_YOUR_CALL = "not_your_call"


@dataclass(frozen=True)
class RevisitRefused:
    why: RevisitRefusal
    period: str = ""


@dataclass(frozen=True)
class Resolved:
    """A prediction resolved (``already``: it was before, to ``outcome``; nothing changed)."""

    period: str
    outcome: str
    already: bool = False


@dataclass(frozen=True)
class ResolveUndone:
    period: str


@dataclass(frozen=True)
class Graded:
    period: str
    grade: str
