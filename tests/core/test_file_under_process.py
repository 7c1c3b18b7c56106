"""The file under a running process, and refusals that name their cause (issue 14, items 5, 6, 7,
9 and 10): real SQLite files changed underneath an open store, real descriptor limits, a held
write lock against members seen for the first time."""
from __future__ import annotations

import logging
import os
import resource
import shutil
import sqlite3

import pytest

from bot import catalog
from bot.clock import FakeClock
from bot.domain import MemberRef
from bot.service import Hindsight
from bot.usecases.console import ensure_console_group
from storage.db import DatabaseError, UnusableDatabase, check_file, connect, guard_of
from storage.guard import FileChanged, failure_cause
from storage.store import Store
from tests.conftest import MONDAY_9
from tests.core.helpers import all_answers, answer_row, only_reply
from tests.core.proc import hindsight


def _lost(store: Store) -> list[str]:
    seen: list[str] = []
    guard = guard_of(store.db)
    assert guard is not None
    guard.on_lost = seen.append
    return seen


def _criticals(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.CRITICAL]


def _delete(path):
    os.remove(path)


def _rename_over(path):
    shutil.copy(path, str(path) + ".copy")
    os.replace(str(path) + ".copy", path)  # a restore by rename: a new inode at the path


def _delete_wal(path):
    os.remove(str(path) + "-wal")


def _truncate_wal(path):
    os.truncate(str(path) + "-wal", 0)


CHANGES = {"deleted": (_delete, "was deleted"), "renamed over": (_rename_over, "replaced by another file"),
           "wal deleted": (_delete_wal, "-wal file (deleted)"), "wal truncated": (_truncate_wal, "-wal file truncated")}


@pytest.mark.parametrize("change", list(CHANGES))
async def test_a_file_changed_underneath_refuses_the_next_write_hands_the_text_back_and_stops(
        change, open_bot, store, db_path, caplog):
    bot = open_bot
    lost = _lost(store)
    assert only_reply(await bot.say("alice", "before the change")).status == "saved"
    do, named = CHANGES[change]
    do(db_path)
    caplog.clear()
    reply = only_reply(await bot.say("bob", "after the change"))  # bob is new: his member row fails first
    assert reply.status == "rejected" and reply.handed_back == "after the change"
    assert reply.reason == catalog.t("en", "not_saved_replaced")
    assert "after the change" in reply.text
    again = only_reply(await bot.say("alice", "and again"))
    assert again.status == "rejected" and again.handed_back == "and again"
    criticals = _criticals(caplog)
    assert len(criticals) == 1 and named in criticals[0] and str(db_path) in criticals[0]
    assert len(lost) == 1 and named in lost[0]
    assert "Traceback" not in caplog.text


async def test_an_older_copy_written_in_place_is_found_by_its_size(open_bot, store, db_path, caplog, tmp_path):
    """``cp old.db live.db`` keeps the inode; a copy smaller than the live file is still found."""
    bot = open_bot
    lost = _lost(store)
    old = tmp_path / "old.db"
    assert only_reply(await bot.say("alice", "first")).status == "saved"
    store.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    shutil.copy(db_path, old)
    for i in range(60):
        assert only_reply(await bot.say(f"member{i}", "a longer answer " * 20)).status == "saved"
    store.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    await bot.say("alice", "after a checkpoint")  # the guard's floor is the checkpointed size
    inode = os.stat(db_path).st_ino
    assert os.path.getsize(old) < os.path.getsize(db_path)
    shutil.copyfile(old, db_path)  # written in place, as cp does
    assert os.stat(db_path).st_ino == inode
    reply = only_reply(await bot.say("alice", "after the copy"))
    assert reply.status == "rejected" and reply.reason == catalog.t("en", "not_saved_replaced")
    assert len(lost) == 1 and "overwritten in place" in lost[0]


def test_no_false_alarm_from_another_connection_writing_and_checkpointing(db_path, clock):
    """Another process on the same file writes, checkpoints and restarts the -wal: all of that
    is legitimate, and the guard never calls it a changed file."""
    mine, other = Store(connect(db_path)), Store(connect(db_path))
    for s in (mine, other):
        s.db.execute("PRAGMA wal_autocheckpoint=20")
    lost = _lost(mine)
    from bot.domain import MemberRef
    try:
        for i in range(300):
            mine.members.ensure(MemberRef("console", "local", f"mine{i}", "x" * 200))
            other.members.ensure(MemberRef("console", "local", f"other{i}", "y" * 200))
            if i % 50 == 0:
                other.db.execute("PRAGMA wal_checkpoint(RESTART)")
        assert lost == []
        assert mine.db.execute("SELECT count(*) FROM members").fetchone()[0] == 600
    finally:
        other.close()
        mine.close()


# item 6: each cause its own words ---------------------------------------------------------------
def test_every_cause_has_its_own_message_in_both_languages():
    texts = {lang: {catalog.t(lang, "not_saved_" + c) for c in
                    ("busy", "full", "readonly", "too_large", "descriptors", "replaced", "io")}
             for lang in ("en", "ko")}
    assert len(texts["en"]) == 7 and len(texts["ko"]) == 7
    assert not any("busy" in t for t in texts["en"] - {catalog.t("en", "not_saved_busy")})


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd to count descriptors")
def test_too_few_descriptors_is_named_and_a_good_file_is_never_called_foreign(db_path):
    """With one descriptor left, the header can be read but SQLite cannot open the file with its
    -wal and -shm (kept by a live connection): that is "too many open files", not a foreign file."""
    live = Store(connect(db_path))  # keeps the -wal and -shm, as a running bot does
    live.members.ensure(MemberRef("console", "local", "a", "a"))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    spare: list[int] = []
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 16, hard))
        while True:
            try:
                spare.append(os.open(os.devnull, os.O_RDONLY))
            except OSError:
                break
        os.close(spare.pop())  # exactly one descriptor left
        with pytest.raises(DatabaseError) as info:
            check_file(db_path)
        named = failure_cause(sqlite3.OperationalError("unable to open database file"), str(db_path))
    finally:
        for fd in spare:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert not isinstance(info.value, UnusableDatabase)
    assert info.value.cause == "descriptors" and named == "descriptors"
    assert check_file(db_path) is True  # the same file, with descriptors to spare
    live.close()


def test_the_causes_sqlite_reports():
    busy = sqlite3.OperationalError("database is locked")
    full = sqlite3.OperationalError("database or disk is full")
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    assert failure_cause(busy) == "busy"
    assert failure_cause(full) == "full"
    assert failure_cause(readonly) == "readonly"
    assert failure_cause(FileChanged("/x.db", "was deleted")) == "replaced"
    assert failure_cause(OSError(27, "File too large")) == "too_large"
    assert failure_cause(OSError(30, "Read-only file system")) == "readonly"
    assert failure_cause(OSError(28, "No space left on device")) == "full"


# item 7: a member seen for the first time gets the text back whatever step failed ------------------
async def test_a_new_member_gets_the_text_back_from_a_form_and_a_command(open_bot, store, db_path):
    bot = open_bot
    rnd = store.rounds.find_open(store.groups.by_name(store.groups.all()[0].name).id)
    store.db.execute("PRAGMA busy_timeout=50")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        form = only_reply(await bot.submit("newcomer", f"hs:answer:{rnd.id}", {"answer": "typed in a form"}))
        command = only_reply(await bot.command("stranger", "answer typed after the command"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert form.status == "rejected" and form.handed_back == "typed in a form"
    assert "typed in a form" in form.text
    assert command.status == "rejected" and command.handed_back == "typed after the command"
    assert command.reason == catalog.t("en", "not_saved_busy")
    assert all_answers(store) == []
    assert only_reply(await bot.command("stranger", "answer typed after the command")).status == "saved"
    assert answer_row(store, "stranger")["text"] == "typed after the command"


# item 9: one transaction at first start, a first round that failed opens on a later tick -----------
def test_migrations_and_seeding_are_one_transaction(db_path, clock):
    def failing_seed(db):
        Hindsight(Store(db), clock)  # seeds the built-in prompts...
        raise sqlite3.OperationalError("database or disk is full")  # ...then the disk fills

    with pytest.raises(DatabaseError) as info:
        connect(db_path, prepare=failing_seed)
    assert info.value.cause == "full"
    assert check_file(db_path) is False  # nothing applied: the file is still empty
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] == 0
    conn.close()


def test_a_first_round_that_could_not_be_written_opens_on_the_next_tick(db_path, caplog):
    clock = FakeClock(MONDAY_9.replace(day=2, hour=15))  # Wednesday: the prompt's time is long past
    store = Store(connect(db_path))
    service = Hindsight(store, clock)
    group, first = ensure_console_group(store, clock.now(), "en")
    assert first
    store.db.execute("PRAGMA busy_timeout=20")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert service.open_first_round(group) is None
        assert service.run_due() == []  # still locked: one line, no exception
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.rounds.of_group(group.id) == []
    service.run_due()
    rounds = store.rounds.of_group(group.id)
    assert len(rounds) == 1 and rounds[0].is_open
    assert "Traceback" not in caplog.text
    store.close()


@pytest.mark.slow
def test_a_console_whose_first_round_never_opened_opens_it_at_the_next_start(tmp_path):
    """A first start that made the console group and then failed (a full disk) used to leave
    that week without a round for good: the next start saw an old group and opened nothing."""
    db = tmp_path / "h.db"
    store = Store(connect(db))
    Hindsight(store, FakeClock(MONDAY_9))
    ensure_console_group(store, MONDAY_9, "en")
    store.close()
    out = hindsight("console", "--as", "alice", db=db, cwd=tmp_path, stdin="hello\n",
                    HINDSIGHT_NOW="2026-12-02T15:00:00+00:00")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("## This week's prompt") == 1
    assert out.stdout.splitlines()[-1] == "saved"
