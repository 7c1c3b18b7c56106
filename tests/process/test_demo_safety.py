"""``hindsight demo`` never costs a real file: a name with '#' is that file (not the name cut at
'#'), a file another process has open is refused, and a demo that cannot be written (a
file-size limit, a full disk) says so in one line and leaves an earlier demo as it was."""
from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from tests.process.conftest import hindsight_argv
from tests.process.test_file_limits import full_folder  # noqa: F401 - the tmpfs fixture

pytestmark = pytest.mark.slow

def run(args: list[str], env: dict[str, str], cwd: Path, limit_kb: int | None = None,
        stdin: str = "") -> subprocess.CompletedProcess:
    argv = hindsight_argv() + args
    if limit_kb is not None:
        argv = ["bash", "-c", f'ulimit -f {limit_kb}; exec "$@"', "bash", *argv]
    return subprocess.run(argv, env=env, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def env(cli_env):
    return dict(cli_env)  # the real clock: a fixed one adds its warning line


def one_line(out: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert out.returncode == code, (out.returncode, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    assert all(w in lines[0] for w in words), lines[0]


def test_force_on_a_name_with_a_hash_looks_at_that_file_not_the_name_before_it(env, tmp_path):
    """'real#1.db' once opened as file:real#1.db?mode=ro, that is 'real': a demo there made a
    real database look like an earlier demo, and --force deleted it."""
    assert run(["demo", "--db", "real"], env, tmp_path).returncode == 0  # the decoy: a demo named 'real'
    real = tmp_path / "real#1.db"
    made = run(["console", "--as", "alice"], {**env, "HINDSIGHT_DB": str(real)}, tmp_path,
               stdin="a real answer that must survive\n")
    assert made.returncode == 0, made.stderr
    before = sha(real)
    out = run(["demo", "--db", "real#1.db", "--force"], env, tmp_path)
    one_line(out, 2, "real#1.db", "not a database made by hindsight demo")
    assert sha(real) == before


def test_force_refuses_a_demo_a_running_console_has_open(env, tmp_path):
    db = tmp_path / "d.db"
    assert run(["demo", "--db", str(db)], env, tmp_path).returncode == 0
    console = subprocess.Popen(hindsight_argv() + ["console", "--as", "서연"], env={**env, "HINDSIGHT_DB": str(db)},
                               cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8")
    try:
        assert console.stdin and console.stdout
        console.stdin.write("/as 지우\n")
        console.stdin.flush()
        assert console.stdout.readline().strip() == "You are now 지우."  # it runs, with the file open
        out = run(["demo", "--db", str(db), "--force"], env, tmp_path)
        one_line(out, 2, str(db), "open in another process")
        console.stdin.write("an answer given after the refused demo\n")
        console.stdin.close()
        assert console.wait(timeout=60) == 0
        assert "saved" in console.stdout.read()
    finally:
        if console.poll() is None:
            console.kill()
    import sqlite3
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM answers WHERE text = 'an answer given after the refused demo'"
                        ).fetchone() == (1,)
    conn.close()
    again = run(["demo", "--db", str(db), "--force"], env, tmp_path)  # nobody has it open now
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize("limit_kb", [8, 100, 370])
def test_a_demo_over_the_file_size_limit_is_one_line_and_the_earlier_demo_stays(env, tmp_path, limit_kb):
    db = tmp_path / "d.db"
    assert run(["demo", "--db", str(db)], env, tmp_path).returncode == 0
    before = {p.name: sha(p) for p in tmp_path.iterdir()}
    out = run(["demo", "--db", str(db), "--force"], env, tmp_path, limit_kb=limit_kb)
    one_line(out, 1, "could not write", "file-size limit", "Nothing was changed")
    assert {p.name: sha(p) for p in tmp_path.iterdir()} == before
    new = run(["demo", "--db", "new.db"], env, tmp_path, limit_kb=limit_kb)
    one_line(new, 1, "could not write new.db", "file-size limit")
    assert {p.name: sha(p) for p in tmp_path.iterdir()} == before


def test_a_demo_on_a_full_disk_is_one_line_and_leaves_nothing(env, full_folder):  # noqa: F811
    out = run(["demo", "--db", "d.db"], env, full_folder)
    one_line(out, 1, "could not write d.db", "the disk is full")
    assert list(full_folder.iterdir()) == []
