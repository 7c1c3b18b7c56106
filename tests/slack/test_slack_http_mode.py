"""HTTP mode: the real AsyncApp served on /slack/events, with Slack's request signatures."""
from __future__ import annotations

import json
import time

import pytest

from tests.fakes.slack_server import (block_actions, form_body, interactive_body, message_event, post_signed,
                                      slash_command, url_verification)
from tests.slack.harness import SECRET, SlackHarness

ALICE = "U0ALICE01"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@pytest.fixture
async def http(fake, tmp_path):
    async with SlackHarness(fake, tmp_path, mode="http") as h:
        yield h


async def send(h: SlackHarness, body: str, content_type: str, handled: bool = True, **kw) -> int:
    before = h.adapter.handled
    status, _ = await post_signed(h.adapter.http_url, body, SECRET, content_type, **kw)
    if status == 200 and handled:
        await h.adapter.wait_handled(before + 1)
        await h.runtime.flush()
    return status


async def test_signed_requests_run_the_cycle(http: SlackHarness):
    fake = http.fake
    assert http.adapter.mode == "http" and fake.calls_to("apps.connections.open") == []
    assert await send(http, form_body(slash_command("setup", user_id=http.ADMIN,
                                                    response_url=fake.response_url("setup"))), FORM) == 200
    assert http.rows("SELECT count(*) FROM channels") == [(1,)]
    assert await send(http, form_body(slash_command("open", user_id=http.ADMIN,
                                                    response_url=fake.response_url("open"))), FORM) == 200
    assert "Opened the round" in fake.responses[-1][1]["text"]
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
    assert fake.calls_to("chat.postEphemeral") == []
