"""HTTP mode: the real AsyncApp served on /slack/events, with Slack's request signatures."""
from __future__ import annotations

import json
import logging
import time
import urllib.parse

import aiohttp
import pytest

from tests.fakes.slack_server import (block_actions, form_body, interactive_body, message_changed_event,
                                      message_deleted_event, message_event, post_signed, slash_command,
                                      url_verification)
from tests.slack.harness import SECRET, SlackHarness

ALICE = "U0ALICE01"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@pytest.fixture
async def http(fake, tmp_path):
    async with SlackHarness(fake, tmp_path, mode="http") as h:
        yield h


async def post_raw(url: str, body: bytes, headers: dict) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=body, headers=headers) as resp:
            return resp.status, await resp.text()


async def send(h: SlackHarness, body: str, content_type: str, handled: bool = True, **kw) -> int:
    before = h.adapter.handled
    status, _ = await post_signed(h.adapter.http_url, body, SECRET, content_type, **kw)
    if status == 200 and handled:
        await h.adapter.wait_handled(before + 1)
        await h.runtime.flush()
    return status


async def test_signed_requests_run_the_cycle(http: SlackHarness):
    fake = http.fake
    assert http.adapter.mode == "http" and fake.calls("apps.connections.open") == []
    assert http.states == ["up"], "HTTP mode is up once it listens"
    assert await send(http, form_body(slash_command("setup", user_id=http.ADMIN,
                                                    response_url=fake.response_url("setup"))), FORM) == 200
    assert http.rows("SELECT count(*) FROM channels") == [(1,)]
    assert await send(http, form_body(slash_command("open", user_id=http.ADMIN,
                                                    response_url=fake.response_url("open"))), FORM) == 200
    assert "Opened the round" in fake.last("response_url")["text"]
    (rid, ts), = http.rows("SELECT round_id, message_id FROM posts WHERE kind = 'prompt' AND status = 'posted'")

    click = block_actions(f"hs:answer:{rid}", f"hs:answer:{rid}", user_id=ALICE, message_ts=ts,
                          response_url=fake.response_url("click"))
    assert await send(http, interactive_body(click), FORM) == 200
    assert fake.last("views.open")["view"]["blocks"][0]["element"]["max_length"] == 500

    reply = message_event("Voice is still rarely used", user=ALICE, ts=fake.next_ts(), thread_ts=ts)
    assert await send(http, json.dumps(reply), JSON) == 200
    assert await send(http, json.dumps(reply), JSON, retry_num=1) == 200  # X-Slack-Retry-Num: 1
    assert http.rows("SELECT text, source FROM answers") == [("Voice is still rarely used", "thread")]

    status, text = await post_signed(http.adapter.http_url, json.dumps(url_verification("chal-9")), SECRET, JSON)
    assert status == 200 and json.loads(text)["challenge"] == "chal-9"


async def test_bad_or_stale_signatures_get_401_and_store_nothing(http: SlackHarness):
    fake = http.fake
    setup = form_body(slash_command("setup", user_id=http.ADMIN, response_url=fake.response_url("s")))
    assert await send(http, setup, FORM, handled=False, bad_signature=True) == 401
    assert await send(http, setup, FORM, handled=False, timestamp=int(time.time()) - 6 * 60) == 401
    assert http.rows("SELECT count(*) FROM groups") == [(0,)]

    assert await send(http, setup, FORM) == 200
    assert await send(http, form_body(slash_command("open", user_id=http.ADMIN,
                                                    response_url=fake.response_url("o"))), FORM) == 200
    (ts,), = http.rows("SELECT message_id FROM posts WHERE kind = 'prompt'")
    reply = json.dumps(message_event("forged answer", user=ALICE, ts=fake.next_ts(), thread_ts=ts))
    assert await send(http, reply, JSON, handled=False, bad_signature=True) == 401
    assert await send(http, reply, JSON, handled=False, timestamp=int(time.time()) - 301) == 401
    assert http.rows("SELECT count(*) FROM answers") == [(0,)]
    assert http.rows("SELECT count(*) FROM members WHERE user_id = ?", ALICE) == [(0,)]
    assert fake.calls("chat.postEphemeral") == []


def rejections(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "hindsight.slack" and "rejected" in r.getMessage()]


def no_tracebacks(caplog) -> None:
    assert [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []


def bad_bodies() -> list[tuple[str, bytes | str, str]]:
    """Bodies the parser cannot read: non-JSON payload=, invalid UTF-8, JSON lists, odd nesting."""
    return [
        ("payload is no JSON", "payload=%7Bnot-json", FORM),
        ("payload is a list", "payload=" + urllib.parse.quote("[1, 2]"), FORM),
        ("invalid UTF-8", b"payload=%7B%7D\xff\xfe", FORM),
        ("invalid UTF-8 JSON", b'{"type": "event_callback", "x": "\xc3\x28"}', JSON),
        ("JSON list", "[1, 2, 3]", JSON),
        ("JSON string", '"hello"', JSON),
        ("JSON broken", '{"type": "event_callback",', JSON),
        ("odd nesting", json.dumps({"type": "event_callback", "authorizations": "x", "enterprise": 5,
                                    "event": "nope"}), JSON),
        ("odd interactive", interactive_body({"type": "block_actions", "team": "T1", "user": ["U1"],
                                             "enterprise": 7, "actions": "x"}), FORM),
    ]


async def test_unauthenticated_input_is_rejected_before_it_is_parsed(http: SlackHarness, caplog):
    url = http.adapter.http_url
    now = int(time.time())
    cases = [(name, body, ctype, kw) for name, body, ctype in bad_bodies()
             for kw in ({"signed": False}, {"bad_signature": True})]
    cases += [
        ("timestamp is no number", "[1]", JSON, {"timestamp": "abc"}),
        ("timestamp in other digits", "[1]", JSON, {"timestamp": "١٧٠٠٠٠٠٠٠٠"}),
        ("timestamp is empty", "[1]", JSON, {"timestamp": ""}),
        ("timestamp is huge", "[1]", JSON, {"timestamp": "9" * 400}),
        ("timestamp is negative", "[1]", JSON, {"timestamp": -now}),
        ("stale", b"\xff", JSON, {"timestamp": now - 900}),  # margins: the loop may take seconds on a busy machine
        ("from the future", "payload=x", FORM, {"timestamp": now + 900}),
    ]
    with caplog.at_level(logging.INFO):
        for name, body, ctype, kw in cases:
            before = len(rejections(caplog))
            status, _ = await post_signed(url, body, SECRET, ctype, **kw)
            assert status == 401, (name, kw, status)
            assert len(rejections(caplog)) == before + 1, (name, kw)
        status, _ = await post_raw(url, b"[1]", {"Content-Type": JSON})  # no Slack headers at all
        assert status == 401
    no_tracebacks(caplog)
    assert http.rows("SELECT count(*) FROM members") == [(0,)]
    assert http.adapter.handled == 0


async def test_signed_bodies_it_cannot_parse_get_400(http: SlackHarness, caplog):
    with caplog.at_level(logging.INFO):
        for name, body, ctype in bad_bodies():
            before = len(rejections(caplog))
            status, _ = await post_signed(http.adapter.http_url, body, SECRET, ctype)
            assert status == 400, (name, status)
            assert len(rejections(caplog)) == before + 1, name
    no_tracebacks(caplog)
    assert http.rows("SELECT count(*) FROM members") == [(0,)]
    # ...and the app still works afterwards.
    assert await send(http, form_body(slash_command("setup", user_id=http.ADMIN,
                                                    response_url=http.fake.response_url("s"))), FORM) == 200
    assert http.rows("SELECT count(*) FROM channels") == [(1,)]


async def test_signed_events_from_unbound_channels_leave_no_rows(http: SlackHarness):
    fake = http.fake
    assert await send(http, form_body(slash_command("setup", user_id=http.ADMIN,
                                                    response_url=fake.response_url("s"))), FORM) == 200
    assert await send(http, form_body(slash_command("open", user_id=http.ADMIN,
                                                    response_url=fake.response_url("o"))), FORM) == 200
    (prompt,), = http.rows("SELECT message_id FROM posts WHERE kind = 'prompt'")
    answer_ts = fake.next_ts()
    assert await send(http, json.dumps(message_event("mine", user=ALICE, ts=answer_ts, thread_ts=prompt)), JSON) == 200
    members = http.rows("SELECT platform, workspace, user_id FROM members ORDER BY id")
    stranger = "U0STRANGE"

    # The same ts in another channel is another message (Slack's ts is unique per channel only).
    for payload in (
            message_event("sneaky", user=stranger, channel="C0ELSEWHR", ts=fake.next_ts(), thread_ts=prompt),
            message_changed_event("edited elsewhere", "mine", user=ALICE, channel="C0ELSEWHR", ts=answer_ts,
                                  thread_ts=prompt),
            message_changed_event("edited by someone", "x", user=stranger, channel="C0ELSEWHR", ts=answer_ts,
                                  thread_ts=prompt),
            message_deleted_event(answer_ts, user=ALICE, channel="C0ELSEWHR", thread_ts=prompt),
            message_deleted_event(answer_ts, channel="C0ELSEWHR", previous=False)):
        assert await send(http, json.dumps(payload), JSON) == 200
    assert http.rows("SELECT platform, workspace, user_id FROM members ORDER BY id") == members
    assert http.rows("SELECT text FROM answers") == [("mine",)]
    assert http.rows("SELECT count(*) FROM seen_events WHERE event_id LIKE 'Ev%'") == [(1,)]


async def test_a_slash_command_that_mentions_payload_is_not_lost(http: SlackHarness):
    fake = http.fake
    assert await send(http, form_body(slash_command("setup", user_id=http.ADMIN,
                                                    response_url=fake.response_url("s"))), FORM) == 200
    assert await send(http, form_body(slash_command("open", user_id=http.ADMIN,
                                                    response_url=fake.response_url("o"))), FORM) == 200
    text = "answer the payload was late & the payload=x field too"
    assert await send(http, form_body(slash_command(text, user_id=ALICE, channel_name="payloads",
                                                    response_url=fake.response_url("a"))), FORM) == 200
    assert http.rows("SELECT text, source FROM answers") == [("the payload was late & the payload=x field too",
                                                               "command")]
    assert len(fake.calls("response_url", key="a")) == 1, "the person got their answer"
