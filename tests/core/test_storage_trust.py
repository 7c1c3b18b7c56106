"""Storage trust rules (ARCHITECTURE.md): BEGIN IMMEDIATE for every write, a failed write is never
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
from tests.core.helpers import all_answers, all_posts, all_skips, answer_row, count, only_reply

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
        state["g"] = s.groups.create("g", now)

    def member():
        state["m"] = s.members.ensure(MemberRef("console", "local", "alice", "alice"))

    def round_():
        state["r"] = s.rounds.insert(state["g"].id, "2026-W49", s.prompts.active(state["g"].id)[0].id, now, now)

    return [
        ("prompts.seed_builtins", lambda: s.prompts.seed_builtins(BUILTIN_PROMPTS, now)),
        ("groups.create", group),
        ("groups.update", lambda: s.groups.update(state["g"].id, paused=1)),
        ("channels.bind", lambda: s.channels.bind(state["g"].id, ChannelRef("console", "local", "c"), now)),
        ("members.ensure", member),
        ("admins.add", lambda: s.admins.add(state["g"].id, state["m"])),
        ("admins.remove", lambda: s.admins.remove(state["g"].id, state["m"])),
        ("links.create", lambda: s.links.create("CODE", state["g"].id, state["m"], now, now.replace(year=2030))),
        ("links.redeem", lambda: s.links.redeem("CODE", now)),
        ("prompts.add", lambda: state.update(p=s.prompts.add(state["g"].id, "text", "en", "ko", (), now))),
        ("prompts.remove", lambda: s.prompts.remove(state["g"].id, state["p"])),
        ("rounds.insert", round_),
        ("rounds.make_open_anonymous", lambda: s.rounds.make_open_anonymous(state["g"].id)),
        ("heartbeat.beat", lambda: s.heartbeat.beat(now, 1, {"console": "up"})),
        ("answers.mark_seen", lambda: s.answers.mark_seen("console", "ev-1", now)),
        ("answers.skip", lambda: s.answers.skip(state["r"].id, state["m"], now)),
        ("answers.save", lambda: s.answers.save(group_id=state["g"].id, round_id=state["r"].id, member_id=state["m"],
                                              text="hello", score=None, source="console", now=now,
                                              platform="console", event_id="ev-2")),
        ("rounds.mark_reminded", lambda: s.rounds.mark_reminded(state["r"].id, now)),
        ("rounds.close", lambda: s.rounds.close(state["r"].id, now, False)),
        ("posts.claim_pending", lambda: state.update(posts=s.posts.claim_pending(now, now, ["console"]))),
        ("posts.mark_posted", lambda: s.posts.mark_posted(state["posts"][0]["id"], "m1", None, now)),
        ("posts.mark_failed", lambda: s.posts.mark_failed(state["posts"][1]["id"], "boom")),
        ("answers.withdraw", lambda: s.answers.withdraw(s.answers.of(state["r"].id, state["m"])["id"])),
        ("members.forget", lambda: s.members.forget(state["m"])),
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
    assert len(all_posts(store, status="posted")) == 1


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
    g = store.groups.create("g", MONDAY_9)
    rnd = store.rounds.insert(g.id, "2026-W49", store.prompts.active(g.id)[0].id, MONDAY_9, MONDAY_9)
    m = store.members.ensure(MemberRef("console", "local", "alice", "alice"))
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
        outcome = store.answers.save(group_id=g.id, round_id=rnd.id, member_id=m, text="mine", score=None,
                                    source="console", now=MONDAY_9, platform="console")
    finally:
        store.db.conn.set_trace_callback(None)
        other.close()
    assert outcome == SAVED
    assert other_busy and "locked" in other_busy[0]
    assert len(all_answers(store)) == 1


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
    assert reply.reason == catalog.t("en", "not_saved_busy")
    assert "second thoughts, longer" in reply.text
    assert skip.status == "rejected"
    assert skip.text == catalog.t("en", "write_not_saved", reason=catalog.t("en", "not_saved_busy"))
    assert answer_row(store, "alice")["text"] == "first thoughts"
    assert len(all_skips(store)) == 0
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
    assert len(all_answers(store)) == 1
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
    assert [p.text_en for p in service.store.prompts.active(None) if p.key == "next-hype"] == ["an older wording"]
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
    assert reply.reason == catalog.t("en", "not_saved_busy")
    assert command.status == "rejected"
    assert command.text == catalog.t("en", "write_not_saved", reason=catalog.t("en", "not_saved_busy"))
    assert only_reply(await bot.say("newcomer", "my very first answer")).status == "saved"


def test_a_new_members_row_waits_for_the_next_fsync_and_leaves_full_sync_on(store):
    """A first-sight member row is committed without its own fsync (the answer's fsynced commit
    that follows covers it); the connection is back to synchronous=FULL right after."""
    from bot.domain import MemberRef

    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    member = store.members.ensure(MemberRef("memory", "w1", "newbie", "Newbie"))
    assert store.members.get(member) == MemberRef("memory", "w1", "newbie", "Newbie")
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2
    with write(store.db):  # inside a transaction it is a plain savepoint, and changes no pragma
        store.members.ensure(MemberRef("memory", "w1", "other", "Other"))
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2
