"""The prediction ledger's rows: revisits (once per due round), resolutions, grades, nudges,
and the forecasts that scores are computed from."""
from __future__ import annotations

from datetime import datetime

import sqlite_utils

from storage.db import write
from storage.rounds import queue_posts, round_from_row
from storage.rows import Round
from storage.sql import Row, row, rows
from storage.times import iso

_FORECAST_COLS = (
    "a.round_id, a.member_id, a.text, a.probability, a.original_probability, a.grade, a.graded_at,"
    " m.display_name AS author, r.period, r.anonymous, r.due_at, r.outcome, r.resolved_at, r.closed_at,"
    " r.revisited_at, p.kind, p.text_en, p.text_ko, p.horizon_months"
)
_FORECASTS = (
    f"SELECT {_FORECAST_COLS} FROM answers a JOIN rounds r ON r.id = a.round_id"
    " JOIN prompts p ON p.id = r.prompt_id JOIN members m ON m.id = a.member_id"
)


class LedgerRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def due(self, now: datetime) -> list[Round]:
        """Closed prediction and call rounds whose time has come and that have no revisit yet."""
        found = rows(self.db, "SELECT * FROM rounds WHERE due_at IS NOT NULL AND revisited_at IS NULL"
                              " AND closed_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id", (iso(now),))
        return [round_from_row(r) for r in found]

    def claim_revisit(self, round_id: int, now: datetime) -> bool:
        """Mark the round revisited and queue one revisit post per channel, atomically: exactly
        once, whoever else (a second process, a restart) tries at the same time."""
        with write(self.db):
            cur = self.db.execute("UPDATE rounds SET revisited_at = ? WHERE id = ? AND revisited_at IS NULL",
                                  (iso(now), round_id))
            if cur.rowcount != 1:
                return False
            group_id = self.db.execute("SELECT group_id FROM rounds WHERE id = ?", (round_id,)).fetchone()[0]
            queue_posts(self.db, round_id, group_id, "revisit", now)
        return True

    def resolve(self, round_id: int, outcome: str, now: datetime, by: int) -> bool:
        """Record the outcome once and queue the follow-up posts. False if already resolved."""
        with write(self.db):
            cur = self.db.execute(
                "UPDATE rounds SET outcome = ?, resolved_at = ?, resolved_by = ? WHERE id = ? AND outcome IS NULL",
                (outcome, iso(now), by, round_id))
            if cur.rowcount != 1:
                return False
            group_id = self.db.execute("SELECT group_id FROM rounds WHERE id = ?", (round_id,)).fetchone()[0]
            queue_posts(self.db, round_id, group_id, "resolution", now)
        return True

    def undo(self, round_id: int) -> bool:
        """Forget an outcome (and its follow-up posts, so resolving again posts again)."""
        with write(self.db):
            cur = self.db.execute("UPDATE rounds SET outcome = NULL, resolved_at = NULL, resolved_by = NULL"
                                  " WHERE id = ? AND outcome IS NOT NULL", (round_id,))
            if cur.rowcount != 1:
                return False
            self.db.execute("DELETE FROM posts WHERE round_id = ? AND kind = 'resolution'", (round_id,))
        return True

    def grade(self, round_id: int, member_id: int, grade: str, now: datetime) -> bool:
        """The author's own grade of their call. False if they have no answer in that round."""
        with write(self.db):
            cur = self.db.execute("UPDATE answers SET grade = ?, graded_at = ? WHERE round_id = ? AND member_id = ?",
                                  (grade, iso(now), round_id, member_id))
        return cur.rowcount == 1

    def waiting(self, group_id: int, kind: str) -> list[Round]:
        """Revisited rounds of this kind still waiting: predictions unresolved, oldest first
        (calls wait per author; see ``ungraded``)."""
        found = rows(self.db, "SELECT r.* FROM rounds r JOIN prompts p ON p.id = r.prompt_id WHERE r.group_id = ?"
                              " AND p.kind = ? AND r.revisited_at IS NOT NULL AND r.outcome IS NULL"
                              " ORDER BY r.period", (group_id, kind))
        return [round_from_row(r) for r in found]

    def ungraded(self, group_id: int, member_id: int) -> list[Round]:
        """Revisited call rounds where this member answered and has not graded, oldest first."""
        found = rows(self.db, "SELECT r.* FROM rounds r JOIN prompts p ON p.id = r.prompt_id"
                              " JOIN answers a ON a.round_id = r.id WHERE r.group_id = ? AND p.kind = 'call'"
                              " AND r.revisited_at IS NOT NULL AND a.member_id = ? AND a.grade IS NULL"
                              " ORDER BY r.period", (group_id, member_id))
        return [round_from_row(r) for r in found]

    def to_nudge(self, revisited_before: datetime) -> list[Round]:
        """Predictions revisited before then, still unresolved, whose admins were not nudged yet."""
        found = rows(self.db, "SELECT r.* FROM rounds r JOIN prompts p ON p.id = r.prompt_id WHERE p.kind = 'prediction'"
                              " AND r.revisited_at IS NOT NULL AND r.revisited_at <= ? AND r.outcome IS NULL"
                              " AND r.nudged_at IS NULL ORDER BY r.id", (iso(revisited_before),))
        return [round_from_row(r) for r in found]

    def mark_nudged(self, round_id: int, now: datetime) -> bool:
        with write(self.db):
            cur = self.db.execute("UPDATE rounds SET nudged_at = ? WHERE id = ? AND nudged_at IS NULL",
                                  (iso(now), round_id))
        return cur.rowcount == 1

    def forecasts_of_round(self, round_id: int) -> list[Row]:
        return rows(self.db, f"{_FORECASTS} WHERE a.round_id = ? ORDER BY a.created_at, a.id", (round_id,))

    def forecasts(self, group_id: int, kind: str) -> list[Row]:
        """Every answer of the group's rounds of this kind (prediction or call), oldest first."""
        return rows(self.db, f"{_FORECASTS} WHERE a.group_id = ? AND p.kind = ? ORDER BY r.period, a.id",
                    (group_id, kind))

    def revisit_thread(self, round_id: int, channel_id: int) -> str | None:
        """Where the follow-up of a revisit goes: its post's thread, or the message itself."""
        found = row(self.db, "SELECT thread_id, message_id FROM posts WHERE round_id = ? AND channel_id = ?"
                             " AND kind = 'revisit' AND status = 'posted'", (round_id, channel_id))
        if found is None:
            return None
        return found["thread_id"] or found["message_id"]
