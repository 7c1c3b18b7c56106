"""Participation rows: who answered or skipped which round, and who is away (the ``away``
table of migration 0006).

A member is away for a round when their away time overlaps it: they set it before the round
closed (``created_at < closes_at``) and it lasts past the Monday of the round's ISO week
(``until`` > that Monday; ``until`` is the date they are back, a day in the group's calendar).
So the week in which someone leaves, and the week in which they come back (unless they come
back on its Monday), are away weeks. ``away off`` moves ``until`` back to the Monday after
the latest closed round: past away weeks stay away, and this week counts again.
"""
from __future__ import annotations

from datetime import date, datetime

import sqlite_utils

from storage.db import write
from storage.sql import Row, row, rows
from storage.times import iso


def monday_of(period: str) -> str:
    """The ISO date of the Monday of a period like "2026-W49"."""
    year, _, week = period.partition("-W")
    return date.fromisocalendar(int(year), int(week), 1).isoformat()


def away_during(away: Row, period: str, closes_at: str) -> bool:
    """The one rule: an away row (until, created_at) covers the round of ``period`` closing at
    ``closes_at`` (ISO text as the rounds table stores it)."""
    return str(away["created_at"]) < closes_at and str(away["until"]) > monday_of(period)


def away_member_ids(db: sqlite_utils.Database, group_id: int, period: str) -> set[int]:
    """Members of the group away for its round of ``period`` (none if there is no such round)."""
    rnd = row(db, "SELECT closes_at FROM rounds WHERE group_id = ? AND period = ?", (group_id, period))
    if rnd is None:
        return set()
    return {int(a["member_id"]) for a in _away_rows(db, group_id)
            if away_during(a, period, str(rnd["closes_at"]))}


def _away_rows(db: sqlite_utils.Database, group_id: int) -> list[Row]:
    return rows(db, "SELECT member_id, until, created_at FROM away WHERE group_id = ?", (group_id,))


class ParticipationRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def away_of(self, group_id: int, member_id: int) -> Row | None:
        """The member's away row in the group (until, created_at), whether or not it is over."""
        return row(self.db, "SELECT member_id, until, created_at FROM away WHERE group_id = ? AND member_id = ?",
                   (group_id, member_id))

    def away_in(self, group_id: int) -> list[Row]:
        """Every away row of the group (member_id, until, created_at)."""
        return _away_rows(self.db, group_id)

    def away_ids(self, group_id: int, period: str) -> set[int]:
        return away_member_ids(self.db, group_id, period)

    def away_by_round(self, group_id: int) -> dict[int, set[int]]:
        """Round id -> the members away for it, for every round of the group that has any."""
        aways = _away_rows(self.db, group_id)
        out: dict[int, set[int]] = {}
        if not aways:
            return out
        for rnd in rows(self.db, "SELECT id, period, closes_at FROM rounds WHERE group_id = ?", (group_id,)):
            found = {int(a["member_id"]) for a in aways if away_during(a, str(rnd["period"]), str(rnd["closes_at"]))}
            if found:
                out[int(rnd["id"])] = found
        return out

    def set_away(self, group_id: int, member_id: int, until: str, now: datetime, *, keep_start: bool) -> None:
        """Away until the date ``until`` (YYYY-MM-DD). ``keep_start``: the member is away now,
        so the away time is moved, not started again (the weeks already away stay away)."""
        with write(self.db):
            self.db.execute(
                "INSERT INTO away (group_id, member_id, until, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (group_id, member_id) DO UPDATE SET until = excluded.until,"
                " created_at = CASE WHEN ? THEN away.created_at ELSE excluded.created_at END",
                (group_id, member_id, until, iso(now), 1 if keep_start else 0),
            )

    def end_away(self, group_id: int, member_id: int, until: str | None) -> None:
        """Back now: the away time ends on ``until`` (kept for the streaks of past weeks), or is
        removed when ``until`` is None (it covered no closed round)."""
        with write(self.db):
            if until is None:
                self.db.execute("DELETE FROM away WHERE group_id = ? AND member_id = ?", (group_id, member_id))
            else:
                self.db.execute("UPDATE away SET until = ? WHERE group_id = ? AND member_id = ?",
                                (until, group_id, member_id))

    def taken_part_in(self, round_ids: list[int]) -> list[Row]:
        """Every answer and skip in these rounds: round_id, member_id, kind (answer|skip)."""
        marks = ",".join("?" * len(round_ids))
        return rows(
            self.db,
            f"SELECT round_id, member_id, 'answer' AS kind FROM answers WHERE round_id IN ({marks})"
            f" UNION ALL SELECT round_id, member_id, 'skip' AS kind FROM skips WHERE round_id IN ({marks})",
            (*round_ids, *round_ids),
        ) if round_ids else []

    def answered_up_to(self, group_id: int, period: str) -> tuple[set[int], int]:
        """Who answered a named round of the group up to ``period``, and the most answers in one
        anonymous round up to it (never who gave them). Both go by index: each member of the
        group is looked up until one named answer is found, and anonymous rounds are few."""
        named = {int(r["member_id"]) for r in rows(
            self.db,
            "SELECT m.member_id FROM (SELECT DISTINCT member_id FROM answers WHERE group_id = :g) m"
            " WHERE EXISTS (SELECT 1 FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.group_id = :g"
            " AND a.member_id = m.member_id AND r.period <= :p AND NOT r.anonymous)", {"g": group_id, "p": period})}
        most = row(self.db,
                   "SELECT max((SELECT count(*) FROM answers a WHERE a.round_id = r.id)) AS most FROM rounds r"
                   " WHERE r.group_id = ? AND r.period <= ? AND r.anonymous", (group_id, period))
        return named, int(most["most"] or 0) if most else 0

    def taken_part(self, group_id: int) -> list[Row]:
        """Every answer and skip in the group's rounds: round_id, member_id, kind (answer|skip)."""
        return rows(
            self.db,
            "SELECT a.round_id, a.member_id, 'answer' AS kind FROM answers a WHERE a.group_id = :g"
            " UNION ALL SELECT s.round_id, s.member_id, 'skip' AS kind FROM skips s"
            " JOIN rounds r ON r.id = s.round_id WHERE r.group_id = :g",
            {"g": group_id},
        )
