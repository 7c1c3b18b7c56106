"""Answering a prediction: a probability (0 to 100 %) and an optional reason.

``70%``, ``70 % because…``, ``70％`` (the full-width sign a Korean keyboard types), ``70프로``
and ``70퍼센트`` all carry a probability; a prediction answer without one is rejected with its text handed back.
"""
from __future__ import annotations

import re

from bot.commands import parse_int

# The percent sign, or the Korean words for it: 70%, 70 %, 70％, 70프로, 70퍼센트.
SIGN = r"(?:[%％]|프로|퍼센트)"
PERCENT = re.compile(r"^([0-9]{1,4})\s*" + SIGN + r"(?:\s*[:,.;-]\s*|\s+|$)(.*)$", re.DOTALL)
_FIELD_SIGN = re.compile(r"\s*" + SIGN + r"$")


class ForecastError(ValueError):
    """Why a forecast cannot be stored: a catalog key (``answer_needs_probability`` or
    ``probability_range``)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def split_forecast(text: str) -> tuple[int | None, str]:
    """(probability, reason) from an answer's text; (None, text) when it names none.
    A number out of 0..100 before the sign raises ForecastError("probability_range")."""
    m = PERCENT.match(text)
    if m is None:
        return None, text
    value = parse_int(m.group(1), 0, 100)
    if value is None:
        raise ForecastError("probability_range")
    return value, m.group(2).strip()


def field_probability(raw: object) -> int | None:
    """The probability typed into a form's field ("70", "70%"); None if the field is empty.
    Anything else raises ForecastError."""
    text = _FIELD_SIGN.sub("", str(raw or "").strip()).strip()
    if not text:
        return None
    value = parse_int(text, 0, 100)
    if value is None:
        raise ForecastError("probability_range")
    return value


def forecast_of(text: str, given: int | None) -> tuple[int, str]:
    """The probability and reason of a prediction answer: a probability given apart (a button,
    the form's field) wins; else it is read from the text; else ForecastError."""
    if given is not None:
        if not 0 <= given <= 100:
            raise ForecastError("probability_range")
        return given, text
    probability, reason = split_forecast(text)
    if probability is None:
        raise ForecastError("answer_needs_probability")
    return probability, reason
