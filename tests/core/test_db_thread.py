"""The runtime's database thread owns the connection; charts are drawn in a worker thread."""
from __future__ import annotations

import io
import sqlite3
import threading

import pytest

from adapters.memory import MemoryAdapter
from bot import runtime as runtime_module
from bot.app import serve
from bot.actions import Upload
from bot.config import Config
from bot.dbthread import DbThread
from bot.digest import ChartSpec
from bot.runtime import Runtime
from bot.service import Hindsight
from storage.db import connect
from storage.posts import PostRows
from storage.store import Store

CHART = ChartSpec("How bear-market proof are you, 1 to 5?", (("2026-W49", 3.5), ("2026-W50", 2.0)), "en")


@pytest.fixture
async def threaded(db_path, clock):
    dbt = DbThread()
    db = await dbt(connect, db_path)  # opened on the thread: SQLite refuses it anywhere else
    service = await dbt(lambda: Hindsight(Store(db), clock))
    runtime = Runtime(service, db=dbt)
    adapter = MemoryAdapter(admins={"admin"})
    runtime.add_adapter(adapter)
    await runtime.start_adapters()
    yield runtime, adapter, db
    await runtime.stop()
    await dbt(db.close)
    dbt.shutdown()


async def test_every_service_call_runs_on_the_one_database_thread(threaded, monkeypatch):
    runtime, adapter, db = threaded
    seen: list[threading.Thread] = []
    for name in ("handle", "claim_posts", "post_delivered", "run_due"):
        real = getattr(runtime.service, name)

        def spy(*args, _real=real, **kwargs):
            seen.append(threading.current_thread())
            return _real(*args, **kwargs)

        monkeypatch.setattr(runtime.service, name, spy)
    await adapter.command("admin", "setup")
    await adapter.command("admin", "open")
    (saved,) = await adapter.command("alice", "answer From the database thread")
    assert saved.text.startswith("Saved")
    await runtime.tick()
    assert [p.card.period for p in adapter.posts] == ["2026-W49"], "the prompt was posted and marked once"
    assert len(seen) >= 8 and {t.name for t in seen} == {runtime.db.thread.name}  # type: ignore[attr-defined]
    assert runtime.db.thread is not threading.main_thread()  # type: ignore[attr-defined]
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT count(*) FROM answers")  # the loop's thread cannot touch the connection


async def test_a_chart_is_drawn_in_a_worker_thread_not_on_the_loop_or_the_database_thread(threaded, monkeypatch):
    runtime, _, _ = threaded
    drawn_on: list[threading.Thread] = []
    real = runtime_module.render

    def render(chart: ChartSpec) -> bytes:
        drawn_on.append(threading.current_thread())
        return real(chart)

    monkeypatch.setattr(runtime_module, "render", render)
    await runtime.db(lambda: None)  # the database thread exists
    upload = await runtime._drawn(Upload("chart-bear-score.png", b"", "Group average", chart=CHART))
    assert isinstance(upload, Upload) and upload.chart is None and upload.content[:8] == b"\x89PNG\r\n\x1a\n"
    (thread,) = drawn_on
    assert thread is not threading.main_thread() and thread is not runtime.db.thread  # type: ignore[attr-defined]


async def test_a_chart_that_cannot_be_drawn_leaves_its_text(threaded, monkeypatch):
    runtime, _, _ = threaded

    def broken(chart: ChartSpec) -> bytes:
        raise OSError("no font")

    monkeypatch.setattr(runtime_module, "render", broken)
    reply = await runtime._drawn(Upload("chart-bear-score.png", b"", "Group average ▆▃", chart=CHART))
    assert reply.text == "Group average ▆▃"  # type: ignore[union-attr]


async def test_the_console_shows_a_digest_once_when_marking_it_fails(tmp_path, clock, monkeypatch):
    """``hindsight console``'s own path (bot.app.serve): the mark of the shown digest fails once
    (a full disk); the console goes on, the next line's flush marks it, a restart shows nothing."""
    real = PostRows.mark_posted
    failed: list[int] = []

    def mark_posted(self, post_id, *args, **kwargs):
        (kind,) = self.db.execute("SELECT kind FROM posts WHERE id = ?", (post_id,)).fetchone()
        if kind == "digest" and not failed:
            failed.append(post_id)
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, post_id, *args, **kwargs)

    monkeypatch.setattr(PostRows, "mark_posted", mark_posted)
    config = Config(db_path=str(tmp_path / "h.db"))

    async def session(lines: str) -> tuple[int, str]:
        class Stdin:
            buffer = io.BytesIO(lines.encode())

        out = io.StringIO()
        code = await serve(config, console_member="alice", stdin=Stdin(), stdout=out, clock=clock)  # type: ignore[arg-type]
        return code, out.getvalue()

    code, first = await session("AI agents\n/hindsight close\n/hindsight help\n")
    assert code == 0 and first.count("## Hindsight digest") == 1 and "- alice: AI agents" in first
    assert "Hindsight asks the group one question a week" in first, "the console went on after the failure"
    code, second = await session("/hindsight help\n")
    assert code == 0 and "## Hindsight digest" not in second
    conn = sqlite3.connect(tmp_path / "h.db")
    assert conn.execute("SELECT id, status FROM posts WHERE kind = 'digest'").fetchall() == [(failed[0], "posted")]
    conn.close()
