"""The one writer of the files Hindsight writes (bot/safe_files.py): whole or not at all, never
over the live database or a folder, one typed error with one catalog line."""
from __future__ import annotations

import errno
import hashlib
import io
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot import safe_files
from bot.actions import Upload
from bot.safe_files import FileRefused, FileWriteFailed, check_target, staged, write_bytes, write_tree
from storage.db import connect, file_uri, open_readonly

GOOD = b"a good earlier export\n" * 1000


def _listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def _raise(code: int, after: int = 0):
    """A replacement that works ``after`` times, then raises OSError(code)."""
    calls = {"n": 0}

    def fail(original):
        def wrapped(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] > after:
                raise OSError(code, os.strerror(code))
            return original(*args, **kwargs)
        return wrapped
    return fail


def test_writes_whole_and_replaces_an_earlier_file_keeping_its_mode(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o600)
    assert write_bytes(target, GOOD) == target
    assert target.read_bytes() == GOOD
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def _partial_write(original):
    """os.write that writes half of what it is given once, then fails: a disk filling up."""
    state = {"first": True}

    def write(fd, data):
        if state["first"]:
            state["first"] = False
            return original(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return write


@pytest.mark.parametrize("name, patch, cause, words", [
    ("write", _partial_write, "full", "the disk is full"),
    ("write", _raise(errno.EFBIG), "too_big", "file-size limit"),
    ("fsync", _raise(errno.EIO), "io", "input/output error"),
    ("replace", _raise(errno.ENOSPC), "full", "the disk is full"),
    ("open", _raise(errno.EMFILE), "descriptors", "too many open files"),
    ("open", _raise(errno.EROFS), "read_only", "read-only"),
    ("open", _raise(errno.EACCES), "denied", "permission denied"),
])
def test_a_failure_leaves_the_earlier_file_byte_identical_and_no_new_file(tmp_path, monkeypatch, name, patch,
                                                                          cause, words):
    target = tmp_path / "export.json"
    target.write_bytes(GOOD)
    before = _listing(tmp_path)
    monkeypatch.setattr(safe_files.os, name, patch(getattr(os, name)))
    with pytest.raises(FileWriteFailed) as caught:
        write_bytes(target, b"the new export that must not be half written" * 500)
    monkeypatch.undo()
    assert caught.value.cause == cause
    assert _listing(tmp_path) == before  # no temporary file, the earlier one unchanged
    line = caught.value.line("en")
    assert "\n" not in line and words in line and str(target) in line and "Nothing was changed" in line
    assert "\n" not in caught.value.line("ko") and str(target) in caught.value.line("ko")


def test_a_failure_with_no_earlier_file_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_files.os, "fsync", _raise(errno.ENOSPC)(os.fsync))
    with pytest.raises(FileWriteFailed):
        write_bytes(tmp_path / "new.csv", b"x" * 10000)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_named_like_the_target_is_refused_and_left_as_it_is(tmp_path):
    folder = tmp_path / "chart-bear-score.png"
    folder.mkdir()
    (folder / "inside.txt").write_text("mine")
    before = _listing(tmp_path)
    with pytest.raises(FileRefused) as caught:
        write_bytes(folder, b"png")
    assert caught.value.kind == "folder" and caught.value.exit_code == 2
    assert caught.value.line("en") == f"{folder} is a folder; name a file to write."
    assert _listing(tmp_path) == before


@pytest.fixture
def live(tmp_path):
    """A live Hindsight database, open in this process like the console's."""
    db = connect(tmp_path / "live.db")
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    yield tmp_path / "live.db"
    db.close()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_a_link_to_the_live_database_or_its_companions_is_refused(live, tmp_path, suffix):
    link = tmp_path / f"link{suffix or '.png'}"
    link.symlink_to(str(live) + suffix)
    before = {s: Path(str(live) + s).read_bytes() for s in ("", "-wal", "-shm") if Path(str(live) + s).exists()}
    for protect in ([str(live)], []):  # told the database's path (the commands), or not (the console)
        with pytest.raises(FileRefused) as caught:
            write_bytes(link, b"\x89PNG not a database", protect)
        assert caught.value.kind == ("live" if protect else "open")
        assert caught.value.exit_code == 2 and "\n" not in caught.value.line("en")
    assert {s: Path(str(live) + s).read_bytes() for s in before} == before
    assert not Path(str(live) + "-journal").exists()
    assert open_readonly(str(live)).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_console_refuses_a_chart_named_link_to_its_live_database(live, tmp_path):
    (tmp_path / "chart-bear-score.png").symlink_to(live)
    out = io.StringIO()
    console = ConsoleAdapter("alice", stdout=out, out_dir=tmp_path)
    before = live.read_bytes()
    console.render(Upload("chart-bear-score.png", b"\x89PNG" + b"\0" * 1000, "The chart."))
    assert live.read_bytes() == before
    assert out.getvalue() == (f"The chart. Not saved: {tmp_path / 'chart-bear-score.png'} is a file this process has"
                              " open (its database or one of the database's files); refusing to write it.\n")


def test_the_console_says_a_full_disk_in_one_line_and_goes_on(tmp_path, monkeypatch):
    earlier = tmp_path / "hindsight-my-data.json"
    earlier.write_bytes(GOOD)
    out = io.StringIO()
    console = ConsoleAdapter("alice", stdout=out, out_dir=tmp_path)
    monkeypatch.setattr(safe_files.os, "write", _raise(errno.ENOSPC)(os.write))
    console.render(Upload("hindsight-my-data.json", b"{}" * 5000, "All your answers, as JSON."))
    monkeypatch.undo()
    assert out.getvalue() == (f"All your answers, as JSON. Not saved: could not write {earlier}: the disk is full."
                              " Nothing was changed there.\n")
    assert earlier.read_bytes() == GOOD and sorted(p.name for p in tmp_path.iterdir()) == [earlier.name]


def test_a_tree_is_written_all_or_nothing(tmp_path, monkeypatch):
    out = tmp_path / "md"
    out.mkdir()
    (out / "old.md").write_bytes(GOOD)
    before = _listing(tmp_path)
    files = {f"founders/2026-W{n:02}.md": f"week {n}\n".encode() for n in range(1, 6)}
    monkeypatch.setattr(safe_files.os, "write", _raise(errno.ENOSPC, after=3)(os.write))
    with pytest.raises(FileWriteFailed) as caught:
        write_tree(out, files)
    monkeypatch.undo()
    assert caught.value.cause == "full"
    assert _listing(tmp_path) == before  # no file, no folder of this run is left
    write_tree(out, files)
    assert (out / "founders" / "2026-W05.md").read_text() == "week 5\n" and (out / "old.md").read_bytes() == GOOD


def test_a_tree_refuses_a_file_where_a_folder_goes_and_a_file_as_its_root(tmp_path):
    out = tmp_path / "md"
    out.mkdir()
    (out / "founders").write_text("a file in the way")
    before = _listing(tmp_path)
    with pytest.raises(FileRefused) as caught:
        write_tree(out, {"founders/2026-W01.md": b"x", "a/2026-W01.md": b"y"})
    assert caught.value.kind == "not_folder"
    with pytest.raises(FileRefused) as caught:
        write_tree(out / "founders", {"x/2026-W01.md": b"x"})
    assert caught.value.kind == "not_folder" and caught.value.exit_code == 2
    assert _listing(tmp_path) == before


def test_staged_removes_the_temporary_file_and_its_companions_on_failure(tmp_path):
    target = tmp_path / "backup.db"
    target.write_bytes(GOOD)
    before = _listing(tmp_path)
    with pytest.raises(RuntimeError):
        with staged(target) as tmp:
            conn = sqlite3.connect(file_uri(str(tmp)), uri=True)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE t (a)")
            conn.commit()
            assert Path(str(tmp) + "-wal").exists()
            raise RuntimeError("the check failed")
    conn.close()
    assert _listing(tmp_path) == before


def test_check_target_refuses_an_empty_path():
    with pytest.raises(FileRefused) as caught:
        check_target("  ")
    assert caught.value.kind == "empty" and caught.value.line("en") == "the output path is empty; name a file."


@pytest.mark.parametrize("name", ["real#1.db", "what?.db", "100%.db", "a b.db", "%23.db", "file:x.db"])
def test_sqlite_uris_name_the_file_they_were_built_from(tmp_path, name):
    """Each real file opens as itself: '#', '?', '%' and spaces never cut the name short."""
    decoy = tmp_path / "real"
    for path, label in ((tmp_path / name, "mine"), (decoy, "decoy")):
        conn = sqlite3.connect(file_uri(str(path)), uri=True)
        conn.execute("CREATE TABLE who (name)")
        conn.execute("INSERT INTO who VALUES (?)", (label,))
        conn.commit()
        conn.close()
    conn = open_readonly(str(tmp_path / name))
    assert conn.execute("SELECT name FROM who").fetchone() == ("mine",)
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({name, "real"})


def test_a_database_named_like_a_uri_opens_as_that_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = connect("file:h.db?mode=memory")
    db.close()
    assert (tmp_path / "file:h.db?mode=memory").stat().st_size > 0


def test_staged_names_a_diagnosed_cause_only_for_the_writers_own_failures(tmp_path, monkeypatch):
    """Under a file-size limit a failure of the writer's kind is named as the limit; a refusal
    raised on purpose (another kind) stays what it is."""
    monkeypatch.setattr(safe_files.resource, "getrlimit", lambda _: (1 << 20, 1 << 20))
    with pytest.raises(FileWriteFailed) as caught:
        with staged(tmp_path / "d.db", diagnose=(LookupError,)):
            raise LookupError("not saved")
    assert caught.value.cause == "too_big"
    with pytest.raises(ValueError):
        with staged(tmp_path / "d.db", diagnose=(LookupError,)):
            raise ValueError("in use")
    assert list(tmp_path.iterdir()) == []


def test_a_backup_on_a_read_only_file_system_says_so(tmp_path):
    """SQLite says only "unable to open database file"; the folder tells why."""
    mnt = tmp_path / "ro"
    mnt.mkdir()
    import subprocess
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", str(mnt)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        with pytest.raises(FileWriteFailed) as caught:
            with staged(mnt / "b.db") as tmp:
                sqlite3.connect(file_uri(str(tmp)), uri=True).execute("CREATE TABLE t (a)")
        assert caught.value.cause == "read_only"
        assert "the file system is read-only" in caught.value.line("en")
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_sqlite_unable_to_open_with_no_descriptors_left_says_so(tmp_path, monkeypatch):
    used = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(safe_files.resource, "getrlimit",
                        lambda which: (used + 1, used + 1) if which == safe_files.resource.RLIMIT_NOFILE
                        else (safe_files.resource.RLIM_INFINITY,) * 2)
    exc = sqlite3.OperationalError("unable to open database file")
    exc.sqlite_errorcode = 14  # type: ignore[attr-defined]
    assert safe_files.failure(exc, tmp_path / "b.db").cause == "descriptors"
    assert safe_files.failure(exc, tmp_path / "missing" / "b.db").cause == "in_the_way"
