"""The outbox of channel posts (prompts and digests) and the scheduler's heartbeat."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlite_utils

from storage.db import write
from storage.sql import Row, row, rows
from storage.times import iso, parse_iso


class PostRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def claim_pending(self, now: datetime, stale_before: datetime, platforms: list[str],
                      limit: int = 50) -> list[Row]:
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
        return rows(
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

    def mark_failed(self, post_id: int, error: str) -> None:
        """Keep it pending and release the claim: the next scheduler tick retries it."""
        with write(self.db):
            self.db.execute(
                "UPDATE posts SET claimed_at = NULL, last_error = ? WHERE id = ?", (error[:500], post_id)
            )

    def get(self, post_id: int) -> Row | None:
        return row(self.db, "SELECT * FROM posts WHERE id = ?", (post_id,))

    def of_round(self, round_id: int) -> list[Row]:
        return rows(self.db, "SELECT * FROM posts WHERE round_id = ? ORDER BY id", (round_id,))


class HeartbeatRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def beat(self, now: datetime, pid: int, connections: dict[str, Any] | None = None) -> None:
        """Write the heartbeat, with each platform connection's state (JSON)."""
        with write(self.db):
            self.db.execute(
                "INSERT INTO heartbeat (id, at, pid, connections) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                " SET at = excluded.at, pid = excluded.pid, connections = excluded.connections",
                (iso(now), pid, json.dumps(connections or {})),
            )

    def last(self) -> datetime | None:
        found = self.db.execute("SELECT at FROM heartbeat WHERE id = 1").fetchone()
        return parse_iso(found[0]) if found else None

    def connections(self) -> dict[str, Any]:
        """The connection states written with the last heartbeat ({} if none or unreadable)."""
        found = self.db.execute("SELECT connections FROM heartbeat WHERE id = 1").fetchone()
        try:
            value = json.loads(found[0]) if found else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}
