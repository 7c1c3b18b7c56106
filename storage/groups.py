"""Queries for groups, channels, members, admins, link codes and prompts."""
from __future__ import annotations

import json
import unicodedata
from datetime import datetime

import sqlite_utils

from bot.clock import iso
from bot.domain import Channel, ChannelRef, Group, MemberRef, Prompt, Schedule
from storage.db import write

GROUP_FIELDS = (
    "timezone", "language", "prompt_day", "prompt_time", "close_day", "close_time",
    "remind_day", "remind_time", "answer_limit", "anonymous", "paused",
)


def group_from_row(row: dict) -> Group:
    return Group(
        id=row["id"], name=row["name"], timezone=row["timezone"], language=row["language"],
        schedule=Schedule(
            prompt_day=row["prompt_day"], prompt_time=row["prompt_time"],
            close_day=row["close_day"], close_time=row["close_time"],
            remind_day=row["remind_day"], remind_time=row["remind_time"],
        ),
        answer_limit=row["answer_limit"], anonymous=bool(row["anonymous"]), paused=bool(row["paused"]),
    )


def prompt_from_row(row: dict) -> Prompt:
    return Prompt(
        id=row["id"], kind=row["kind"], text_en=row["text_en"], text_ko=row["text_ko"],
        labels_en=tuple(json.loads(row["labels_en"])), labels_ko=tuple(json.loads(row["labels_ko"])),
        key=row["key"], group_id=row["group_id"], theme=row["theme"],
    )


def _rows(db: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    cur = db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _row(db: sqlite_utils.Database, sql: str, params=()) -> dict | None:
    rows = _rows(db, sql, params)
    return rows[0] if rows else None


class GroupQueries:
    db: sqlite_utils.Database

    # groups -------------------------------------------------------------
    def create_group(self, name: str, now: datetime, **settings) -> Group:
        row = {"name": name, "created_at": iso(now)}
        row.update({k: v for k, v in settings.items() if k in GROUP_FIELDS})
        with write(self.db):
            self.db["groups"].insert(row)
        return self.group_by_name(name)

    def group(self, group_id: int) -> Group | None:
        row = _row(self.db, "SELECT * FROM groups WHERE id = ?", (group_id,))
        return group_from_row(row) if row else None

    def group_by_name(self, name: str) -> Group | None:
        row = _row(self.db, "SELECT * FROM groups WHERE name = ?", (name,))
        return group_from_row(row) if row else None

    def groups(self) -> list[Group]:
        return [group_from_row(r) for r in _rows(self.db, "SELECT * FROM groups ORDER BY id")]

    def update_group(self, group_id: int, **fields) -> Group:
        bad = set(fields) - set(GROUP_FIELDS)
        if bad:
            raise KeyError(f"unknown group fields: {sorted(bad)}")
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            with write(self.db):
                self.db.execute(f"UPDATE groups SET {sets} WHERE id = ?", (*fields.values(), group_id))
        return self.group(group_id)

    # channels -----------------------------------------------------------
    def channel_by_ref(self, ref: ChannelRef) -> Channel | None:
        row = _row(
            self.db,
            "SELECT * FROM channels WHERE platform = ? AND workspace = ? AND channel_id = ?",
            (ref.platform, ref.workspace, ref.channel_id),
        )
        return _channel(row) if row else None

    def bind_channel(self, group_id: int, ref: ChannelRef, now: datetime) -> Channel:
        with write(self.db):
            self.db.execute(
                "INSERT OR IGNORE INTO channels (group_id, platform, workspace, channel_id, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (group_id, ref.platform, ref.workspace, ref.channel_id, iso(now)),
            )
        return self.channel_by_ref(ref)

    def channels_of(self, group_id: int) -> list[Channel]:
        rows = _rows(self.db, "SELECT * FROM channels WHERE group_id = ? ORDER BY id", (group_id,))
        return [_channel(r) for r in rows]

    def channel(self, channel_pk: int) -> Channel | None:
        row = _row(self.db, "SELECT * FROM channels WHERE id = ?", (channel_pk,))
        return _channel(row) if row else None

    # members and admins -------------------------------------------------
    def member_id(self, ref: MemberRef) -> int:
        """The member's row id, created on first sight; the display name is kept fresh."""
        name = ref.display_name or ref.user_id
        found = self.db.execute(
            "SELECT id, display_name FROM members WHERE platform = ? AND workspace = ? AND user_id = ?",
            (ref.platform, ref.workspace, ref.user_id),
        ).fetchone()
        if found and found[1] == name:
            return found[0]  # the common case writes nothing
        with write(self.db):
            got = self.db.execute(
                "INSERT INTO members (platform, workspace, user_id, display_name) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (platform, workspace, user_id) DO UPDATE SET display_name = excluded.display_name"
                " RETURNING id",
                (ref.platform, ref.workspace, ref.user_id, name),
            ).fetchone()
        return got[0]

    def member(self, member_id: int) -> MemberRef | None:
        row = _row(self.db, "SELECT * FROM members WHERE id = ?", (member_id,))
        if not row:
            return None
        return MemberRef(row["platform"], row["workspace"], row["user_id"], row["display_name"])

    def is_admin(self, group_id: int, member_id: int) -> bool:
        return _row(
            self.db, "SELECT 1 AS x FROM group_admins WHERE group_id = ? AND member_id = ?",
            (group_id, member_id),
        ) is not None

    def add_admin(self, group_id: int, member_id: int) -> None:
        with write(self.db):
            self.db.execute(
                "INSERT OR IGNORE INTO group_admins (group_id, member_id) VALUES (?, ?)",
                (group_id, member_id),
            )

    def remove_admin(self, group_id: int, member_id: int) -> None:
        with write(self.db):
            self.db.execute(
                "DELETE FROM group_admins WHERE group_id = ? AND member_id = ?", (group_id, member_id)
            )

    def admins(self, group_id: int) -> list[MemberRef]:
        rows = _rows(
            self.db,
            "SELECT m.* FROM group_admins a JOIN members m ON m.id = a.member_id"
            " WHERE a.group_id = ? ORDER BY m.display_name",
            (group_id,),
        )
        return [MemberRef(r["platform"], r["workspace"], r["user_id"], r["display_name"]) for r in rows]

    def member_by_user_id(self, platform: str, user_id: str, workspace: str) -> int | None:
        """A member by platform id (from a mention); one in ``workspace`` first."""
        row = _row(
            self.db,
            "SELECT id FROM members WHERE platform = ? AND user_id = ? ORDER BY workspace = ? DESC, id LIMIT 1",
            (platform, user_id, workspace),
        )
        return row["id"] if row else None

    def group_members(self, group_id: int) -> list[dict]:
        """The group's members as far as the database knows them: everyone who answered or
        skipped in its rounds, and its admins. Rows: id, platform, workspace, user_id, display_name."""
        return _rows(
            self.db,
            "SELECT m.id, m.platform, m.workspace, m.user_id, m.display_name FROM members m WHERE"
            " EXISTS (SELECT 1 FROM answers a WHERE a.member_id = m.id AND a.group_id = :g)"
            " OR EXISTS (SELECT 1 FROM skips s JOIN rounds r ON r.id = s.round_id"
            "  WHERE s.member_id = m.id AND r.group_id = :g)"
            " OR EXISTS (SELECT 1 FROM group_admins ga WHERE ga.member_id = m.id AND ga.group_id = :g)"
            " ORDER BY m.id",
            {"g": group_id},
        )

    def find_members(self, group_id: int, platform: str, token: str) -> list[dict]:
        """Who a bare token (no mention) names in this group: the member whose platform id it
        is, if any (an id wins over names); else every member whose display name it is, after
        NFC and Unicode case folding. Several rows mean the caller must ask which one."""
        members = self.group_members(group_id)
        by_id = [m for m in members if m["platform"] == platform and m["user_id"] == token]
        if by_id:
            return by_id[:1]
        want = fold(token)
        return [m for m in members if want and fold(m["display_name"]) == want]

    # link codes ---------------------------------------------------------
    def create_link(self, code: str, group_id: int, member_id: int, now: datetime, expires: datetime) -> None:
        with write(self.db):
            self.db.execute(
                "INSERT INTO link_codes (code, group_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                (code, group_id, member_id, iso(now), iso(expires)),
            )

    def use_link(self, code: str, now: datetime) -> int | None:
        """Spend a one-time code. Returns its group, or None if unknown, used or expired."""
        with write(self.db):
            row = self.db.execute(
                "UPDATE link_codes SET used_at = ? WHERE code = ? AND used_at IS NULL AND expires_at > ?"
                " RETURNING group_id",
                (iso(now), code, iso(now)),
            ).fetchone()
        return row[0] if row else None

    # prompts ------------------------------------------------------------
    def seed_builtins(self, prompts, now: datetime) -> None:
        with write(self.db):
            for pos, p in enumerate(prompts):
                self.db.execute(
                    "INSERT INTO prompts (key, kind, theme, text_en, text_ko, labels_en, labels_ko, position, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET kind = excluded.kind,"
                    " theme = excluded.theme, text_en = excluded.text_en, text_ko = excluded.text_ko,"
                    " labels_en = excluded.labels_en, labels_ko = excluded.labels_ko, position = excluded.position",
                    (p.key, p.kind, p.theme, p.text_en, p.text_ko, json.dumps(list(p.labels_en), ensure_ascii=False),
                     json.dumps(list(p.labels_ko), ensure_ascii=False), pos, iso(now)),
                )

    def prompt(self, prompt_id: int) -> Prompt | None:
        row = _row(self.db, "SELECT * FROM prompts WHERE id = ?", (prompt_id,))
        return prompt_from_row(row) if row else None

    def active_prompts(self, group_id: int | None) -> list[Prompt]:
        """Built-ins in library order, then the group's own, minus removed ones."""
        rows = _rows(
            self.db,
            "SELECT p.* FROM prompts p WHERE p.removed = 0 AND (p.group_id IS NULL OR p.group_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM prompts_off o WHERE o.group_id = ? AND o.prompt_id = p.id)"
            " ORDER BY p.group_id IS NOT NULL, p.position, p.id",
            (group_id, group_id),
        )
        return [prompt_from_row(r) for r in rows]

    def add_prompt(self, group_id: int, kind: str, text_en: str, text_ko: str, labels: tuple[str, ...],
                   now: datetime) -> int:
        with write(self.db):
            cur = self.db.execute(
                "INSERT INTO prompts (group_id, kind, text_en, text_ko, labels_en, labels_ko, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (group_id, kind, text_en, text_ko, json.dumps(list(labels), ensure_ascii=False),
                 json.dumps(list(labels), ensure_ascii=False), iso(now)),
            )
        return cur.lastrowid

    def remove_prompt(self, group_id: int, prompt_id: int) -> bool:
        p = self.prompt(prompt_id)
        if p is None or (p.group_id is not None and p.group_id != group_id):
            return False
        with write(self.db):
            if p.group_id is None:
                self.db.execute(
                    "INSERT OR IGNORE INTO prompts_off (group_id, prompt_id) VALUES (?, ?)", (group_id, prompt_id)
                )
            else:
                self.db.execute("UPDATE prompts SET removed = 1 WHERE id = ?", (prompt_id,))
        return True

    def prompt_use_counts(self, group_id: int) -> dict[int, int]:
        rows = self.db.execute(
            "SELECT prompt_id, count(*) FROM rounds WHERE group_id = ? GROUP BY prompt_id", (group_id,)
        ).fetchall()
        return dict(rows)


def fold(text: str) -> str:
    """Unicode case folding of NFC text, the same on both sides of every comparison (names,
    search): "ÉCOLE", "école" and an NFD "école" all fold to one string."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def _channel(row: dict) -> Channel:
    return Channel(row["id"], row["group_id"], ChannelRef(row["platform"], row["workspace"], row["channel_id"]))
