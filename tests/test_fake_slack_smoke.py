"""Smoke tests: the real slack_bolt / slack_sdk clients work against tests.fakes.slack_server."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import types

import pytest
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_async_handlers
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_server import (
    FakeSlack,
    block_actions,
    form_body,
    interactive_body,
    message_changed_event,
    message_deleted_event,
    message_event,
    post_signed,
    slash_command,
    url_verification,
    view_submission,
)

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@pytest.fixture
async def fake():
    async with FakeSlack() as f:
        yield f


def make_app(fake: FakeSlack, **kwargs) -> AsyncApp:
    client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
    return AsyncApp(token="xoxb-test", client=client, **kwargs)


@contextlib.asynccontextmanager
async def socket_mode(app: AsyncApp, fake: FakeSlack):
    handler = AsyncSocketModeHandler(app, "xapp-1-test")
    await handler.connect_async()
    await fake.wait_connected()
    try:
        yield handler
    finally:
        await handler.close_async()
        # slack_sdk cancels its background tasks without awaiting them.
        c = handler.client
        tasks = [t for t in (c.message_processor, c.current_session_monitor, c.message_receiver) if t]
        await asyncio.gather(*tasks, return_exceptions=True)


async def test_slash_command_over_socket_mode(fake: FakeSlack):
    app = make_app(fake)

    @app.command("/hindsight")
    async def on_command(ack, command, respond, client):
        if command["text"] == "quick":
            await ack("Quick answer")
            return
        await ack()
        await respond(f"got it: {command['text']}")
        await client.chat_postMessage(channel=command["channel_id"], text=f"echo: {command['text']}")

    async with socket_mode(app, fake) as handler:
        assert fake.last("apps.connections.open")["token"] == "xapp-1-test"
        hello = await handler.client.web_client.auth_test()  # sanity: the bot's identity
        assert hello["user_id"] == fake.bot_user_id

        env = await fake.send_envelope("slash_commands", slash_command(
            "hello world", user_id="U0ALICE01", channel_id="C0GENERAL",
            response_url=fake.response_url("cmd-1")))
        assert await fake.wait_ack(env) == {"envelope_id": env}

        post = await fake.wait_for("chat.postMessage")
        assert post["channel"] == "C0GENERAL"
        assert post["text"] == "echo: hello world"
        assert post["token"] == "xoxb-test"
        body = await fake.wait_for("response_url")
        assert fake.records("response_url")[0].params == {"key": "cmd-1"}
        assert body["text"] == "got it: hello world"
        ((channel, ts), msg), = fake.messages.items()
        assert channel == "C0GENERAL" and msg["text"] == "echo: hello world"

        env2 = await fake.send_envelope("slash_commands", slash_command("quick"))
        ack = await fake.wait_ack(env2)
        assert ack["payload"]["text"] == "Quick answer"


async def test_rate_limit_retry_and_failures(fake: FakeSlack, monkeypatch):
    slept: list[float] = []

    async def no_wait(seconds: float) -> None:  # honour Retry-After without the real clock
        slept.append(seconds)

    monkeypatch.setattr(builtin_async_handlers, "asyncio", types.SimpleNamespace(sleep=no_wait))
    client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url,
                            retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)])
    fake.fail_next("chat.postMessage", 429)  # Retry-After: 1 by default
    resp = await client.chat_postMessage(channel="C0GENERAL", text="after 429")
    assert resp["ok"] and resp["channel"] == "C0GENERAL"
    assert [p["text"] for p in fake.calls("chat.postMessage")] == ["after 429"] * 2
    assert len(slept) == 1 and 1 <= slept[0] < 2

    plain = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
    fake.fail_next("chat.postMessage", 429, headers={"Retry-After": "7"})
    with pytest.raises(SlackApiError) as err:
        await plain.chat_postMessage(channel="C0GENERAL", text="x")
    assert err.value.response.status_code == 429 and err.value.response["error"] == "ratelimited"
    assert err.value.response.headers["Retry-After"] == "7"

    fake.fail_next("chat.postMessage", 200, {"ok": False, "error": "channel_not_found"})
    with pytest.raises(SlackApiError) as err:
        await plain.chat_postMessage(channel="C0GONE", text="x")
    assert err.value.response["error"] == "channel_not_found"
    ts1 = (await plain.chat_postMessage(channel="C0GENERAL", text="a"))["ts"]
    ts2 = (await plain.chat_postMessage(channel="C0GENERAL", text="b"))["ts"]
    assert float(ts2) > float(ts1) and abs(float(ts1) - time.time()) < 60


async def test_web_api_surface(fake: FakeSlack):
    client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
    fake.bad_tokens.add("xoxb-revoked")
    with pytest.raises(SlackApiError) as err:
        await AsyncWebClient(token="xoxb-revoked", base_url=fake.base_url).auth_test()
    assert err.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as err:
        await client.apps_connections_open(app_token="xoxb-not-an-app-token")
    assert err.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as err:
        await client.api_call("made.up")
    assert err.value.response["error"] == "unknown_method"
    assert fake.requests[-1].route == "made.up" and fake.last("made.up")["token"] == "xoxb-test"

    fake.users["U0BOSS"] = {"is_admin": True, "profile": {"display_name": "boss"}}
    boss = (await client.users_info(user="U0BOSS"))["user"]
    assert boss["is_admin"] and boss["profile"]["display_name"] == "boss"
    nobody = (await client.users_info(user="U0ALICE01"))["user"]
    assert nobody["is_admin"] is False and nobody["profile"]["display_name"]
    assert (await client.conversations_open(users="U0ALICE01"))["channel"]["id"] == "DU0ALICE01"
    assert (await client.team_info())["team"]["id"] == fake.team_id

    posted = await client.chat_postMessage(channel="C0GENERAL", text="v1",
                                           blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "v1"}}])
    await client.chat_update(channel="C0GENERAL", ts=posted["ts"], text="v2")
    assert fake.messages[("C0GENERAL", posted["ts"])]["text"] == "v2"
    await client.chat_delete(channel="C0GENERAL", ts=posted["ts"])
    assert fake.messages == {}
    eph = await client.chat_postEphemeral(channel="C0GENERAL", user="U0ALICE01", text="psst")
    assert eph["message_ts"]

    view = {"type": "modal", "callback_id": "reflect", "private_metadata": "week-7",
            "title": {"type": "plain_text", "text": "Reflect"}, "blocks": []}
    opened = await client.views_open(trigger_id="123.456.abc", view=view)
    assert opened["view"]["callback_id"] == "reflect"
    await client.views_update(view_id=opened["view"]["id"], view=dict(view, private_metadata="w8"))
    assert fake.views[opened["view"]["id"]]["private_metadata"] == "w8"
    assert fake.last("views.open")["view"]["private_metadata"] == "week-7"

    up = await client.files_upload_v2(channel="C0GENERAL", content="a,b\n1,2\n", filename="week.csv",
                                      title="Week 7", initial_comment="export")
    assert up["file"]["name"] == "week.csv"
    (upload,) = fake.uploads
    assert upload["content"] == b"a,b\n1,2\n" and upload["channel_id"] == "C0GENERAL"
    assert upload["title"] == "Week 7" and upload["initial_comment"] == "export"


async def test_events_and_interactivity_over_socket_mode(fake: FakeSlack):
    app = make_app(fake)
    seen: list[dict] = []
    got = asyncio.Event()

    @app.event("message")
    async def on_message(event):
        seen.append(event)
        got.set()

    @app.action("reflect_now")
    async def on_action(ack, body, client):
        await ack()
        await client.views_open(trigger_id=body["trigger_id"], view={
            "type": "modal", "callback_id": "reflect", "title": {"type": "plain_text", "text": "R"},
            "blocks": []})

    @app.view("reflect")
    async def on_submit(ack, view):
        await ack(response_action="errors", errors={"b1": f"got {view['private_metadata']}"})

    async def deliver(payload: dict) -> dict:
        got.clear()
        env = await fake.send_envelope("events_api", payload)
        ack = await fake.wait_ack(env)
        await asyncio.wait_for(got.wait(), 5)
        return ack

    async with socket_mode(app, fake):
        ack = await deliver(message_event("my week", user="U0ALICE01", channel="C0GENERAL",
                                          ts="1700000100.000200", thread_ts="1700000000.000100"))
        assert "payload" not in ack
        assert seen[-1]["text"] == "my week" and seen[-1]["thread_ts"] == "1700000000.000100"
        await deliver(message_changed_event("edited", "my week", ts="1700000100.000200"))
        assert seen[-1]["subtype"] == "message_changed" and seen[-1]["message"]["text"] == "edited"
        await deliver(message_deleted_event("1700000100.000200", old_text="edited"))
        assert seen[-1]["deleted_ts"] == "1700000100.000200"

        env = await fake.send_envelope("interactive", block_actions("reflect_now", "w7"))
        assert await fake.wait_ack(env) == {"envelope_id": env}
        assert (await fake.wait_for("views.open"))["view"]["callback_id"] == "reflect"

        env = await fake.send_envelope("interactive", view_submission("reflect", "week-7", {
            "b1": {"a1": {"type": "plain_text_input", "value": "shipped"}}}))
        assert (await fake.wait_ack(env))["payload"] == {
            "response_action": "errors", "errors": {"b1": "got week-7"}}

        await fake.send_disconnect()  # Slack rotates connections; the SDK must reconnect
        await fake.wait_until(lambda: fake.connections_opened == 2, what="the second connection")
        await fake.wait_connected()
        await deliver(message_event("after reconnect"))
        assert seen[-1]["text"] == "after reconnect"


async def _until(predicate) -> None:
    while not predicate():
        await asyncio.sleep(0.01)


async def test_http_mode_signed_requests(fake: FakeSlack):
    app = make_app(fake, signing_secret=SECRET)
    headers_seen: list[dict] = []

    @app.command("/hindsight")
    async def on_command(ack, command, client):
        await ack()
        await client.chat_postMessage(channel=command["channel_id"], text=f"http: {command['text']}")

    @app.event("message")
    async def on_message(event, request):
        headers_seen.append(request.headers)

    @app.action("reflect_now")
    async def on_action(ack, action, respond):
        await ack()
        await respond(f"clicked {action['value']}")

    async def handle(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    web_app = web.Application()
    web_app.router.add_post("/slack/events", handle)
    runner = web.AppRunner(web_app, shutdown_timeout=1.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"

        body = form_body(slash_command("over http", channel_id="C0HTTP"))
        assert (await post_signed(url, body, SECRET, "application/x-www-form-urlencoded"))[0] == 200
        post = await fake.wait_for("chat.postMessage")
        assert post["channel"] == "C0HTTP" and post["text"] == "http: over http"

        status, _ = await post_signed(url, body, SECRET, "application/x-www-form-urlencoded",
                                      bad_signature=True)
        assert status == 401
        status, _ = await post_signed(url, body, SECRET, "application/x-www-form-urlencoded",
                                      timestamp=int(time.time()) - 600)
        assert status == 401

        status, text = await post_signed(url, json.dumps(url_verification("chal-1")), SECRET,
                                         "application/json")
        assert status == 200 and json.loads(text)["challenge"] == "chal-1"

        status, _ = await post_signed(url, json.dumps(message_event("retried")), SECRET,
                                      "application/json", retry_num=1)
        assert status == 200
        await asyncio.wait_for(_until(lambda: headers_seen), 5)
        assert headers_seen[0]["x-slack-retry-num"] == ["1"]

        payload = block_actions("reflect_now", "w7", response_url=fake.response_url("act-1"))
        status, _ = await post_signed(url, interactive_body(payload), SECRET,
                                      "application/x-www-form-urlencoded")
        assert status == 200
        assert (await fake.wait_for("response_url", key="act-1")) == {"text": "clicked w7"}
    finally:
        await runner.cleanup()


async def test_real_shapes_reach_bolt_listeners_with_their_context(fake: FakeSlack):
    """The optional-field-free and Grid shapes of tests.fakes.slack_payloads, through plain bolt."""
    from tests.fakes.slack_server import (block_actions_in_view, bot_message_event, enterprise,
                                          thread_broadcast_event)

    app = make_app(fake)
    seen: list[tuple[dict, dict]] = []
    got = asyncio.Event()

    @app.event("message")
    async def on_message(event, context):
        seen.append((event, dict(context)))
        got.set()

    @app.action("in_modal")
    async def on_action(ack, body, context):
        await ack()
        seen.append((body, dict(context)))
        got.set()

    async def send(kind: str, payload: dict, **kw) -> dict:
        got.clear()
        env = await fake.send_envelope(kind, payload, **kw)
        ack = await fake.wait_ack(env)
        await asyncio.wait_for(got.wait(), 5)
        return ack

    async with socket_mode(app, fake):
        await send("events_api", message_changed_event("new", "old", ts="1700000100.000200", previous=False))
        assert "previous_message" not in seen[-1][0] and seen[-1][0]["message"]["edited"]
        await send("events_api", message_changed_event("new", "old", ts="1700000100.000200", ts_in_message=False))
        assert "ts" not in seen[-1][0]["message"] and seen[-1][0]["previous_message"]["ts"] == "1700000100.000200"
        await send("events_api", message_deleted_event("1700000100.000200", previous=False))
        assert seen[-1][0]["deleted_ts"] == "1700000100.000200" and "previous_message" not in seen[-1][0]

        grid = enterprise(message_event("grid", user="W0GRIDBOB", ts="1700000100.000300",
                                        thread_ts="1700000000.000100"))
        await send("events_api", grid, retry_attempt=2, retry_reason="timeout")
        event, context = seen[-1]
        assert (event["user"], context["enterprise_id"], context["user_id"]) == ("W0GRIDBOB", "E0GRIDORG",
                                                                                  "W0GRIDBOB")
        await send("events_api", thread_broadcast_event("both", "U0ALICE01", "1700000000.000100"))
        assert seen[-1][0]["subtype"] == "thread_broadcast" and seen[-1][0]["root"]["ts"] == "1700000000.000100"
        await send("events_api", bot_message_event("beep", thread_ts="1700000000.000100"))
        assert seen[-1][0]["subtype"] == "bot_message" and "user" not in seen[-1][0]

        await send("interactive", block_actions_in_view("in_modal", "v", user_id="W0GRIDBOB",
                                                         private_metadata='{"channel": "C0GENERAL"}'))
        body, context = seen[-1]
        assert body["container"]["type"] == "view" and "channel" not in body and "response_url" not in body
        assert context.get("channel_id") is None and context["user_id"] == "W0GRIDBOB"
