"""Small helpers shared by the row classes: plain SQL in, dicts out, and text folding."""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, Union

import sqlite_utils

Row = dict[str, Any]
Params = Union[Sequence[Any], dict[str, Any]]


def rows(db: sqlite_utils.Database, sql: str, params: Params = ()) -> list[Row]:
    cur = db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def row(db: sqlite_utils.Database, sql: str, params: Params = ()) -> Row | None:
    found = rows(db, sql, params)
    return found[0] if found else None


def fold(text: str) -> str:
    """Unicode case folding of NFC text, the same on both sides of every comparison (names,
    search): "ÉCOLE", "école" and an NFD "école" all fold to one string."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
