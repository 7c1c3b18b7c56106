"""Digest build and search on a large database: 1,000,000 answers, 500 groups, 5 years of weeks.

The database is generated with raw SQL in one transaction, with the FTS index rebuilt once
at the end (the triggers are restored afterwards). Timings go through the core
(Hindsight.build_digest, and Hindsight.handle for `search`) and are set against raw sqlite3
doing the bare look-up in the same run.
"""
from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bench.data import answer_text
from bot.clock import FakeClock, iso
from bot.domain import ChannelRef, MemberRef
from bot.events import CommandInvoked, Origin
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store

WEEKS = 260  # five years
MEMBERS_PER_GROUP = 10
RARE_TERMS = 40
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def _period(week_index: int) -> str:
    d = date(2021, 12, 6) + timedelta(weeks=week_index)
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _rare_terms(rng: random.Random) -> list[str]:
    """Made-up words (half Hangul, half Latin) whose trigrams occur nowhere else."""
    terms = []
    for i in range(RARE_TERMS):
        if i % 2:
            terms.append("".join(chr(0xAC00 + rng.randrange(11172)) for _ in range(3)))
        else:
            terms.append("".join(rng.choice("bcdfghjkmnpqvwxz") for _ in range(7)))
    return terms


def build(path: Path, answers: int, groups: int, rng: random.Random) -> list[str]:
    service = Hindsight(Store(connect(path)), FakeClock(NOW))
    db = service.store.db
    conn = db.conn
    prompts = [p.id for p in service.store.prompts.active(None)]
    terms = _rare_terms(rng)
    per_round = answers / (groups * WEEKS)
    now = iso(NOW)
    for trig in ("answers_ai", "answers_ad", "answers_au"):
        db.execute(f"DROP TRIGGER {trig}")
    conn.execute("BEGIN")
    member_id = 0
    made = 0
    for g in range(groups):
        gid = conn.execute("INSERT INTO groups (name, created_at) VALUES (?, ?)", (f"g{g}", now)).lastrowid
        conn.execute("INSERT INTO channels (group_id, platform, workspace, channel_id, created_at)"
                     " VALUES (?, 'bench', 'w', ?, ?)", (gid, f"c{g}", now))
        mids = []
        for _ in range(MEMBERS_PER_GROUP):
            member_id += 1
            conn.execute("INSERT INTO members (id, platform, workspace, user_id, display_name) VALUES (?,?,?,?,?)",
                         (member_id, "bench", "w", f"u{member_id}", f"user {member_id}"))
            mids.append(member_id)
        rows = []
        for week in range(WEEKS):
            rid = conn.execute(
                "INSERT INTO rounds (group_id, period, prompt_id, opened_at, closes_at, closed_at)"
                " VALUES (?,?,?,?,?,?)", (gid, _period(week), prompts[week % len(prompts)], now, now, now)).lastrowid
            target = int(per_round * (g * WEEKS + week + 1)) - made
            for mid in rng.sample(mids, min(target, len(mids))):
                text = answer_text(rng, 150)
                if rng.random() < 0.2:
                    text = text[:140] + " " + rng.choice(terms)
                rows.append((gid, rid, mid, text, text, now, now))
                made += 1
        conn.executemany(
            "INSERT INTO answers (group_id, round_id, member_id, text, original_text, source, created_at, updated_at)"
            " VALUES (?,?,?,?,?,'form',?,?)", rows)
    conn.execute("INSERT INTO answers_fts(answers_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")
    from storage.migrations import _INITIAL
    for sql in _INITIAL:
        if sql.startswith("CREATE TRIGGER"):
            db.execute(sql)
    db.execute("ANALYZE")
    db.close()
    return terms


def _ms(fn, items) -> list[float]:
    out = []
    for item in items:
        t0 = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main(answers: int = 1_000_000, groups: int = 500, keep: str | None = None) -> dict:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(keep) if keep else Path(tmp) / "big.db"
        t0 = time.perf_counter()
        terms = build(path, answers, groups, rng) if not path.exists() else _rare_terms(random.Random(11))
        build_s = time.perf_counter() - t0
        service = Hindsight(Store(connect(path)), FakeClock(NOW))
        conn = service.store.db.conn
        total = conn.execute("SELECT count(*) FROM answers").fetchone()[0]
        n_rounds = conn.execute("SELECT max(id) FROM rounds").fetchone()[0]
        sample = [service.store.rounds.get(rng.randrange(1, n_rounds + 1)) for _ in range(300)]
        raw_digest = _ms(lambda r: conn.execute("SELECT * FROM answers WHERE round_id = ?", (r.id,)).fetchall(),
                         sample)
        core_digest = _ms(service.build_digest, sample)
        freq = {t: conn.execute("SELECT count(*) FROM answers_fts WHERE answers_fts MATCH ?",
                                ('"' + t + '"',)).fetchone()[0] for t in terms}
        usable = [t for t, n in freq.items() if 1000 <= n <= 10000] or terms
        searches = []
        for _ in range(200):
            g = rng.randrange(1, groups + 1)
            uid = (g - 1) * MEMBERS_PER_GROUP + 1
            origin = Origin(MemberRef("bench", "w", f"u{uid}", f"user {uid}"), ChannelRef("bench", "w", f"c{g - 1}"))
            searches.append((origin, rng.choice(usable)))
        raw_search = _ms(lambda s: conn.execute(
            "SELECT a.* FROM answers_fts f JOIN answers a ON a.id = f.rowid WHERE answers_fts MATCH ?"
            " AND a.group_id = (SELECT group_id FROM channels WHERE channel_id = ?) LIMIT 20",
            ('"' + s[1] + '"', s[0].channel.channel_id)).fetchall(), searches)
        core_search = _ms(lambda s: service.handle(CommandInvoked(s[0], "search " + s[1])), searches)
        short = _ms(lambda s: service.handle(CommandInvoked(s[0], "search AI")), searches[:50])
        service.store.close()
    med = statistics.median
    return {
        "bench": "digest", "answers": total, "groups": groups, "weeks": WEEKS, "build_s": round(build_s, 1),
        "digest_median_ms": round(med(core_digest), 3), "raw_round_lookup_median_ms": round(med(raw_digest), 3),
        "digest_ratio_to_raw": round(med(core_digest) / med(raw_digest), 1),
        "search_term_answers": [min(freq[t] for t in usable), max(freq[t] for t in usable)],
        "search_median_ms": round(med(core_search), 3), "raw_fts_median_ms": round(med(raw_search), 3),
        "search_ratio_to_raw": round(med(core_search) / med(raw_search), 1),
        "short_term_scan_median_ms": round(med(short), 3),
        "targets_ms": {"digest": 5, "search": 20},
    }
