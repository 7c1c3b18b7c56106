"""Issue 14 on Slack, through the real slack-bolt against FakeSlack: mentions reach the core as
member references by id (item 13), nobody gets a row before they act in a bound channel (item 14),
HTTP mode answers 400 or 200 and never 500 (item 15), and a refused upload is said (item 17)."""
from __future__ import annotations

import json
import logging

import pytest

from tests.fakes.slack_server import (app_home_opened_event, app_rate_limited, block_actions, event_callback,
                                      form_body, interactive_body, message_event, post_signed, slash_command)
from tests.slack.harness import SECRET, SlackHarness

ADMIN = SlackHarness.ADMIN
DAVE1, DAVE2, ALICE = "U0DAVE001", "U0DAVE002", "U0ALICE01"
ELSEWHERE = "C0UNBOUND"
FORM = "application/x-www-form-urlencoded"


def dave(uid: str) -> dict:
    return {"name": "dave", "real_name": "Dave", "is_admin": False,
            "profile": {"display_name": "dave", "real_name": "Dave"}}


@pytest.fixture
async def h(fake, tmp_path):
    fake.users[DAVE1] = dave(DAVE1)
    fake.users[DAVE2] = dave(DAVE2)
    async with SlackHarness(fake, tmp_path) as harness:
        yield harness


def members(h: SlackHarness) -> list[tuple]:
    return h.rows("SELECT platform, workspace, user_id, display_name FROM members ORDER BY id")


def admins(h: SlackHarness) -> list[str]:
    return sorted(m.user_id for g in h.store.groups.all() for m in h.store.admins.of_group(g.id))


async def two_daves_answered(h: SlackHarness) -> None:
    await h.command("setup", user=ADMIN)
    await h.command("open", user=ADMIN)
    assert "Saved" in (await h.command("answer the first dave speaks", user=DAVE1))["text"]
    assert "Saved" in (await h.command("answer the second dave speaks", user=DAVE2))["text"]
    # In free text a mention reads as the name it shows, as before.
    assert "Saved" in (await h.command(f"answer thanks to <@{DAVE1}|dave> &amp; <@{DAVE2}>", user=ALICE))["text"]
    await h.command("close", user=ADMIN)


# item 13 ----------------------------------------------------------------------------------------
async def test_a_mention_names_the_member_by_id_when_two_share_a_name(h: SlackHarness):
    await two_daves_answered(h)
    # should_escape: true, so Slack sends <@U...|name> in the command's text.
    saved = (await h.command(f"settings admin add <@{DAVE2}|dave>", user=ADMIN))["text"]
    assert "More than one member" not in saved and "Admins: admin, dave" in saved
    assert admins(h) == [ADMIN, DAVE2]
    theirs = (await h.command(f"history <@{DAVE1}|dave>", user=ALICE))["text"]
    assert "the first dave speaks" in theirs and "second" not in theirs
    theirs = (await h.command(f"history <@{DAVE2}>", user=ALICE))["text"]  # a mention without its name
    assert "the second dave speaks" in theirs and "the first dave" not in theirs
    ledger = (await h.command(f"ledger <@{DAVE1}|dave>", user=ALICE))["text"]
    assert "More than one member" not in ledger and "not found" not in ledger.lower()
    # A bare shared name still asks which one, listing both by id.
    asked = (await h.command("settings admin remove @dave", user=ADMIN))["text"]
    assert "More than one member is called 'dave'" in asked and DAVE1 in asked and DAVE2 in asked
    removed = (await h.command(f"settings admin remove <@{DAVE2}|dave>", user=ADMIN))["text"]
    assert "Admins: admin" in removed and admins(h) == [ADMIN]
    assert h.rows("SELECT text FROM answers WHERE text LIKE 'thanks%'") == [(f"thanks to @dave & @{DAVE2}",)]
    h.assert_no_pings()


async def test_a_mention_of_someone_never_seen_makes_them_admin_by_id(h: SlackHarness):
    await h.command("setup", user=ADMIN)
    saved = (await h.command("settings admin add <@U0NEWBIE1|new person>", user=ADMIN))["text"]
    assert "Admins: admin, new person" in saved
    assert admins(h) == [ADMIN, "U0NEWBIE1"]


# item 14 ----------------------------------------------------------------------------------------
async def test_nobody_gets_a_row_before_they_act_in_a_bound_channel(h: SlackHarness):
    fake = h.fake
    # Unbound: an answer, a refused setup, opening the App Home: no rows, and the right reply.
    assert "not set up yet" in (await h.command("answer hello there", user=ALICE, channel=ELSEWHERE))["text"]
    assert "Only a workspace or server admin" in (await h.command("setup", user=ALICE, channel=ELSEWHERE))["text"]
    assert "unknown, used or expired" in (await h.command("setup hs-abcdefgh", user=ALICE, channel=ELSEWHERE))["text"]
    await h.deliver(event_callback(app_home_opened_event(ALICE)))
    assert members(h) == []

    # setup binds the channel and makes its first admin's row; nobody else's.
    await h.command("setup", user=ADMIN)
    assert [m[2] for m in members(h)] == [ADMIN] and admins(h) == [ADMIN]
    await h.command("open", user=ADMIN)
    (ts,), = h.rows("SELECT message_id FROM posts WHERE kind = 'prompt'")

    # A workspace with a group: the App Home of someone who never joined is shown, and stores nothing.
    await h.deliver(event_callback(app_home_opened_event(ALICE)))
    home = fake.last("views.publish")
    assert home["user_id"] == ALICE and "hindsight" in json.dumps(home["view"]).lower()
    # An answer from an unbound channel, while a group exists: refused, no row.
    assert "not set up yet" in (await h.command("answer from elsewhere", user=ALICE, channel=ELSEWHERE))["text"]
    # A forwarded message (no text, an attachment) and a file without text in the prompt's thread.
    forwarded = message_event("", user=ALICE, ts=fake.next_ts(), thread_ts=ts)
    forwarded["event"]["attachments"] = [{"is_share": True, "text": "someone else's words", "fallback": "[x]"}]
    await h.deliver(forwarded)
    shared = message_event("", user=ALICE, ts=fake.next_ts(), thread_ts=ts)
    shared["event"].update(subtype="file_share", files=[{"id": "F0STICKER", "name": "sticker.png"}])
    await h.deliver(shared)
    assert [m[2] for m in members(h)] == [ADMIN]
    assert h.rows("SELECT count(*) FROM answers") == [(0,)]

    # A link code binds another channel: whoever redeems it acts there, so their row is made.
    code = next(w for w in (await h.command("link", user=ADMIN))["text"].split() if w.startswith("hs-"))
    await h.command(f"setup {code}", user=ALICE, channel=ELSEWHERE)
    assert "is now part of the group" in h.posts(ELSEWHERE)[-1]["text"]
    assert [m[2] for m in members(h)] == [ADMIN, ALICE] and admins(h) == [ADMIN]


# item 15 ----------------------------------------------------------------------------------------
@pytest.fixture
async def http(fake, tmp_path):
    async with SlackHarness(fake, tmp_path, mode="http") as harness:
        yield harness


def no_tracebacks(caplog) -> None:
    assert [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []


async def test_http_mode_answers_400_for_malformed_and_200_for_unhandled(http: SlackHarness, caplog):
    url = http.adapter.http_url
    base = event_callback(app_home_opened_event(ALICE))
    with caplog.at_level(logging.INFO):
        for name, event in (("string", "app_home_opened"), ("number", 5), ("null", None), ("list", [1, 2]),
                            ("no type", {"user": ALICE}), ("type a number", {"type": 7})):
            status, _ = await post_signed(url, json.dumps({**base, "event": event}), SECRET, "application/json")
            assert status == 400, (name, status)
        status, _ = await post_signed(url, json.dumps({**base, "type": ["event_callback"]}), SECRET,
                                      "application/json")
        assert status == 400
        # Fields the listeners read, of the wrong JSON type: 400 too, before bolt or a listener trips.
        reply = message_event("x", user=ALICE, ts="1.000002", thread_ts="1.000001")
        edited = message_event("x", user=ALICE, ts="1.000003")
        edited["event"].update(subtype="message_changed", message="new text", previous_message=5)
        click = block_actions("hs:history", "hs:history", user_id=ALICE)
        malformed = [
            (json.dumps({**reply, "event": {**reply["event"], "text": ["x"]}}), "application/json"),
            (json.dumps({**reply, "event": {**reply["event"], "channel": 5}}), "application/json"),
            (json.dumps(edited), "application/json"),
            (json.dumps({**base, "event": {**base["event"], "user": [ALICE]}}), "application/json"),
            (json.dumps({**base, "team_id": ["T0HINDSGT"]}), "application/json"),
            (interactive_body({**click, "actions": ["hs:history"]}), FORM),
            (interactive_body({**click, "user": ALICE}), FORM),
            (interactive_body({"type": "view_submission", "team": {"id": "T0HINDSGT"}, "user": {"id": ALICE},
                               "view": "answer:1"}), FORM),
            (interactive_body({"type": "view_submission", "team": {"id": "T0HINDSGT"}, "user": {"id": ALICE},
                               "view": {"id": "V1", "type": "modal", "callback_id": "answer:1", "state": "x"}}), FORM),
        ]
        for body, ctype in malformed:
            status, text = await post_signed(url, body, SECRET, ctype)
            assert status == 400, (body[:200], status, text)
        # Well formed, but nothing listens for them: acknowledged, not 404.
        unhandled = [
            app_rate_limited(),
            event_callback({"type": "reaction_added", "user": ALICE, "reaction": "thumbsup",
                            "item": {"type": "message", "channel": "C0GENERAL", "ts": "1.000001"},
                            "item_user": ADMIN, "event_ts": "1.000002"}),
            event_callback({"type": "member_joined_channel", "user": ALICE, "channel": "C0GENERAL",
                            "channel_type": "C", "team": "T0HINDSGT", "event_ts": "1.000003"}),
        ]
        for payload in unhandled:
            status, text = await post_signed(url, json.dumps(payload), SECRET, "application/json")
            assert status == 200, (payload["type"], status, text)
        status, _ = await post_signed(url, form_body(slash_command("help", command="/other")), SECRET)
        assert status == 200
    no_tracebacks(caplog)
    assert http.rows("SELECT count(*) FROM members") == [(0,)]
    # ...and it still works.
    status, _ = await post_signed(url, form_body(slash_command("setup", user_id=ADMIN,
                                                               response_url=http.fake.response_url("s"))), SECRET)
    assert status == 200
    await http.until(lambda: http.rows("SELECT count(*) FROM channels") == [(1,)])


# item 17 ----------------------------------------------------------------------------------------
async def test_a_refused_upload_is_said_privately(h: SlackHarness, caplog):
    fake = h.fake
    await h.command("setup", user=ADMIN)
    await h.command("open", user=ADMIN)
    await h.command("answer something to export", user=ALICE)
    fake.fail_next("files.getUploadURLExternal", 200, {"ok": False, "error": "internal_error"})
    shown = await h.command("my-data", user=ALICE)
    assert fake.calls("files.completeUploadExternal") == []
    (body,) = shown["bodies"]
    assert body["response_type"] == "ephemeral"
    assert "hindsight-my-data.json could not be uploaded" in shown["text"]
    assert any("was not uploaded: internal_error" in r.getMessage() for r in caplog.records)
    # The next try works, and says nothing of a failure.
    shown = await h.command("my-data", user=ALICE)
    assert shown["bodies"] == [] and len(fake.calls("files.completeUploadExternal")) == 1

    await h.command("settings language=ko", user=ADMIN)
    fake.fail_next("files.getUploadURLExternal", 200, {"ok": False, "error": "internal_error"})
    shown = await h.command("export csv", user=ADMIN)
    assert "파일을 올리지 못해서" in shown["text"] and "hindsight-" in shown["text"]


async def test_a_refused_chart_upload_is_said_privately(h: SlackHarness, caplog):
    fake = h.fake
    await h.command("setup", user=ADMIN)
    for week in range(2):
        await h.command("prompts next bear-score", user=ADMIN)
        await h.command("open", user=ADMIN)
        (rnd,) = [r for g in h.store.groups.all() for r in h.store.rounds.of_group(g.id) if r.closed_at is None]
        await h.click(f"hs:score:{rnd.id}:{3 + week}", user=ALICE)
        await h.command("close", user=ADMIN)
        h.clock.advance(days=7)
    uploaded = len(fake.calls("files.completeUploadExternal"))  # the digests' own charts
    fake.fail_next("files.getUploadURLExternal", 200, {"ok": False, "error": "ratelimited"})
    shown = await h.command("chart bear-score", user=ALICE)
    (body,) = shown["bodies"]
    assert body["response_type"] == "ephemeral"
    assert "The file chart-bear-score.png could not be uploaded" in shown["text"]
    assert len(fake.calls("files.completeUploadExternal")) == uploaded
    shown = await h.command("chart bear-score", user=ALICE)
    assert shown["bodies"] == [] and len(fake.calls("files.completeUploadExternal")) == uploaded + 1
