"""The outbox of channel posts (prompts and digests), the heartbeats and the clock mark."""
from __future__ import annotations

import json
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Heartbeat:
    """One process role's last heartbeat: its writer's wall clock, pid and connection states, and
    the boot id and monotonic clock reading that let another process on the same machine
    judge its age by real elapsed time."""

    role: str
    at: datetime
    pid: int
    connections: dict[str, Any]
    boot: str = ""
    mono: float | None = None
    instance: str = ""  # a random id of the writing process: pids repeat across containers


class HeartbeatRows:
    """A heartbeat per process role (``run``, ``console``, ...), and the clock mark: the
    high-water mark of the time a scheduler last acted on this file (migration 0007)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._by_role: bool | None = None

    def by_role(self) -> bool:
        """False on a file a read-only command finds not yet migrated: one row, id 1, no mark."""
        if self._by_role is None:
            cols = {r[1] for r in self.db.execute("PRAGMA table_info(heartbeat)").fetchall()}
            self._by_role = "role" in cols
        return self._by_role

    def beat(self, now: datetime, pid: int, connections: dict[str, Any] | None = None, *, role: str = "run",
             boot: str = "", mono: float | None = None, instance: str = "", mark: datetime | None = None) -> None:
        """Write ``role``'s heartbeat, with each platform connection's state (JSON); with
        ``mark``, raise the clock mark to it in the same transaction (never lower it)."""
        with write(self.db):
            self.db.execute(
                "INSERT INTO heartbeat (role, at, pid, connections, boot, mono, instance) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (role) DO UPDATE SET at = excluded.at, pid = excluded.pid,"
                " connections = excluded.connections, boot = excluded.boot, mono = excluded.mono,"
                " instance = excluded.instance",
                (role, iso(now), pid, json.dumps(connections or {}), boot, mono, instance),
            )
            if mark is not None:
                self.raise_mark(mark)

    def raise_mark(self, at: datetime) -> None:
        """The clock mark becomes ``at`` if that is later (ISO UTC text sorts as time does)."""
        with write(self.db):
            self.db.execute(
                "INSERT INTO clock_mark (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE"
                " SET at = excluded.at WHERE excluded.at > clock_mark.at", (iso(at),))

    def mark(self) -> datetime | None:
        """The time a scheduler last acted on this file, by its own clock (None: never yet)."""
        if not self.by_role():
            return None
        found = self.db.execute("SELECT at FROM clock_mark WHERE id = 1").fetchone()
        return parse_iso(found[0]) if found else None

    def get(self, role: str = "run") -> Heartbeat | None:
        if self.by_role():
            found = self.db.execute(
                "SELECT role, at, pid, connections, boot, mono, instance FROM heartbeat WHERE role = ?",
                (role,)).fetchone()
        elif role == "run":
            found = self.db.execute(
                "SELECT 'run', at, pid, connections, '', NULL, '' FROM heartbeat WHERE id = 1").fetchone()
        else:
            found = None
        if found is None:
            return None
        return Heartbeat(found[0], parse_iso(found[1]), int(found[2]), _json_dict(found[3]), found[4] or "",
                         None if found[5] is None else float(found[5]), found[6] or "")

    def last(self, role: str = "run") -> datetime | None:
        beat = self.get(role)
        return beat.at if beat else None

    def connections(self, role: str = "run") -> dict[str, Any]:
        """The connection states written with ``role``'s last heartbeat ({} if none or unreadable)."""
        beat = self.get(role)
        return beat.connections if beat else {}


def _json_dict(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
