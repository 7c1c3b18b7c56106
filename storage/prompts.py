"""Prompts: the built-in library (seeded at start) and each group's own."""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

import sqlite_utils

from storage.db import write
from storage.rows import Prompt
from storage.sql import Row, row, rows
from storage.times import iso


class PromptSeed(Protocol):
    """What ``seed_builtins`` reads from a built-in prompt (bot.prompt_library.BuiltinPrompt);
    also ``horizon_months`` (prediction and call prompts), read with getattr, None if absent."""

    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def theme(self) -> str: ...
    @property
    def text_en(self) -> str: ...
    @property
    def text_ko(self) -> str: ...
    @property
    def labels_en(self) -> tuple[str, ...]: ...
    @property
    def labels_ko(self) -> tuple[str, ...]: ...


def prompt_from_row(r: Row) -> Prompt:
    return Prompt(
        id=r["id"], kind=r["kind"], text_en=r["text_en"], text_ko=r["text_ko"],
        labels_en=tuple(json.loads(r["labels_en"])), labels_ko=tuple(json.loads(r["labels_ko"])),
        key=r["key"], group_id=r["group_id"], theme=r["theme"], horizon_months=r["horizon_months"],
    )


def _labels(labels: Iterable[str]) -> str:
    return json.dumps(list(labels), ensure_ascii=False)


class PromptRows:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def seed_builtins(self, prompts: Iterable[PromptSeed], now: datetime) -> None:
        with write(self.db):
            for pos, p in enumerate(prompts):
                self.db.execute(
                    "INSERT INTO prompts (key, kind, theme, text_en, text_ko, labels_en, labels_ko, horizon_months,"
                    " position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                    " kind = excluded.kind, theme = excluded.theme, text_en = excluded.text_en,"
                    " text_ko = excluded.text_ko, labels_en = excluded.labels_en, labels_ko = excluded.labels_ko,"
                    " horizon_months = excluded.horizon_months, position = excluded.position",
                    (p.key, p.kind, p.theme, p.text_en, p.text_ko, _labels(p.labels_en), _labels(p.labels_ko),
                     getattr(p, "horizon_months", None), pos, iso(now)),
                )

    def get(self, prompt_id: int) -> Prompt | None:
        found = row(self.db, "SELECT * FROM prompts WHERE id = ?", (prompt_id,))
        return prompt_from_row(found) if found else None

    def active(self, group_id: int | None) -> list[Prompt]:
        """Built-ins in library order, then the group's own, minus removed ones."""
        found = rows(
            self.db,
            "SELECT p.* FROM prompts p WHERE p.removed = 0 AND (p.group_id IS NULL OR p.group_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM prompts_off o WHERE o.group_id = ? AND o.prompt_id = p.id)"
            " ORDER BY p.group_id IS NOT NULL, p.position, p.id",
            (group_id, group_id),
        )
        return [prompt_from_row(r) for r in found]

    def add(self, group_id: int, kind: str, text_en: str, text_ko: str, labels: tuple[str, ...],
            now: datetime, horizon_months: int | None = None) -> int:
        with write(self.db):
            cur = self.db.execute(
                "INSERT INTO prompts (group_id, kind, text_en, text_ko, labels_en, labels_ko, horizon_months,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (group_id, kind, text_en, text_ko, _labels(labels), _labels(labels), horizon_months, iso(now)),
            )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def for_group(self, group_id: int, ref: int | str) -> Prompt | None:
        """The prompt ``ref`` (an id, or a built-in key) if it is in this group's rotation: a
        built-in the group has not removed, or the group's own prompt that is not removed."""
        found = [p for p in self.active(group_id) if (p.id if isinstance(ref, int) else p.key) == ref]
        return found[0] if found else None

    def remove(self, group_id: int, prompt_id: int) -> bool:
        """Take the prompt out of the group's rotation (a built-in for this group only, the group's
        own for good). If ``prompts next`` had chosen it for the group's next round, that choice
        goes in the same transaction: a removed prompt is never asked."""
        p = self.get(prompt_id)
        if p is None or (p.group_id is not None and p.group_id != group_id):
            return False
        with write(self.db):
            self.db.execute("UPDATE groups SET next_prompt_id = NULL WHERE id = ? AND next_prompt_id = ?",
                            (group_id, prompt_id))
            if p.group_id is None:
                self.db.execute(
                    "INSERT OR IGNORE INTO prompts_off (group_id, prompt_id) VALUES (?, ?)", (group_id, prompt_id)
                )
            else:
                self.db.execute("UPDATE prompts SET removed = 1 WHERE id = ?", (prompt_id,))
        return True

    def use_counts(self, group_id: int) -> dict[int, int]:
        found = self.db.execute(
            "SELECT prompt_id, count(*) FROM rounds WHERE group_id = ? GROUP BY prompt_id", (group_id,)
        ).fetchall()
        return dict(found)
