"""A loopback fake of Discord (gateway websocket + REST API v10) for driving the real discord.py.

Typical use (see tests/test_fake_discord_smoke.py)::

    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="Founders", channels=["general", "reflections"])
        with pointed_at(fake):                        # tests/fakes/discord_patch.py
            client = discord.Client(intents=..., chunk_guilds_at_startup=False)
            await client.login("any-token")
            task = asyncio.create_task(client.connect())
            await fake.wait_identified()
            ...
            await fake.dispatch("INTERACTION_CREATE", slash_interaction(fake.app_id, ...))
            body = await fake.wait_for("POST /interactions/{iid}/{token}/callback")
            await client.close()

Recording, waiting and fault injection come from :class:`tests.fakes.loopback.LoopbackServer`
(``calls``, ``last``, ``records``, ``wait_for``, ``wait_until``, ``fail_next``, ``clear``).  A route is
named ``"METHOD /template"`` after the table in :mod:`tests.fakes.discord_rest`, for example
``"POST /channels/{cid}/messages"``; filter on path parameters with keywords:
``fake.calls("POST /channels/{cid}/messages", cid=channel_id)``.

What it records (all ids are decimal strings):
  * ``requests``: every REST call as a :class:`~tests.fakes.loopback.Call`; its path is relative
    to /api/v10, without the query; its body is the JSON (for multipart, ``payload_json``).
  * ``messages[channel_id]``: messages that exist in a channel, whether posted through REST, by
    non-ephemeral interaction responses/follow-ups, or dispatched as MESSAGE_CREATE.
  * ``callbacks``: interaction callbacks ``{"interaction_id", "token", "type", "data"}``.
  * ``original_responses[token]`` / ``followups[token]``: the messages of each interaction.
  * ``uploads``: files sent as multipart (``Upload(channel_id, message_id, filename, content_type, data)``).
  * ``commands[None]`` (global) / ``commands[guild_id]``: the synced application commands.
  * ``identify_payloads`` / ``resume_payloads`` / ``gateway_received``: what clients sent on the gateway.

Behaviour a bot must cope with, as on real Discord: callbacks/follow-ups need an interaction
dispatched first (else 404, 10062/10015) and can be acknowledged once (then 400, 40060); unknown
channels/messages give 404 (10003/10008); an empty message 400 (50006), content over 2000
characters 400 (50035); editing another user's message 403 (50005); a thread started from a
message has the message's id; DMs to users in ``closed_dms`` give 403 (50007).

discord.py retries REST 500/502/504 (and webhook/interaction >= 500) after 1 s, 3 s, ... on the
real clock, so ``fail_next(route, 500)`` only delays the call by 1 s.  To fail fast,
inject a 4xx or, on plain REST routes, 503 (-> DiscordServerError).
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from typing import Any

from aiohttp import WSMsgType, web

from . import discord_payloads as P
from .discord_rest import RestRoutes, Upload
from .loopback import Call, LoopbackServer

PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT
__all__ = ["FakeDiscord", "Call", "Upload", "PRIVILEGED_INTENTS"]


class _Conn:
    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws, self.seq, self.session_id, self.ready = ws, 0, None, False
        self.lock = asyncio.Lock()

    async def send(self, op: int, d: Any = None, t: str | None = None, s: int | None = None) -> None:
        async with self.lock:
            if not self.ws.closed:
                await self.ws.send_str(json.dumps({"op": op, "d": d, "s": s, "t": t}))

    async def dispatch(self, event: str, data: Any) -> None:
        self.seq += 1
        await self.send(0, data, event, self.seq)


class FakeDiscord(RestRoutes, LoopbackServer):
    """Discord on 127.0.0.1: REST under ``/api/v10`` and the gateway under ``/gateway/``.

    ``bot_id``/``app_id`` default to one fresh snowflake (real bots share the id).  Start it with
    ``await start()`` / ``await stop()`` or ``async with``.  Close discord.py clients before
    stopping the fake, or they will try to reconnect.
    """

    def __init__(self, *, bot_name: str = "Hindsight", bot_id: str | int | None = None,
                 app_id: str | int | None = None, heartbeat_interval_ms: int = 41250) -> None:
        super().__init__()
        self.bot_user = P.user(bot_id, bot_name, bot=True)
        self.bot_user.update(verified=True, mfa_enabled=False, locale="en-US")
        self.bot_id: str = self.bot_user["id"]
        self.app_id: str = str(app_id or self.bot_id)
        self.owner = P.user(None, "owner")
        self.heartbeat_interval_ms = heartbeat_interval_ms
        # Knobs.
        self.bad_token = False  #: /users/@me answers 401 (LoginFailure) and IDENTIFY is closed with 4004.
        self.privileged_refused = False  #: IDENTIFY with privileged intents is closed with 4014.
        self.closed_dms: set = set()  #: user ids whose DM channel refuses messages (403, code 50007).
        self.echo_own_messages = False  #: also dispatch MESSAGE_CREATE for messages the bot posts.
        self.gateway_down = False  #: the gateway refuses new websockets (HTTP 503), as in an outage.
        # World state.
        self.guilds: dict[str, dict] = {}
        self.channels: dict[str, dict] = {}
        self.users: dict[str, dict] = {self.bot_id: self.bot_user}
        self.dm_channels: dict[str, dict] = {}
        self.messages: dict[str, list[dict]] = defaultdict(list)
        self.commands: dict[str | None, list[dict]] = {}
        self.interactions: dict[str, dict] = {}  # token -> INTERACTION_CREATE payload
        self.callbacks: list[dict] = []
        self.original_responses: dict[str, dict] = {}
        self.followups: dict[str, list[dict]] = defaultdict(list)
        self.uploads: list[Upload] = []
        self.reactions: list[tuple[str, str, str, str]] = []  # (method, channel, message, emoji)
        self._blobs: dict[str, tuple[str, bytes]] = {}
        # Records (``requests`` is the base's).
        self.identify_payloads: list[dict] = []
        self.resume_payloads: list[dict] = []
        self.gateway_received: list[dict] = []
        self.gateway_queries: list[dict] = []
        self._conns: set[_Conn] = set()
        self._sessions: set[str] = set()
        self._ready_count = 0

    name = "FakeDiscord"

    # ------------------------------------------------------------------ lifecycle
    def add_routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/api/v10/{tail:.*}", self._handle_rest)
        app.router.add_get("/gateway", self._handle_gateway)
        app.router.add_get("/gateway/", self._handle_gateway)
        app.router.add_get("/attachments/{cid}/{aid}/{name}", self._handle_attachment)

    async def close_connections(self) -> None:
        """Close every gateway websocket (code 1001)."""
        for conn in list(self._conns):
            await conn.ws.close(code=1001, message=b"fake stopping")
        self._conns.clear()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return self.url

    @property
    def api_url(self) -> str:
        """The value for ``discord.http.Route.BASE``."""
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (as a yarl.URL)."""
        return f"ws://127.0.0.1:{self.port}/gateway/"

    # ------------------------------------------------------------------ world building
    def add_user(self, id: str | int | None = None, name: str = "user") -> dict:
        """Create (or return the known) user object."""
        if id is not None and str(id) in self.users:
            return self.users[str(id)]
        u = P.user(id, name)
        self.users[u["id"]] = u
        return u

    def add_guild(self, guild_id: str | int | None = None, name: str = "Test Guild", *,
                  channels: list[str | dict] | None = None, members: list[dict] | None = None,
                  roles: list[dict] | None = None, owner: dict | None = None) -> dict:
        """Add a guild sent as GUILD_CREATE after every IDENTIFY; returns the guild object.

        ``channels``: names (text channels) or channel dicts (``discord_payloads.channel(...)``);
        default ``["general"]``.  ``members``: user or member dicts; the bot and the owner are
        always members.  ``roles``: extra role dicts (``discord_payloads.role``); the @everyone role
        (id = guild id) is added.  Use ``guild["channels"]``/``fake.channel_named`` to get ids.
        """
        gid = str(guild_id or P.snowflake())
        owner = owner or self.owner
        self.users.setdefault(owner["id"], owner)
        everyone = P.role(gid, "@everyone", permissions=P.MEMBER_PERMISSIONS, position=0)
        chans = []
        for i, c in enumerate(channels if channels is not None else ["general"]):
            ch = P.channel(None, c, guild_id=gid, position=i) if isinstance(c, str) else {**c, "guild_id": gid}
            self.channels[ch["id"]] = ch
            chans.append(ch)
        mems = [P.member(self.bot_user), P.member(owner)]
        for m in members or []:
            m = m if "user" in m else P.member(m)
            self.users.setdefault(m["user"]["id"], m["user"])
            mems.append(m)
        text = [c["id"] for c in chans if c["type"] == P.GUILD_TEXT]
        guild = {
            "id": gid, "name": name, "icon": None, "splash": None, "discovery_splash": None, "banner": None,
            "description": None, "owner_id": owner["id"], "afk_channel_id": None, "afk_timeout": 300,
            "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
            "roles": [everyone, *(roles or [])], "emojis": [], "stickers": [], "features": [], "mfa_level": 0,
            "application_id": None, "system_channel_id": text[0] if text else None, "system_channel_flags": 0,
            "rules_channel_id": None, "public_updates_channel_id": None, "safety_alerts_channel_id": None,
            "vanity_url_code": None, "premium_tier": 0, "premium_subscription_count": 0, "preferred_locale": "en-US",
            "nsfw_level": 0, "nsfw": False, "premium_progress_bar_enabled": False, "max_members": 500000,
            "max_video_channel_users": 25, "joined_at": P.now_iso(), "large": False, "unavailable": False,
            "member_count": len(mems), "lazy": True, "voice_states": [], "members": mems, "channels": chans,
            "threads": [], "presences": [], "stage_instances": [], "guild_scheduled_events": [],
            "soundboard_sounds": [], "incidents_data": None,
        }
        self.guilds[gid] = guild
        return guild

    def add_thread(self, guild_id: str | int, parent_id: str | int, name: str = "thread",
                   thread_id: str | int | None = None) -> dict:
        """Add an active public thread (sent in GUILD_CREATE ``threads``).  After the client is
        ready, also ``await fake.dispatch("THREAD_CREATE", thread)`` so discord.py caches it."""
        t = P.thread(thread_id, name, guild_id=guild_id, parent_id=parent_id, owner_id=self.owner["id"])
        self.guilds[str(guild_id)]["threads"].append(t)
        self.channels[t["id"]] = t
        return t

    def channel_named(self, guild_id: str | int, name: str) -> dict:
        """The channel (or thread) called ``name`` in a guild."""
        return next(c for c in self.channels.values() if c.get("guild_id") == str(guild_id) and c.get("name") == name)

    def command_id(self, name: str, guild_id: str | int | None = None) -> str:
        """The id the fake gave to a synced command (for ``slash_interaction(command_id=...)``)."""
        return next(c["id"] for c in self.commands.get(_opt(guild_id), []) if c["name"] == name)

    # ------------------------------------------------------------------ waiting & faults
    def fault_defaults(self, status: int) -> tuple[Any, dict[str, str]]:
        """Discord's shapes ``{"message", "code"}``; a 429 has ``retry_after`` 0.01 and the ``Via``
        header discord.py requires (else it takes the 429 for a Cloudflare ban).  Mind discord.py's
        retries of 5xx (see the module docstring)."""
        if status == 429:
            return {"message": "You are being rate limited.", "retry_after": 0.01, "global": False}, \
                {"Via": "1.1 google"}
        return {"message": f"{status}: injected failure", "code": 0}, {}

    async def wait_identified(self, timeout: float = 5.0, count: int = 1) -> dict:
        """Wait until ``count`` IDENTIFYs were answered with READY (+ GUILD_CREATEs); return the
        last IDENTIFY ``d`` (``["intents"]`` holds the intents)."""
        await self.wait_until(lambda: self._ready_count >= count, timeout, f"{count} identified session(s)")
        return self.identify_payloads[-1]

    # ------------------------------------------------------------------ gateway
    @property
    def connected(self) -> int:
        """How many gateway sessions are connected and past READY/RESUMED."""
        return sum(1 for c in self._conns if c.ready and not c.ws.closed)

    async def dispatch(self, event: str, data: dict) -> int:
        """Send ``{"op": 0, "t": event, "s": n, "d": data}`` to every ready session; returns how many.

        Raises RuntimeError when no client is ready (a dispatch nobody receives is a test bug).
        The fake's state follows: MESSAGE_CREATE/UPDATE/DELETE change ``messages``,
        INTERACTION_CREATE registers the token (needed for callbacks and follow-ups),
        THREAD_CREATE/CHANNEL_CREATE register the channel.
        """
        conns = [c for c in self._conns if c.ready and not c.ws.closed]
        if not conns:
            raise RuntimeError(f"FakeDiscord.dispatch({event}): no gateway session is ready")
        self._observe(event, data)
        for conn in conns:
            await conn.dispatch(event, data)
        await self.notify()
        return len(conns)

    async def send_reconnect(self) -> None:
        """Send op 7 RECONNECT to every session; discord.py then reconnects and RESUMEs."""
        for conn in list(self._conns):
            await conn.send(7)

    async def send_raw(self, text: str) -> int:
        """Send one raw TEXT frame (for example, something that is not JSON) to every ready session."""
        conns = [c for c in self._conns if c.ready and not c.ws.closed]
        for conn in conns:
            async with conn.lock:
                await conn.ws.send_str(text)
        await self.notify()
        return len(conns)

    async def close_sessions(self, code: int, message: bytes = b"") -> None:
        """Close every gateway session with ``code`` (4004: authentication failed; 1001: going away)."""
        for conn in list(self._conns):
            await conn.ws.close(code=code, message=message)
        await self.notify()

    def _observe(self, event: str, d: dict) -> None:
        if event == "INTERACTION_CREATE":
            self.interactions[d["token"]] = d
            u = d.get("user") or d.get("member", {}).get("user")
            if u:
                self.users.setdefault(u["id"], u)
        elif event == "MESSAGE_CREATE":
            self.users.setdefault(d["author"]["id"], d["author"])
            self._store_message(d)
        elif event == "MESSAGE_UPDATE":
            found = self._find_message(d["id"])
            if found:
                found.update(d)
        elif event == "MESSAGE_DELETE":
            self.messages[d["channel_id"]] = [m for m in self.messages[d["channel_id"]] if m["id"] != d["id"]]
        elif event in ("THREAD_CREATE", "CHANNEL_CREATE"):
            self.channels[d["id"]] = d

    async def _handle_gateway(self, request: web.Request) -> web.StreamResponse:
        self.gateway_queries.append(dict(request.query))
        if self.gateway_down:
            await self.notify()
            return web.Response(status=503, text="gateway unavailable")
        ws = web.WebSocketResponse(timeout=2.0)
        await ws.prepare(request)
        conn = _Conn(ws)
        self._conns.add(conn)
        try:
            await conn.send(10, {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["fake-gateway"]})
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_gateway_message(conn, json.loads(msg.data))
        finally:
            self._conns.discard(conn)
            await self.notify()
        return ws

    async def _on_gateway_message(self, conn: _Conn, payload: dict) -> None:
        op, d = payload.get("op"), payload.get("d")
        self.gateway_received.append(payload)
        if op == 1:
            await conn.send(11)
        elif op == 2:
            await self._on_identify(conn, d)
        elif op == 6:
            self.resume_payloads.append(d)
            if d.get("session_id") in self._sessions:
                conn.session_id, conn.seq, conn.ready = d["session_id"], d.get("seq") or 0, True
                await conn.dispatch("RESUMED", {"_trace": ["fake-gateway"]})
            else:
                await conn.send(9, False)
        elif op == 8:
            guild = self.guilds.get(str(d.get("guild_id")))
            if guild:
                await conn.dispatch("GUILD_MEMBERS_CHUNK", {
                    "guild_id": guild["id"], "members": guild["members"], "chunk_index": 0, "chunk_count": 1,
                    "not_found": [], "nonce": d.get("nonce")})
        await self.notify()

    async def _on_identify(self, conn: _Conn, d: dict) -> None:
        self.identify_payloads.append(d)
        if self.bad_token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        if self.privileged_refused and int(d.get("intents", 0)) & PRIVILEGED_INTENTS:
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        conn.session_id = P.session_id()
        self._sessions.add(conn.session_id)
        await conn.dispatch("READY", {
            "v": 10, "user": self.bot_user, "session_id": conn.session_id, "session_type": "normal",
            "resume_gateway_url": self.gateway_url, "shard": d.get("shard") or [0, 1],
            "guilds": [{"id": gid, "unavailable": True} for gid in self.guilds],
            "application": {"id": self.app_id, "flags": 0}, "private_channels": [], "relationships": [],
            "presences": [], "guild_join_requests": [], "user_settings": {}, "geo_ordered_rtc_regions": [],
            "_trace": ["fake-gateway"]})
        for guild in self.guilds.values():
            await conn.dispatch("GUILD_CREATE", guild)
        conn.ready = True
        self._ready_count += 1


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)
