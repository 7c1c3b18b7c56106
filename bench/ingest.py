"""Answers stored per second through the core's real answer path, against raw sqlite3.

Both sides use the same schema (indexes and FTS triggers included), the same pragmas
(WAL, synchronous=FULL) and the same texts. The raw side does single-row autocommit
INSERTs; the core side goes through Hindsight.handle(AnswerSubmitted): channel and member
look-up, validation, NFC, the seen-events dedupe and one durable commit per answer.
Members are registered beforehand, as in a group that has met before.
"""
from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.data import answer_text
from bot.clock import FakeClock, iso
from bot.domain import ChannelRef, MemberRef
from bot.events import AnswerSubmitted, Origin
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store

START = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def _setup(path: Path, n: int):
    clock = FakeClock(START)
    service = Hindsight(Store(connect(path)), clock)
    group = service.store.groups.create("bench", clock.now(), answer_limit=2000)
    ref = ChannelRef("bench", "w", "c")
    service.store.channels.bind(group.id, ref, clock.now())
    rnd = service.open_round(group)
    members = [MemberRef("bench", "w", f"u{i}", f"user {i}") for i in range(n)]
    for m in members:
        service.store.members.ensure(m)
    return service, ref, rnd, members


def run_core(path: Path, texts: list[str]) -> float:
    service, ref, _, members = _setup(path, len(texts))
    events = [AnswerSubmitted(Origin(m, ref), t, "form", event_id=f"ev{i}") for i, (m, t) in
              enumerate(zip(members, texts))]
    t0 = time.perf_counter()
    for ev in events:
        out = service.handle(ev)
        assert out and out[0].status == "saved", out
    elapsed = time.perf_counter() - t0
    service.store.close()
    return len(texts) / elapsed


def run_raw(path: Path, texts: list[str]) -> float:
    service, _, rnd, members = _setup(path, len(texts))
    db = service.store.db
    ids = [service.store.members.ensure(m) for m in members]
    conn = db.conn
    now = iso(START)
    t0 = time.perf_counter()
    for mid, text in zip(ids, texts):
        conn.execute(
            "INSERT INTO answers (group_id, round_id, member_id, text, score, original_text, original_score,"
            " source, message_ref, event_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (rnd.group_id, rnd.id, mid, text, None, text, None, "form", None, None, now, now),
        )
        conn.commit()
    elapsed = time.perf_counter() - t0
    db.close()
    return len(texts) / elapsed


def main(n: int = 1000, repeats: int = 3) -> dict:
    rng = random.Random(7)
    texts = [answer_text(rng) for _ in range(n)]
    core, raw = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):  # interleaved, so machine noise hits both sides alike
            raw.append(run_raw(Path(tmp) / f"raw{i}.db", texts))
            core.append(run_core(Path(tmp) / f"core{i}.db", texts))
    core_rate, raw_rate = statistics.median(core), statistics.median(raw)
    return {
        "bench": "ingest", "answers": n, "repeats": repeats, "answer_chars": 200,
        "core_answers_per_s": round(core_rate, 1), "raw_sqlite3_inserts_per_s": round(raw_rate, 1),
        "ratio_core_to_raw": round(core_rate / raw_rate, 3), "target_ratio": 0.5,
    }
