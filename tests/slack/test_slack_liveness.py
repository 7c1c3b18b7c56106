"""Liveness: the Socket Mode connection is supervised and its state reported to the runtime.

The fake drops the websocket, refuses it, or fails apps.connections.open; the real
slack-bolt / slack_sdk client reconnects through the adapter's watchdog, and answers sent
after that are stored.
"""
from __future__ import annotations

import logging

from adapters.slack.connection import Supervision
from tests.fakes.slack_server import message_event
from tests.slack.harness import APP_TOKEN, SlackHarness

ALICE = "U0ALICE01"


async def open_round(slack: SlackHarness) -> str:
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    (ts,), = slack.rows("SELECT message_id FROM posts WHERE kind = 'prompt'")
    return ts


def live(slack: SlackHarness) -> bool:
    return bool(slack.states) and slack.states[-1] == "up" and any(not ws.closed for ws in slack.fake._sockets)


async def test_a_dropped_socket_is_reconnected_and_answers_after_it_are_stored(slack: SlackHarness):
    prompt = await open_round(slack)
    assert slack.states == ["up"]
    opened = len(slack.fake.calls("apps.connections.open"))

    await slack.fake.drop_connections()
    await slack.until(lambda: slack.states[-1:] == ["up"] and len(slack.states) == 3)
    assert slack.states == ["up", "reconnecting", "up"]
    assert slack.runtime.connections["slack"].state == "up"
    assert slack.fake.connections_opened == 2
    assert len(slack.fake.calls("apps.connections.open")) == opened + 1, "a fresh URL for the new link"

    await slack.fake.wait_connected()
    await slack.deliver(message_event("after the outage", user=ALICE, ts=slack.fake.next_ts(), thread_ts=prompt))
    assert slack.rows("SELECT text, source FROM answers") == [("after the outage", "thread")]
    assert len(slack.ephemerals(ALICE)) == 1


async def test_failed_connections_open_is_retried_with_growing_delays(slack: SlackHarness, caplog):
    prompt = await open_round(slack)
    for _ in range(3):
        slack.fake.fail_next("apps.connections.open", 200, {"ok": False, "error": "internal_error"})
    with caplog.at_level(logging.WARNING, logger="hindsight.slack"):
        await slack.fake.drop_connections()
        await slack.until(lambda: len(slack.states) == 3, timeout=10)
    assert slack.states == ["up", "reconnecting", "up"]
    delays = slack.adapter.connection.delays
    assert len(delays) == 3 and delays[0] < delays[1] < delays[2], delays
    failures = [r.getMessage() for r in caplog.records if "reconnecting Socket Mode failed" in r.getMessage()]
    assert failures == ["slack: reconnecting Socket Mode failed: internal_error"] * 3
    assert not [r for r in caplog.records if r.exc_info], "one line each, no traceback"

    await slack.fake.wait_connected()
    await slack.deliver(message_event("still here", user=ALICE, ts=slack.fake.next_ts(), thread_ts=prompt))
    assert slack.rows("SELECT text FROM answers") == [("still here",)]


async def test_a_refused_websocket_is_retried(fake, tmp_path):
    fast_pings = Supervision(poll=0.02, first_delay=0.05, max_delay=0.2, attempt_timeout=0.5, ping_interval=0.2)
    async with SlackHarness(fake, tmp_path, supervision=fast_pings) as slack:
        prompt = await open_round(slack)
        fake.refuse_next_sockets(3)
        await fake.drop_connections()
        await slack.until(lambda: len(slack.states) >= 3 and live(slack), timeout=10)
        assert slack.states == ["up", "reconnecting", "up"]
        assert fake.sockets_refused == 3
        await slack.deliver(message_event("through", user=ALICE, ts=fake.next_ts(), thread_ts=prompt))
        assert slack.rows("SELECT text FROM answers") == [("through",)]


async def test_slacks_disconnect_message_is_followed_by_a_new_link(slack: SlackHarness):
    prompt = await open_round(slack)
    await slack.fake.send_disconnect("refresh_requested")
    await slack.until(lambda: slack.fake.connections_opened == 2 and live(slack))
    await slack.deliver(message_event("refreshed", user=ALICE, ts=slack.fake.next_ts(), thread_ts=prompt))
    assert slack.rows("SELECT text FROM answers") == [("refreshed",)]
    assert slack.states[-1] == "up"


async def test_a_refused_app_token_is_reported_down(slack: SlackHarness, caplog):
    lost: list[str] = []
    slack.runtime.on_connection_lost = lost.append
    await open_round(slack)
    slack.fake.bad_tokens.add(APP_TOKEN)
    with caplog.at_level(logging.WARNING, logger="hindsight.slack"):
        await slack.fake.drop_connections()
        await slack.until(lambda: slack.states[-1:] == ["down"])
    assert slack.states == ["up", "reconnecting", "down"]
    assert lost == ["slack"], "the runtime ends the process so that it is restarted"
    assert any("invalid_auth" in r.getMessage() and "SLACK_APP_TOKEN" in r.getMessage() for r in caplog.records)
    assert len(slack.fake.calls("apps.connections.open")) == 3, "no retries once the token is refused"


async def test_stopping_reports_nothing_and_leaves_no_task(fake, tmp_path):
    async with SlackHarness(fake, tmp_path) as slack:
        connection = slack.adapter.connection
        assert slack.states == ["up"]
    assert slack.states == ["up"], "a deliberate stop is not an outage"
    assert connection._watch is None


async def test_failed_attempts_log_one_line_each_without_tracebacks(fake, tmp_path, caplog):
    fast_pings = Supervision(poll=0.02, first_delay=0.05, max_delay=0.2, attempt_timeout=0.5, ping_interval=0.2)
    async with SlackHarness(fake, tmp_path, supervision=fast_pings) as slack:
        fake.refuse_next_sockets(2)
        fake.fail_next("apps.connections.open", 200, {"ok": False, "error": "internal_error"})
        with caplog.at_level(logging.INFO):
            await fake.drop_connections()
            await slack.until(lambda: len(slack.states) >= 3 and live(slack), timeout=10)
    shown = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert not [r.getMessage() for r in shown if r.exc_info or r.levelno >= logging.ERROR]
    assert any("reconnecting Socket Mode failed: internal_error" in r.getMessage() for r in shown)


async def test_a_silent_link_is_noticed_and_replaced(fake, tmp_path):
    fast_pings = Supervision(poll=0.02, first_delay=0.05, max_delay=0.2, attempt_timeout=1.0, ping_interval=0.1)
    async with SlackHarness(fake, tmp_path, supervision=fast_pings) as slack:
        prompt = await open_round(slack)
        fake.mute()  # the socket stays open but no pong comes back
        await slack.until(lambda: "reconnecting" in slack.states, timeout=10)
        fake.mute(False)
        await slack.until(lambda: slack.states[-1] == "up" and live(slack), timeout=10)
        assert slack.states == ["up", "reconnecting", "up"] and fake.connections_opened >= 2
        await slack.deliver(message_event("heard again", user=ALICE, ts=fake.next_ts(), thread_ts=prompt))
        assert slack.rows("SELECT text FROM answers") == [("heard again",)]
