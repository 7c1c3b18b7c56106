"""Results of looking back: search, history, who a command names."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum



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
