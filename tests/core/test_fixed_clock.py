"""``HINDSIGHT_NOW`` fixes the clock of every ``hindsight`` command (ARCHITECTURE.md, "Time for tests
and demos"): through the real command for the console, exports, digests, healthcheck and prompts,
and the FixedClock itself."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from bot.clock import FixedClock, SystemClock, clock_from_env, parse_fixed_now
from tests.core.proc import hindsight
from tests.core.heartbeats import beat_as_run

MONDAY = "2026-01-05T10:00:00+00:00"  # ISO week 2026-W02
WARNING = "the clock is fixed at "


def test_fixed_clock_never_advances():
    clock = FixedClock(datetime(2026, 1, 5, 19, 0, tzinfo=timezone(timedelta(hours=9))))
    assert clock.now() == clock.now() == datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)
    assert clock.now().tzinfo == timezone.utc
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 1, 5, 10, 0))


@pytest.mark.parametrize("text, expected", [
    (MONDAY, datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)),
    ("2026-01-05T10:00:00Z", datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)),
    (" 2026-01-05T19:00:00+09:00 ", datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)),
    ("2026-01-05T10:00+00:00", datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)),
])
def test_valid_values(text, expected):
    assert parse_fixed_now(text) == expected
    assert clock_from_env({"HINDSIGHT_NOW": text}).now() == expected


@pytest.mark.parametrize("text", ["2026-01-05T10:00:00", "2026-01-05", "tomorrow", "2026-13-05T10:00:00+00:00",
                                  "2026-01-05T10:00:00+25:00", "1767607200", "２０２６-01-05T10:00:00+00:00"])
def test_invalid_values(text):
    with pytest.raises(ValueError):
        parse_fixed_now(text)
    with pytest.raises(ValueError):
        clock_from_env({"HINDSIGHT_NOW": text})


def test_unset_or_empty_is_the_system_clock():
    assert isinstance(clock_from_env({}), SystemClock)
    assert isinstance(clock_from_env({"HINDSIGHT_NOW": "  "}), SystemClock)


@pytest.mark.slow
def test_console_at_a_fixed_time_opens_that_weeks_round(tmp_path):
    db = tmp_path / "h.db"
    out = hindsight("console", "--as", "alice", db=db, cwd=tmp_path, HINDSIGHT_NOW=MONDAY,
                    stdin="my answer\n/hindsight close\n")
    assert out.returncode == 0, out.stderr
    assert "This week's prompt · week of Jan 5" in out.stdout
    assert "Closes Sun, Jan 11, 6:00 PM" in out.stdout and "(UTC)" not in out.stdout
    assert "Closed the round for the week of Jan 5" in out.stdout
    warnings = [line for line in out.stderr.splitlines() if WARNING in line]
    assert len(warnings) == 1 and "WARNING" in warnings[0] and "2026-01-05T10:00:00+00:00" in warnings[0]
    assert WARNING not in out.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT period, opened_at, closed_at FROM rounds").fetchall() == [
        ("2026-W02", MONDAY, MONDAY)], "a fixed clock does not advance"
    # The export and the digest read the same database; a later run at a later fixed time goes on from there.
    target = tmp_path / "out.json"
    exp = hindsight("export", "--format", "json", "--out", str(target), db=db, cwd=tmp_path, HINDSIGHT_NOW=MONDAY)
    assert exp.returncode == 0, exp.stderr
    assert sum(WARNING in line for line in exp.stderr.splitlines()) == 1
    (group,) = json.loads(target.read_text(encoding="utf-8"))["groups"]
    assert [r["period"] for r in group["rounds"]] == ["2026-W02"]
    later = hindsight("console", "--as", "alice", db=db, cwd=tmp_path, HINDSIGHT_NOW="2026-01-12T10:00:00+00:00")
    assert later.returncode == 0, later.stderr
    assert "This week's prompt · week of Jan 12" in later.stdout


@pytest.mark.slow
def test_every_command_takes_the_fixed_clock(tmp_path):
    db = tmp_path / "h.db"
    assert hindsight("console", "--as", "alice", db=db, cwd=tmp_path, HINDSIGHT_NOW=MONDAY,
                     stdin="/hindsight close\n").returncode == 0
    # The bot's heartbeat written at the fixed time: fresh at that time, stale by the wall clock.
    beat_as_run(db, FixedClock(parse_fixed_now(MONDAY)))
    fixed = hindsight("healthcheck", db=db, cwd=tmp_path, HINDSIGHT_NOW="2026-01-05T10:01:00+00:00")
    assert fixed.returncode == 0 and fixed.stdout.startswith("healthy"), fixed.stderr
    assert sum(WARNING in line for line in fixed.stderr.splitlines()) == 1
    assert hindsight("healthcheck", db=db, cwd=tmp_path).returncode == 1
    digest = hindsight("digest", "--group", "console", db=db, cwd=tmp_path, HINDSIGHT_NOW=MONDAY)
    assert digest.returncode == 0 and "week of Jan 5" in digest.stdout and WARNING in digest.stderr
    prompts = hindsight("prompts", "--group", "console", db=db, cwd=tmp_path, HINDSIGHT_NOW=MONDAY)
    assert prompts.returncode == 0 and WARNING in prompts.stderr and WARNING not in prompts.stdout
    plain = hindsight("prompts", cwd=tmp_path)
    assert plain.returncode == 0 and WARNING not in plain.stderr


@pytest.mark.slow
@pytest.mark.parametrize("command, value", [
    (("console", "--as", "alice"), "2026-01-05T10:00:00"),  # no offset
    (("run",), "2026-01-05"),
    (("prompts",), "next monday"),
    (("healthcheck",), "2026-01-05T10:00:00"),
    (("export", "--format", "json", "--out", "x.json"), "2026-01-05T25:00:00+00:00"),
])
def test_an_invalid_value_stops_the_command_with_exit_2(tmp_path, command, value):
    db = tmp_path / "h.db"
    out = hindsight(*command, db=db, cwd=tmp_path, stdin="hello\n", HINDSIGHT_NOW=value)
    assert out.returncode == 2, (out.stdout, out.stderr)
    (line,) = out.stderr.splitlines()
    assert line.startswith("hindsight: HINDSIGHT_NOW") and "offset" in line and value in line
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert not db.exists(), "nothing ran"
