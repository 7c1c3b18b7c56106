"""Results of ``export``, ``my-data`` and ``forget-me``: the files made, and what was deleted."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileReady:
    """A file for the member who asked: the group's archive (``group``), or their own data."""

    filename: str
    content: bytes
    group: str | None = None  # None: the member's own data (my-data)


@dataclass(frozen=True)
class ForgetAsked:
    """``forget-me`` without ``confirm``: the member is asked, with a button only they can use."""

    member_id: int


@dataclass(frozen=True)
class Forgotten:
    answers: int  # answers deleted
