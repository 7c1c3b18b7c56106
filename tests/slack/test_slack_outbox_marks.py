"""A digest the platform took is never posted again by the same process, even when marking it
failed (a full disk): the mark is kept in memory and retried before anything else is claimed.
A failing background flush is logged in one line, never "Task exception was never retrieved"."""
from __future__ import annotations

import gc
import logging
import sqlite3

from tests.slack.harness import CHANNEL, SlackHarness

ALICE = "U0ALICE01"
FULL = "database or disk is full"


def digest_posts(slack: SlackHarness) -> list[dict]:
    """The digest's first message as Slack stored it (a long one continues in its thread)."""
    return [m for (channel, _), m in slack.fake.messages.items()
            if channel == CHANNEL and m["text"].startswith("Hindsight digest") and not m.get("thread_ts")]


def fail_marks(slack: SlackHarness, monkeypatch, times: int) -> list[int]:
    """``posts.mark_posted`` raises "database or disk is full" ``times`` times, then works."""
    real = slack.store.posts.mark_posted
    calls: list[int] = []

    def mark_posted(post_id: int, *args, **kwargs):
        calls.append(post_id)
        if len(calls) <= times:
            raise sqlite3.OperationalError(FULL)
        return real(post_id, *args, **kwargs)

    monkeypatch.setattr(slack.store.posts, "mark_posted", mark_posted)
    return calls


async def one_answer(slack: SlackHarness) -> None:
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    assert "Saved" in (await slack.command("answer Moats are cost ladders", user=ALICE))["text"]


def digest_row(slack: SlackHarness) -> tuple:
    """("claimed", None) while claimed and unmarked, ("posted", ts) once marked."""
    (status, claimed, ts), = slack.rows("SELECT status, claimed_at, message_id FROM posts WHERE kind = 'digest'")
    return ("claimed" if status == "pending" and claimed else status), ts


async def test_a_sent_digest_whose_mark_failed_is_marked_on_the_next_flush_and_never_sent_again(
        slack: SlackHarness, monkeypatch, caplog):
    # The close's own flush sends it (1st failure), the harness's flush retries the mark (2nd),
    # so does the flush 3 minutes later (3rd); the tick after that marks it.
    await one_answer(slack)
    calls = fail_marks(slack, monkeypatch, times=3)
    with caplog.at_level(logging.WARNING):
        await slack.command("close", user=slack.ADMIN)
        (digest,) = digest_posts(slack)
        assert "Moats are cost ladders" in str(digest)
        assert digest_row(slack) == ("claimed", None), "the mark failed: the row still says claimed"
        (post_id,), = slack.rows("SELECT id FROM posts WHERE kind = 'digest'")

        # Past the 2 minute stale claim: the same process would have claimed it and sent it again.
        slack.clock.advance(minutes=3)
        assert await slack.runtime.flush() == 0  # the retried mark fails again: nothing is claimed
        assert len(digest_posts(slack)) == 1 and digest_row(slack) == ("claimed", None)

        slack.clock.advance(minutes=3)
        await slack.runtime.tick()  # the mark lands first, then nothing is left to claim
        gc.collect()
    assert calls == [post_id] * 4
    assert len(digest_posts(slack)) == 1, "exactly one digest on Slack"
    assert digest_row(slack) == ("posted", digest["ts"])
    lines = [r for r in caplog.records if FULL in r.getMessage()]
    assert len(lines) == 3 and all(r.exc_info is None for r in lines), "one line per failure, no traceback"
    assert f"post {post_id} was sent but marking it failed" in lines[0].getMessage()
    assert not any("never retrieved" in r.getMessage() for r in caplog.records)


async def test_a_claim_that_fails_on_a_full_disk_is_one_line_and_the_next_flush_delivers(
        slack: SlackHarness, monkeypatch, caplog):
    await slack.command("setup", user=slack.ADMIN)
    real = slack.store.posts.claim_pending
    failures = iter([sqlite3.OperationalError(FULL)] * 2)

    def claim_pending(*args, **kwargs):
        exc = next(failures, None)
        if exc is not None:
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(slack.store.posts, "claim_pending", claim_pending)
    with caplog.at_level(logging.WARNING):
        shown = await slack.command("open", user=slack.ADMIN)  # its kick and the harness's flush both fail
        gc.collect()
    assert "Opened the round" in shown["text"]
    assert slack.prompt_posts() == []
    lines = [r for r in caplog.records if FULL in r.getMessage()]
    assert len(lines) == 2 and all(r.exc_info is None and "claiming posts failed" in r.getMessage() for r in lines)
    assert not any("never retrieved" in r.getMessage() for r in caplog.records)
    assert await slack.runtime.flush() == 1
    assert len(slack.prompt_posts()) == 1
    assert slack.rows("SELECT status FROM posts") == [("posted",)]


async def test_stopping_retries_the_mark_so_a_restart_does_not_post_again(slack: SlackHarness, monkeypatch):
    await one_answer(slack)
    fail_marks(slack, monkeypatch, times=2)  # the close's flush and the harness's
    await slack.command("close", user=slack.ADMIN)
    assert digest_row(slack) == ("claimed", None)
    await slack.runtime.stop()  # the harness stops it again on exit: a second stop does nothing
    (digest,) = digest_posts(slack)
    assert digest_row(slack) == ("posted", digest["ts"])
