"""Open the SQLite file with the pragmas Hindsight relies on, and run migrations."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from storage.migrations import migrations

DEFAULT_PATH = "hindsight.db"


class DatabaseError(RuntimeError):
    """The database file cannot be opened or migrated."""


def db_path_from_env(env: dict[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    return env.get("HINDSIGHT_DB") or DEFAULT_PATH


def connect(path: str | Path, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open ``path`` in WAL mode with synchronous=FULL and a busy timeout.

    Acknowledged means durable: every commit is fsynced (synchronous=FULL).
    Two processes may share the file; writers wait up to 10 s for the lock.
    """
    path = str(path)
    try:
        if path != ":memory:":
            parent = Path(path).resolve().parent
            if not parent.is_dir():
                raise DatabaseError(f"cannot open database {path}: folder {parent} does not exist")
        conn = sqlite3.connect(path, timeout=10.0)
        db = sqlite_utils.Database(conn)
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=10000")
        if migrate:
            # BEGIN IMMEDIATE serialises two processes starting on one file;
            # Migrations nests each step in a savepoint inside it.
            db.execute("BEGIN IMMEDIATE")
            try:
                migrations.apply(db)
            except BaseException:
                db.rollback()
                raise
            db.commit()
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open database {path}: {exc}") from exc
    return db
