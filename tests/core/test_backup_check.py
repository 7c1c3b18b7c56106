"""``hindsight backup`` checks its copy before it names it a backup (bot/backup.py): the
source's applied migrations and the row count of every table, in the snapshot it copied."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot import backup as backup_module
from bot.backup import BackupMismatch, backup, snapshot
from bot.usecases.console import ensure_console_group
from storage.db import connect, file_uri
from storage.store import Store


@pytest.fixture
def source(tmp_path):
    store = Store(connect(tmp_path / "live.db"))
    ensure_console_group(store, datetime(2026, 1, 5, tzinfo=timezone.utc), "en")
    store.close()
    return tmp_path / "live.db"


def test_a_backup_holds_the_schema_and_the_rows_of_the_source(source, tmp_path):
    got = backup(str(source), str(tmp_path / "copy.db"), [str(source)])
    conn = sqlite3.connect(file_uri(str(tmp_path / "copy.db"), mode="ro"), uri=True)
    assert snapshot(conn) == got and got.rows["groups"] == 1 and got.schema
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("live.db-")) == ["copy.db", "live.db"]


@pytest.mark.parametrize("damage", ["empty", "rows", "schema"])
def test_a_copy_that_does_not_match_is_never_left(source, tmp_path, monkeypatch, damage):
    """A 0-byte copy opens as an empty database and passes integrity_check: the counts catch it."""
    earlier = tmp_path / "copy.db"
    earlier.write_bytes(b"an earlier backup")
    real_copy = backup_module._copy

    def damaged(src: str, tmp: Path):
        expected = real_copy(src, tmp)
        if damage == "empty":
            tmp.write_bytes(b"")
        conn = sqlite3.connect(tmp)
        if damage == "rows":
            conn.execute("DELETE FROM groups")
        elif damage == "schema":
            conn.execute("DELETE FROM _sqlite_migrations WHERE rowid = (SELECT max(rowid) FROM _sqlite_migrations)")
        conn.commit()
        conn.close()
        return expected

    monkeypatch.setattr(backup_module, "_copy", damaged)
    with pytest.raises(BackupMismatch) as caught:
        backup(str(source), str(earlier), [str(source)])
    said = {"empty": "schema none instead of 0", "rows": "row counts differ in groups", "schema": "schema 0"}
    assert said[damage] in str(caught.value)
    assert earlier.read_bytes() == b"an earlier backup"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("live.db-")) == ["copy.db", "live.db"]
