"""Slack payloads as the platform really sends them (optional fields left out, Grid ids,
subtypes), each driven through the real slack-bolt app against the fake, with the stored
rows and the sent payloads checked."""
from __future__ import annotations

import json
import logging

import pytest

from tests.fakes.slack_server import (block_actions, block_actions_in_view, bot_message_event, enterprise,
                                      message_changed_event, message_deleted_event, message_event, slash_command,
                                      subtype_message_event, thread_broadcast_event)
from tests.slack.harness import CHANNEL, SlackHarness

ALICE = "U0ALICE01"


async def open_round(slack: SlackHarness) -> tuple[int, str]:
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    (rid, ts), = slack.rows("SELECT round_id, message_id FROM posts WHERE kind = 'prompt'")
    return rid, ts


async def reply(slack: SlackHarness, text: str, prompt_ts: str, user: str = ALICE) -> str:
    ts = slack.fake.next_ts()
    await slack.deliver(message_event(text, user=user, ts=ts, thread_ts=prompt_ts))
    return ts


def answers(slack: SlackHarness) -> list[tuple]:
    return slack.rows("SELECT m.user_id, a.text FROM answers a JOIN members m ON m.id = a.member_id ORDER BY a.id")


def slack_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name.startswith("hindsight") and r.levelno >= logging.WARNING]


async def test_edit_without_previous_message_replaces_the_answer(slack: SlackHarness):
    _, prompt = await open_round(slack)
    ts = await reply(slack, "first thought", prompt)
    await slack.deliver(message_changed_event("second thought", "first thought", user=ALICE, ts=ts,
                                              thread_ts=prompt, previous=False))
    assert answers(slack) == [(ALICE, "second thought")]


async def test_edit_whose_message_has_no_ts_uses_previous_message_ts(slack: SlackHarness):
    _, prompt = await open_round(slack)
    ts = await reply(slack, "draft", prompt)
    payload = message_changed_event("final", "draft", user=ALICE, ts=ts, thread_ts=prompt, ts_in_message=False)
    assert "ts" not in payload["event"]["message"] and payload["event"]["previous_message"]["ts"] == ts
    await slack.deliver(payload)
    assert answers(slack) == [(ALICE, "final")]
    assert slack.rows("SELECT message_ref FROM answers") == [(ts,)]


async def test_delete_without_previous_message_finds_the_answer_by_deleted_ts(slack: SlackHarness):
    _, prompt = await open_round(slack)
    ts = await reply(slack, "regret this", prompt)
    other = await reply(slack, "keep mine", prompt, user="U0BOB0001")
    members = slack.rows("SELECT count(*) FROM members")
    payload = message_deleted_event(ts, channel=CHANNEL, previous=False)
    assert "previous_message" not in payload["event"] and "user" not in payload["event"]
    await slack.deliver(payload)
    assert answers(slack) == [("U0BOB0001", "keep mine")]
    # Alice is told privately: in the channel only she sees, or by DM.
    told = slack.ephemerals(ALICE) + [p for p in slack.fake.calls("chat.postMessage") if p.get("channel") == ALICE]
    assert any("withdrawn" in str(p).lower() for p in told)

    # A delete of a message that is no answer names no one: nothing changes, no one is made up.
    await slack.deliver(message_deleted_event(slack.fake.next_ts(), previous=False))
    await slack.deliver(message_deleted_event(other + "9", previous=False))
    assert answers(slack) == [("U0BOB0001", "keep mine")]
    assert slack.rows("SELECT count(*) FROM members") == members


async def test_a_click_inside_a_modal_has_no_channel_and_logs_no_warning(slack: SlackHarness, caplog):
    rid, _ = await open_round(slack)
    await slack.click(f"hs:answer:{rid}", user=ALICE)
    view = slack.fake.last("views.open")["view"]
    assert json.loads(view["private_metadata"])["channel"] == CHANNEL
    before = len(slack.fake.calls("chat.postEphemeral"))
    with caplog.at_level(logging.INFO):
        # An element of our modal: the channel comes from the modal's metadata.
        await slack.envelope("interactive", block_actions_in_view("answer", "x", user_id=ALICE,
                                                                  callback_id=view["callback_id"],
                                                                  private_metadata=view["private_metadata"]))
        # A modal that carries no channel at all: nothing to answer in, and no warning.
        await slack.envelope("interactive", block_actions_in_view("hs:history", "hs:history", user_id=ALICE))
    assert slack_warnings(caplog) == []
    sent = slack.fake.calls("chat.postEphemeral")[before:]
    assert [p["channel"] for p in sent] == [CHANNEL], sent
    assert all(p.get("channel") for p in slack.fake.calls("chat.postEphemeral"))


async def test_enterprise_grid_w_ids_and_enterprise_id(slack: SlackHarness):
    grid_admin, grid_user = "W0GRIDADM", "W0GRIDBOB"
    slack.fake.users[grid_admin] = {"is_admin": True, "name": "gridadmin"}
    slack.fake.users[grid_user] = {"name": "bob"}
    setup = enterprise(slash_command("setup", user_id=grid_admin, response_url=slack.fake.response_url("g1")))
    assert setup["enterprise_id"] == "E0GRIDORG"
    await slack.envelope("slash_commands", setup)
    await slack.envelope("slash_commands", enterprise(slash_command("open", user_id=grid_admin,
                                                                    response_url=slack.fake.response_url("g2"))))
    (rid, prompt), = slack.rows("SELECT round_id, message_id FROM posts WHERE kind = 'prompt'")

    click = enterprise(block_actions(f"hs:answer:{rid}", f"hs:answer:{rid}", user_id=grid_user, message_ts=prompt,
                                     response_url=slack.fake.response_url("g3")))
    await slack.envelope("interactive", click)
    assert slack.fake.last("views.open")["view"]["callback_id"]

    ts = slack.fake.next_ts()
    event = enterprise(message_event("grid answer", user=grid_user, ts=ts, thread_ts=prompt))
    assert event["authorizations"][0]["enterprise_id"] == "E0GRIDORG" and event["event"]["user_team"]
    await slack.deliver(event)
    assert answers(slack) == [(grid_user, "grid answer")]
    assert slack.rows("SELECT workspace, display_name FROM members WHERE user_id = ?", grid_user) == [
        (slack.fake.team_id, "bob")]
    assert slack.rows("SELECT count(*) FROM group_admins ga JOIN members m ON m.id = ga.member_id"
                      " WHERE m.user_id = ?", grid_admin) == [(1,)]


async def test_thread_broadcast_is_an_answer(slack: SlackHarness):
    _, prompt = await open_round(slack)
    await slack.deliver(thread_broadcast_event("said twice", ALICE, prompt))
    assert answers(slack) == [(ALICE, "said twice")]
    assert slack.rows("SELECT source FROM answers") == [("thread",)]


async def test_bot_messages_and_other_subtypes_are_ignored(slack: SlackHarness):
    _, prompt = await open_round(slack)
    members = slack.rows("SELECT count(*) FROM members")
    ours = message_event("our own post", user=slack.fake.bot_user_id, ts=slack.fake.next_ts(), thread_ts=prompt)
    ours["event"]["bot_id"] = slack.fake.bot_id
    app_user = message_event("another app's bot user", user="U0OTHERBOT", ts=slack.fake.next_ts(), thread_ts=prompt)
    app_user["event"]["bot_id"] = "B0OTHERAPP"
    await slack.envelope("events_api", ours, handled=0)  # bolt itself drops the app's own messages
    for payload in (bot_message_event("integration says hi", thread_ts=prompt), app_user,
                    subtype_message_event("channel_join", "<@U0CAROL01> has joined the channel", user="U0CAROL01",
                                          thread_ts=prompt),
                    subtype_message_event("me_message", "waves", user="U0CAROL01", thread_ts=prompt),
                    subtype_message_event("channel_topic", "set the topic", user="U0CAROL01", thread_ts=prompt,
                                          topic="retros")):
        await slack.deliver(payload)
    assert answers(slack) == []
    assert slack.rows("SELECT count(*) FROM members") == members
    assert slack.ephemerals() == []


async def test_socket_mode_redelivery_with_retry_attempt_and_reason(slack: SlackHarness):
    _, prompt = await open_round(slack)
    payload = message_event("only once", user=ALICE, ts=slack.fake.next_ts(), thread_ts=prompt)
    await slack.deliver(payload)
    ack = await slack.envelope("events_api", payload, retry_attempt=1, retry_reason="timeout")
    assert slack.fake.envelopes[-1]["retry_reason"] == "timeout" and slack.fake.envelopes[-1]["retry_attempt"] == 1
    assert ack["envelope_id"] == slack.fake.envelopes[-1]["envelope_id"]
    assert answers(slack) == [(ALICE, "only once")]
    assert len(slack.ephemerals(ALICE)) == 1
