"""``hindsight backup``: SQLite's online backup into a temporary file next to the target,
checked, then renamed into place (bot/safe_files.py ``staged``).

The source is read in one read transaction: its applied migrations and the row count of every
table are taken in the same snapshot the backup copies. The copy is switched to a rollback
journal (one self-contained file, no -wal beside it), reopened read-only and must pass
``integrity_check`` and show the same migrations and counts. Anything else (a short copy, a
0-byte file, a full disk) leaves no file at the target and any earlier backup unchanged.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot import safe_files
from storage.db import MIGRATION_SET, MIGRATIONS_TABLE, file_uri, open_readonly


class BackupMismatch(RuntimeError):
    """The copy does not hold what the source held (the message says what differs)."""


@dataclass(frozen=True)
class Snapshot:
    schema: tuple[str, ...]  # the applied migrations, in order
    rows: dict[str, int]  # table -> row count


def snapshot(conn: sqlite3.Connection) -> Snapshot:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    rows = {t: int(conn.execute(f'SELECT count(*) FROM "{t.replace(chr(34), chr(34) * 2)}"').fetchone()[0])
            for t in tables}
    schema: tuple[str, ...] = ()
    if MIGRATIONS_TABLE in rows:
        schema = tuple(r[0] for r in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,)))
    return Snapshot(schema, rows)


def _copy(source: str, tmp: Path) -> Snapshot:
    """Copy ``source`` into ``tmp``; the source's snapshot that was copied."""
    src = open_readonly(source)
    try:
        src.execute("BEGIN")
        expected = snapshot(src)  # the read transaction pins this snapshot for the copy too
        dst = sqlite3.connect(file_uri(str(tmp)), uri=True)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        src.execute("ROLLBACK")
    finally:
        src.close()
    return expected


def _check(tmp: Path, expected: Snapshot) -> None:
    conn = sqlite3.connect(file_uri(str(tmp), mode="ro"), uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise BackupMismatch(f"integrity check: {ok}")
        got = snapshot(conn)
    finally:
        conn.close()
    if got.schema != expected.schema:
        raise BackupMismatch(f"schema {_last(got.schema)} instead of {_last(expected.schema)}")
    if got.rows != expected.rows:
        differ = sorted(t for t in set(got.rows) | set(expected.rows) if got.rows.get(t) != expected.rows.get(t))
        raise BackupMismatch("row counts differ in " + ", ".join(differ))


def _last(schema: tuple[str, ...]) -> str:
    return schema[-1] if schema else "none"


def backup(source: str, target: str, protect: Sequence[str]) -> Snapshot:
    """Back ``source`` up to ``target`` whole and checked, or raise (SafeWriteError for the
    target, BackupMismatch for a copy that does not match, sqlite3.Error reading the source)."""
    with safe_files.staged(target, protect) as tmp:
        expected = _copy(source, tmp)
        _check(tmp, expected)
    return expected
