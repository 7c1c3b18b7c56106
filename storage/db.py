"""Open the SQLite file with the pragmas Hindsight relies on, check it, and run migrations.

Trust rules (ARCHITECTURE.md): every write transaction starts with BEGIN IMMEDIATE (``write``), the
file is checked before it is used (``check_file``), and read-only commands open it with
``mode=ro`` (``connect(..., readonly=True)``), so they never write.
"""
from __future__ import annotations

import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from storage.guard import FileGuard, failure_cause, is_not_a_database
from storage.migrations import migrations

DEFAULT_PATH = "hindsight.db"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATION_SET = "hindsight"
MIGRATIONS_TABLE = "_sqlite_migrations"


class DatabaseError(RuntimeError):
    """The database file cannot be opened or migrated. ``cause`` names why, where known (one of
    storage.guard.CAUSES: "full", "readonly", "descriptors", ...), for the message catalog."""

    def __init__(self, message: str, cause: str | None = None) -> None:
        super().__init__(message)
        self.cause = cause


class UnusableDatabase(DatabaseError):
    """The file is not Hindsight's to use. Nothing was written to it; the command stops (exit 2).

    ``kind`` says why, for the message catalog (``db_<kind>``): "not_sqlite", "foreign" (another
    program's SQLite file), "newer" (a schema newer than this version; ``detail`` names the
    migration) or "folder".
    """

    def __init__(self, kind: str, path: str, detail: str = "") -> None:
        self.kind, self.path, self.detail = kind, path, detail
        super().__init__(_UNUSABLE[kind].format(path=path, detail=detail))


_UNUSABLE = {
    "not_sqlite": "{path} is not a SQLite database; Hindsight leaves it as it is",
    "foreign": "{path} is a SQLite database of another program (no Hindsight schema); Hindsight leaves it as it is",
    "newer": "{path} has a newer Hindsight schema ({detail}) than this version knows; upgrade Hindsight to use it",
    "folder": "{path} is a folder, not a database file",
}


def db_path_from_env(env: Mapping[str, str] | None = None) -> str:
    source: Mapping[str, str] = os.environ if env is None else env
    return source.get("HINDSIGHT_DB") or DEFAULT_PATH


_GUARDS: "weakref.WeakKeyDictionary[sqlite_utils.Database, FileGuard]" = weakref.WeakKeyDictionary()


def guard_of(db: sqlite_utils.Database) -> FileGuard | None:
    """The file guard of a read-write connection opened by ``connect`` (None for :memory:)."""
    return _GUARDS.get(db)


def cause_of(exc: BaseException, db: sqlite_utils.Database | None = None) -> str:
    """Why a write failed, one of storage.guard.CAUSES (the probes look at the file's folder)."""
    guard = guard_of(db) if db is not None else None
    return failure_cause(exc, guard.path if guard else None)


@contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction that starts with BEGIN IMMEDIATE, so the busy timeout applies.

    A deferred transaction that reads and then writes fails at once with "database is locked"
    when another connection committed in between; BEGIN IMMEDIATE takes the write lock first
    and waits for it. Inside an open transaction this nests as a savepoint. A failure rolls
    back and re-raises (sqlite3.OperationalError when the lock never came).

    Just before and just after COMMIT the file guard checks that the path still names the
    file this connection has open (storage/guard.py); if not, the write is refused with
    storage.guard.FileChanged (an OperationalError) and is never acknowledged.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():  # a savepoint inside the caller's transaction
            yield db
        return
    guard = _GUARDS.get(db)
    if guard is not None and guard.lost is not None:
        guard.check()  # raises: the file under us is not ours any more
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        if guard is not None:
            guard.check()
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if guard is not None:
        guard.committed()  # changed between the check and the commit: still not acknowledged


@contextmanager
def unsynced_write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction committed without its own fsync (synchronous=NORMAL), for rows that
    are never an acknowledgement themselves: a member's row on first sight. In WAL mode the
    next fsynced commit (the answer that follows) makes these frames durable too, since the
    log is written in order; lost in a power cut, the row is simply made again next time.
    Inside an open transaction it is an ordinary savepoint."""
    if db.conn.in_transaction:
        with write(db):
            yield db
        return
    db.execute("PRAGMA synchronous=NORMAL")
    try:
        with write(db):
            yield db
    finally:
        db.execute("PRAGMA synchronous=FULL")


def file_uri(path: str, **params: str) -> str:
    """An SQLite URI for ``path``: absolute, with every character that means something in a URI
    percent-encoded (``#``, ``?``, ``%``, spaces), so no part of a file name is read as the
    query. SQLite here reads any name starting with ``file:`` as a URI, so open every path so."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return Path(path).resolve().as_uri() + ("?" + query if query else "")


_uri = file_uri


def _has_user_data(path: str) -> bool:
    """True unless the file is missing or holds no bytes (with no -wal holding them instead)."""
    p = Path(path)
    if not p.exists():
        return False
    if p.stat().st_size > 0:
        return True
    wal = Path(path + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def open_readonly(path: str, timeout: float = 10.0) -> sqlite3.Connection:
    """A read-only connection. A WAL file in a folder we cannot write (no -shm to create) opens
    as immutable when there is no -wal either: then nothing is waiting to be checkpointed."""
    conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if Path(path + "-wal").exists():
            raise
        return sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True, timeout=timeout)


def check_file(path: str | Path) -> bool:
    """Check that ``path`` is Hindsight's before anything opens it for writing.

    Returns False for a missing or empty file (the only kind that may be initialised), True for
    a Hindsight database this version knows. Raises UnusableDatabase, having written nothing,
    for a file that is not SQLite, another program's SQLite file, or a newer schema.
    """
    path = str(path)
    if path == ":memory:" or not _has_user_data(path):
        return False
    p = Path(path)
    if p.is_dir():
        raise UnusableDatabase("folder", path)
    if p.stat().st_size > 0:
        try:
            with p.open("rb") as f:
                head = f.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseError(f"cannot read database {path}: {exc.strerror}", failure_cause(exc, path)) from exc
        if head != SQLITE_HEADER:
            raise UnusableDatabase("not_sqlite", path)
    try:
        conn = open_readonly(path)
        try:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")}
            applied: list[str] = []
            if MIGRATIONS_TABLE in tables:
                applied = [r[0] for r in conn.execute(
                    f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,))]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_not_a_database(exc):
            raise UnusableDatabase("not_sqlite", path, str(exc)) from exc
        # it could not be opened or read (too few descriptors, a read error): say so, exit 1
        cause = failure_cause(exc, path)
        raise DatabaseError(f"cannot open database {path}: {exc} ({cause})", cause) from exc
    if not tables:
        return False  # a SQLite file with nothing in it yet
    if not applied:
        raise UnusableDatabase("foreign", path)
    known = {m.name for m in migrations._migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise UnusableDatabase("newer", path, unknown[-1])
    return True


def connect(path: str | Path, *, migrate: bool = True, readonly: bool = False,
            prepare: Callable[[sqlite_utils.Database], None] | None = None) -> sqlite_utils.Database:
    """Open ``path`` in WAL mode with synchronous=FULL and a busy timeout.

    ``prepare`` (seeding the built-in prompts) runs in the migrations' transaction: a first
    start that fails half-way (a full disk) leaves the file as it was, with nothing applied.

    Acknowledged means durable: every commit is fsynced (synchronous=FULL).
    Two processes may share the file; writers wait up to 10 s for the lock.
    The file is checked first (``check_file``). ``readonly`` opens it with mode=ro and
    query_only: no migration, no pragma that writes, and a missing or empty file is an error.
    """
    path = str(path)
    conn: sqlite3.Connection | None = None
    try:
        if path != ":memory:":
            parent = Path(path).resolve().parent
            if not parent.is_dir():
                raise DatabaseError(f"cannot open database {path}: folder {parent} does not exist")
        known = check_file(path)
        if readonly:
            if not known:
                raise DatabaseError(f"no Hindsight database at {path}")
            db = sqlite_utils.Database(open_readonly(path))
            db.execute("PRAGMA query_only=ON")
            db.execute("PRAGMA busy_timeout=10000")
            return db
        conn = sqlite3.connect(path if path == ":memory:" else file_uri(path), uri=True, timeout=10.0)
        db = sqlite_utils.Database(conn)
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA secure_delete=ON")  # deleting means deleting: freed pages are zeroed
        db.execute("PRAGMA busy_timeout=10000")
        if migrate or prepare is not None:
            # BEGIN IMMEDIATE serialises two processes starting on one file;
            # Migrations nests each step in a savepoint inside it.
            with write(db):
                if migrate:
                    migrations.apply(db)
                if prepare is not None:
                    prepare(db)
        if path != ":memory:":
            _GUARDS[db] = FileGuard(path)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        cause = failure_cause(exc, path)
        raise DatabaseError(f"cannot open database {path}: {exc}", cause) from exc
    except OSError as exc:  # os.stat of the file or its folder
        raise DatabaseError(f"cannot open database {path}: {exc.strerror}", failure_cause(exc, path)) from exc
    return db
