"""Rounds: one per group and period, opened and closed exactly once."""
from __future__ import annotations

from datetime import datetime

import sqlite_utils

from storage.db import write
from storage.rows import Round
from storage.sql import Row, row, rows
from storage.times import iso, parse_iso


def round_from_row(r: Row) -> Round:
    return Round(
        id=r["id"], group_id=r["group_id"], period=r["period"], prompt_id=r["prompt_id"],
        opened_at=parse_iso(r["opened_at"]), closes_at=parse_iso(r["closes_at"]),
        closed_at=parse_iso(r["closed_at"]) if r["closed_at"] else None,
        reminded_at=parse_iso(r["reminded_at"]) if r["reminded_at"] else None,
        late=bool(r["late"]), anonymous=bool(r.get("anonymous", 0)),
        due_at=_when(r.get("due_at")), revisited_at=_when(r.get("revisited_at")), outcome=r.get("outcome"),
        resolved_at=_when(r.get("resolved_at")), resolved_by=r.get("resolved_by"), nudged_at=_when(r.get("nudged_at")),
    )


def _when(value: object) -> datetime | None:
    return parse_iso(value) if isinstance(value, str) and value else None


def queue_posts(db: sqlite_utils.Database, round_id: int, group_id: int, kind: str, now: datetime) -> None:
    """Queue one post of ``kind`` per channel of the group; the caller holds the transaction."""
    db.execute(
        "INSERT OR IGNORE INTO posts (round_id, channel_id, kind, created_at)"
        " SELECT ?, id, ?, ? FROM channels WHERE group_id = ?",
        (round_id, kind, iso(now), group_id),
    )


class RoundRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def insert(self, group_id: int, period: str, prompt_id: int, opened_at: datetime,
               closes_at: datetime, anonymous: bool = False, due_at: datetime | None = None) -> Round | None:
        """Open a round and queue its prompt posts, atomically.

        The UNIQUE (group_id, period) key makes this exactly once: a second caller, in this
        process or another one on the same file, gets None and posts nothing.
        """
        with write(self.db):
            cur = self.db.execute(
                "INSERT INTO rounds (group_id, period, prompt_id, opened_at, closes_at, anonymous, due_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, period) DO NOTHING",
                (group_id, period, prompt_id, iso(opened_at), iso(closes_at), int(anonymous),
                 iso(due_at) if due_at else None),
            )
            if cur.rowcount != 1 or cur.lastrowid is None:
                return None
            round_id = cur.lastrowid
            queue_posts(self.db, round_id, group_id, "prompt", opened_at)
        return self.get(round_id)

    def get(self, round_id: int) -> Round | None:
        found = row(self.db, "SELECT * FROM rounds WHERE id = ?", (round_id,))
        return round_from_row(found) if found else None

    def for_period(self, group_id: int, period: str) -> Round | None:
        found = row(self.db, "SELECT * FROM rounds WHERE group_id = ? AND period = ?", (group_id, period))
        return round_from_row(found) if found else None

    def find_open(self, group_id: int, up_to: str | None = None) -> Round | None:
        """The latest open round; with ``up_to``, the latest one whose period is not after it
        (a round for a future period is not the open round of the current one)."""
        found = row(
            self.db,
            "SELECT * FROM rounds WHERE group_id = ? AND closed_at IS NULL AND (? IS NULL OR period <= ?)"
            " ORDER BY period DESC LIMIT 1",
            (group_id, up_to, up_to),
        )
        return round_from_row(found) if found else None

    def make_open_anonymous(self, group_id: int) -> int:
        """Turning anonymity on applies to the open round at once (it can only hide more)."""
        with write(self.db):
            cur = self.db.execute(
                "UPDATE rounds SET anonymous = 1 WHERE group_id = ? AND closed_at IS NULL AND anonymous = 0",
                (group_id,),
            )
        return cur.rowcount

    def due_to_close(self, now: datetime) -> list[Round]:
        found = rows(
            self.db, "SELECT * FROM rounds WHERE closed_at IS NULL AND closes_at <= ? ORDER BY id", (iso(now),)
        )
        return [round_from_row(r) for r in found]

    def close(self, round_id: int, now: datetime, late: bool) -> bool:
        """Close once and queue the digest posts. False if it was already closed."""
        with write(self.db):
            cur = self.db.execute(
                "UPDATE rounds SET closed_at = ?, late = ? WHERE id = ? AND closed_at IS NULL",
                (iso(now), int(late), round_id),
            )
            if cur.rowcount != 1:
                return False
            group_id = self.db.execute("SELECT group_id FROM rounds WHERE id = ?", (round_id,)).fetchone()[0]
            queue_posts(self.db, round_id, group_id, "digest", now)
        return True

    def mark_reminded(self, round_id: int, now: datetime) -> bool:
        with write(self.db):
            cur = self.db.execute(
                "UPDATE rounds SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND closed_at IS NULL",
                (iso(now), round_id),
            )
        return cur.rowcount == 1

    def closed(self, group_id: int, limit: int = 1000) -> list[Round]:
        found = rows(
            self.db,
            "SELECT * FROM rounds WHERE group_id = ? AND closed_at IS NOT NULL ORDER BY period DESC LIMIT ?",
            (group_id, limit),
        )
        return [round_from_row(r) for r in found]

    def up_to(self, group_id: int, period: str, limit: int) -> list[Round]:
        """The group's last ``limit`` rounds up to and including ``period``, oldest first."""
        found = rows(self.db, "SELECT * FROM rounds WHERE group_id = ? AND period <= ? ORDER BY period DESC LIMIT ?",
                     (group_id, period, limit))
        return [round_from_row(r) for r in reversed(found)]

    def of_group(self, group_id: int) -> list[Round]:
        found = rows(self.db, "SELECT * FROM rounds WHERE group_id = ? ORDER BY period", (group_id,))
        return [round_from_row(r) for r in found]

    def by_post_ref(self, platform: str, ref: str) -> Round | None:
        """The round whose prompt post has this message or thread id on this platform."""
        found = row(
            self.db,
            "SELECT r.* FROM posts p JOIN channels c ON c.id = p.channel_id JOIN rounds r ON r.id = p.round_id"
            " WHERE c.platform = ? AND p.kind = 'prompt' AND (p.thread_id = ? OR p.message_id = ?)"
            " ORDER BY p.id DESC LIMIT 1",
            (platform, ref, ref),
        )
        return round_from_row(found) if found else None
