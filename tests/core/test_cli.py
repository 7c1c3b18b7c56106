"""The ``hindsight`` command: help, argument errors, digest, export, backup, healthcheck, prompts."""
from __future__ import annotations

import csv
import json
import re
import sqlite3
from datetime import datetime

import pytest

from bot.export import CSV_COLUMNS
from tests.core.proc import hindsight
from tests.core.heartbeats import beat_as_run

pytestmark = pytest.mark.slow
SUBCOMMANDS = ("run", "console", "digest", "export", "backup", "healthcheck", "prompts")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A database after one console session: alice answered, bob skipped, the round closed."""
    folder = tmp_path_factory.mktemp("cli")
    db = folder / "h.db"
    stdin = "AI agents, 한국어도\n/as bob\n/hindsight skip\n/hindsight close\n"
    out = hindsight("console", "--as", "alice", db=db, cwd=folder, stdin=stdin)
    assert out.returncode == 0, out.stderr
    return db


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_every_subcommand_has_help(sub, tmp_path):
    out = hindsight(sub, "--help", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"usage: hindsight {sub}")
    assert len(out.stdout.splitlines()) > 2


def test_top_level_help_lists_every_subcommand(tmp_path):
    out = hindsight("--help", cwd=tmp_path)
    assert out.returncode == 0
    for sub in SUBCOMMANDS:
        assert sub in out.stdout


@pytest.mark.parametrize("args", [("--bogus",), ("run", "--bogus"), ("console", "extra"), ("digest",),
                                  ("export", "--format", "xml", "--out", "x"), ("backup",), ("healthcheck", "now"),
                                  ("prompts", "--lang", "fr"), ("frobnicate",), ()])
def test_unknown_arguments_exit_2(args, tmp_path):
    out = hindsight(*args, cwd=tmp_path)
    assert out.returncode == 2
    assert "usage: hindsight" in out.stderr and "error:" in out.stderr
    assert out.stdout == ""


def test_bad_environment_value_exits_2_naming_it(tmp_path):
    out = hindsight("healthcheck", db=tmp_path / "h.db", cwd=tmp_path, HINDSIGHT_LANGUAGE="fr")
    assert out.returncode == 2 and "HINDSIGHT_LANGUAGE" in out.stderr


def test_digest_json_is_the_round_object_with_group(session, tmp_path):
    out = hindsight("digest", "--group", "console", "--format", "json", db=session, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"group", "period", "kind", "prompt", "opened_at", "closed_at", "due", "outcome",
                         "answers", "skipped"}
    assert data["group"] == "console" and re.fullmatch(r"\d{4}-W\d{2}", data["period"])
    assert data["skipped"] == ["bob"]
    (answer,) = data["answers"]
    assert answer["member"] == "alice" and answer["text"] == "AI agents, 한국어도" and answer["source"] == "console"
    assert datetime.fromisoformat(data["closed_at"]).utcoffset() is not None


def test_digest_markdown_and_errors(session, tmp_path):
    md = hindsight("digest", "--group", "console", db=session, cwd=tmp_path)
    assert md.returncode == 0 and md.stdout.startswith("## Hindsight digest") and "- alice: AI agents" in md.stdout
    assert hindsight("digest", "--group", "nope", db=session, cwd=tmp_path).returncode == 1
    assert hindsight("digest", "--group", "console", "--period", "2001-W01", db=session, cwd=tmp_path).returncode == 1
    assert hindsight("digest", "--group", "console", "--period", "someday", db=session, cwd=tmp_path).returncode == 2
    assert hindsight("digest", "--group", "console", db=tmp_path / "none.db", cwd=tmp_path).returncode == 1


def test_export_json(session, tmp_path):
    target = tmp_path / "out.json"
    out = hindsight("export", "--format", "json", "--out", str(target), db=session, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["version"] == 2
    (group,) = data["groups"]
    assert group["name"] == "console" and group["channels"] == [
        {"platform": "console", "workspace": "local", "channel_id": "console"}]
    (rnd,) = group["rounds"]
    assert rnd["answers"][0]["text"] == "AI agents, 한국어도" and rnd["skipped"] == ["bob"]
    assert set(rnd["prompt"]) == {"id", "kind", "text_en", "text_ko", "horizon_months"}


def test_export_csv_and_md(session, tmp_path):
    target = tmp_path / "out.csv"
    assert hindsight("export", "--format", "csv", "--group", "console", "--out", str(target), db=session,
                     cwd=tmp_path).returncode == 0
    rows = list(csv.reader(target.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 2
    assert rows[1][0] == "console" and rows[1][3] == "alice" and rows[1][5] == "AI agents, 한국어도"
    folder = tmp_path / "md"
    assert hindsight("export", "--format", "md", "--out", str(folder), db=session, cwd=tmp_path).returncode == 0
    (md,) = list((folder / "console").glob("*.md"))
    assert re.fullmatch(r"\d{4}-W\d{2}\.md", md.name)
    assert "- alice: AI agents, 한국어도" in md.read_text(encoding="utf-8")
    missing = hindsight("export", "--format", "csv", "--group", "nope", "--out", str(target), db=session,
                        cwd=tmp_path)
    assert missing.returncode == 1 and "nope" in missing.stderr


def test_backup(session, tmp_path):
    target = tmp_path / "backup.db"
    out = hindsight("backup", str(target), db=session, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT text FROM answers").fetchall() == [("AI agents, 한국어도",)]
    assert hindsight("backup", str(tmp_path / "b2.db"), db=tmp_path / "none.db", cwd=tmp_path).returncode == 1


def test_healthcheck(tmp_path):
    db = tmp_path / "h.db"
    assert hindsight("healthcheck", db=db, cwd=tmp_path).returncode == 1, "no database"
    from storage.db import connect
    connect(db).close()  # a migrated database with no heartbeat yet
    stale = hindsight("healthcheck", db=db, cwd=tmp_path)
    assert stale.returncode == 1 and "missing" in stale.stderr
    assert hindsight("console", "--as", "alice", db=db, cwd=tmp_path, stdin="hi\n").returncode == 0
    console = hindsight("healthcheck", db=db, cwd=tmp_path)
    assert console.returncode == 1 and "missing" in console.stderr, "a console's heartbeat is not the bot's"
    beat_as_run(db)
    fresh = hindsight("healthcheck", db=db, cwd=tmp_path)
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.startswith("healthy")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE heartbeat SET at = '2020-01-01T00:00:00+00:00'")
    conn.commit()
    assert hindsight("healthcheck", db=db, cwd=tmp_path).returncode == 1


def test_prompts_list(tmp_path):
    ko = hindsight("prompts", "list", "--lang", "ko", cwd=tmp_path)
    en = hindsight("prompts", cwd=tmp_path)
    assert ko.returncode == en.returncode == 0
    assert ko.stdout.splitlines()[0].startswith("next-hype") and "다음 하이프" in ko.stdout
    assert "What's the next hype?" in en.stdout and "하이프" not in en.stdout
    assert len(ko.stdout.splitlines()) == len(en.stdout.splitlines()) >= 24


def test_db_may_follow_the_subcommand(tmp_path):
    db = tmp_path / "after.db"
    out = hindsight("console", "--db", str(db), "--as", "alice", cwd=tmp_path, stdin="an answer\n/hindsight close\n")
    assert out.returncode == 0, out.stderr
    assert db.exists() and not (tmp_path / "hindsight.db").exists()
    digest = hindsight("digest", "--group", "console", "--db", str(db), cwd=tmp_path)
    assert digest.returncode == 0 and "an answer" in digest.stdout


def test_a_reader_that_goes_away_is_not_a_crash(tmp_path):
    import subprocess

    from tests.core.proc import env_for, hindsight_cmd

    db = tmp_path / "pipe.db"
    proc = subprocess.Popen([*hindsight_cmd(), "console", "--as", "alice"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_for(db), cwd=tmp_path)
    assert proc.stdout is not None and proc.stdin is not None
    proc.stdout.readline()
    proc.stdout.close()  # like "| head -1"
    _, err = proc.communicate("first\nsecond\nthird\n".encode(), timeout=60)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err
