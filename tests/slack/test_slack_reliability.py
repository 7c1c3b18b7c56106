"""Retries, rate limits, Web API errors and token checks."""
from __future__ import annotations

import logging
import types

import pytest
from slack_sdk.http_retry import builtin_async_handlers
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import StartupError
from tests.fakes.slack_server import message_event
from tests.slack.harness import APP_TOKEN, BOT_TOKEN, CHANNEL, SlackHarness, flat

ALICE = "U0ALICE01"


async def open_round(slack: SlackHarness) -> tuple[int, str]:
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    (rid, ts), = slack.rows("SELECT round_id, message_id FROM posts WHERE kind = 'prompt'")
    return rid, ts


async def test_retried_event_stores_one_answer(slack: SlackHarness):
    _, prompt_ts = await open_round(slack)
    payload = message_event("Cost ladders are moats", user=ALICE, ts=slack.fake.next_ts(), thread_ts=prompt_ts)
    await slack.deliver(payload)
    await slack.deliver(payload, retry_attempt=1)  # Slack redelivers: same event_id
    assert slack.rows("SELECT text, source FROM answers") == [("Cost ladders are moats", "thread")]
    assert slack.rows("SELECT count(*) FROM seen_events WHERE platform = 'slack' AND event_id = ?",
                      payload["event_id"]) == [(1,)]
    assert len(slack.ephemerals(ALICE)) == 1, "the retry is not acknowledged twice"


async def test_resubmitted_view_stores_once(slack: SlackHarness):
    rid, _ = await open_round(slack)
    await slack.click(f"hs:answer:{rid}", user=ALICE)
    view = slack.fake.last("views.open")["view"]
    await slack.submit(view, {"answer": "once"}, user=ALICE, view_id="V0SAME0001")
    await slack.submit(view, {"answer": "once"}, user=ALICE, view_id="V0SAME0001")
    assert slack.rows("SELECT text, original_text FROM answers") == [("once", "once")]
    assert len(slack.ephemerals(ALICE)) == 1


@pytest.fixture
def no_retry_sleep(monkeypatch):
    """Honour Retry-After without waiting on the real clock (undone by monkeypatch)."""
    slept: list[float] = []

    async def no_wait(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(builtin_async_handlers, "asyncio", types.SimpleNamespace(sleep=no_wait))
    return slept


async def test_rate_limited_post_is_retried_after_retry_after(slack: SlackHarness, no_retry_sleep):
    await slack.command("setup", user=slack.ADMIN)
    slack.fake.fail_next("chat.postMessage", 429, headers={"Retry-After": "1"})
    await slack.command("open", user=slack.ADMIN)
    prompts = [p for p in slack.fake.calls("chat.postMessage") if "hs:answer" in str(p.get("blocks"))]
    assert len(prompts) == 2, "the 429 was retried once"
    assert prompts[0] == prompts[1]
    assert len(no_retry_sleep) == 1 and 1 <= no_retry_sleep[0] < 2
    assert slack.rows("SELECT status, attempts FROM posts") == [("posted", 1)]


async def test_web_api_error_keeps_the_post_pending_and_the_next_flush_delivers(slack: SlackHarness, caplog):
    await slack.command("setup", user=slack.ADMIN)
    slack.fake.fail_next("chat.postMessage", 200, {"ok": False, "error": "channel_not_found"})
    with caplog.at_level(logging.WARNING, logger="hindsight.runtime"):
        shown = await slack.command("open", user=slack.ADMIN, flush=False)
        await slack.until(lambda: slack.rows("SELECT last_error FROM posts") != [(None,)])
    assert "Opened the round" in shown["text"]
    failures = [r.getMessage() for r in caplog.records if r.name == "hindsight.runtime"]
    assert any(CHANNEL in m and "channel_not_found" in m for m in failures), failures
    assert slack.rows("SELECT count(*) FROM rounds WHERE closed_at IS NULL") == [(1,)]
    (status, error), = slack.rows("SELECT status, last_error FROM posts")
    assert status == "pending" and "channel_not_found" in error
    assert await slack.runtime.flush() == 1
    assert slack.rows("SELECT status, last_error FROM posts") == [("posted", None)]
    assert len(slack.prompt_posts()) == 2  # the failed call, then the delivery


async def test_not_in_channel_joins_then_posts(slack: SlackHarness):
    joined: list[str] = []

    def conversations_join(params: dict) -> dict:  # FakeSlack has no conversations.join; this test adds it
        joined.append(params["channel"])
        return {"channel": {"id": params["channel"]}}

    slack.fake._m_conversations_join = conversations_join
    await slack.command("setup", user=slack.ADMIN)
    slack.fake.fail_next("chat.postMessage", 200, {"ok": False, "error": "not_in_channel"})
    await slack.command("open", user=slack.ADMIN)
    assert joined == [CHANNEL]
    assert slack.rows("SELECT status, attempts, last_error FROM posts") == [("posted", 1, None)]


async def test_reminder_dm_goes_to_the_user(slack: SlackHarness):
    await open_round(slack)
    await slack.command("skip", user=ALICE)
    await slack.command("answer x", user="U0BOB0001")
    (group,) = slack.store.groups.all()
    dms = slack.service.remind(group, slack.store.rounds.find_open(group.id))
    await slack.runtime.send_direct(dms)
    sent = [p for p in slack.fake.calls("chat.postMessage") if p["channel"].startswith("U")]
    assert [p["channel"] for p in sent] == [slack.ADMIN]  # the admin has neither answered nor skipped
    text = flat(sent[0]["blocks"])
    assert "A reminder from" in text and "link_names" not in sent[0]
    assert [b["text"]["text"] for b in sent[0]["blocks"][-1]["elements"]] == ["Answer", "Skip"]


async def test_bad_bot_token_is_a_startup_error_naming_it(fake, tmp_path):
    bad = "xoxb-revoked-0123456789-secretvalue"
    fake.bad_tokens.add(bad)
    client = AsyncWebClient(token=bad, base_url=fake.base_url)
    with pytest.raises(StartupError) as err:
        async with SlackHarness(fake, tmp_path, client=client):
            pass
    message = str(err.value)
    assert "SLACK_BOT_TOKEN" in message and "invalid_auth" in message
    assert bad not in message and "secretvalue" not in message
    assert fake.connections_opened == 0


async def test_bad_app_token_is_a_startup_error_naming_it(fake, tmp_path):
    from adapters.slack import SlackAdapter

    adapter = SlackAdapter(BOT_TOKEN, app_token="xoxp-not-an-app-token",
                           client=AsyncWebClient(token=BOT_TOKEN, base_url=fake.base_url), check_timeout=5)
    with pytest.raises(StartupError) as err:
        await adapter.start(None)
    assert "SLACK_APP_TOKEN" in str(err.value) and "xoxp-not" not in str(err.value)
    fake.bad_tokens.add(APP_TOKEN)
    adapter = SlackAdapter(BOT_TOKEN, app_token=APP_TOKEN,
                           client=AsyncWebClient(token=BOT_TOKEN, base_url=fake.base_url), check_timeout=5)
    with pytest.raises(StartupError) as err:
        await adapter.start(None)
    assert "SLACK_APP_TOKEN" in str(err.value) and "invalid_auth" in str(err.value)
    assert APP_TOKEN not in str(err.value)
    assert fake.connections_opened == 0


async def test_http_mode_without_a_signing_secret_does_not_start(fake):
    from adapters.slack import SlackAdapter

    adapter = SlackAdapter(BOT_TOKEN, mode="http", http_port=0,
                           client=AsyncWebClient(token=BOT_TOKEN, base_url=fake.base_url))
    with pytest.raises(StartupError, match="SLACK_SIGNING_SECRET"):
        await adapter.start(None)
    assert adapter.connection is None and fake.requests == []


async def test_from_config_reads_the_settings():
    from adapters.slack import SlackAdapter
    from bot.config import load

    cfg = load({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "s3cret", "SLACK_HTTP_PORT": "3111",
                "SLACK_API_URL": "http://127.0.0.1:9/api/"})
    adapter = SlackAdapter.from_config(cfg)
    assert adapter.mode == "http" and adapter.http_port == 3111 and adapter.signing_secret == "s3cret"
    assert adapter.client.base_url == "http://127.0.0.1:9/api/" and adapter.client.token == BOT_TOKEN
    assert any(type(h).__name__ == "AsyncRateLimitErrorRetryHandler" for h in adapter.client.retry_handlers)
    cfg = load({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN})
    assert SlackAdapter.from_config(cfg).mode == "socket"


async def test_a_dm_button_carries_the_group_channel(slack: SlackHarness):
    """A reminder's Answer button, clicked in the DM, opens the form for the group's channel
    (DirectMessage.channel) and the answer is stored."""
    rid, _ = await open_round(slack)
    (group,) = slack.store.groups.all()
    (dm,) = slack.service.remind(group, slack.store.rounds.find_open(group.id))
    assert dm.channel is not None and dm.channel.channel_id == CHANNEL
    await slack.adapter.send(dm)
    sent = slack.fake.last("chat.postMessage")
    answer = sent["blocks"][-1]["elements"][0]
    assert answer["action_id"] == f"hs:answer:{rid}" and answer["value"] == f"hs:answer:{rid}|{CHANNEL}"
    await slack.click(answer["action_id"], user=slack.ADMIN, channel="D" + slack.ADMIN, value=answer["value"])
    view = slack.fake.last("views.open")["view"]
    await slack.submit(view, {"answer": "answered from the reminder"}, user=slack.ADMIN)
    assert slack.rows("SELECT text, source FROM answers") == [("answered from the reminder", "form")]
