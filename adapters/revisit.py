"""The lines of a revisit, as plain text, the same on every platform.

Each adapter lays them out (and escapes them) its own way; what a line says is decided here:
``author: 70% — reason`` for a forecast, ``author: the call · ✅ right`` for a graded call, and
no name at all in an anonymous round.
"""
from __future__ import annotations

from collections.abc import Iterable

from bot import catalog
from bot.actions import Button, ForecastLine
from bot.ids import OUTCOMES, ResolveButton, decode_button

GRADE_KEYS = {"right": "revisit_grade_right", "partly": "revisit_grade_partly", "wrong": "revisit_grade_wrong"}
ANONYMOUS = "•"


def grade_label(grade: str, language: str = "en") -> str:
    key = GRADE_KEYS.get(grade)
    if not key:
        return grade
    if language == "both":  # on one line, not one language a line
        return f"{catalog.t('en', key)} / {catalog.t('ko', key)}"
    return catalog.t(language, key)


def entry_body(line: ForecastLine, language: str = "en") -> str:
    """What a line says after its author: the forecast and its reason, or the call and its grade."""
    text = line.text.strip()
    if line.probability is not None:
        body = f"{line.probability}%" + (f" — {text}" if text else "")
    else:
        body = text
    if line.grade:
        body = f"{body} · {grade_label(line.grade, language)}" if body else grade_label(line.grade, language)
    return body


def entry_text(line: ForecastLine, language: str = "en") -> str:
    """One line of a revisit: ``author: body``, or ``• body`` without an author."""
    body = entry_body(line, language)
    return f"{line.author}: {body}".rstrip() if line.author else f"{ANONYMOUS} {body}".rstrip()


def resolve_hint(period: str, buttons: Iterable[Button]) -> str | None:
    """For a text-only platform (the console): the command a revisit's resolve buttons stand for."""
    if any(isinstance(decode_button(b.action), ResolveButton) for b in buttons):
        return f"/hindsight resolve {period} {'|'.join(OUTCOMES)}"
    return None


__all__ = ["entry_text", "entry_body", "grade_label", "resolve_hint", "ANONYMOUS"]
