"""Storage trust rules (DESIGN.md): BEGIN IMMEDIATE for every write, a failed write is never
acknowledged, forget-me leaves nothing in the search index, read-only opens never write, and
a file that is not Hindsight's is refused untouched."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from bot import catalog
from bot.clock import FakeClock
from bot.domain import ChannelRef, MemberRef
from bot.prompt_library import BUILTIN_PROMPTS
from bot.service import Hindsight
from storage.answers import SAVED
from storage.db import UnusableDatabase, check_file, connect, write
from storage.store import Store
from tests.conftest import MONDAY_9
from tests.core.helpers import answer_row, count, only_reply

RARE = "龘靐齉爩"  # characters no other answer uses: any of their bytes in the index is this text


def _statements(store: Store) -> list[str]:
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    return seen


def _writes(store: Store, now) -> list[tuple[str, object]]:
    """One call of every write method of the store, in an order that makes each one valid."""
    s = store
    state: dict = {}

    def group():
        state["g"] = s.create_group("g", now)

    def member():
        state["m"] = s.member_id(MemberRef("console", "local", "alice", "alice"))

    def round_():
        state["r"] = s.insert_round(state["g"].id, "2026-W49", s.active_prompts(state["g"].id)[0].id, now, now)

    return [
        ("seed_builtins", lambda: s.seed_builtins(BUILTIN_PROMPTS, now)),
        ("create_group", group),
        ("update_group", lambda: s.update_group(state["g"].id, paused=1)),
        ("bind_channel", lambda: s.bind_channel(state["g"].id, ChannelRef("console", "local", "c"), now)),
        ("member_id", member),
        ("add_admin", lambda: s.add_admin(state["g"].id, state["m"])),
        ("remove_admin", lambda: s.remove_admin(state["g"].id, state["m"])),
        ("create_link", lambda: s.create_link("CODE", state["g"].id, state["m"], now, now.replace(year=2030))),
        ("use_link", lambda: s.use_link("CODE", now)),
        ("add_prompt", lambda: state.update(p=s.add_prompt(state["g"].id, "text", "en", "ko", (), now))),
        ("remove_prompt", lambda: s.remove_prompt(state["g"].id, state["p"])),
        ("insert_round", round_),
        ("seen", lambda: s.seen("console", "ev-1", now)),
        ("skip", lambda: s.skip(state["r"].id, state["m"], now)),
        ("save_answer", lambda: s.save_answer(group_id=state["g"].id, round_id=state["r"].id, member_id=state["m"],
                                              text="hello", score=None, source="console", now=now,
                                              platform="console", event_id="ev-2")),
        ("mark_reminded", lambda: s.mark_reminded(state["r"].id, now)),
        ("close_round", lambda: s.close_round(state["r"].id, now, False)),
        ("claim_pending_posts", lambda: state.update(posts=s.claim_pending_posts(now, now, ["console"]))),
        ("mark_posted", lambda: s.mark_posted(state["posts"][0]["id"], "m1", None, now)),
        ("mark_post_failed", lambda: s.mark_post_failed(state["posts"][1]["id"], "boom")),
        ("withdraw", lambda: s.withdraw(s.answer_of(state["r"].id, state["m"])["id"])),
        ("forget_member", lambda: s.forget_member(state["m"])),
    ]


def test_every_store_write_starts_with_begin_immediate(store):
    seen = _statements(store)
    for name, call in _writes(store, MONDAY_9):
        seen.clear()
        call()
        kinds = [sql.split()[0].upper() for sql in seen if not sql.upper().startswith(("SELECT", "PRAGMA"))]
        assert kinds, f"{name} wrote nothing"
        assert kinds[0] == "BEGIN" and seen[[s.split()[0].upper() for s in seen].index("BEGIN")].upper() \
            .startswith("BEGIN IMMEDIATE"), f"{name}: {seen}"
        assert not [s for s in seen if s.upper().strip() in ("BEGIN", "BEGIN DEFERRED")], f"{name}: {seen}"
        assert not store.db.conn.in_transaction, name
    assert count(store, "SELECT count(*) FROM posts WHERE status = 'posted'") == 1


def test_write_nests_as_a_savepoint_and_rolls_back(store):
    with pytest.raises(ZeroDivisionError):
        with write(store.db):
            store.db.execute("INSERT INTO seen_events VALUES ('x', 'outer', 't')")
            with write(store.db):
                store.db.execute("INSERT INTO seen_events VALUES ('x', 'inner', 't')")
            1 / 0
    assert count(store, "SELECT count(*) FROM seen_events") == 0
    assert not store.db.conn.in_transaction


def test_read_then_write_holds_the_lock_from_the_start(service, store, db_path):
    """A deferred transaction that read, then had another process commit, failed at once with
    'database is locked' (no busy wait). With BEGIN IMMEDIATE the other writer is the one that waits."""
    g = store.create_group("g", MONDAY_9)
    rnd = store.insert_round(g.id, "2026-W49", store.active_prompts(g.id)[0].id, MONDAY_9, MONDAY_9)
    m = store.member_id(MemberRef("console", "local", "alice", "alice"))
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    other_busy: list[str] = []

    def interleave(sql: str) -> None:
        if sql.startswith("INSERT INTO answers"):
            try:
                other.execute("INSERT INTO seen_events VALUES ('slack', 'other-process', 't')")
            except sqlite3.OperationalError as exc:
                other_busy.append(str(exc))

    store.db.conn.set_trace_callback(interleave)
    try:
        outcome = store.save_answer(group_id=g.id, round_id=rnd.id, member_id=m, text="mine", score=None,
                                    source="console", now=MONDAY_9, platform="console")
    finally:
        store.db.conn.set_trace_callback(None)
        other.close()
    assert outcome == SAVED
    assert other_busy and "locked" in other_busy[0]
    assert count(store, "SELECT count(*) FROM answers") == 1


async def test_a_write_that_fails_is_handed_back_not_acknowledged(open_bot, store, db_path):
    bot = open_bot
    assert only_reply(await bot.say("alice", "first thoughts")).status == "saved"
    await bot.command("bob", "help")  # bob's member row exists before the lock
    store.db.execute("PRAGMA busy_timeout=50")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a second process holds the write lock past the busy timeout
    try:
        reply = only_reply(await bot.say("alice", "second thoughts, longer"))
        skip = only_reply(await bot.command("bob", "skip"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert reply.status == "rejected" and reply.handed_back == "second thoughts, longer"
    assert reply.reason == catalog.t("en", "answer_not_saved")
    assert "second thoughts, longer" in reply.text
    assert skip.status == "rejected" and skip.text == catalog.t("en", "skip_not_saved")
    assert answer_row(store, "alice")["text"] == "first thoughts"
    assert count(store, "SELECT count(*) FROM skips") == 0
    assert not store.db.conn.in_transaction
    # the process keeps running: the next try works
    assert only_reply(await bot.say("alice", "second thoughts, longer")).status == "replaced"
    assert only_reply(await bot.command("bob", "skip")).status == "skipped"


def _index_bytes(store: Store) -> bytes:
    return b"".join(r[0] for r in store.db.execute("SELECT block FROM answers_fts_data") if r[0])


async def test_forget_me_leaves_no_trigram_in_the_search_index(open_bot, store):
    bot = open_bot
    await bot.say("alice", f"{RARE} is my secret moat")
    await bot.say("bob", "cost ladder and a boring moat")
    assert any(c.encode() in _index_bytes(store) for c in RARE)
    await bot.command("alice", "forget-me confirm")
    assert count(store, "SELECT count(*) FROM answers") == 1
    left = _index_bytes(store)
    assert not [c for c in RARE if c.encode() in left]
    assert b"secret" not in left and b"cre" not in left
    assert [r[0] for r in store.db.execute("SELECT rowid FROM answers_fts WHERE answers_fts MATCH 'moat'")] \
        == [r[0] for r in store.db.execute("SELECT id FROM answers")]
    assert store.db.execute("INSERT INTO answers_fts(answers_fts, rank) VALUES ('integrity-check', 1)") is not None


# the file is checked before it is used -------------------------------------------------------

def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _not_sqlite(path: Path) -> None:
    path.write_text("name,moat\nacme,cost\n", encoding="utf-8")


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not yours')")
    conn.commit()
    conn.close()


def _foreign_with_migrations(path: Path) -> None:
    _foreign(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT,"
                 " applied_at TEXT)")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('other', 'x', 't')")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('hindsight', '9999_from_the_future', 't')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make, kind", [(_not_sqlite, "not_sqlite"), (_foreign, "foreign"),
                                        (_foreign_with_migrations, "foreign"), (_newer, "newer")])
@pytest.mark.parametrize("mode", [{}, {"migrate": False}, {"readonly": True}])
def test_a_file_that_is_not_ours_is_refused_untouched(tmp_path, make, kind, mode):
    path = tmp_path / "h.db"
    make(path)
    before = _digest(path)
    with pytest.raises(UnusableDatabase) as err:
        connect(path, **mode)
    assert err.value.kind == kind and err.value.path == str(path)
    assert "\n" not in str(err.value)
    assert _digest(path) == before
    assert not Path(str(path) + "-journal").exists()


@pytest.mark.parametrize("prepare", ["missing", "empty", "sqlite-without-tables"])
def test_only_a_missing_or_empty_file_is_initialised(tmp_path, prepare):
    path = tmp_path / "h.db"
    if prepare == "empty":
        path.write_bytes(b"")
    elif prepare == "sqlite-without-tables":
        sqlite3.connect(path).execute("PRAGMA user_version=0").close()
    assert check_file(path) is False
    db = connect(path)
    assert db["answers"].exists() and check_file(path) is True
    db.close()
    connect(path).close()  # a known schema opens again


def test_read_only_open_never_writes(tmp_path, clock):
    path = tmp_path / "h.db"
    db = connect(path)
    Hindsight(Store(db), clock)  # seeds the built-in prompts
    db.execute("UPDATE prompts SET text_en = 'an older wording' WHERE key = 'next-hype'")
    db.close()
    before, mtime = _digest(path), path.stat().st_mtime_ns
    ro = connect(path, readonly=True)
    service = Hindsight(Store(ro), FakeClock(MONDAY_9), seed=False)
    assert [p.text_en for p in service.store.active_prompts(None) if p.key == "next-hype"] == ["an older wording"]
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("INSERT INTO seen_events VALUES ('x', 'y', 'z')")
    ro.close()
    assert _digest(path) == before and path.stat().st_mtime_ns == mtime
    with pytest.raises(Exception, match="no Hindsight database"):
        connect(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


async def test_a_new_member_under_a_held_lock_is_told_nothing_was_saved(open_bot, store, db_path):
    """The first-sight member row is a write too: a locked database must not escape ``handle``."""
    bot = open_bot
    store.db.execute("PRAGMA busy_timeout=50")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        reply = only_reply(await bot.say("newcomer", "my very first answer"))
        command = only_reply(await bot.command("stranger", "help"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert reply.status == "rejected" and reply.handed_back == "my very first answer"
    assert reply.reason == catalog.t("en", "busy_not_saved")
    assert command.status == "rejected" and command.text == catalog.t("en", "busy_not_saved")
    assert only_reply(await bot.say("newcomer", "my very first answer")).status == "saved"
