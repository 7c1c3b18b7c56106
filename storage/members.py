"""Members (people as a platform knows them), group admins and one-time link codes."""
from __future__ import annotations

from datetime import datetime

import sqlite_utils

from storage.db import unsynced_write, write
from storage.rows import MemberRef
from storage.sql import Row, fold, row, rows
from storage.times import iso


def member_from_row(r: Row) -> MemberRef:
    return MemberRef(r["platform"], r["workspace"], r["user_id"], r["display_name"])


class MemberRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def ensure(self, ref: MemberRef) -> int:
        """The member's row id, created on first sight; the display name is kept fresh."""
        name = ref.display_name or ref.user_id
        found = self.db.execute(
            "SELECT id, display_name FROM members WHERE platform = ? AND workspace = ? AND user_id = ?",
            (ref.platform, ref.workspace, ref.user_id),
        ).fetchone()
        if found and found[1] == name:
            return int(found[0])  # the common case writes nothing
        with unsynced_write(self.db):  # made durable by the fsynced commit that follows
            got = self.db.execute(
                "INSERT INTO members (platform, workspace, user_id, display_name) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (platform, workspace, user_id) DO UPDATE SET display_name = excluded.display_name"
                " RETURNING id",
                (ref.platform, ref.workspace, ref.user_id, name),
            ).fetchone()
        return int(got[0])

    def get(self, member_id: int) -> MemberRef | None:
        found = row(self.db, "SELECT * FROM members WHERE id = ?", (member_id,))
        return member_from_row(found) if found else None

    def by_user_id(self, platform: str, user_id: str, workspace: str) -> int | None:
        """A member by platform id (from a mention); one in ``workspace`` first."""
        found = row(
            self.db,
            "SELECT id FROM members WHERE platform = ? AND user_id = ? ORDER BY workspace = ? DESC, id LIMIT 1",
            (platform, user_id, workspace),
        )
        return found["id"] if found else None

    def of_group(self, group_id: int) -> list[Row]:
        """The group's members as far as others may know them: everyone who answered or skipped
        in its named rounds, and its admins. Taking part in an anonymous round alone does not
        make someone known by name. Rows: id, platform, workspace, user_id, display_name."""
        return rows(
            self.db,
            "SELECT m.id, m.platform, m.workspace, m.user_id, m.display_name FROM members m WHERE"
            " EXISTS (SELECT 1 FROM answers a JOIN rounds r ON r.id = a.round_id"
            "  WHERE a.member_id = m.id AND a.group_id = :g AND r.anonymous = 0)"
            " OR EXISTS (SELECT 1 FROM skips s JOIN rounds r ON r.id = s.round_id"
            "  WHERE s.member_id = m.id AND r.group_id = :g AND r.anonymous = 0)"
            " OR EXISTS (SELECT 1 FROM group_admins ga WHERE ga.member_id = m.id AND ga.group_id = :g)"
            " ORDER BY m.id",
            {"g": group_id},
        )

    def find(self, group_id: int, platform: str, token: str) -> list[Row]:
        """Who a bare token (no mention) names in this group: the member whose platform id it
        is, if any (an id wins over names); else every member whose display name it is, after
        NFC and Unicode case folding. Several rows mean the caller must ask which one."""
        members = self.of_group(group_id)
        by_id = [m for m in members if m["platform"] == platform and m["user_id"] == token]
        if by_id:
            return by_id[:1]
        want = fold(token)
        return [m for m in members if want and fold(m["display_name"]) == want]

    def forget(self, member_id: int) -> int:
        """Delete a member's answers, skips and admin rights, then the member. Returns answers deleted.

        Deleting means deleting: the search index only marks deleted rows until its segments are
        merged, so it is optimised in the same transaction, and no trigram of the text is left."""
        with write(self.db):
            n = int(self.db.execute("SELECT count(*) FROM answers WHERE member_id = ?", (member_id,)).fetchone()[0])
            self.db.execute("DELETE FROM answers WHERE member_id = ?", (member_id,))
            self.db.execute("DELETE FROM skips WHERE member_id = ?", (member_id,))
            self.db.execute("DELETE FROM group_admins WHERE member_id = ?", (member_id,))
            self.db.execute("DELETE FROM link_codes WHERE created_by = ?", (member_id,))
            self.db.execute("DELETE FROM members WHERE id = ?", (member_id,))
            if n:
                self.db.execute("INSERT INTO answers_fts(answers_fts) VALUES ('optimize')")
        return n


class AdminRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def is_admin(self, group_id: int, member_id: int) -> bool:
        return row(
            self.db, "SELECT 1 AS x FROM group_admins WHERE group_id = ? AND member_id = ?",
            (group_id, member_id),
        ) is not None

    def add(self, group_id: int, member_id: int) -> None:
        with write(self.db):
            self.db.execute(
                "INSERT OR IGNORE INTO group_admins (group_id, member_id) VALUES (?, ?)",
                (group_id, member_id),
            )

    def remove(self, group_id: int, member_id: int) -> None:
        with write(self.db):
            self.db.execute(
                "DELETE FROM group_admins WHERE group_id = ? AND member_id = ?", (group_id, member_id)
            )

    def of_group(self, group_id: int) -> list[MemberRef]:
        found = rows(
            self.db,
            "SELECT m.* FROM group_admins a JOIN members m ON m.id = a.member_id"
            " WHERE a.group_id = ? ORDER BY m.display_name",
            (group_id,),
        )
        return [member_from_row(r) for r in found]


class LinkRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create(self, code: str, group_id: int, member_id: int, now: datetime, expires: datetime) -> None:
        with write(self.db):
            self.db.execute(
                "INSERT INTO link_codes (code, group_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                (code, group_id, member_id, iso(now), iso(expires)),
            )

    def redeem(self, code: str, now: datetime) -> int | None:
        """Spend a one-time code. Returns its group, or None if unknown, used or expired."""
        with write(self.db):
            found = self.db.execute(
                "UPDATE link_codes SET used_at = ? WHERE code = ? AND used_at IS NULL AND expires_at > ?"
                " RETURNING group_id",
                (iso(now), code, iso(now)),
            ).fetchone()
        return int(found[0]) if found else None
