"""``hindsight demo``: a year of a sample group, built through the real use cases, explorable after.

The time it takes is printed (the issue asks for under 30 s on a 2-core machine; it takes
about a second), not asserted: a loaded CI machine must not fail a correctness test.
"""
from __future__ import annotations

import json
import re
import subprocess
import time

import pytest

from tests.process.conftest import hindsight_argv

pytestmark = pytest.mark.slow

NOW = "2026-03-11T15:00:00+00:00"  # a Wednesday: the demo's year is the 52 weeks before this one
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def run(args: list[str], env: dict[str, str], cwd, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(hindsight_argv() + args, env=env, cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def demo_env(cli_env):
    return {**cli_env, "HINDSIGHT_NOW": NOW}


@pytest.fixture
def built(tmp_path, demo_env):
    db = tmp_path / "demo.db"
    started = time.monotonic()
    done = run(["demo", "--db", str(db)], demo_env, tmp_path)
    print(f"hindsight demo took {time.monotonic() - started:.1f} s (wall, with the process start)")
    assert done.returncode == 0, done.stderr
    return db, done


def test_demo_builds_a_year_that_exports_with_everything(built, demo_env, tmp_path):
    db, done = built
    assert "hindsight --db" in done.stdout and "console" in done.stdout
    assert "/hindsight ledger" in done.stdout and "export --format md" in done.stdout
    out = tmp_path / "e.json"
    exported = run(["--db", str(db), "export", "--format", "json", "--out", str(out)], demo_env, tmp_path)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    [group] = data["groups"]
    assert group["name"] == "console"
    rounds = group["rounds"]
    closed = [r for r in rounds if r["closed_at"]]
    assert len(closed) >= 40
    answers = [a for r in closed for a in r["answers"]]
    assert len({a["member"] for a in answers if a["member"]}) == 5
    assert sum(1 for a in answers if HANGUL.search(a["text"] or "")) >= 40
    scores = [a["score"] for a in answers if a["score"] is not None]
    assert len(scores) >= 30 and len(set(scores)) >= 4
    resolved = [r for r in closed if r["kind"] == "prediction" and r["outcome"] in ("yes", "no")]
    assert len(resolved) >= 3
    assert all(a["probability"] is not None for r in resolved for a in r["answers"])
    assert {r["outcome"] for r in resolved} == {"yes", "no"}
    graded = [a for r in closed if r["kind"] == "call" for a in r["answers"] if a["grade"]]
    assert {a["grade"] for a in graded} == {"right", "partly", "wrong"}
    assert any(not a["member"] for a in answers)  # the anonymous round names nobody


def test_the_console_explores_the_demo(built, demo_env, tmp_path):
    db, _ = built
    lines = "/hindsight ledger group\n/hindsight radar\n/hindsight digest latest\n/as 서연\n/hindsight history\n"
    shown = run(["--db", str(db), "console", "--as", "visitor"], demo_env, tmp_path, stdin=lines)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "3 resolved predictions" in out
    rising = next(line for line in out.splitlines() if line.startswith("Rising:"))
    assert "agents" in rising and "에이전트" in rising
    assert "5 of 5 members answered" in out
    assert re.search(r"서연: \d+ answer", out)
    assert "Hindsight digest" in out and out.count("Hindsight digest") == 1  # nothing old is reposted


def test_a_second_run_refuses_without_force_and_replaces_with_it(built, demo_env, tmp_path):
    db, _ = built
    again = run(["demo", "--db", str(db)], demo_env, tmp_path)
    assert again.returncode == 2
    assert "--force" in again.stderr and str(db) in again.stderr
    forced = run(["demo", "--db", str(db), "--force"], demo_env, tmp_path)
    assert forced.returncode == 0, forced.stderr


def test_force_never_replaces_a_file_that_is_not_a_demo(demo_env, tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("my notes", encoding="utf-8")
    refused = run(["demo", "--db", str(other), "--force"], demo_env, tmp_path)
    assert refused.returncode == 2
    assert other.read_text(encoding="utf-8") == "my notes"


def test_the_default_path_is_in_the_working_folder_never_hindsight_db(demo_env, tmp_path):
    done = run(["demo"], demo_env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "hindsight-demo.db").exists()
    assert not (tmp_path / "hindsight.db").exists()  # $HINDSIGHT_DB of cli_env
    assert not list(tmp_path.glob(".hindsight-demo.db.building-*"))
