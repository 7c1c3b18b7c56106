"""A Hindsight bot (real SQLite, core, runtime and DiscordAdapter) against FakeDiscord.

``World`` owns one fake guild and one database file; ``start_bot``/``stop_bot`` can run
several times over them (a restart). Helpers dispatch interactions and messages the way
Discord would and wait for what the bot sent back.
"""
from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from adapters.discord import DiscordAdapter
from bot.clock import FakeClock
from bot.dbthread import DbThread
from bot.runtime import Runtime
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store
from tests.fakes import discord_payloads as P
from tests.fakes.discord_server import FakeDiscord

TOKEN = "MTIz.fake-bot-token.secret-value-xyz"
START = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)  # a Monday, an hour after the default prompt time
ADMIN = P.user(710000000000000001, "ada")
MEMBER = P.user(710000000000000002, "bo")
OTHER = P.user(710000000000000003, "chi")
MANAGE = str(P.MEMBER_PERMISSIONS | P.MANAGE_GUILD)
PLAIN = str(P.MEMBER_PERMISSIONS)
CALLBACK = "POST /interactions/{iid}/{token}/callback"
EPHEMERAL = 64


class World:
    def __init__(self, fake: FakeDiscord, tmp_path: Path, *, guild_scoped: bool = True, threaded: bool = False) -> None:
        self.threaded = threaded  # the service on a database thread, as in `hindsight run`
        self.dbt: DbThread | None = None
        self.fake = fake
        self.guild = fake.add_guild(name="Founders", channels=["general", "reflections"], members=[ADMIN, MEMBER, OTHER])
        self.gid = self.guild["id"]
        self.cid = fake.channel_named(self.gid, "general")["id"]
        self.cid2 = fake.channel_named(self.gid, "reflections")["id"]
        self.guild_scoped = guild_scoped
        self.db_path = tmp_path / "hindsight.db"
        self.clock = FakeClock(START)
        self.db = self.store = self.service = self.runtime = self.adapter = None

    # lifecycle --------------------------------------------------------------
    def open_core(self) -> None:
        self.db = connect(self.db_path)
        self.store = Store(self.db)
        self.service = Hindsight(self.store, self.clock)
        self.runtime = Runtime(self.service)
        self._record_states()

    async def open_threaded_core(self) -> None:
        """As ``hindsight run``: the bot's connection lives on its database thread; the test
        reads through a connection of its own (``db``, ``store``)."""
        self.dbt = dbt = DbThread()
        self.bot_db = await dbt(connect, self.db_path)
        self.service = await dbt(lambda: Hindsight(Store(self.bot_db), self.clock))
        self.db = sqlite_utils.Database(sqlite3.connect(self.db_path))
        self.store = Store(self.db)
        self.runtime = Runtime(self.service, db=dbt)
        self._record_states()

    def _record_states(self) -> None:
        self.states: list[tuple[str, str]] = []  # every connection_changed call, in order
        report = self.runtime.connection_changed

        def recorded(platform: str, state: str) -> None:
            self.states.append((platform, state))
            report(platform, state)
        self.runtime.connection_changed = recorded  # type: ignore[method-assign]

    def new_adapter(self, token: str = TOKEN) -> DiscordAdapter:
        return DiscordAdapter(token, self.gid if self.guild_scoped else None, ready_timeout=5,
                              client_options={"guild_ready_timeout": 0.1}, reconnect_delay=0.05)

    async def start_bot(self) -> DiscordAdapter:
        if self.threaded:
            await self.open_threaded_core()
        else:
            self.open_core()
        self.adapter = self.new_adapter()
        self.runtime.add_adapter(self.adapter)
        await self.runtime.start_adapters()
        return self.adapter

    async def stop_bot(self) -> None:
        if self.runtime is not None:
            await self.runtime.stop()
        if self.db is not None:
            self.db.close()
        if self.dbt is not None:
            await self.dbt(self.bot_db.close)
            self.dbt.shutdown()
        self.db = self.runtime = self.adapter = self.dbt = None

    # driving ----------------------------------------------------------------
    @property
    def command_guild(self) -> str | None:
        return self.gid if self.guild_scoped else None

    async def slash(self, user: dict, sub: str, value: str | None = None, *, option: str | None = None,
                    perms: str = PLAIN, channel_id: str | None = None, channel: dict | None = None) -> dict:
        opts = [{"name": option or default_option(sub), "type": 3, "value": value}] if value is not None else []
        inter = P.slash_interaction(
            self.fake.app_id, self.gid, channel_id or self.cid, user, options=[{"name": sub, "type": 1, "options": opts}],
            permissions=perms, command_id=self.fake.command_id("hindsight", self.command_guild),
            command_guild_id=self.command_guild, channel=channel)
        await self.fake.dispatch("INTERACTION_CREATE", inter)
        return inter

    async def click(self, custom_id: str, message: dict, user: dict, perms: str = PLAIN) -> dict:
        inter = P.component_interaction(custom_id, message, app_id=self.fake.app_id, guild_id=self.gid, user=user,
                                        permissions=perms)
        await self.fake.dispatch("INTERACTION_CREATE", inter)
        return inter

    async def submit(self, custom_id: str, values: dict, user: dict, perms: str = PLAIN) -> dict:
        inter = P.modal_submit_interaction(custom_id, values, app_id=self.fake.app_id, guild_id=self.gid,
                                           channel_id=self.cid, user=user, permissions=perms)
        await self.fake.dispatch("INTERACTION_CREATE", inter)
        return inter

    async def thread_message(self, thread_id: str, user: dict, text: str, message_id: str | None = None) -> dict:
        msg = P.message_create(thread_id, user, text, guild_id=self.gid, message_id=message_id)
        await self.fake.dispatch("MESSAGE_CREATE", msg)
        return msg

    # reading what came back -------------------------------------------------
    async def callback(self, inter: dict) -> dict:
        await self.fake.wait_until(lambda: self._callback(inter), what=f"callback of {inter['id']}")
        return self._callback(inter)

    def _callback(self, inter: dict) -> dict | None:
        return next((c for c in self.fake.callbacks if c["interaction_id"] == inter["id"]), None)

    async def reply(self, inter: dict, followups: int = 0) -> list[dict]:
        """The messages answering a deferred interaction: the edited original, then follow-ups."""
        token = inter["token"]
        await self.fake.wait_for("PATCH /webhooks/{app}/{token}/messages/{mid}", token=token, mid="@original")
        if followups:
            await self.fake.wait_until(lambda: len(self.fake.followups[token]) >= followups, what="follow-ups")
        return [self.fake.original_responses[token], *self.fake.followups[token]]

    async def reply_text(self, inter: dict) -> str:
        return "\n".join(m["content"] for m in await self.reply(inter))

    async def prompt_post(self, channel_id: str | None = None, count: int = 1) -> dict:
        """The count-th prompt message posted in a channel (the REST payload and the stored message)."""
        cid = channel_id or self.cid
        await self.fake.wait_until(lambda: len(self.prompt_messages(cid)) >= count, what="prompt post")
        message = self.prompt_messages(cid)[count - 1]
        await self.fake.wait_until(lambda: message["id"] in self.fake.channels, what="prompt thread")
        await self.until(lambda: self.pending_posts() == 0, what="posts marked posted")
        return message

    def prompt_messages(self, cid: str) -> list[dict]:
        return [m for m in self.fake.messages[cid] if any(
            c.get("custom_id", "").startswith("hs:answer:") for row in m["components"] for c in row["components"])]

    def pending_posts(self) -> int:
        return self.db.execute("SELECT count(*) FROM posts WHERE status = 'pending'").fetchone()[0]

    def answers(self) -> list[dict]:
        return [dict(r) for r in self.db.query("SELECT * FROM answers ORDER BY id")]

    async def until(self, predicate, timeout: float = 5.0, what: str = "a condition") -> None:
        """Wait until ``predicate()`` about the *bot's* state (rows, adapter state, discord.py's
        cache) holds.  Nothing notifies on those, so this re-checks every 10 ms; for the fake's
        own state use ``fake.wait_for``/``fake.wait_until``, which wait on its condition."""
        async def check() -> None:
            while not predicate():
                await asyncio.sleep(0.01)
        try:
            await asyncio.wait_for(check(), timeout)
        except asyncio.TimeoutError:
            raise asyncio.TimeoutError(f"timed out after {timeout}s waiting for {what}") from None

    async def idle(self) -> None:
        """Let queued events and background flushes run."""
        for _ in range(5):
            await asyncio.sleep(0)
        if self.runtime is not None:
            await self.runtime.flush()


def default_option(sub: str) -> str:
    return {"answer": "text", "digest": "which", "search": "words", "setup": "code", "settings": "changes",
            "prompts": "action", "export": "format"}.get(sub, "text")


def message_payloads(fake: FakeDiscord) -> list[tuple[str, str, dict]]:
    """Every request the bot made that creates or edits a message: (method, path, body)."""
    out = []
    for r in fake.requests:
        body = r.body
        if r.route == "POST /interactions/{iid}/{token}/callback":
            if body and body.get("type") in (4, 7):
                out.append((r.method, r.path, body["data"]))
        elif isinstance(body, dict) and ("content" in body or "embeds" in body) and r.method in ("POST", "PATCH"):
            out.append((r.method, r.path, body))
    return out


def assert_no_mentions(fake: FakeDiscord) -> int:
    """Every message payload the bot sent carries allowed_mentions with parse=[] and no ids."""
    payloads = message_payloads(fake)
    for method, path, body in payloads:
        mentions = body.get("allowed_mentions")
        assert mentions is not None, f"{method} {path} has no allowed_mentions"
        assert mentions.get("parse") == [], (method, path, mentions)
        assert not mentions.get("users") and not mentions.get("roles") and not mentions.get("replied_user")
    return len(payloads)
