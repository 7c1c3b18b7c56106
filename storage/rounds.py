"""Queries for rounds and the outbox of channel posts."""
from __future__ import annotations

import json
from datetime import datetime

import sqlite_utils

from bot.clock import iso, parse_iso
from bot.domain import Round
from storage.db import write
from storage.groups import _row, _rows


def round_from_row(row: dict) -> Round:
    return Round(
        id=row["id"], group_id=row["group_id"], period=row["period"], prompt_id=row["prompt_id"],
        opened_at=parse_iso(row["opened_at"]), closes_at=parse_iso(row["closes_at"]),
        closed_at=parse_iso(row["closed_at"]) if row["closed_at"] else None,
        reminded_at=parse_iso(row["reminded_at"]) if row["reminded_at"] else None,
        late=bool(row["late"]), anonymous=bool(row.get("anonymous", 0)),
    )


class RoundQueries:
    db: sqlite_utils.Database

    def insert_round(self, group_id: int, period: str, prompt_id: int, opened_at: datetime,
                     closes_at: datetime, anonymous: bool = False) -> Round | None:
        """Open a round and queue its prompt posts, atomically.

        The UNIQUE (group_id, period) key makes this exactly once: a second caller, in this
        process or another one on the same file, gets None and posts nothing.
        """
        with write(self.db):
            cur = self.db.execute(
                "INSERT INTO rounds (group_id, period, prompt_id, opened_at, closes_at, anonymous)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, period) DO NOTHING",
                (group_id, period, prompt_id, iso(opened_at), iso(closes_at), int(anonymous)),
            )
            if cur.rowcount != 1:
                return None
            round_id = cur.lastrowid
            self._queue_posts(round_id, group_id, "prompt", opened_at)
        return self.round(round_id)

    def _queue_posts(self, round_id: int, group_id: int, kind: str, now: datetime) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO posts (round_id, channel_id, kind, created_at)"
            " SELECT ?, id, ?, ? FROM channels WHERE group_id = ?",
            (round_id, kind, iso(now), group_id),
        )

    def round(self, round_id: int) -> Round | None:
        row = _row(self.db, "SELECT * FROM rounds WHERE id = ?", (round_id,))
        return round_from_row(row) if row else None

    def round_for_period(self, group_id: int, period: str) -> Round | None:
        row = _row(self.db, "SELECT * FROM rounds WHERE group_id = ? AND period = ?", (group_id, period))
        return round_from_row(row) if row else None

    def open_round(self, group_id: int, up_to: str | None = None) -> Round | None:
        """The latest open round; with ``up_to``, the latest one whose period is not after it
        (a round for a future period is not the open round of the current one)."""
        row = _row(
            self.db,
            "SELECT * FROM rounds WHERE group_id = ? AND closed_at IS NULL AND (? IS NULL OR period <= ?)"
            " ORDER BY period DESC LIMIT 1",
            (group_id, up_to, up_to),
        )
        return round_from_row(row) if row else None

    def make_open_rounds_anonymous(self, group_id: int) -> int:
        """Turning anonymity on applies to the open round at once (it can only hide more)."""
        with write(self.db):
            cur = self.db.execute(
                "UPDATE rounds SET anonymous = 1 WHERE group_id = ? AND closed_at IS NULL AND anonymous = 0",
                (group_id,),
            )
        return cur.rowcount

    def rounds_to_close(self, now: datetime) -> list[Round]:
        rows = _rows(
            self.db, "SELECT * FROM rounds WHERE closed_at IS NULL AND closes_at <= ? ORDER BY id", (iso(now),)
        )
        return [round_from_row(r) for r in rows]

    def close_round(self, round_id: int, now: datetime, late: bool) -> bool:
        """Close once and queue the digest posts. False if it was already closed."""
        with write(self.db):
            cur = self.db.execute(
                "UPDATE rounds SET closed_at = ?, late = ? WHERE id = ? AND closed_at IS NULL",
                (iso(now), int(late), round_id),
            )
            if cur.rowcount != 1:
                return False
            group_id = self.db.execute("SELECT group_id FROM rounds WHERE id = ?", (round_id,)).fetchone()[0]
            self._queue_posts(round_id, group_id, "digest", now)
        return True

    def mark_reminded(self, round_id: int, now: datetime) -> bool:
        with write(self.db):
            cur = self.db.execute(
                "UPDATE rounds SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND closed_at IS NULL",
                (iso(now), round_id),
            )
        return cur.rowcount == 1

    def closed_rounds(self, group_id: int, limit: int = 1000) -> list[Round]:
        rows = _rows(
            self.db,
            "SELECT * FROM rounds WHERE group_id = ? AND closed_at IS NOT NULL ORDER BY period DESC LIMIT ?",
            (group_id, limit),
        )
        return [round_from_row(r) for r in rows]

    def rounds_of(self, group_id: int) -> list[Round]:
        rows = _rows(self.db, "SELECT * FROM rounds WHERE group_id = ? ORDER BY period", (group_id,))
        return [round_from_row(r) for r in rows]

    # outbox -------------------------------------------------------------
    def claim_pending_posts(self, now: datetime, stale_before: datetime, platforms: list[str],
                            limit: int = 50) -> list[dict]:
        """Take pending posts for delivery. A claim older than ``stale_before`` is retaken,
        so a post whose process died mid-send is retried, and two live processes never
        send the same post at the same time."""
        if not platforms or not self.db.execute("SELECT 1 FROM posts WHERE status = 'pending' LIMIT 1").fetchone():
            return []  # the common case: a read on the partial index, no write transaction
        marks = ",".join("?" * len(platforms))
        with write(self.db):
            cur = self.db.execute(
                "UPDATE posts SET claimed_at = ?, attempts = attempts + 1 WHERE id IN ("
                " SELECT p.id FROM posts p JOIN channels c ON c.id = p.channel_id WHERE p.status = 'pending'"
                f" AND (p.claimed_at IS NULL OR p.claimed_at < ?) AND c.platform IN ({marks})"
                " ORDER BY p.id LIMIT ?) RETURNING id",
                (iso(now), iso(stale_before), *platforms, limit),
            )
            ids = [r[0] for r in cur.fetchall()]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return _rows(
            self.db,
            f"SELECT p.*, c.platform, c.workspace, c.channel_id AS channel_ref FROM posts p"
            f" JOIN channels c ON c.id = p.channel_id WHERE p.id IN ({marks}) ORDER BY p.id",
            ids,
        )

    def mark_posted(self, post_id: int, message_id: str, thread_id: str | None, now: datetime) -> None:
        with write(self.db):
            self.db.execute(
                "UPDATE posts SET status = 'posted', message_id = ?, thread_id = ?, posted_at = ?, last_error = NULL"
                " WHERE id = ?",
                (message_id, thread_id, iso(now), post_id),
            )

    def mark_post_failed(self, post_id: int, error: str) -> None:
        """Keep it pending and release the claim: the next scheduler tick retries it."""
        with write(self.db):
            self.db.execute(
                "UPDATE posts SET claimed_at = NULL, last_error = ? WHERE id = ?", (error[:500], post_id)
            )

    def post(self, post_id: int) -> dict | None:
        return _row(self.db, "SELECT * FROM posts WHERE id = ?", (post_id,))

    def posts_of(self, round_id: int) -> list[dict]:
        return _rows(self.db, "SELECT * FROM posts WHERE round_id = ? ORDER BY id", (round_id,))

    def round_by_post_ref(self, platform: str, ref: str) -> Round | None:
        """The round whose prompt post has this message or thread id on this platform."""
        row = _row(
            self.db,
            "SELECT r.* FROM posts p JOIN channels c ON c.id = p.channel_id JOIN rounds r ON r.id = p.round_id"
            " WHERE c.platform = ? AND p.kind = 'prompt' AND (p.thread_id = ? OR p.message_id = ?)"
            " ORDER BY p.id DESC LIMIT 1",
            (platform, ref, ref),
        )
        return round_from_row(row) if row else None

    # heartbeat ----------------------------------------------------------
    def beat(self, now: datetime, pid: int, connections: dict | None = None) -> None:
        """Write the heartbeat, with each platform connection's state (JSON)."""
        with write(self.db):
            self.db.execute(
                "INSERT INTO heartbeat (id, at, pid, connections) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                " SET at = excluded.at, pid = excluded.pid, connections = excluded.connections",
                (iso(now), pid, json.dumps(connections or {})),
            )

    def last_beat(self) -> datetime | None:
        row = self.db.execute("SELECT at FROM heartbeat WHERE id = 1").fetchone()
        return parse_iso(row[0]) if row else None

    def beat_connections(self) -> dict:
        """The connection states written with the last heartbeat ({} if none or unreadable)."""
        row = self.db.execute("SELECT connections FROM heartbeat WHERE id = 1").fetchone()
        try:
            value = json.loads(row[0]) if row else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}
