"""Every button and form id that travels through a platform, as typed values.

The wire format (``hs:score:12:4``, ``answer:12``) is stable: buttons on posts made before a
restart, or by an older version, keep working. This module is the only place that builds or
reads it; adapters and the core use ``encode`` and ``decode_button`` / ``decode_form``.
Numbers are parsed strictly (ASCII digits, in range), so a forged id decodes to None.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from bot.commands import MAX_ID, parse_int


@dataclass(frozen=True)
class AnswerButton:
    round_id: int


@dataclass(frozen=True)
class SkipButton:
    round_id: int


@dataclass(frozen=True)
class ScoreButton:
    round_id: int
    score: int


@dataclass(frozen=True)
class OpenButton:
    group_id: int


@dataclass(frozen=True)
class SettingsButton:
    group_id: int


@dataclass(frozen=True)
class HolidaysButton:
    """Offered at setup to a Korean group: turn on ``holidays=KR``."""

    group_id: int


@dataclass(frozen=True)
class ForgetButton:
    member_id: int


@dataclass(frozen=True)
class LatestDigestButton:
    pass


@dataclass(frozen=True)
class HistoryButton:
    pass


@dataclass(frozen=True)
class LedgerButton:
    pass


@dataclass(frozen=True)
class ProbabilityButton:
    """A one-click forecast on a prediction's prompt card: 10, 30, 50, 70 or 90 %."""

    round_id: int
    percent: int


@dataclass(frozen=True)
class ResolveButton:
    """An admin resolves a prediction on its revisit: yes, no or ambiguous."""

    round_id: int
    outcome: str


@dataclass(frozen=True)
class GradeButton:
    """The author of a call grades it, privately: right, partly or wrong."""

    round_id: int
    grade: str


@dataclass(frozen=True)
class DigestButton:
    """Show the digest of one round (the "a year ago this week" section)."""

    round_id: int


@dataclass(frozen=True)
class AnswerForm:
    round_id: int


@dataclass(frozen=True)
class SettingsForm:
    group_id: int


ButtonId = Union[AnswerButton, SkipButton, ScoreButton, OpenButton, SettingsButton, HolidaysButton, ForgetButton,
                 LatestDigestButton, HistoryButton, LedgerButton, ProbabilityButton, ResolveButton, GradeButton, DigestButton]
FormId = Union[AnswerForm, SettingsForm]
RoundButton = Union[AnswerButton, SkipButton, ScoreButton, ProbabilityButton, ResolveButton, GradeButton]
OUTCOMES = ("yes", "no", "ambiguous")
GRADES = ("right", "partly", "wrong")

# name on the wire -> (type, field names); a button is "hs:<name>[:<field>...]", a form "<name>:<field>"
_BUTTONS: dict[str, tuple[type, tuple[str, ...]]] = {
    "answer": (AnswerButton, ("round_id",)),
    "skip": (SkipButton, ("round_id",)),
    "score": (ScoreButton, ("round_id", "score")),
    "open": (OpenButton, ("group_id",)),
    "settings": (SettingsButton, ("group_id",)),
    "holidays": (HolidaysButton, ("group_id",)),
    "forget": (ForgetButton, ("member_id",)),
    "history": (HistoryButton, ()),
    "ledger": (LedgerButton, ()),
    "p": (ProbabilityButton, ("round_id", "percent")),
    "resolve": (ResolveButton, ("round_id", "outcome")),
    "grade": (GradeButton, ("round_id", "grade")),
    "digest": (DigestButton, ("round_id",)),
}
_FORMS: dict[str, tuple[type, tuple[str, ...]]] = {
    "answer": (AnswerForm, ("round_id",)),
    "settings": (SettingsForm, ("group_id",)),
}
_NAME_OF = {cls: name for table in (_BUTTONS, _FORMS) for name, (cls, _) in table.items()}


def encode(value: ButtonId | FormId) -> str:
    if isinstance(value, LatestDigestButton):
        return "hs:digest:latest"
    name = _NAME_OF[type(value)]
    fields = [str(getattr(value, f)) for f in _table(value)[name][1]]
    head = f"hs:{name}" if _is_button(value) else name
    return ":".join([head, *fields])


def decode_button(text: str) -> ButtonId | None:
    """The typed button for a wire id, or None if it is not one of ours or malformed."""
    parts = text.split(":") if isinstance(text, str) else []
    if len(parts) < 2 or parts[0] != "hs":
        return None
    if parts[1:] == ["digest", "latest"]:
        return LatestDigestButton()
    return _decode(_BUTTONS, parts[1], parts[2:])  # type: ignore[return-value]


def decode_form(text: str) -> FormId | None:
    parts = text.split(":") if isinstance(text, str) else []
    if not parts:
        return None
    return _decode(_FORMS, parts[0], parts[1:])  # type: ignore[return-value]


def _decode(table: dict[str, tuple[type, tuple[str, ...]]], name: str, args: list[str]) -> object | None:
    if name not in table:
        return None
    cls, fields = table[name]
    if len(args) != len(fields):
        return None
    values = [_field(f, a) for f, a in zip(fields, args)]
    if any(v is None for v in values):
        return None
    return cls(*values)


def _field(name: str, text: str) -> int | str | None:
    """One field of an id, strictly: ids are ASCII numbers in range, words from a fixed list."""
    if name == "outcome":
        return text if text in OUTCOMES else None
    if name == "grade":
        return text if text in GRADES else None
    if name == "score":
        return parse_int(text, 1, 5)
    if name == "percent":
        return parse_int(text, 0, 100)
    return parse_int(text, 0, MAX_ID)


def _is_button(value: object) -> bool:
    return isinstance(value, ButtonId.__args__)  # type: ignore[attr-defined]


def _table(value: object) -> dict[str, tuple[type, tuple[str, ...]]]:
    return _BUTTONS if _is_button(value) else _FORMS
