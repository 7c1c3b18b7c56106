"""Two things a failed or refused write needs: the file under the process is the file it opened
(``FileGuard``), and why a write failed, named (``failure_cause``).

The guard is checked by ``storage.db.write()`` just before and just after every COMMIT, so a
write is only acknowledged while the path still names the open database and its ``-wal``:
- the database's and the ``-wal``'s device and inode are recorded when the file is opened;
  a deleted file, or one replaced by another (``mv``, ``cp --remove-destination``, an editor's
  save, a restore by rename) no longer matches;
- neither file may shrink: without VACUUM (Hindsight never runs one on a live file) and with
  SQLite's default ``journal_size_limit`` (-1), a database file and its ``-wal`` only grow or
  are overwritten in place, so a smaller file means it was truncated underneath, or an older
  copy was written over it in place (``cp old.db live.db`` keeps the inode);
- what it cannot see: a copy written in place over the database that is not smaller than the
  live file. Reading the header would need a second descriptor on the file, and closing one
  drops SQLite's POSIX locks on it, so the check stays with ``stat``.

Once a change is found the guard stays lost: every later write is refused (``FileChanged``),
one CRITICAL line names the cause, and ``on_lost`` (set by the composition root) is called
once, so the process can exit 3 and a restart reopens the real file.
"""
from __future__ import annotations

import errno
import logging
import os
import resource
import sqlite3
from dataclasses import dataclass
from typing import Callable

log = logging.getLogger("hindsight.storage")

# What a refused write names, for the message catalog (``not_saved_<cause>``).
CAUSES = ("busy", "full", "readonly", "too_large", "descriptors", "replaced", "io")

_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_SIZE_MARGIN = 256 * 1024  # a failed transaction leaves the file this close to RLIMIT_FSIZE at most
_LOW_SPACE = 1024 * 1024  # less free space than this, with a failed write: the disk is full


class FileChanged(sqlite3.OperationalError):
    """The database path no longer names the file this process has open; nothing was saved."""

    def __init__(self, path: str, detail: str) -> None:
        self.path, self.detail = path, detail
        super().__init__(f"{path} {detail}")


@dataclass(frozen=True)
class _Seen:
    dev: int
    ino: int
    size: int


def _stat(path: str) -> _Seen | None:
    """None when the path no longer names a file we can see (gone, or its folder unreadable)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return _Seen(st.st_dev, st.st_ino, st.st_size)


class FileGuard:
    """The identity of an open database and its ``-wal``, checked around every commit."""

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(path)
        self.wal_path = self.path + "-wal"
        self.db = _stat(self.path)
        self.wal = _stat(self.wal_path)
        self.lost: str | None = None
        self.on_lost: Callable[[str], None] | None = None

    def check(self, seen: tuple[_Seen | None, _Seen | None] | None = None) -> None:
        """Raise FileChanged unless the path still names the open database and -wal (``seen``:
        their stats, when the caller has just taken them)."""
        if self.lost is None:
            self.lost = self._changed(*(seen or (_stat(self.path), _stat(self.wal_path))))
            if self.lost is not None:
                log.critical("%s %s under the running process: refusing every write and stopping (exit 3) "
                             "so that a restart opens the real file", self.path, self.lost)
                if self.on_lost is not None:
                    self.on_lost(self.lost)
        if self.lost is not None:
            raise FileChanged(self.path, self.lost)

    def committed(self) -> None:
        """After our own commit: the sizes we saw are the new floor."""
        db, wal = _stat(self.path), _stat(self.wal_path)
        self.check((db, wal))
        if db is not None:
            self.db = db
        if wal is not None:
            self.wal = wal

    def _changed(self, db: _Seen | None, wal: _Seen | None) -> str | None:
        if self.db is not None:
            if db is None:
                return "was deleted"
            if (db.dev, db.ino) != (self.db.dev, self.db.ino):
                return "was replaced by another file"
            if db.size < self.db.size:
                return f"was truncated or overwritten in place ({self.db.size} bytes before, {db.size} now)"
        if self.wal is not None:
            if wal is None:
                return "lost its -wal file (deleted)"
            if (wal.dev, wal.ino) != (self.wal.dev, self.wal.ino):
                return "had its -wal file replaced"
            if wal.size < self.wal.size:
                return f"had its -wal file truncated ({self.wal.size} bytes before, {wal.size} now)"
        return None


# why a write failed -----------------------------------------------------------------------------
def failure_cause(exc: BaseException, path: str | None = None) -> str:
    """One of CAUSES for a failed write (a sqlite3 error or an OSError), probing the system
    where SQLite's code is not enough: it reports a file-size limit (EFBIG) as "disk full" or
    an I/O error, and running out of descriptors as "unable to open"."""
    if isinstance(exc, FileChanged):
        return "replaced"
    err = getattr(exc, "errno", None) if isinstance(exc, OSError) else None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (_BUSY, _LOCKED) or "locked" in text or "busy" in text:
        return "busy"
    if err in (errno.EMFILE, errno.ENFILE) or out_of_descriptors():
        return "descriptors"
    folder = os.path.dirname(os.path.abspath(path)) if path and path != ":memory:" else None
    if err == errno.EROFS or (folder is not None and _read_only_fs(folder)):
        return "readonly"
    if primary == _READONLY or "readonly" in text or "read-only" in text:
        return "readonly"
    if err == errno.EFBIG or (path is not None and _at_size_limit(path)):
        return "too_large"
    if err == errno.ENOSPC or primary == _FULL or "full" in text or (folder is not None and _low_space(folder)):
        return "full"
    return "io"


def out_of_descriptors(needed: int = 4) -> bool:
    """True when this process cannot open ``needed`` more files (EMFILE): SQLite needs the
    database, its -wal and -shm at once, and closes what it opened when one of them fails."""
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and os.path.isdir("/proc/self/fd"):
            in_use = len(os.listdir("/proc/self/fd")) - 1  # the listing's own descriptor
            return soft - in_use < needed
        fd = os.open(os.devnull, os.O_RDONLY)
    except OSError as exc:
        return exc.errno in (errno.EMFILE, errno.ENFILE)
    os.close(fd)
    return False


def _read_only_fs(folder: str) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _low_space(folder: str) -> bool:
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < _LOW_SPACE


def _at_size_limit(path: str) -> bool:
    """The process has a file-size limit (ulimit -f) and the database or its -wal is at it."""
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft == resource.RLIM_INFINITY:
        return False
    for name in (path, path + "-wal"):
        try:
            if os.stat(name).st_size + _SIZE_MARGIN >= soft:
                return True
        except OSError:
            continue
    return soft < _SIZE_MARGIN  # a limit smaller than one transaction


def is_not_a_database(exc: sqlite3.DatabaseError) -> bool:
    """The error says the file's content is not SQLite (or is damaged), not that it could not
    be opened or read: only then may a file be called "not a SQLite database"."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary is not None:
        return primary in (_NOTADB, _CORRUPT)
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text
