"""The ``hindsight`` command keeps the trust rules: read-only commands never write, a file that
is not Hindsight's stops every command with exit 2 and stays byte-identical, and no command
overwrites the live database."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.core.proc import hindsight
from tests.core.test_storage_trust import _foreign, _not_sqlite

pytestmark = pytest.mark.slow


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A closed round in a database whose built-in prompt text is older than the library's,
    so any seeding by a read-only command would change the file."""
    folder = tmp_path_factory.mktemp("trust")
    db = folder / "h.db"
    out = hindsight("console", "--as", "alice", db=db, cwd=folder, stdin="bear-market proof\n/hindsight close\n")
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(db)
    conn.execute("UPDATE prompts SET text_en = 'an older wording' WHERE key = 'bear-market-proof'")
    conn.commit()
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return db


@pytest.mark.parametrize("args", [
    ("digest", "--group", "console"),
    ("digest", "--group", "console", "--format", "json"),
    ("export", "--format", "json", "--out", "{tmp}/x.json"),
    ("export", "--format", "csv", "--out", "{tmp}/x.csv"),
    ("export", "--format", "md", "--out", "{tmp}/md"),
    ("prompts", "--group", "console"),
    ("backup", "{tmp}/copy.db"),
])
def test_read_only_commands_never_write(live, tmp_path, args):
    before, mtime = _sha(live), live.stat().st_mtime_ns
    out = hindsight(*(a.format(tmp=tmp_path) for a in args), db=live, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert _sha(live) == before and live.stat().st_mtime_ns == mtime
    conn = sqlite3.connect(f"file:{live}?mode=ro", uri=True)
    assert conn.execute("SELECT text_en FROM prompts WHERE key = 'bear-market-proof'").fetchone() == ("an older wording",)
    conn.close()


def _newer(path: Path) -> None:
    out = hindsight("console", "--as", "alice", db=path, cwd=path.parent, stdin="hi\n")
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('hindsight', '0999_from_a_newer_version', 't')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make, words", [(_not_sqlite, "not a SQLite database"),
                                         (_foreign, "another program"),
                                         (_newer, "newer Hindsight")])
@pytest.mark.parametrize("args", [("console", "--as", "bob"), ("digest", "--group", "console"),
                                  ("export", "--format", "json", "--out", "out.json"),
                                  ("prompts", "--group", "console"), ("backup", "copy.db")])
def test_a_file_that_is_not_ours_stops_with_exit_2_untouched(tmp_path, make, words, args):
    db = tmp_path / "h.db"
    make(db)
    files = {p.name: _sha(p) for p in tmp_path.iterdir()}
    out = hindsight(*args, db=db, cwd=tmp_path, stdin="an answer that must not be stored\n")
    assert out.returncode == 2, (out.returncode, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and str(db) in lines[0], out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert _sha(db) == files["h.db"]
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "copy.db").exists()


@pytest.mark.parametrize("target", ["{db}", "{db}-wal", "{db}-shm", "", " ", "{link}", "{hard}", "{dotted}"])
@pytest.mark.parametrize("command", ["csv", "json", "backup"])
def test_no_command_overwrites_the_live_database(live, tmp_path, target, command):
    link = tmp_path / "link.db"
    if not link.exists():
        link.symlink_to(live)
    hard = live.parent / "hard.db"
    if not hard.exists():
        os.link(live, hard)
    dotted = f"{live.parent}/./../{live.parent.name}/{live.name}"
    path = target.format(db=live, link=link, hard=hard, dotted=dotted)
    before = _sha(live)
    args = ("backup", path) if command == "backup" else ("export", "--format", command, "--out", path)
    out = hindsight(*args, db=live, cwd=tmp_path)
    assert out.returncode == 2, (out.returncode, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and ("live database" in lines[0] or "empty" in lines[0]), out.stderr
    assert _sha(live) == before
    assert not Path(str(live) + "-journal").exists()


def test_export_and_backup_still_write_elsewhere(live, tmp_path):
    target = tmp_path / "h.db"  # same file name, another folder: allowed
    assert hindsight("backup", str(target), db=live, cwd=tmp_path).returncode == 0
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    out = tmp_path / "archive.json"
    assert hindsight("export", "--format", "json", "--out", str(out), db=live, cwd=tmp_path).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["groups"][0]["name"] == "console"
