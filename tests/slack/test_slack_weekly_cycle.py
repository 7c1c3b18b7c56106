"""The whole weekly cycle over Socket Mode: real slack-bolt against FakeSlack, real SQLite."""
from __future__ import annotations

import json

from tests.fakes.slack_server import message_changed_event, message_deleted_event, message_event
from tests.slack.harness import CHANNEL, SlackHarness, action_ids, flat

ALICE, BOB = "U0ALICE01", "U0BOB0001"


async def test_setup_open_answer_thread_edit_delete_close(slack: SlackHarness):
    fake = slack.fake
    assert fake.last("auth.test")["token"] == slack.adapter.bot_token
    assert fake.last("apps.connections.open")["token"].startswith("xapp-")

    # setup by a workspace admin: a group bound to this channel, the admin on its list
    await slack.command("setup", user=slack.ADMIN)
    (group,) = slack.rows("SELECT id, name FROM groups")
    assert slack.rows("SELECT platform, workspace, channel_id, group_id FROM channels") == [
        ("slack", fake.team_id, CHANNEL, group[0])]
    assert slack.rows("SELECT m.user_id, m.display_name FROM group_admins a JOIN members m ON m.id = a.member_id"
                      ) == [(slack.ADMIN, "admin")]
    (setup_post,) = slack.posts()  # setup is shown to the channel, with its two buttons
    assert action_ids(setup_post["blocks"]) == [f"hs:open:{group[0]}", f"hs:settings:{group[0]}"]
    assert "Hindsight is set up" in flat(setup_post["blocks"])
    assert "link_names" not in setup_post

    # open: the prompt post, exactly
    shown = await slack.command("open", user=slack.ADMIN)
    assert "Opened the round for the week of Nov 30" in shown["text"]
    assert shown["bodies"][0]["response_type"] == "ephemeral"
    (prompt,) = slack.prompt_posts()
    (rnd,) = slack.rows("SELECT id, period FROM rounds")
    rid = rnd[0]
    blocks = prompt["blocks"]
    assert prompt["channel"] == CHANNEL and prompt["unfurl_links"] is False
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "emoji": True,
                                                     "text": "This week's prompt · week of Nov 30"}}
    assert blocks[1]["type"] == "section" and blocks[1]["text"]["type"] == "mrkdwn"
    assert blocks[2]["type"] == "context"
    assert blocks[2]["elements"][0]["text"].startswith("Closes Sun, Dec 6, 6:00 PM")
    buttons = blocks[-1]["elements"]
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in buttons][:2] == [
        (f"hs:answer:{rid}", f"hs:answer:{rid}", "Answer"), (f"hs:skip:{rid}", f"hs:skip:{rid}", "Skip")]
    assert buttons[0]["style"] == "primary"
    prompt_ts = next(ts for (ch, ts), m in fake.messages.items() if m["blocks"] == blocks)
    assert slack.rows("SELECT kind, status, message_id, thread_id FROM posts") == [
        ("prompt", "posted", prompt_ts, prompt_ts)]

    # the Answer button opens a modal whose input is limited to the group's limit
    await slack.click(f"hs:answer:{rid}", user=ALICE, message_ts=prompt_ts)
    opened = fake.last("views.open")
    view = opened["view"]
    assert opened["trigger_id"]
    assert view["type"] == "modal" and view["callback_id"] == f"answer:{rid}"
    assert json.loads(view["private_metadata"]) == {"form": f"answer:{rid}", "channel": CHANNEL,
                                                     "team": fake.team_id}
    (field,) = view["blocks"]
    assert field["type"] == "input" and field["block_id"] == "answer"
    assert field["element"]["type"] == "plain_text_input"
    assert field["element"]["max_length"] == 500 and field["element"]["multiline"] is True
    assert len(view["title"]["text"]) <= 24

    # submitting it stores the answer (source form) and tells alice privately
    ack = await slack.submit(view, {"answer": "Agents eat vertical SaaS"}, user=ALICE)
    assert "payload" not in ack or not ack["payload"]
    assert slack.rows("SELECT a.text, a.source, m.user_id FROM answers a JOIN members m ON m.id = a.member_id") == [
        ("Agents eat vertical SaaS", "form", ALICE)]
    (eph,) = slack.ephemerals(ALICE)
    assert eph["channel"] == CHANNEL and eph["user"] == ALICE
    assert "Saved your answer for the week of Nov 30" in flat(eph["blocks"])

    # bob replies in the prompt's thread: his answer, from the thread
    reply_ts = fake.next_ts()
    await slack.deliver(message_event("GPU scarcity decides", user=BOB, ts=reply_ts, thread_ts=prompt_ts))
    assert slack.rows("SELECT a.text, a.source, a.message_ref FROM answers a JOIN members m ON m.id = a.member_id"
                      " WHERE m.user_id = ?", BOB) == [("GPU scarcity decides", "thread", reply_ts)]
    (bob_ack,) = slack.ephemerals(BOB)
    assert bob_ack["thread_ts"] == prompt_ts and "Saved" in flat(bob_ack["blocks"])

    # a second reply is discussion; editing the first updates the answer; deleting withdraws it
    await slack.deliver(message_event("and more talk", user=BOB, ts=fake.next_ts(), thread_ts=prompt_ts))
    await slack.deliver(message_changed_event("GPU scarcity decides everything", "GPU scarcity decides",
                                              user=BOB, ts=reply_ts, thread_ts=prompt_ts))
    assert slack.rows("SELECT a.text, a.original_text FROM answers a JOIN members m ON m.id = a.member_id"
                      " WHERE m.user_id = ?", BOB) == [("GPU scarcity decides everything", "GPU scarcity decides")]
    await slack.deliver(message_deleted_event(reply_ts, old_text="GPU scarcity decides everything", user=BOB,
                                              thread_ts=prompt_ts))
    assert slack.rows("SELECT count(*) FROM answers a JOIN members m ON m.id = a.member_id WHERE m.user_id = ?",
                      BOB) == [(0,)]
    assert "withdrawn" in flat(slack.ephemerals(BOB)[-1]["blocks"])
    await slack.deliver(message_event("my real answer", user=BOB, ts=fake.next_ts(), thread_ts=prompt_ts))

    # close: the digest goes to the channel with both answers
    shown = await slack.command("close", user=slack.ADMIN)
    assert "Closed the round for the week of Nov 30" in shown["text"]
    digest = [p for p in slack.posts() if "Hindsight digest" in flat(p["blocks"])]
    assert len(digest) == 1
    text = flat(digest[0]["blocks"])
    assert "Agents eat vertical SaaS" in text and "my real answer" in text
    assert "2 of 2 members answered." in text and "skipped" not in text
    assert digest[0]["blocks"][0]["type"] == "header"
    assert slack.rows("SELECT kind, status FROM posts ORDER BY id") == [("prompt", "posted"), ("digest", "posted")]


async def test_skip_and_score_buttons(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    (rid,) = slack.rows("SELECT id FROM rounds")[0]
    shown = await slack.click(f"hs:skip:{rid}", user=ALICE)
    assert "Skipped the week of Nov 30" in shown["text"]
    assert slack.rows("SELECT count(*) FROM skips") == [(1,)]


async def test_answer_command_without_text_opens_the_form(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    await slack.command("answer", user=ALICE)
    assert slack.fake.last("views.open")["view"]["blocks"][0]["block_id"] == "answer"
    shown = await slack.command("answer Clicks still win over voice", user=ALICE)
    assert "Saved" in shown["text"]
    assert slack.rows("SELECT text, source FROM answers") == [("Clicks still win over voice", "command")]


async def test_non_admin_close_is_refused_and_nothing_changes(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    posts_before = len(slack.fake.calls("chat.postMessage"))
    shown = await slack.command("close", user=ALICE)
    assert "Only admins of this group can use 'close'" in shown["text"]
    assert shown["bodies"][0]["response_type"] == "ephemeral"
    assert slack.rows("SELECT count(*) FROM rounds WHERE closed_at IS NULL") == [(1,)]
    assert slack.rows("SELECT count(*) FROM posts WHERE kind = 'digest'") == [(0,)]
    assert len(slack.fake.calls("chat.postMessage")) == posts_before


async def test_non_admin_cannot_create_a_group(slack: SlackHarness):
    shown = await slack.command("setup", user=ALICE)
    assert "Only a workspace or server admin" in shown["text"]
    assert slack.rows("SELECT count(*) FROM groups") == [(0,)]


async def test_rejected_form_answer_keeps_the_modal_open_with_the_reason(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    (rid,) = slack.rows("SELECT id FROM rounds")[0]
    await slack.click(f"hs:answer:{rid}", user=ALICE)
    view = slack.fake.last("views.open")["view"]
    await slack.command("close", user=slack.ADMIN)
    ack = await slack.submit(view, {"answer": "too late but worth keeping"}, user=ALICE)
    assert ack["payload"] == {"response_action": "errors", "errors": {"answer": "the round for the week of Nov 30 is closed."}}
    assert slack.rows("SELECT count(*) FROM answers") == [(0,)]


async def test_export_uploads_privately_to_the_admin(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("export csv", user=slack.ADMIN)
    (upload,) = slack.fake.uploads
    assert upload["channel_id"] == "D" + slack.ADMIN and upload["filename"].endswith(".csv")
    assert upload["content"].startswith(b"group,period")


async def test_digest_latest_is_private_blocks(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    await slack.command("answer Bear markets test moats", user=ALICE)
    await slack.command("close", user=slack.ADMIN)
    posted = len(slack.fake.calls("chat.postMessage"))
    shown = await slack.command("digest latest", user=BOB)
    assert "Bear markets test moats" in shown["text"]
    assert shown["bodies"][0]["response_type"] == "ephemeral"
    assert shown["bodies"][0]["blocks"][0]["type"] == "header"
    assert len(slack.fake.calls("chat.postMessage")) == posted


async def test_too_long_thread_reply_is_handed_back_privately_in_full(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    (gid,) = slack.rows("SELECT id FROM groups")[0]
    slack.store.groups.update(gid, answer_limit=100)
    await slack.command("open", user=slack.ADMIN)
    (ts,), = slack.rows("SELECT message_id FROM posts WHERE kind = 'prompt'")
    text = "약세장에서도 살아남는가? " * 12 + "<end & done>"
    await slack.deliver(message_event(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
                                      user=ALICE, ts=slack.fake.next_ts(), thread_ts=ts))
    assert slack.rows("SELECT count(*) FROM answers") == [(0,)]
    (eph,) = slack.ephemerals(ALICE)
    assert eph["thread_ts"] == ts and eph["channel"] == CHANNEL
    shown = flat(eph["blocks"])
    assert "this group's limit is 100" in shown and text.strip() in shown
    assert "&lt;end &amp; done&gt;" in str(eph["blocks"])
