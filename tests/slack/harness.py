"""One helper to run the real SlackAdapter (slack-bolt) against FakeSlack, with a real SQLite file.

    async with SlackHarness(fake, tmp_path) as h:
        await h.command("setup", user=h.ADMIN)
        ...

Every ``command``/``click``/``submit``/``deliver`` returns only after the adapter has
fully handled the request (``adapter.wait_handled``) and the outbox was flushed, so a test
can assert at once, with no sleeping.
"""
from __future__ import annotations

import asyncio
import itertools
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import SlackAdapter
from adapters.slack.connection import Supervision
from bot.clock import FakeClock
from bot.dbthread import DbThread
from bot.runtime import Runtime
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store
from tests.fakes.slack_server import FakeSlack, block_actions, slash_command, view_submission

BOT_TOKEN = "xoxb-1-hindsight-test-bot-token"
APP_TOKEN = "xapp-1-hindsight-test-app-token"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CHANNEL = "C0GENERAL"
# Monday 2026-11-30 09:00 UTC: the default prompt time of ISO week 2026-W49.
MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
# Socket Mode supervision on a test's time scale: a lost link is noticed and retried in tens of ms.
FAST = Supervision(poll=0.02, first_delay=0.05, max_delay=0.4, attempt_timeout=3.0)


def texts_of(blocks) -> list[str]:
    """Every visible text of Block Kit blocks, in order (headers, sections, contexts, buttons)."""
    out: list[str] = []
    if isinstance(blocks, list):
        for b in blocks:
            out += texts_of(b)
    elif isinstance(blocks, dict):
        for key, value in blocks.items():
            if key == "text" and isinstance(value, str):
                out.append(value)
            elif isinstance(value, (dict, list)):
                out += texts_of(value)
    return out


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def flat(blocks) -> str:
    return "\n".join(unescape(t) for t in texts_of(blocks))


class SlackHarness:
    ADMIN = "U0ADMIN01"

    def __init__(self, fake: FakeSlack, tmp_path: Path, *, mode: str = "socket", clock: FakeClock | None = None,
                 client: AsyncWebClient | None = None, supervision: Supervision | None = None,
                 threaded: bool = False) -> None:
        self.threaded = threaded  # the service on a database thread, as in `hindsight run`
        self.fake = fake
        self.tmp_path = tmp_path
        self.mode = mode
        self.clock = clock or FakeClock(MONDAY_9)
        self.client = client
        self.supervision = supervision or FAST
        self._keys = itertools.count(1)
        fake.users[self.ADMIN] = {"is_admin": True, "name": "admin"}

    async def __aenter__(self) -> "SlackHarness":
        if self.threaded:  # as `hindsight run`: the bot's connection lives on its database thread
            self.dbt = DbThread()
            bot_db = await self.dbt(connect, self.tmp_path / "hindsight.db")
            self.service = await self.dbt(lambda: Hindsight(Store(bot_db), self.clock))
            self.bot_db = bot_db
            self.db = sqlite_utils.Database(sqlite3.connect(self.tmp_path / "hindsight.db"))  # the test's reads
            self.store = Store(self.db)
            self.runtime = Runtime(self.service, db=self.dbt)
        else:
            self.db = connect(self.tmp_path / "hindsight.db")
            self.store = Store(self.db)
            self.service = Hindsight(self.store, self.clock)
            self.runtime = Runtime(self.service)
        self.states: list[str] = []  # what the adapter reported about its connection, in order
        report = getattr(self.runtime, "connection_changed", None)
        if report is not None:
            def record(platform: str, state: str) -> None:
                if platform == "slack":
                    self.states.append(state)
                report(platform, state)

            self.runtime.connection_changed = record
        client = self.client or AsyncWebClient(token=BOT_TOKEN, base_url=self.fake.base_url)
        self.adapter = SlackAdapter(BOT_TOKEN, app_token=APP_TOKEN if self.mode == "socket" else None,
                                    signing_secret=SECRET, mode=self.mode, http_port=0, http_host="127.0.0.1",
                                    client=client, check_timeout=5, supervision=self.supervision)
        self.runtime.add_adapter(self.adapter)
        try:
            await self.runtime.start_adapters()
            if self.mode == "socket":
                await self.fake.wait_connected()
        except BaseException:
            await self.__aexit__()
            raise
        return self

    async def __aexit__(self, *exc) -> None:
        await self.runtime.stop()
        self.db.close()
        if self.threaded:
            await self.dbt(self.bot_db.close)
            self.dbt.shutdown()

    # driving ----------------------------------------------------------------------
    async def envelope(self, kind: str, payload: dict, retry_attempt: int = 0, handled: int = 1,
                       flush: bool = True, retry_reason: str = "") -> dict:
        """Send a Socket Mode envelope, wait for its ack, its handling and (``flush``) the outbox."""
        before = self.adapter.handled
        env = await self.fake.send_envelope(kind, payload, retry_attempt=retry_attempt, retry_reason=retry_reason)
        ack = await self.fake.wait_ack(env)
        await self.adapter.wait_handled(before + handled)
        if flush:
            await self.runtime.flush()
        return ack

    async def command(self, text: str, user: str = "U0ALICE01", channel: str = CHANNEL, flush: bool = True) -> dict:
        key = f"cmd{next(self._keys)}"
        await self.envelope("slash_commands", slash_command(text, user_id=user, channel_id=channel,
                                                            response_url=self.fake.response_url(key)), flush=flush)
        return self.responses(key)

    async def click(self, action_id: str, user: str = "U0ALICE01", channel: str = CHANNEL,
                    value: str | None = None, message_ts: str | None = None) -> dict:
        key = f"act{next(self._keys)}"
        await self.envelope("interactive", block_actions(
            action_id, action_id if value is None else value, user_id=user, channel_id=channel,
            message_ts=message_ts, response_url=self.fake.response_url(key)))
        return self.responses(key)

    async def submit(self, view: dict, values: dict[str, str], user: str = "U0ALICE01",
                     view_id: str | None = None) -> dict:
        """Submit an opened modal (the view sent to views.open) with ``{block_id: text}``."""
        state = {}
        for block in view["blocks"]:
            bid, element = block["block_id"], block["element"]
            state[bid] = {element["action_id"]: {"type": element["type"], "value": values.get(bid, "")}}
        payload = view_submission(view["callback_id"], view["private_metadata"], state, user_id=user,
                                  view_id=view_id)
        payload["view"]["blocks"] = view["blocks"]
        return await self.envelope("interactive", payload)

    async def deliver(self, payload: dict, retry_attempt: int = 0) -> dict:
        return await self.envelope("events_api", payload, retry_attempt=retry_attempt)

    # reading ----------------------------------------------------------------------
    def responses(self, key: str) -> dict:
        """The response_url posts for ``key``: {"texts": [...], "bodies": [...]}."""
        bodies = self.fake.calls("response_url", key=key)
        return {"bodies": bodies, "text": "\n".join(flat(b.get("blocks")) or b.get("text", "") for b in bodies)}

    def posts(self, channel: str = CHANNEL) -> list[dict]:
        return [p for p in self.fake.calls("chat.postMessage") if p.get("channel") == channel]

    def prompt_posts(self) -> list[dict]:
        return [p for p in self.posts() if any(a.startswith("hs:answer:") for a in action_ids(p.get("blocks")))]

    def ephemerals(self, user: str | None = None) -> list[dict]:
        return [p for p in self.fake.calls("chat.postEphemeral") if user is None or p.get("user") == user]

    def rows(self, sql: str, *params) -> list[tuple]:
        return self.db.execute(sql, params).fetchall()

    def assert_no_pings(self) -> None:
        """No payload the bot sent has a live mention (<!...>, <@...>, <#...>) or link_names."""
        sent = [c.body for c in self.fake.requests if c.route.startswith(("chat.", "views.", "files."))]
        sent += [b for b in self.fake.calls("response_url") if isinstance(b, dict)]
        for payload in sent:
            assert not payload.get("link_names"), payload
            blocks = payload.get("blocks") or (payload.get("view") or {}).get("blocks") or []
            for text in texts_of(blocks) + [str(payload.get("text") or ""), str(payload.get("initial_comment") or "")]:
                assert not re.search(r"<[!@#]", text), text

    async def until(self, predicate, timeout: float = 5.0) -> None:
        async def poll() -> None:
            while not predicate():
                await asyncio.sleep(0.01)

        await asyncio.wait_for(poll(), timeout)


def action_ids(blocks) -> list[str]:
    out = []
    for b in blocks or []:
        if b.get("type") == "actions":
            out += [e["action_id"] for e in b["elements"]]
    return out


__all__ = ["SlackHarness", "texts_of", "flat", "unescape", "action_ids", "BOT_TOKEN", "APP_TOKEN", "SECRET",
           "CHANNEL", "MONDAY_9"]
