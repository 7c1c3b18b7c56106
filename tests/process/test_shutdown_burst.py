"""SIGTERM and kill -9 in the middle of a burst of answers through the real console.

Every answer acknowledged with `saved` before the signal must be in the database after it.
"""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time

import pytest

from tests.process.conftest import hindsight_argv

pytestmark = pytest.mark.slow
MEMBERS = 1000


def _burst() -> bytes:
    lines = []
    for i in range(MEMBERS):
        lines.append(f"/as member{i:04d}")
        lines.append(f"answer {i} from member{i:04d}: 하이프는 지나가고 해자는 남는다 🚀")
    return ("\n".join(lines) + "\n").encode()


def _run_and_signal(env, sig: int, after_saved: int) -> tuple[list[str], int]:
    proc = subprocess.Popen(hindsight_argv() + ["console", "--as", "starter"], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out: list[str] = []
    saved = threading.Event()

    def read() -> None:
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            out.append(line)
            if sum(1 for x in out if x == "saved") >= after_saved:
                saved.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def feed() -> None:
        try:
            proc.stdin.write(_burst())
            proc.stdin.close()
        except (BrokenPipeError, ValueError):
            pass

    threading.Thread(target=feed, daemon=True).start()
    assert saved.wait(60), f"no {after_saved} saved lines; stderr: {proc.stderr.read()[-2000:]!r}"
    sent_at = time.monotonic()
    proc.send_signal(sig)
    code = proc.wait(timeout=30)
    elapsed = time.monotonic() - sent_at
    reader.join(5)
    if sig == signal.SIGTERM:
        assert elapsed < 5, f"took {elapsed:.1f}s to stop after SIGTERM"
    return out, code


def _acknowledged(out: list[str]) -> set[str]:
    """Members whose answer line was acknowledged: a `saved` right after `You are now X.`"""
    acked, member = set(), None
    for line in out:
        if line.startswith("You are now "):
            member = line[len("You are now "):].rstrip(".")
        elif line == "saved" and member:
            acked.add(member)
    return acked


def _stored(db_path) -> tuple[set[str], str]:
    conn = sqlite3.connect(db_path)
    names = {r[0] for r in conn.execute(
        "SELECT m.display_name FROM answers a JOIN members m ON m.id = a.member_id")}
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return names, integrity


def test_sigterm_during_burst_keeps_every_acknowledged_answer(cli_env):
    out, code = _run_and_signal(cli_env, signal.SIGTERM, after_saved=200)
    assert code == 0
    acked = _acknowledged(out)
    assert 200 <= len(acked) < MEMBERS, "the signal must land in the middle of the burst"
    stored, integrity = _stored(cli_env["HINDSIGHT_DB"])
    assert acked <= stored, f"acknowledged but lost: {sorted(acked - stored)[:5]}"
    assert integrity == "ok"


def test_kill_9_during_burst_keeps_every_acknowledged_answer(cli_env):
    out, code = _run_and_signal(cli_env, signal.SIGKILL, after_saved=300)
    assert code == -signal.SIGKILL
    acked = _acknowledged(out)
    assert 300 <= len(acked) < MEMBERS, "the signal must land in the middle of the burst"
    stored, integrity = _stored(cli_env["HINDSIGHT_DB"])
    assert acked <= stored, f"acknowledged but lost: {sorted(acked - stored)[:5]}"
    assert integrity == "ok"
