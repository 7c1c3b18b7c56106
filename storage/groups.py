"""Groups and the chat channels bound to them."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlite_utils

from storage.db import write
from storage.rows import Channel, ChannelRef, Group, Schedule
from storage.sql import Row, row, rows
from storage.times import iso

GROUP_FIELDS = (
    "timezone", "language", "prompt_day", "prompt_time", "close_day", "close_time",
    "remind_day", "remind_time", "answer_limit", "anonymous", "paused", "resurface", "leaderboard", "next_prompt_id",
    "radar", "holidays",
)


def group_from_row(r: Row) -> Group:
    return Group(
        id=r["id"], name=r["name"], timezone=r["timezone"], language=r["language"],
        schedule=Schedule(
            prompt_day=r["prompt_day"], prompt_time=r["prompt_time"],
            close_day=r["close_day"], close_time=r["close_time"],
            remind_day=r["remind_day"], remind_time=r["remind_time"],
        ),
        answer_limit=r["answer_limit"], anonymous=bool(r["anonymous"]), paused=bool(r["paused"]),
        resurface=bool(r["resurface"]), leaderboard=bool(r["leaderboard"]), next_prompt_id=r["next_prompt_id"],
        radar=r["radar"], holidays=r["holidays"],
    )


def channel_from_row(r: Row) -> Channel:
    return Channel(r["id"], r["group_id"], ChannelRef(r["platform"], r["workspace"], r["channel_id"]))


class GroupRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create(self, name: str, now: datetime, **settings: Any) -> Group:
        values = {"name": name, "created_at": iso(now)}
        values.update({k: v for k, v in settings.items() if k in GROUP_FIELDS})
        with write(self.db):
            self.db.table("groups").insert(values)
        group = self.by_name(name)
        assert group is not None
        return group

    def get(self, group_id: int) -> Group | None:
        found = row(self.db, "SELECT * FROM groups WHERE id = ?", (group_id,))
        return group_from_row(found) if found else None

    def by_name(self, name: str) -> Group | None:
        found = row(self.db, "SELECT * FROM groups WHERE name = ?", (name,))
        return group_from_row(found) if found else None

    def all(self) -> list[Group]:
        return [group_from_row(r) for r in rows(self.db, "SELECT * FROM groups ORDER BY id")]

    def update(self, group_id: int, **fields: Any) -> Group:
        bad = set(fields) - set(GROUP_FIELDS)
        if bad:
            raise KeyError(f"unknown group fields: {sorted(bad)}")
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            with write(self.db):
                self.db.execute(f"UPDATE groups SET {sets} WHERE id = ?", (*fields.values(), group_id))
        group = self.get(group_id)
        if group is None:
            raise KeyError(f"no group {group_id}")
        return group


class ChannelRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def by_ref(self, ref: ChannelRef) -> Channel | None:
        found = row(
            self.db,
            "SELECT * FROM channels WHERE platform = ? AND workspace = ? AND channel_id = ?",
            (ref.platform, ref.workspace, ref.channel_id),
        )
        return channel_from_row(found) if found else None

    def bind(self, group_id: int, ref: ChannelRef, now: datetime) -> Channel:
        with write(self.db):
            self.db.execute(
                "INSERT OR IGNORE INTO channels (group_id, platform, workspace, channel_id, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (group_id, ref.platform, ref.workspace, ref.channel_id, iso(now)),
            )
        channel = self.by_ref(ref)
        assert channel is not None
        return channel

    def of_group(self, group_id: int) -> list[Channel]:
        found = rows(self.db, "SELECT * FROM channels WHERE group_id = ? ORDER BY id", (group_id,))
        return [channel_from_row(r) for r in found]

    def get(self, channel_pk: int) -> Channel | None:
        found = row(self.db, "SELECT * FROM channels WHERE id = ?", (channel_pk,))
        return channel_from_row(found) if found else None
