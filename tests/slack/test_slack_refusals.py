"""A refused answer on Slack hands the text back whatever step failed, with its real cause,
also for members the bot has never seen (issue 14, items 6 and 7)."""
from __future__ import annotations

import sqlite3

from bot import catalog
from tests.fakes.slack_server import message_event
from tests.slack.harness import SlackHarness, flat

NEW = ("U0NEW00001", "U0NEW00002", "U0NEW00003")


async def test_new_members_under_a_held_lock_get_their_text_back(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    (rid, prompt_ts), = slack.rows("SELECT round_id, message_id FROM posts WHERE kind = 'prompt'")
    await slack.click(f"hs:answer:{rid}", user=slack.ADMIN)
    view = slack.fake.last("views.open")["view"]
    busy = catalog.t("en", "not_saved_busy")
    slack.db.execute("PRAGMA busy_timeout=50")
    holder = sqlite3.connect(slack.tmp_path / "hindsight.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock past the busy timeout
    try:
        by_command = await slack.command("answer typed with the slash command", user=NEW[0])
        await slack.deliver(message_event("typed in the thread", user=NEW[1], ts=slack.fake.next_ts(),
                                          thread_ts=prompt_ts))
        ack = await slack.submit(view, {"answer": "typed in the modal"}, user=NEW[2])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "typed with the slash command" in by_command["text"] and busy in by_command["text"]
    thread = "\n".join(flat(p.get("blocks")) or p.get("text", "") for p in slack.ephemerals(NEW[1]))
    assert "typed in the thread" in thread and busy in thread
    payload = ack.get("payload") or {}
    assert payload.get("response_action") == "errors"  # the modal stays open with the text as typed
    assert busy in str(payload.get("errors"))
    assert slack.rows("SELECT count(*) FROM answers") == [(0,)]
    assert slack.rows("SELECT count(*) FROM members WHERE user_id IN (?, ?, ?)", *NEW) == [(0,)]
