"""Answers, skips, search and history, and the event ids already seen. The answer path is plain
SQL (hot path)."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlite_utils

from storage.db import write
from storage.participation import away_member_ids
from storage.sql import Row, fold, row, rows
from storage.times import iso


class SaveOutcome(StrEnum):
    """What ``AnswerRows.save`` did with an answer. A StrEnum: each member is its string value
    ("saved" == SaveOutcome.SAVED), with one base."""

    SAVED = "saved"
    REPLACED = "replaced"
    DUPLICATE = "duplicate"  # the event id was seen before
    STALE = "stale"  # the event is older than the stored answer


# The old module-level names, kept as aliases of the members.
SAVED, REPLACED, DUPLICATE, STALE = SaveOutcome.SAVED, SaveOutcome.REPLACED, SaveOutcome.DUPLICATE, SaveOutcome.STALE

_VISIBLE = "(r.closed_at IS NOT NULL OR a.member_id = :viewer)"
_ANSWER_COLS = (
    "a.id, a.round_id, a.member_id, a.text, a.score, a.original_text, a.source, a.created_at, a.updated_at,"
    " a.message_ref, m.display_name AS author, m.platform, m.user_id, r.period, r.closed_at, r.prompt_id,"
    " a.probability, a.original_probability, a.grade, r.due_at, r.outcome"
)


class AnswerRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._fold_ready = False

    def mark_seen(self, platform: str, event_id: str, now: datetime) -> bool:
        """Record an event id. True if it had been seen before (a retry or a replay)."""
        with write(self.db):
            cur = self.db.execute(
                "INSERT INTO seen_events (platform, event_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (platform, event_id, iso(now)),
            )
        return cur.rowcount == 0

    def save(self, *, group_id: int, round_id: int, member_id: int, text: str, score: int | None,
             source: str, now: datetime, platform: str, event_id: str | None = None,
             message_ref: str | None = None, at: datetime | None = None,
             probability: int | None = None) -> SaveOutcome:
        """Store one answer durably, in one transaction with its event id.

        Returns SAVED, REPLACED, DUPLICATE (the event id was seen before) or STALE (the
        event is older than the stored answer, so it must not overwrite it).
        """
        event_at = iso(at) if at else None
        with write(self.db):
            if event_id is not None:
                cur = self.db.execute(
                    "INSERT INTO seen_events (platform, event_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (platform, event_id, iso(now)),
                )
                if cur.rowcount == 0:
                    return SaveOutcome.DUPLICATE
            old = self.db.execute(
                "SELECT id, text, score, event_at, message_ref, source FROM answers WHERE round_id = ? AND member_id = ?",
                (round_id, member_id),
            ).fetchone()
            if old is None:
                self.db.execute(
                    "INSERT INTO answers (group_id, round_id, member_id, text, score, original_text, original_score,"
                    " source, message_ref, event_at, created_at, updated_at, probability, original_probability)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (group_id, round_id, member_id, text, score, text, score, source, message_ref, event_at,
                     iso(now), iso(now), probability, probability),
                )
                self.db.execute("DELETE FROM skips WHERE round_id = ? AND member_id = ?", (round_id, member_id))
                return SaveOutcome.SAVED
            old_id, old_text, old_score, old_at, old_ref, old_source = old
            if event_at and old_at and event_at < old_at:
                return SaveOutcome.STALE
            # New text from elsewhere (a form, a command) unlinks the thread message, so editing or
            # deleting that old message can no longer touch the newer answer. A score alone keeps it.
            ref = message_ref or (None if text else old_ref)
            self.db.execute(
                "UPDATE answers SET text = ?, score = ?, source = ?, message_ref = ?,"
                " event_at = coalesce(?, event_at), updated_at = ?, probability = coalesce(?, probability)"
                " WHERE id = ?",
                (text or old_text, old_score if score is None else score, source if text else old_source, ref,
                 event_at, iso(now), probability, old_id),
            )
            return SaveOutcome.REPLACED

    def of(self, round_id: int, member_id: int) -> Row | None:
        return row(
            self.db,
            f"SELECT {_ANSWER_COLS} FROM answers a JOIN members m ON m.id = a.member_id"
            " JOIN rounds r ON r.id = a.round_id WHERE a.round_id = ? AND a.member_id = ?",
            (round_id, member_id),
        )

    def by_message(self, platform: str, message_ref: str) -> Row | None:
        return row(
            self.db,
            f"SELECT {_ANSWER_COLS}, a.group_id FROM answers a JOIN members m ON m.id = a.member_id"
            " JOIN rounds r ON r.id = a.round_id WHERE a.message_ref = ? AND m.platform = ?",
            (message_ref, platform),
        )

    def withdraw(self, answer_id: int) -> None:
        with write(self.db):
            self.db.execute("DELETE FROM answers WHERE id = ?", (answer_id,))

    def skip(self, round_id: int, member_id: int, now: datetime) -> bool:
        """Mark a skip. False if the member has already answered (the answer stays)."""
        with write(self.db):
            if self.db.execute(
                "SELECT 1 FROM answers WHERE round_id = ? AND member_id = ?", (round_id, member_id)
            ).fetchone():
                return False
            self.db.execute(
                "INSERT OR IGNORE INTO skips (round_id, member_id, created_at) VALUES (?, ?, ?)",
                (round_id, member_id, iso(now)),
            )
        return True

    def has_skipped(self, round_id: int, member_id: int) -> bool:
        return row(self.db, "SELECT 1 AS x FROM skips WHERE round_id = ? AND member_id = ?",
                    (round_id, member_id)) is not None

    def of_round(self, round_id: int) -> list[Row]:
        """Every answer of one round: one lookup on the (round_id, member_id) index."""
        return rows(
            self.db,
            f"SELECT {_ANSWER_COLS} FROM answers a JOIN members m ON m.id = a.member_id"
            " JOIN rounds r ON r.id = a.round_id WHERE a.round_id = ? ORDER BY a.created_at, a.id",
            (round_id,),
        )

    def skips_of_round(self, round_id: int) -> list[Row]:
        return rows(
            self.db,
            "SELECT m.id AS member_id, m.display_name AS author, m.platform FROM skips s"
            " JOIN members m ON m.id = s.member_id WHERE s.round_id = ? ORDER BY s.created_at",
            (round_id,),
        )

    def roster(self, group_id: int, period: str) -> list[int]:
        """Members who answered or skipped in the group's last 8 rounds up to ``period``, but
        not those away for that period's round (storage/participation.py)."""
        away = away_member_ids(self.db, group_id, period)
        rows = self.db.execute(
            "WITH last AS (SELECT id FROM rounds WHERE group_id = ? AND period <= ? ORDER BY period DESC LIMIT 8)"
            " SELECT member_id FROM answers WHERE round_id IN last UNION"
            " SELECT member_id FROM skips WHERE round_id IN last",
            (group_id, period),
        ).fetchall()
        return [r[0] for r in rows if r[0] not in away]

    def search(self, group_id: int, long_terms: list[str], short_terms: list[str], viewer: int,
               limit: int = 20) -> list[Row]:
        """Answers matching every term. Terms of 3+ characters use the trigram index; shorter
        ones are matched by a scan of this group's answers. Each term is quoted as an FTS5
        string, so no user text is ever read as FTS syntax.

        Case: both sides are NFC and Unicode case-folded (``fold``) in the scan. The trigram
        index folds one character to one character ("ÉCOLE" finds "école", "ΩMEGA" finds
        "ωmega"), which is the same as ``fold`` for most terms; a term with a character that
        folds to something else ("ß" to "ss", "ﬁ" to "fi") is matched by the scan instead.
        The one difference left: an index term does not find text that only folds to it
        ("strasse" does not find "Straße").

        Each row carries its round's ``anonymous`` flag (fixed when the round opened), so the
        caller hides the author by the round's own setting, not the group's today."""
        if not self._fold_ready:
            self.db.conn.create_function(
                "hs_fold", 1, lambda text: fold(text) if isinstance(text, str) else text, deterministic=True)
            self._fold_ready = True
        indexed = [t for t in long_terms if all(c.casefold() == c.lower() for c in t)]
        scanned = short_terms + [t for t in long_terms if t not in indexed]
        params: dict[str, Any] = {"group": group_id, "viewer": viewer, "limit": limit}
        where = ["a.group_id = :group", _VISIBLE]
        if indexed:
            params["match"] = " ".join('"' + t.replace('"', '""') + '"' for t in indexed)
            source = "answers_fts f JOIN answers a ON a.id = f.rowid"
            where.append("answers_fts MATCH :match")
        else:
            source = "answers a"
        for i, term in enumerate(scanned):
            params[f"s{i}"] = fold(term)
            where.append(f"instr(hs_fold(a.text), :s{i}) > 0")
        return rows(
            self.db,
            f"SELECT {_ANSWER_COLS}, r.anonymous FROM {source} JOIN members m ON m.id = a.member_id"
            f" JOIN rounds r ON r.id = a.round_id WHERE {' AND '.join(where)}"
            # In an anonymous round the order of answering could point at someone: by text there.
            " ORDER BY r.period DESC, CASE WHEN r.anonymous THEN hs_fold(a.text) END, a.id LIMIT :limit",
            params,
        )

    def history(self, group_id: int, member_id: int, viewer: int, limit: int = 52) -> list[Row]:
        return rows(
            self.db,
            f"SELECT {_ANSWER_COLS} FROM answers a JOIN members m ON m.id = a.member_id"
            f" JOIN rounds r ON r.id = a.round_id WHERE a.group_id = :group AND a.member_id = :member"
            f" AND {_VISIBLE} ORDER BY r.period DESC LIMIT :limit",
            {"group": group_id, "member": member_id, "viewer": viewer, "limit": limit},
        )

    def earlier_answer(self, group_id: int, member_id: int, prompt_id: int, before_period: str) -> Row | None:
        """The member's latest answer in this group to the same prompt in a round before
        ``before_period`` (anonymous rounds included: it is their own answer), or None."""
        return row(
            self.db,
            "SELECT a.text, a.score, a.probability, r.id AS round_id, r.period, r.anonymous FROM answers a"
            " JOIN rounds r ON r.id = a.round_id WHERE a.group_id = ? AND a.member_id = ? AND r.group_id = ?"
            " AND r.prompt_id = ? AND r.period < ? ORDER BY r.period DESC LIMIT 1",
            (group_id, member_id, group_id, prompt_id, before_period),
        )

    def of_member(self, member_id: int) -> list[Row]:
        return rows(
            self.db,
            f"SELECT {_ANSWER_COLS}, g.name AS group_name FROM answers a JOIN members m ON m.id = a.member_id"
            " JOIN rounds r ON r.id = a.round_id JOIN groups g ON g.id = a.group_id"
            " WHERE a.member_id = ? ORDER BY g.name, r.period",
            (member_id,),
        )
