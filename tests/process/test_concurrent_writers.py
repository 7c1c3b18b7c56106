"""Stress: four `hindsight console` processes write 1,500 answers each to one file, while a
`hindsight backup` and a `hindsight digest` run beside them.

Every answer acknowledged `saved` must be in the export afterwards, every process exits 0, and
the file passes integrity_check. Before BEGIN IMMEDIATE, three of four writers died with
"database is locked" after a few hundred answers.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
import time
from datetime import datetime, timezone

import pytest

from bot.usecases.console import ensure_console_group
from bot.clock import FakeClock
from bot.domain import MemberRef
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store
from tests.process.conftest import hindsight_argv

pytestmark = pytest.mark.slow
WRITERS = 4
ANSWERS = 1500
PAST = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)  # a closed round for `digest` to read


def _lines(writer: int) -> bytes:
    out = []
    for i in range(ANSWERS):
        out.append(f"/as w{writer}-m{i:04d}")
        out.append(f"answer {writer}-{i}: 하이프는 지나가고 해자는 남는다 🚀")
    return ("\n".join(out) + "\n").encode()


def _prepare(db_path) -> None:
    """The console group with one closed round from January, then this week's round open."""
    store = Store(connect(db_path))
    service = Hindsight(store, FakeClock(PAST))
    group, _ = ensure_console_group(store, PAST, "en")
    rnd = service.open_round(group)
    member = store.members.ensure(MemberRef("console", "local", "early", "early"))
    store.answers.save(group_id=group.id, round_id=rnd.id, member_id=member, text="an answer from January",
                      score=None, source="console", now=PAST, platform="console")
    store.rounds.close(rnd.id, PAST, late=False)
    store.close()


class Writer:
    def __init__(self, k: int, env: dict) -> None:
        self.k = k
        self.out: list[str] = []
        self.saved = 0
        self.proc = subprocess.Popen(hindsight_argv() + ["console", "--as", f"w{k}-start"], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.err = b""
        self.threads = [threading.Thread(target=f, daemon=True) for f in (self._feed, self._read, self._read_err)]
        for t in self.threads:
            t.start()

    def _feed(self) -> None:
        try:
            self.proc.stdin.write(_lines(self.k))
            self.proc.stdin.close()
        except (BrokenPipeError, ValueError):
            pass

    def _read(self) -> None:
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.out.append(line)
            if line == "saved":
                self.saved += 1

    def _read_err(self) -> None:
        self.err = self.proc.stderr.read()

    def wait(self, timeout: float) -> int:
        code = self.proc.wait(timeout=timeout)
        for t in self.threads:
            t.join(10)
        return code

    def acknowledged(self) -> tuple[dict[str, str], list[str]]:
        """(member -> text acknowledged `saved`, members whose answer was `rejected`)."""
        acked: dict[str, str] = {}
        rejected: list[str] = []
        member = None
        for i, line in enumerate(self.out):
            if line.startswith("You are now "):
                member = line[len("You are now "):-1]
            elif line == "saved" and member:
                n = int(member.split("-m")[1])
                acked[member] = f"answer {self.k}-{n}: 하이프는 지나가고 해자는 남는다 🚀"
            elif line.startswith("rejected:") and member:
                rejected.append(member)
        return acked, rejected


def _run(argv: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(hindsight_argv() + argv, env=env, capture_output=True, timeout=120)


def test_four_writers_with_backup_and_digest_lose_nothing(cli_env, tmp_path):
    db = cli_env["HINDSIGHT_DB"]
    _prepare(db)
    opened = subprocess.run(hindsight_argv() + ["console", "--as", "starter"], input=b"/hindsight open\n",
                            env=cli_env, capture_output=True, timeout=120)
    assert opened.returncode == 0, opened.stderr[-2000:]
    started = time.monotonic()
    writers = [Writer(k, cli_env) for k in range(WRITERS)]
    deadline = time.monotonic() + 60
    while min(w.saved for w in writers) < ANSWERS // 5 and time.monotonic() < deadline:
        if any(w.proc.poll() is not None for w in writers):
            break
        time.sleep(0.05)
    assert all(w.proc.poll() is None for w in writers), "a writer ended before the backup and digest ran"
    backup = _run(["backup", str(tmp_path / "during.db")], cli_env)
    digest = _run(["digest", "--group", "console", "--format", "json"], cli_env)
    during = [w.saved for w in writers]
    codes = [w.wait(timeout=120) for w in writers]
    elapsed = time.monotonic() - started

    for w, code in zip(writers, codes):
        assert code == 0, (w.k, code, w.err.decode("utf-8", "replace")[-2000:])
        assert b"Traceback" not in w.err, w.err.decode("utf-8", "replace")[-2000:]
    assert max(during) < ANSWERS, f"backup and digest ran after the writes: {during}"
    assert backup.returncode == 0 and b"integrity: ok" in backup.stderr, backup.stderr
    assert digest.returncode == 0, digest.stderr
    assert json.loads(digest.stdout)["answers"][0]["text"] == "an answer from January"
    copy = sqlite3.connect(tmp_path / "during.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()

    closed = subprocess.run(
        hindsight_argv() + ["console", "--as", "closer"], input=b"/hindsight close\n", env=cli_env,
        capture_output=True, timeout=120)
    assert closed.returncode == 0, closed.stderr[-2000:]
    out = tmp_path / "export.json"
    exported = _run(["export", "--format", "json", "--out", str(out)], cli_env)
    assert exported.returncode == 0, exported.stderr
    (group,) = json.loads(out.read_text(encoding="utf-8"))["groups"]
    stored = {a["member"]: a["text"] for rnd in group["rounds"] for a in rnd["answers"]}

    acked: dict[str, str] = {}
    rejected: list[str] = []
    for w in writers:
        a, r = w.acknowledged()
        acked.update(a)
        rejected += r
        assert len(a) + len(r) == ANSWERS, (w.k, len(a), len(r))
    lost = {m for m, text in acked.items() if stored.get(m) != text}
    assert not lost, f"acknowledged but not exported: {sorted(lost)[:5]}"
    assert not set(rejected) & set(stored), "a rejected answer was stored"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    print(f"\nstress: {WRITERS}x{ANSWERS} answers in {elapsed:.1f}s, {len(acked)} saved, {len(rejected)} "
          f"rejected (handed back), backup+digest after {during} saved")
