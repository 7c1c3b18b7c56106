"""The one writer of every file Hindsight writes besides its database: the chart PNG and the
my-data and export uploads of the console, ``export`` (json, csv, and md's folder of files),
``backup``, the ``demo`` database and ``hindsight chart --out``.

Rules:

- It refuses the live database and its ``-wal``, ``-shm`` and ``-journal`` after resolving
  links (realpath, and samefile where both exist), any file this process has open (so the
  console, which is not told the database's path, still never writes over it) and the
  ``-wal``/``-shm``/``-journal`` companions of such a file. It refuses a target that is a
  folder. A refusal (``FileRefused``) writes nothing; commands exit 2.
- It writes to a temporary file in the target's folder, flushes and fsyncs it, renames it over
  the target only when complete, and fsyncs the folder. An earlier file keeps its mode.
- On any failure (a full disk, a file-size limit, a read-only file system, no permission, too
  many open files, a folder in the way...) the temporary file is removed, an earlier file at
  the target is untouched, no new file is left, and one ``FileWriteFailed`` names the cause
  for the message catalog; commands exit 1.

A link is written through: the file it points at is replaced, never the link itself.
"""
from __future__ import annotations

import errno
import os
import resource
import secrets
import sqlite3
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from bot import catalog

COMPANIONS = ("-wal", "-shm", "-journal")
EXIT_REFUSED, EXIT_FAILED = 2, 1

_CAUSES = {
    errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EFBIG: "too_big", errno.EROFS: "read_only",
    errno.EACCES: "denied", errno.EPERM: "denied", errno.EMFILE: "descriptors", errno.ENFILE: "descriptors",
    errno.ENOTDIR: "in_the_way", errno.ENOENT: "in_the_way", errno.EISDIR: "in_the_way",
    errno.ENAMETOOLONG: "name_too_long",
}


class SafeWriteError(Exception):
    """Nothing was written: ``line(lang)`` says why in one line; ``exit_code`` for commands."""

    exit_code = EXIT_FAILED

    def line(self, lang: str) -> str:
        raise NotImplementedError


class FileRefused(SafeWriteError):
    """The target is not a file Hindsight may write. ``kind``: "empty", "live" (the live
    database or one of its files), "open" (a file this process has open), "folder" (the target
    is a folder) or "not_folder" (a file where a folder is wanted)."""

    exit_code = EXIT_REFUSED

    def __init__(self, kind: str, target: str, db: str = "") -> None:
        super().__init__(f"{kind}: {target}")
        self.kind, self.target, self.db = kind, target, db

    def line(self, lang: str) -> str:
        if self.kind == "empty":
            return catalog.t(lang, "cli_empty_path")
        if self.kind == "live":
            return catalog.t(lang, "cli_refuse_overwrite", target=self.target, db=self.db)
        return catalog.t(lang, "file_refused_" + self.kind, target=self.target)


class FileWriteFailed(SafeWriteError):
    """Writing failed; nothing changed at the target. ``cause`` is one of "full", "too_big",
    "read_only", "denied", "descriptors", "in_the_way", "name_too_long" or "io"."""

    def __init__(self, cause: str, target: str, detail: str = "") -> None:
        super().__init__(f"{cause}: {target}: {detail}")
        self.cause, self.target, self.detail = cause, target, detail

    def reason(self, lang: str) -> str:
        return catalog.t(lang, "file_cause_" + self.cause, detail=self.detail)

    def line(self, lang: str) -> str:
        return catalog.t(lang, "file_failed", target=self.target, cause=self.reason(lang))


def cause_of(exc: OSError) -> str:
    return _CAUSES.get(exc.errno or 0, "io")


def failure(exc: BaseException, target: str | Path, near: str | Path | None = None) -> FileWriteFailed:
    """The typed failure for an OSError or a sqlite3.Error met while writing ``target``. SQLite
    does not say which errno it met, so a disk I/O error is told apart by looking: a finite
    file-size limit (reached, or with space left on the disk), or a folder with no free space."""
    if isinstance(exc, FileWriteFailed):
        return exc
    if isinstance(exc, OSError):
        return FileWriteFailed(cause_of(exc), str(target), exc.strerror or str(exc))
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    cause = {8: "read_only", 3: "denied", 13: "full"}.get(code, "io")
    if code == 14:  # SQLITE_CANTOPEN: look at the folder for why
        cause = _cannot_open(Path(near or target).parent)
    if cause in ("io", "full"):
        cause = _diagnose(Path(near or target)) or cause
    return FileWriteFailed(cause, str(target), str(exc))


def _cannot_open(folder: Path) -> str:
    if not folder.is_dir():
        return "in_the_way"
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "read_only"
    except OSError:
        pass
    if not os.access(folder, os.W_OK | os.X_OK):
        return "denied"
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    try:
        used = len(os.listdir("/proc/self/fd"))
    except OSError as exc:
        return cause_of(exc) if exc.errno in (errno.EMFILE, errno.ENFILE) else "io"
    if soft != resource.RLIM_INFINITY and soft - used < 4:  # SQLite needs a few at once (file, journal)
        return "descriptors"
    return "io"


def _diagnose(path: Path) -> str | None:
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    try:
        size = max((os.stat(str(path) + s).st_size for s in ("", *COMPANIONS) if os.path.exists(str(path) + s)),
                   default=0)  # SQLite's -wal may be what reached the limit
        vfs = os.statvfs(path.parent)
    except OSError:
        return None
    full = vfs.f_bavail * vfs.f_frsize < 64 * 1024 or vfs.f_favail == 0
    if limit != resource.RLIM_INFINITY and (size + 64 * 1024 >= limit or not full):
        return "too_big"  # SQLite may have asked for the whole size at once (a checkpoint's size hint)
    return "full" if full else None


# refusing ----------------------------------------------------------------------------------

def _same(a: str, b: str) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _open_here(path: str) -> bool:
    """True if this process has ``path`` open (compared by device and inode, through
    /proc/self/fd or /dev/fd)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            fds = os.listdir(folder)
        except OSError:
            continue
        for fd in fds:
            try:
                other = os.fstat(int(fd))
            except (OSError, ValueError):
                continue
            if stat.S_ISREG(other.st_mode) and (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                return True
        return False
    return False


def check_target(target: str | Path, protect: Sequence[str] = ()) -> Path:
    """The resolved file to write for ``target``, or FileRefused. ``protect`` names the live
    database(s); their companions are protected with them."""
    text = str(target)
    if not text.strip():
        raise FileRefused("empty", text)
    real = os.path.realpath(text)
    for db in protect:
        for suffix in ("", *COMPANIONS):
            if _same(text, db + suffix):
                raise FileRefused("live", text, db)
    base = next((real[: -len(s)] for s in COMPANIONS if real.endswith(s)), None)
    if _open_here(real) or (base is not None and _open_here(base)):
        raise FileRefused("open", text)
    if os.path.isdir(real):
        raise FileRefused("folder", text)
    return Path(real)


# writing -----------------------------------------------------------------------------------

def _temp_name(final: Path) -> Path:
    return final.with_name(f".{final.name[:100]}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _remove(path: Path, companions: bool = False) -> None:
    for suffix in ("", *COMPANIONS) if companions else ("",):
        try:
            os.unlink(str(path) + suffix)
        except OSError:
            pass


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable. A file system that cannot fsync a folder (EINVAL)
    is left as it is: the file itself is complete either way."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(final: Path, data: bytes) -> Path:
    """``data`` in a new fsynced temporary file next to ``final`` (with an earlier file's mode)."""
    tmp = _temp_name(final)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            try:
                os.fchmod(fd, stat.S_IMODE(os.stat(final).st_mode))
            except FileNotFoundError:
                pass
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def write_bytes(target: str | Path, data: bytes, protect: Sequence[str] = ()) -> Path:
    """Write ``data`` at ``target`` whole or not at all; the path written (links resolved)."""
    final = check_target(target, protect)
    tmp: Path | None = None
    try:
        tmp = _write_temp(final, data)
        os.replace(tmp, final)
    except OSError as exc:
        if tmp is not None:
            _remove(tmp)
        raise failure(exc, target) from exc
    fsync_folder(final.parent)
    return final


def write_text(target: str | Path, text: str, protect: Sequence[str] = ()) -> Path:
    return write_bytes(target, text.encode("utf-8"), protect)


def write_tree(root: str | Path, files: Mapping[str, bytes], protect: Sequence[str] = ()) -> Path:
    """Write ``{relative path: bytes}`` under the folder ``root``, all or nothing: every file is
    written to a temporary file first; only when all are complete are they renamed into place.
    On failure the temporary files and the folders this call made are removed."""
    text = str(root)
    real = Path(check_folder(text, protect))
    finals = []
    for rel in files:
        final = real / rel
        parent = final.parent
        while parent != real:
            if parent.exists() and not parent.is_dir():
                raise FileRefused("not_folder", str(Path(text) / parent.relative_to(real)))
            parent = parent.parent
        finals.append(check_target(final, protect))
    made: list[Path] = []
    temps: list[tuple[Path, Path]] = []
    try:
        for final, data in zip(finals, files.values()):
            for folder in reversed([final.parent, *final.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            temps.append((_write_temp(final, data), final))
        for tmp, final in temps:
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in temps:
            _remove(tmp)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise failure(exc, text) from exc
    for folder in {real, *made, *(f.parent for f in finals)}:
        fsync_folder(folder)
    return real


def check_folder(root: str, protect: Sequence[str] = ()) -> str:
    """The resolved folder for a tree of files: refused when it is the live database, a file
    this process has open, or a file."""
    if not root.strip():
        raise FileRefused("empty", root)
    real = os.path.realpath(root)
    for db in protect:
        for suffix in ("", *COMPANIONS):
            if _same(root, db + suffix):
                raise FileRefused("live", root, db)
    if os.path.exists(real) and not os.path.isdir(real):
        raise FileRefused("not_folder", root)
    return real


@contextmanager
def staged(target: str | Path, protect: Sequence[str] = (),
           before_replace: Callable[[Path, Path], None] | None = None,
           diagnose: tuple[type[Exception], ...] = ()) -> Iterator[Path]:
    """A temporary path next to ``target`` for a writer that makes the file itself (SQLite).
    When the block ends normally the file is fsynced, ``before_replace(tmp, final)`` runs (it
    may refuse), and the file is renamed over the target. When the block or any step fails, the
    temporary file and its SQLite companions are removed and the error is raised as
    FileWriteFailed (OSError, sqlite3.Error, and the ``diagnose`` types when a full disk or a
    file-size limit is seen) or as it was (anything else)."""
    final = check_target(target, protect)
    tmp = _temp_name(final)
    try:
        yield tmp
        _fsync_file(tmp)
        if before_replace is not None:
            before_replace(tmp, final)
        os.replace(tmp, final)
    except (OSError, sqlite3.Error) as exc:
        raise failure(exc, target, tmp) from exc
    except diagnose as exc:  # the writer's own failures (storage's DatabaseError...): name the cause if seen
        cause = _diagnose(tmp)
        if cause is None:
            raise
        raise FileWriteFailed(cause, str(target), str(exc)) from exc
    finally:
        _remove(tmp, companions=True)
    fsync_folder(final.parent)
