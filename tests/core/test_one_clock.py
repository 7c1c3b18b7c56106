"""One clock for every process on a file (issue 14, items 11, 12, 19 and the heartbeat of 10).

The database keeps a clock mark, the time a scheduler last acted; a process more than a week
behind it never acts on rounds, one more than a week ahead waits for a second tick a minute
later, and a process whose clock HINDSIGHT_NOW fixes acts on no round while a live ``run``
process serves the file. Heartbeats are kept per process role. Process tests drive the real
``hindsight`` command on real files.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta, timezone

import pytest

from bot.clock import INSTANCE_ID, NOW_EARLIEST, NOW_LATEST, FakeClock, FixedClock, SystemClock, boot_id, iso
from bot.domain import Schedule
from bot.runtime import Runtime
from bot.scheduler import Scheduler
from bot.service import Hindsight
from bot.timing import add_months, close_after, last_fire, period_of, shift_period
from bot.usecases import clock_guard
from bot.usecases.console import ensure_console_group
from storage.db import connect
from storage.migrations import migrations
from storage.store import Store
from tests.conftest import MONDAY_9
from tests.core.heartbeats import live_run_beat
from tests.container.threaded_fake import ThreadedFake
from tests.core.proc import env_for, hindsight, hindsight_cmd
from tests.fakes.slack_server import FakeSlack

FIXED_SERVED = "Not done: this process's clock is fixed by HINDSIGHT_NOW"
BEHIND = "Not done: this process's clock reads"
AHEAD = "Not done yet: this process's clock reads"


def console(db, cwd, stdin: str, **env: str):
    return hindsight("console", "--as", "alice", db=db, cwd=cwd, stdin=stdin, **env)


def rounds(db) -> list[tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT period, closed_at FROM rounds ORDER BY id").fetchall()
    finally:
        conn.close()


def mark(db) -> datetime | None:
    store = Store(connect(db, readonly=True))
    try:
        return store.heartbeat.mark()
    finally:
        store.close()


def heartbeat_row(db, role: str):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT at, pid, connections, boot, mono FROM heartbeat WHERE role = ?",
                            (role,)).fetchone()
    finally:
        conn.close()


def no_traceback(out) -> None:
    assert "Traceback" not in out.stderr + out.stdout, out.stderr


# --- item 11: a fixed clock on a file a live bot serves ------------------------------------


@pytest.mark.slow
def test_a_console_ten_weeks_ahead_closes_nothing_while_the_bot_serves_the_file(tmp_path):
    db = tmp_path / "h.db"
    before = SystemClock().now().replace(microsecond=0)
    first = console(db, tmp_path, "hello\n")  # the real clock: this week's round, and the clock mark
    assert first.returncode == 0, first.stderr
    ((period, closed),) = rounds(db)
    assert closed is None
    written = mark(db)
    assert written is not None and before <= written <= SystemClock().now(), "the mark is read in another process"
    live_run_beat(db)  # the bot: a fresh heartbeat of the run role
    ahead = iso(SystemClock().now() + timedelta(weeks=10))
    out = console(db, tmp_path, "/hindsight close\n/hindsight open\n", HINDSIGHT_NOW=ahead)
    assert out.returncode == 0, out.stderr
    no_traceback(out)
    assert out.stdout.count(FIXED_SERVED) == 2, out.stdout
    assert f"pid {os.getpid()}" in out.stdout
    assert rounds(db) == [(period, None)], "the live round stays open, and no round ten weeks on"
    assert mark(db) == written, "a fixed clock never moves the mark"
    assert sum("acts on no round" in line for line in out.stderr.splitlines()) == 1


@pytest.mark.slow
def test_a_console_forty_weeks_back_opens_no_old_round(tmp_path):
    db = tmp_path / "h.db"
    assert console(db, tmp_path, "hello\n").returncode == 0
    ((period, _),) = rounds(db)
    back = iso(SystemClock().now() - timedelta(weeks=40))
    live_run_beat(db)
    out = console(db, tmp_path, "/hindsight open\n", HINDSIGHT_NOW=back)
    assert out.returncode == 0 and BEHIND in out.stdout, out.stdout
    no_traceback(out)
    assert rounds(db) == [(period, None)]
    # With the bot stopped (no run heartbeat), the clock mark alone keeps the old week closed.
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM heartbeat WHERE role = 'run'")
    conn.commit()
    conn.close()
    out = console(db, tmp_path, "/hindsight open\n", HINDSIGHT_NOW=back)
    assert out.returncode == 0 and BEHIND in out.stdout and "more than a week behind" in out.stdout, out.stdout
    assert rounds(db) == [(period, None)]


@pytest.mark.slow
def test_a_fixed_clock_on_a_file_nobody_serves_acts_as_before(tmp_path):
    db = tmp_path / "h.db"
    out = console(db, tmp_path, "/hindsight close\n", HINDSIGHT_NOW="2026-01-05T10:00:00+00:00")
    assert out.returncode == 0 and "Closed the round for the week of Jan 5" in out.stdout, out.stdout
    # A run heartbeat that is not fresh (the bot stopped two minutes ago) serves nothing.
    store = Store(connect(db))
    store.heartbeat.beat(SystemClock().now() - timedelta(minutes=2), os.getpid(), {}, role="run", boot=boot_id(),
                         mono=time.monotonic() - 120)
    store.close()
    later = console(db, tmp_path, "/hindsight close\n", HINDSIGHT_NOW="2026-01-12T10:00:00+00:00")
    assert later.returncode == 0 and "Closed the round for the week of Jan 12" in later.stdout, later.stdout


@pytest.mark.slow
def test_run_with_a_fixed_clock_beside_a_live_bot_stops_with_one_line(tmp_path):
    db = tmp_path / "h.db"
    assert console(db, tmp_path, "hello\n").returncode == 0
    live_run_beat(db)
    before = heartbeat_row(db, "run")
    out = hindsight("run", db=db, cwd=tmp_path, HINDSIGHT_NOW="2026-01-05T10:00:00+00:00",
                    SLACK_BOT_TOKEN="xoxb-not-used", SLACK_APP_TOKEN="xapp-not-used")
    assert out.returncode == 2, out.stderr
    no_traceback(out)
    lines = [line for line in out.stderr.splitlines() if "(HINDSIGHT_NOW): time does not pass" not in line]
    assert len(lines) == 1 and "a running Hindsight (pid" in lines[0] and "stop it first" in lines[0], out.stderr
    assert heartbeat_row(db, "run") == before, "the live bot's heartbeat is left alone"


# --- item 11: a process clock far ahead of the mark ----------------------------------------


async def test_a_fresh_process_a_year_ahead_of_the_mark_closes_nothing_until_a_second_tick(tmp_path):
    path = tmp_path / "h.db"
    clock = FakeClock(MONDAY_9)
    store = Store(connect(path))
    service = Hindsight(store, clock)
    group, _ = ensure_console_group(store, clock.now(), "en")
    assert service.open_round(group) is not None
    await Scheduler(Runtime(service), role="run").beat_and_tick()
    store.close()
    assert mark(path) == MONDAY_9, "the tick that acted raised the mark"

    wrong = FakeClock(MONDAY_9 + timedelta(days=365))  # a VM restored with a clock a year ahead
    store = Store(connect(path))
    scheduler = Scheduler(Runtime(Hindsight(store, wrong)), role="run")
    await scheduler.beat_and_tick()
    assert [(r.period, r.closed_at) for r in store.rounds.of_group(group.id)] == [("2026-W49", None)]
    assert store.heartbeat.mark() == MONDAY_9, "a held-back tick does not move the mark"
    wrong.advance(seconds=30)
    await scheduler.beat_and_tick()
    assert store.rounds.of_group(group.id)[0].closed_at is None, "half a minute does not confirm"
    wrong.advance(seconds=30)
    await scheduler.beat_and_tick()
    assert store.rounds.of_group(group.id)[0].closed_at is not None, "a tick a minute later confirms the jump"
    assert store.heartbeat.mark() == wrong.now()
    store.close()


@pytest.mark.slow
def test_the_real_command_waits_when_its_first_tick_is_a_year_past_the_mark(tmp_path):
    db = tmp_path / "h.db"
    assert console(db, tmp_path, "hello\n").returncode == 0
    year_ago = SystemClock().now() - timedelta(days=365)
    conn = sqlite3.connect(db)  # the last scheduler acted a year ago by its clock, and the round is due
    conn.execute("UPDATE clock_mark SET at = ?", (iso(year_ago),))
    conn.execute("UPDATE rounds SET closes_at = ?", (iso(SystemClock().now() - timedelta(hours=1)),))
    conn.commit()
    conn.close()
    out = console(db, tmp_path, "/hindsight close\n")
    assert out.returncode == 0 and AHEAD in out.stdout, out.stdout
    no_traceback(out)
    assert [closed for _, closed in rounds(db)] == [None]
    assert mark(db) == year_ago.replace(microsecond=0)


def test_the_mark_only_rises():
    store = Store(connect(":memory:"))
    assert store.heartbeat.mark() is None
    store.heartbeat.raise_mark(MONDAY_9)
    store.heartbeat.raise_mark(MONDAY_9 - timedelta(weeks=3))
    assert store.heartbeat.mark() == MONDAY_9
    store.heartbeat.beat(MONDAY_9, 1, {}, role="console", mark=MONDAY_9 + timedelta(minutes=1))
    assert store.heartbeat.mark() == MONDAY_9 + timedelta(minutes=1)


# --- item 12: a heartbeat per process role ---------------------------------------------------


@pytest.mark.slow
def test_a_short_console_leaves_the_bots_heartbeat_and_health_alone(tmp_path):
    db = tmp_path / "h.db"
    assert console(db, tmp_path, "hello\n").returncode == 0
    now = SystemClock().now()
    live_run_beat(db, connections={"slack": {"state": "up", "since": iso(now - timedelta(hours=1))}})
    slack = {"SLACK_BOT_TOKEN": "xoxb-not-used", "SLACK_APP_TOKEN": "xapp-not-used"}
    healthy = hindsight("healthcheck", db=db, cwd=tmp_path, **slack)
    assert healthy.returncode == 0 and "slack up" in healthy.stdout, healthy.stderr
    before = heartbeat_row(db, "run")
    out = console(db, tmp_path, "another answer\n")
    assert out.returncode == 0, out.stderr
    assert heartbeat_row(db, "run") == before
    assert heartbeat_row(db, "console")[1] != os.getpid(), "the console wrote its own row"
    after = hindsight("healthcheck", db=db, cwd=tmp_path, **slack)
    assert after.returncode == 0 and "slack up" in after.stdout, after.stderr


def test_migration_0007_carries_the_old_heartbeat_over_as_run(tmp_path):
    path = tmp_path / "old.db"
    db = connect(path, migrate=False)
    migrations.apply(db, stop_before="0007_clock_and_heartbeats")
    db.execute("INSERT INTO heartbeat (id, at, pid, connections) VALUES (1, ?, 4242, ?)",
               (iso(MONDAY_9), '{"slack": {"state": "up", "since": "2026-11-30T08:00:00+00:00"}}'))
    db.conn.commit()
    ro = Store(connect(path, readonly=True))  # a read-only command on a file not yet migrated
    assert ro.heartbeat.last("run") == MONDAY_9 and ro.heartbeat.get("console") is None
    ro.close()
    db.close()
    store = Store(connect(path))
    beat = store.heartbeat.get("run")
    assert (beat.at, beat.pid, beat.connections["slack"]["state"]) == (MONDAY_9, 4242, "up")
    assert store.heartbeat.mark() is None, "the old row may come from any clock: no mark"
    store.heartbeat.beat(MONDAY_9 + timedelta(minutes=1), 7, {}, role="console")
    assert store.heartbeat.get("run").pid == 4242 and store.heartbeat.get("console").pid == 7
    store.close()


# --- item 10: the heartbeat job on a full disk -----------------------------------------------


async def test_a_full_disk_is_logged_once_when_it_starts_and_once_when_it_ends(tmp_path, caplog, monkeypatch):
    store = Store(connect(tmp_path / "h.db"))
    clock = FakeClock(MONDAY_9)
    scheduler = Scheduler(Runtime(Hindsight(store, clock)), role="run")
    real_beat = store.heartbeat.beat

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store.heartbeat, "beat", full)
    with caplog.at_level(logging.INFO, logger="hindsight.scheduler"):
        for _ in range(5):
            clock.advance(seconds=30)
            await scheduler.beat_and_tick()
        monkeypatch.setattr(store.heartbeat, "beat", real_beat)
        clock.advance(seconds=30)
        await scheduler.beat_and_tick()
        await scheduler.beat_and_tick()
    records = [r for r in caplog.records if r.name == "hindsight.scheduler"]
    assert [(r.levelname, "database or disk is full" in r.getMessage()) for r in records] == [
        ("WARNING", True), ("INFO", False)], [r.getMessage() for r in records]
    assert "works again" in records[1].getMessage()
    assert all(r.exc_info is None for r in records), "no traceback"
    assert store.heartbeat.last("run") == clock.now()
    store.close()


# --- item 19: the range of HINDSIGHT_NOW -----------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("value", ["1971-01-01T00:00:00+00:00", "9996-12-31T23:59:59+00:00",
                                   "9997-01-01T09:59:59+10:00"])
def test_the_edges_of_the_range_run(tmp_path, value):
    db = tmp_path / "h.db"
    out = console(db, tmp_path, "an answer\n", HINDSIGHT_NOW=value)
    assert out.returncode == 0, out.stderr
    no_traceback(out)
    assert "saved" in out.stdout and len(rounds(db)) == 1, out.stdout


@pytest.mark.slow
@pytest.mark.parametrize("value", ["1970-12-31T23:59:59+00:00", "9997-01-01T00:00:00+00:00",
                                   "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00",
                                   "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_outside_the_range_stops_with_one_line_and_exit_2(tmp_path, value):
    db = tmp_path / "h.db"
    for command in (("console", "--as", "alice"), ("run",), ("digest", "--group", "console")):
        out = hindsight(*command, db=db, cwd=tmp_path, stdin="an answer\n", HINDSIGHT_NOW=value)
        assert out.returncode == 2, (command, out.stdout, out.stderr)
        (line,) = out.stderr.splitlines()
        assert line == f"hindsight: HINDSIGHT_NOW '{value}' is outside the years Hindsight can schedule in: " \
                       "use a time from 1971-01-01 to 9996-12-31 (UTC).", line
        assert out.stdout == "" and not db.exists()


@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
def test_what_the_core_adds_to_its_clock_fits_at_both_edges(tz):
    """A 24-month horizon, the next close, a period either way, the last fire eight days back
    and a year ago, in the timezones furthest from UTC."""
    for at in (NOW_EARLIEST, NOW_LATEST):
        assert add_months(at, 24, tz) > at
        assert close_after(Schedule(), tz, at) > at
        period = period_of(at, tz)
        assert shift_period(period, 1) > period > shift_period(period, -52)
        assert last_fire(0, "09:00", tz, at) <= at
    assert FixedClock(NOW_LATEST).now() == datetime(9996, 12, 31, 23, 59, 59, tzinfo=timezone.utc)



# --- the same with a real bot: ``hindsight run`` on Slack (the loopback fake) -----------------


@pytest.mark.slow
def test_a_real_bot_keeps_its_rounds_and_its_health_beside_a_console(tmp_path):
    db = tmp_path / "h.db"
    assert console(db, tmp_path, "hello\n").returncode == 0  # the console group's round, open this week
    ((period, _),) = rounds(db)
    with ThreadedFake(FakeSlack()) as fake:
        slack = {"SLACK_BOT_TOKEN": "xoxb-one-clock", "SLACK_APP_TOKEN": "xapp-1-one-clock",
                 "SLACK_API_URL": fake.fake.base_url}
        bot = subprocess.Popen([*hindsight_cmd(), "run"], env=env_for(db, **slack), cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            fake.call(fake.fake.wait_connected(timeout=60), timeout=90)
            deadline = time.monotonic() + 30
            while (heartbeat_row(db, "run") or (None, None))[1] != bot.pid and time.monotonic() < deadline:
                time.sleep(0.2)
            before = heartbeat_row(db, "run")
            assert before is not None and before[1] == bot.pid, "the bot wrote its run heartbeat"
            assert hindsight("healthcheck", db=db, cwd=tmp_path, **slack).returncode == 0
            ahead = iso(SystemClock().now() + timedelta(weeks=10))
            out = console(db, tmp_path, "/hindsight close\n", HINDSIGHT_NOW=ahead)
            assert out.returncode == 0 and FIXED_SERVED in out.stdout and f"pid {bot.pid}" in out.stdout, out.stdout
            assert rounds(db) == [(period, None)], "the bot's round stays open"
            assert heartbeat_row(db, "run")[1] == bot.pid, "the console kept to its own heartbeat"
            health = hindsight("healthcheck", db=db, cwd=tmp_path, **slack)
            assert health.returncode == 0 and "slack up" in health.stdout, health.stderr
        finally:
            bot.terminate()
            _, err = bot.communicate(timeout=30)
    assert bot.returncode == 0, err
    assert "Traceback" not in err


def test_a_bot_in_another_container_with_the_same_pid_is_still_another_process(tmp_path):
    """Pids repeat across containers (the bot is pid 1 in its own, and so is a console run in a
    second one): a heartbeat is this process's own only by its random instance id."""
    store = Store(connect(tmp_path / "h.db"))
    service = Hindsight(store, FixedClock(MONDAY_9))
    fresh = {"role": "run", "boot": boot_id(), "mono": time.monotonic()}
    store.heartbeat.beat(SystemClock().now(), os.getpid(), {}, instance="the-bot-container", **fresh)
    assert clock_guard.refusal(service.deps) == ("clock_fixed_served",
                                                 {"now": "2026-11-30 09:00 UTC", "pid": str(os.getpid())})
    store.heartbeat.beat(SystemClock().now(), os.getpid(), {}, instance=INSTANCE_ID, **fresh)
    assert clock_guard.refusal(service.deps) is None, "its own heartbeat serves nothing against it"
    store.close()
