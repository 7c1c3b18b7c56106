"""Reads for trends over a group's closed rounds (the hype radar): which rounds are closed,
and their answers with member ids and periods. Read-only: nothing here writes."""
from __future__ import annotations

import sqlite_utils

from storage.sql import Row, rows


class TrendRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def closed_periods(self, group_id: int, up_to: str | None = None) -> list[str]:
        """The periods of the group's closed rounds, oldest first (up to and including
        ``up_to`` if given)."""
        found = rows(self.db, "SELECT period FROM rounds WHERE group_id = ? AND closed_at IS NOT NULL"
                              " AND (? IS NULL OR period <= ?) ORDER BY period", (group_id, up_to, up_to))
        return [r["period"] for r in found]

    def closed_answers(self, group_id: int, since: str, up_to: str | None = None) -> list[Row]:
        """Answers of the group's closed rounds from ``since`` on (up to ``up_to`` if given),
        anonymous rounds included: period, member_id and text (no author name), by period."""
        return rows(self.db, "SELECT r.period, a.member_id, a.text FROM answers a JOIN rounds r ON r.id = a.round_id"
                             " WHERE r.group_id = ? AND r.closed_at IS NOT NULL AND r.period >= ?"
                             " AND (? IS NULL OR r.period <= ?) ORDER BY r.period, a.id",
                    (group_id, since, up_to, up_to))
