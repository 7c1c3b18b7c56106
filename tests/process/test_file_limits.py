"""Files the product writes, under a file-size limit (``ulimit -f``) and on a full disk (a small
tmpfs), through the real ``hindsight`` command: export (json, csv, md), backup, chart and the
console's my-data. A failed write leaves no partial or temporary file, an earlier good file is
byte-identical, and the command says so in one line with no traceback (exit 1; the console
goes on to its next line).

Python ignores SIGXFSZ from its start (signal.getsignal(SIGXFSZ) is SIG_IGN), so a write over
the limit fails with EFBIG instead of killing the process; each test checks the exit code is
1, not -25.

Under ``ulimit -f`` a process that is the first to open the database re-creates its 32 KB
``-shm`` and fails there; in production the bot holds the file open, so these tests hold it
open too (``holder``) and the limit falls on the file being written.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.process.conftest import hindsight_argv

pytestmark = pytest.mark.slow

NOW = "2026-03-11T15:00:00+00:00"


def run(args: list[str], env: dict[str, str], cwd: Path, limit_kb: int | None = None,
        stdin: str = "") -> subprocess.CompletedProcess:
    argv = hindsight_argv() + args
    if limit_kb is not None:
        argv = ["bash", "-c", f'ulimit -f {limit_kb}; exec "$@"', "bash", *argv]
    return subprocess.run(argv, env=env, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


def listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*")) if not p.name.startswith("d.db")}


@contextmanager
def holder(db: Path):
    """The database held open by another process's connection, as a running bot holds it."""
    conn = sqlite3.connect(db)
    conn.execute("SELECT count(*) FROM answers").fetchone()
    try:
        yield
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, cli_env_module):
    folder = tmp_path_factory.mktemp("demo")
    done = run(["demo", "--db", str(folder / "d.db")], {**cli_env_module, "HINDSIGHT_NOW": NOW}, folder)
    assert done.returncode == 0, done.stderr
    return folder / "d.db"


@pytest.fixture(scope="module")
def cli_env_module():
    return {**{k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "HINDSIGHT_"))},
            "USER": "tester"}


@pytest.fixture
def work(tmp_path, demo_db, cli_env_module):
    db = tmp_path / "d.db"
    shutil.copy(demo_db, db)
    return tmp_path, db, {**cli_env_module, "HINDSIGHT_DB": str(db)}


def one_clean_line(out: subprocess.CompletedProcess, *words: str) -> str:
    assert out.returncode == 1, (out.returncode, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "Traceback" not in out.stderr and all(w in lines[0] for w in words), lines[0]
    return lines[0]


@pytest.mark.parametrize("args, name, limit", [
    (["export", "--format", "json", "--out", "out.json"], "out.json", 40),
    (["export", "--format", "csv", "--out", "out.csv"], "out.csv", 40),
    (["backup", "out.db"], "out.db", 64),
    (["chart", "--group", "console", "--prompt", "bear-score", "--out", "out.png"], "out.png", 8),
])
def test_over_the_file_size_limit_the_earlier_file_stays_and_nothing_else_is_left(work, args, name, limit):
    folder, db, env = work
    first = run(args, env, folder)
    assert first.returncode == 0, first.stderr
    good = (folder / name).read_bytes()
    assert len(good) > limit * 1024  # the new file would not fit
    before = listing(folder)
    with holder(db):
        out = run(args, env, folder, limit_kb=limit)
    one_clean_line(out, f"could not write {name}", "file-size limit", "Nothing was changed")
    assert (folder / name).read_bytes() == good
    assert listing(folder) == before  # no temporary, partial or 0-byte file


def test_a_backup_over_the_limit_with_no_earlier_one_leaves_no_file(work):
    folder, db, env = work
    with holder(db):
        out = run(["backup", "new.db"], env, folder, limit_kb=64)
    one_clean_line(out, "could not write new.db", "file-size limit")
    assert listing(folder) == {}


def test_the_console_says_my_data_failed_in_one_line_and_goes_on(work):
    folder, db, env = work
    first = run(["console", "--as", "서연"], env, folder, stdin="/hindsight my-data\n")
    assert first.returncode == 0, first.stderr
    good = (folder / "hindsight-my-data.json").read_bytes()
    assert len(good) > 16 * 1024
    with holder(db):
        out = run(["console", "--as", "서연"], env, folder, limit_kb=16, stdin="/hindsight my-data\n/as bob\n")
    assert out.returncode == 0 and "Traceback" not in out.stderr + out.stdout, out.stderr
    lines = out.stdout.strip().splitlines()
    failed = [i for i, line in enumerate(lines) if "Not saved" in line]
    assert len(failed) == 1, out.stdout
    assert "could not write" in lines[failed[0]] and "file-size limit" in lines[failed[0]]
    assert lines[failed[0] + 1:] == ["You are now bob."]  # the next line was read and handled
    assert (folder / "hindsight-my-data.json").read_bytes() == good
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("d.db")) == ["hindsight-my-data.json"]


def test_a_backup_holds_the_sources_schema_and_rows(work):
    folder, db, env = work
    out = run(["backup", "copy.db"], env, folder)
    assert out.returncode == 0, out.stderr
    src, copy = sqlite3.connect(db), sqlite3.connect(folder / "copy.db")
    tables = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for t in tables:
        assert copy.execute(f'SELECT count(*) FROM "{t}"').fetchone() == src.execute(
            f'SELECT count(*) FROM "{t}"').fetchone(), t
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    assert f"tables {len([t for t in tables if not t.startswith('sqlite_')])}, rows " in out.stderr, out.stderr
    src.close()
    copy.close()


# a full disk: a small tmpfs ---------------------------------------------------------------

@pytest.fixture
def full_folder(tmp_path):
    """A 1 MB tmpfs at tmp_path/full (skipped where mounting is not allowed), unmounted after."""
    mnt = tmp_path / "full"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fill(folder: Path) -> None:
    """Fill the file system of ``folder`` to the last byte."""
    fd = os.open(folder / f"filler-{uuid.uuid4().hex[:6]}", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


def test_on_a_full_disk_every_file_fails_cleanly_and_earlier_files_stay(work, full_folder):
    folder, db, env = work
    commands = {
        "out.json": ["export", "--format", "json", "--out", str(full_folder / "out.json")],
        "out.csv": ["export", "--format", "csv", "--out", str(full_folder / "out.csv")],
        "md": ["export", "--format", "md", "--out", str(full_folder / "md")],
        "out.db": ["backup", str(full_folder / "out.db")],
        "out.png": ["chart", "--group", "console", "--prompt", "bear-score", "--out", str(full_folder / "out.png")],
    }
    for name in ("out.json", "out.png"):  # earlier good files; the others are new
        assert run(commands[name], env, folder).returncode == 0
    (full_folder / "md").mkdir()
    (full_folder / "md" / "mine.md").write_text("an earlier note\n")
    fill(full_folder)
    before = listing(full_folder)
    for name, args in commands.items():
        out = run(args, env, folder)
        one_clean_line(out, "the disk is full", "Nothing was changed")
        assert listing(full_folder) == before, name
    console = run(["console", "--as", "서연"], {**env}, full_folder, stdin="/hindsight my-data\n/as bob\n")
    assert console.returncode == 0 and "Traceback" not in console.stderr, console.stderr
    assert "Not saved: could not write" in console.stdout and "the disk is full" in console.stdout
    assert console.stdout.strip().endswith("You are now bob.")
    assert listing(full_folder) == before


@pytest.mark.parametrize("make", ["folder", "link"])
def test_the_consoles_chart_never_goes_into_a_folder_or_over_the_live_database(work, make):
    """A folder named like the chart kills nothing; a link of that name to the live database
    gets no PNG over the database. One line each, and the lines after it are handled."""
    folder, db, env = work
    target = folder / "chart-bear-score.png"
    if make == "folder":
        target.mkdir()
    else:
        target.symlink_to(db)
    out = run(["console", "--as", "서연"], env, folder,
              stdin="/hindsight chart bear-score\n/hindsight my-data\n/as bob\n")
    assert out.returncode == 0 and "Traceback" not in out.stderr + out.stdout, out.stderr
    refused = [line for line in out.stdout.splitlines() if "Not saved" in line]
    assert len(refused) == 1 and str(target) in refused[0], out.stdout
    assert ("is a folder" if make == "folder" else "this process has open") in refused[0]
    assert "Wrote" in out.stdout and (folder / "hindsight-my-data.json").exists()  # the next line was handled
    assert out.stdout.strip().endswith("You are now bob.")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] > 200
    conn.close()
    assert target.is_dir() if make == "folder" else target.is_symlink()
