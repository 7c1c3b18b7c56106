"""A loopback fake of Slack's platform for tests: Web API, Socket Mode, response_url, uploads.

The real ``slack_sdk`` / ``slack_bolt`` clients talk to it over real sockets on 127.0.0.1::

    async with FakeSlack() as fake:
        client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
        app = AsyncApp(token="xoxb-test", client=client)
        handler = AsyncSocketModeHandler(app, "xapp-1-test")
        await handler.connect_async()
        await fake.wait_connected()
        env = await fake.send_envelope("slash_commands", slash_command(
            "hi", response_url=fake.response_url("cmd1")))
        ack = await fake.wait_ack(env)
        post = await fake.wait_for("chat.postMessage")
        reply = await fake.wait_for("response_url", key="cmd1")
        await handler.close_async()

Recording, waiting and fault injection come from :class:`tests.fakes.loopback.LoopbackServer`
(``calls``, ``last``, ``records``, ``wait_for``, ``wait_until``, ``fail_next``, ``clear``). The
routes are the Web API method names (``"chat.postMessage"``), ``"response_url"`` (a POST to
:meth:`FakeSlack.response_url`, path parameter ``key``) and ``"upload"`` (the file bytes of
``files.getUploadURLExternal``, path parameter ``file_id``). The payload builders
(``slash_command``, ``block_actions``, ``message_event``, ``post_signed``...) live in
:mod:`tests.fakes.slack_payloads` and are re-exported here.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
import uuid
from typing import Any, Callable

from aiohttp import WSMsgType, web

from .loopback import LoopbackServer, json_response
from .slack_payloads import *  # noqa: F401,F403  (re-export the builders)
from .slack_payloads import (APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID,
                             user_object, view_object)

# Form fields that slack_sdk JSON-encodes; decoded so JSON and form calls look alike.
_JSON_FIELDS = ("blocks", "attachments", "view", "files", "metadata", "users_list")


def _err(error: str) -> dict:
    return {"ok": False, "error": error}


class FakeSlack(LoopbackServer):
    """An aiohttp server that answers like slack.com for one workspace.

    Public state (all plain lists/dicts, safe to inspect or pre-fill in a test):

    * ``requests``: every request as a :class:`~tests.fakes.loopback.Call`, in order, including
      failed, rate-limited and unknown ones. For a Web API call the payload merges query string,
      form or JSON body, and ``token`` (taken from the ``Authorization: Bearer`` header when
      not in the body); for ``response_url`` it is the posted JSON (or text).
    * ``users``: ``{user_id: overrides}`` merged over a default ``users.info`` user
      (``profile`` is merged key by key), e.g. ``fake.users["U1"] = {"is_admin": True}``.
    * ``bad_tokens``: tokens answered with ``invalid_auth`` on every method.
    * ``messages``: ``{(channel, ts): message}`` posted/updated by the app (deleted ones removed).
    * ``views``: ``{view_id: view}`` opened/pushed/updated/published by the app.
    * ``homes``: ``{user_id: view}``, the Home tab last published for each user (views.publish).
    * ``uploads``: completed file uploads, dicts with ``file_id, filename, title,
      channel_id, content (bytes), initial_comment, thread_ts``.
    * ``envelopes`` sent, ``acks`` (``{envelope_id: ack message}``), ``received``
      (every JSON message the Socket Mode client sent), ``connections_opened``,
      ``sockets_refused`` (see :meth:`refuse_next_sockets`).
    """

    def __init__(self, *, team_id: str = TEAM_ID, team_name: str = "Hindsight HQ",
                 bot_user_id: str = BOT_USER_ID, bot_id: str = BOT_ID,
                 app_id: str = APP_ID, start_ts: float | None = None) -> None:
        super().__init__()
        self.team_id, self.team_name, self.app_id = team_id, team_name, app_id
        self.bot_user_id, self.bot_id = bot_user_id, bot_id
        self.users: dict[str, dict] = {}
        self.bad_tokens: set[str] = set()
        self.messages: dict[tuple[str, str], dict] = {}
        self.views: dict[str, dict] = {}
        self.homes: dict[str, dict] = {}
        self.uploads: list[dict] = []
        self.envelopes: list[dict] = []
        self.acks: dict[str, dict] = {}
        self.received: list[dict] = []
        self.connections_opened = 0
        self.sockets_refused = 0
        self.muted = False
        self._refuse_sockets = 0
        self._pending_files: dict[str, dict] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._seq = itertools.count(1)
        self._ts_us = int((start_ts if start_ts is not None else time.time()) * 1e6) // 100 * 100

    name = "FakeSlack"

    # ------------------------------------------------------------------ lifecycle
    def add_routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/link", self._ws)
        app.router.add_get("/link/", self._ws)
        app.router.add_post("/upload/v1/{file_id}", self._upload)
        app.router.add_post("/response/{key}", self._response)

    async def close_connections(self) -> None:
        await self.drop_connections()

    # ------------------------------------------------------------------ addresses
    @property
    def base_url(self) -> str:
        """Web API base URL for ``AsyncWebClient(base_url=...)`` (ends with ``/api/``)."""
        return f"{self.url}/api/"

    @property
    def ws_url(self) -> str:
        """Socket Mode URL returned by ``apps.connections.open``."""
        return f"ws://127.0.0.1:{self.port}/link"

    def response_url(self, key: str) -> str:
        """A response_url on the fake; what is POSTed to it is recorded as route ``"response_url"``
        with the path parameter ``key``: ``fake.calls("response_url", key=key)``."""
        return f"{self.url}/response/{key}"

    def next_ts(self) -> str:
        """A unique, increasing message ts like ``"1700000000.000100"``."""
        self._ts_us += 100
        return f"{self._ts_us // 1_000_000}.{self._ts_us % 1_000_000:06d}"

    # ------------------------------------------------------------------ faults
    def fault_defaults(self, status: int) -> tuple[Any, dict[str, str]]:
        """Slack's shapes: ``{"ok": false, "error": ...}``; a 429 says ``Retry-After: 1``."""
        if status == 429:
            return _err("ratelimited"), {"Retry-After": "1"}
        return _err("internal_error" if status >= 500 else "channel_not_found"), {}

    # ------------------------------------------------------------------ Socket Mode
    async def wait_connected(self, timeout: float = 5.0) -> None:
        """Wait until a Socket Mode client is connected (its hello was sent)."""
        await self.wait_until(lambda: any(not ws.closed for ws in self._sockets), timeout,
                             "a Socket Mode connection")

    async def send_envelope(self, type: str, payload: dict, retry_attempt: int = 0,
                            retry_reason: str = "", accepts_response_payload: bool | None = None,
                            timeout: float = 5.0) -> str:
        """Send an envelope (``events_api``, ``slash_commands``, ``interactive``) on the
        newest connection; return its envelope_id. Waits up to ``timeout`` for a connection."""
        ws = await self._socket(timeout)
        envelope_id = str(uuid.uuid4())
        if accepts_response_payload is None:
            accepts_response_payload = type != "events_api"
        envelope = {"envelope_id": envelope_id, "type": type, "payload": payload,
                    "accepts_response_payload": accepts_response_payload,
                    "retry_attempt": retry_attempt, "retry_reason": retry_reason}
        self.envelopes.append(envelope)
        await ws.send_json(envelope)
        return envelope_id

    async def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> dict:
        """Wait for the client's ack ``{"envelope_id": ..., ["payload": ...]}`` and return it."""
        await self.wait_until(lambda: envelope_id in self.acks, timeout, f"ack of {envelope_id}")
        return self.acks[envelope_id]

    async def send_disconnect(self, reason: str = "refresh_requested", timeout: float = 5.0) -> None:
        """Send Slack's ``disconnect`` message; slack_sdk then reconnects via apps.connections.open."""
        ws = await self._socket(timeout)
        await ws.send_json({"type": "disconnect", "reason": reason,
                            "debug_info": {"host": "applink-fake-1"}})

    async def drop_connections(self) -> None:
        """Close every Socket Mode websocket from the server side (code 1001)."""
        for ws in list(self._sockets):
            with contextlib.suppress(asyncio.TimeoutError, ConnectionError):
                await asyncio.wait_for(ws.close(code=1001, message=b"going away"), 2.0)

    def mute(self, muted: bool = True) -> None:
        """Stop (or resume) answering the client's pings: a half-open link that says nothing."""
        self.muted = muted

    def refuse_next_sockets(self, count: int = 1) -> None:
        """Answer the next ``count`` websocket connections with HTTP 503 (the link is down)."""
        self._refuse_sockets += count

    async def _socket(self, timeout: float) -> web.WebSocketResponse:
        await self.wait_connected(timeout)
        return [ws for ws in self._sockets if not ws.closed][-1]

    async def _ws(self, request: web.Request) -> web.StreamResponse:
        if self._refuse_sockets > 0:
            self._refuse_sockets -= 1
            self.sockets_refused += 1
            await self.notify()
            return web.Response(status=503, text="service unavailable", content_type="text/plain")
        ws = web.WebSocketResponse(autoping=False)  # pings answered below, unless muted
        await ws.prepare(request)
        self.connections_opened += 1
        await ws.send_json({
            "type": "hello", "num_connections": len(self._sockets) + 1,
            "debug_info": {"host": "applink-fake-1", "build_number": 107,
                           "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        })
        self._sockets.append(ws)  # only after hello, so envelopes never overtake it
        try:
            await self.notify()
            async for msg in ws:
                if msg.type == WSMsgType.PING:
                    if not self.muted:
                        await ws.pong(msg.data)
                    continue
                if msg.type != WSMsgType.TEXT:
                    continue
                with contextlib.suppress(ValueError):
                    data = json.loads(msg.data)
                    self.received.append(data)
                    if isinstance(data, dict) and "envelope_id" in data:
                        self.acks[data["envelope_id"]] = data
                    await self.notify()
        except ConnectionError:
            pass
        finally:
            self._sockets.remove(ws)
            await self.notify()
        return ws

    # ------------------------------------------------------------------ HTTP handlers
    async def _response(self, request: web.Request) -> web.StreamResponse:
        try:
            body: Any = await request.json()
        except ValueError:
            body = await request.text()

        async def ok() -> web.Response:
            return web.Response(text="ok", content_type="text/plain")

        return await self.serve("response_url", request, body, ok)

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        if request.content_type == "multipart/form-data":
            form = await request.post()
            part = next((v for v in form.values() if isinstance(v, web.FileField)), None)
            content = part.file.read() if part is not None else b""
        else:
            content = await request.read()

        async def store() -> web.Response:
            pending = self._pending_files.get(request.match_info["file_id"])
            if pending is None:
                return web.Response(status=404, text="file_not_found", content_type="text/plain")
            pending["content"] = content
            return web.Response(text=f"OK - {len(content)}", content_type="text/plain")

        return await self.serve("upload", request, None, store, files=(("", request.content_type, content),))

    async def _read_params(self, request: web.Request) -> dict:
        params: dict[str, Any] = dict(request.query)
        if request.body_exists:
            if request.content_type == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    params.update(body)
            elif request.content_type in ("application/x-www-form-urlencoded",
                                          "multipart/form-data"):
                for k, v in (await request.post()).items():
                    params[k] = v.file.read() if isinstance(v, web.FileField) else v
        for k in _JSON_FIELDS:
            v = params.get(k)
            if isinstance(v, str) and v[:1] in ("[", "{"):
                with contextlib.suppress(ValueError):
                    params[k] = json.loads(v)
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and "token" not in params:
            params["token"] = auth[len("Bearer "):]
        return params

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        try:
            params = await self._read_params(request)
        except ValueError:  # malformed JSON body
            async def invalid() -> web.Response:
                return json_response(_err("invalid_json"))
            return await self.serve(method, request, {}, invalid, params={})

        async def answer() -> web.Response:
            return self._answer(method, params)

        return await self.serve(method, request, params, answer, params={})

    def _answer(self, method: str, params: dict) -> web.Response:
        token = params.get("token")
        if not token or token in self.bad_tokens:
            return json_response(_err("invalid_auth" if token else "not_authed"))
        handler: Callable[[dict], dict] | None = getattr(
            self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return json_response(_err("unknown_method"))
        result = handler(params)
        return json_response(result if "ok" in result else {"ok": True, **result})


    # ------------------------------------------------------------------ Web API methods
    def _m_auth_test(self, p: dict) -> dict:
        return {"url": f"https://{TEAM_DOMAIN}.slack.com/", "team": self.team_name,
                "user": "hindsight", "team_id": self.team_id, "user_id": self.bot_user_id,
                "bot_id": self.bot_id, "is_enterprise_install": False}

    def _m_apps_connections_open(self, p: dict) -> dict:
        if not str(p.get("token", "")).startswith("xapp-"):
            return _err("invalid_auth")
        return {"url": self.ws_url}

    def _channel(self, channel: str) -> str:
        return "D" + channel if channel[:1] in ("U", "W") else channel  # DM by user id

    def _bot_message(self, p: dict, ts: str) -> dict:
        msg = {"user": self.bot_user_id, "type": "message", "ts": ts, "bot_id": self.bot_id,
               "app_id": self.app_id, "text": p.get("text", ""), "team": self.team_id,
               "blocks": p.get("blocks") or []}
        if p.get("thread_ts"):
            msg["thread_ts"] = str(p["thread_ts"])
        return msg

    def _m_chat_postMessage(self, p: dict) -> dict:
        channel = self._channel(str(p.get("channel", "")))
        if not channel:
            return _err("channel_not_found")
        if not (p.get("text") or p.get("blocks") or p.get("attachments")):
            return _err("no_text")
        ts = self.next_ts()
        self.messages[(channel, ts)] = msg = self._bot_message(p, ts)
        return {"channel": channel, "ts": ts, "message": msg}

    def _m_chat_postEphemeral(self, p: dict) -> dict:
        if not p.get("channel") or not p.get("user"):
            return _err("channel_not_found" if not p.get("channel") else "user_not_in_channel")
        return {"message_ts": self.next_ts()}

    def _m_chat_update(self, p: dict) -> dict:
        channel, ts = self._channel(str(p.get("channel", ""))), str(p.get("ts", ""))
        if not channel or not ts:
            return _err("message_not_found")
        msg = self._bot_message(p, ts)
        msg["edited"] = {"user": self.bot_user_id, "ts": self.next_ts()}
        self.messages[(channel, ts)] = msg
        return {"channel": channel, "ts": ts, "text": msg["text"], "message": msg}

    def _m_chat_delete(self, p: dict) -> dict:
        channel, ts = self._channel(str(p.get("channel", ""))), str(p.get("ts", ""))
        self.messages.pop((channel, ts), None)
        return {"channel": channel, "ts": ts}

    def _view(self, p: dict, view_id: str | None = None) -> dict:
        view_id = view_id or f"V{next(self._seq):010d}"
        self.views[view_id] = out = view_object(
            p.get("view") or {}, view_id, self.team_id, self.app_id, self.bot_id)
        return {"view": out}

    def _m_views_open(self, p: dict) -> dict:
        return self._view(p) if p.get("trigger_id") else _err("invalid_trigger_id")

    _m_views_push = _m_views_open

    def _m_views_update(self, p: dict) -> dict:
        if not p.get("view_id") and not p.get("external_id"):
            return _err("not_found")
        return self._view(p, p.get("view_id"))

    def _m_views_publish(self, p: dict) -> dict:
        """A user's Home tab: ``user_id`` and a ``view`` of type home (at most 100 blocks)."""
        user, view = str(p.get("user_id") or ""), p.get("view")
        if not user:
            return _err("user_not_found")
        if not isinstance(view, dict) or view.get("type") != "home":
            return _err("invalid_arguments")
        if len(view.get("blocks") or []) > 100:
            return _err("invalid_blocks")
        known = next((vid for vid, v in self.views.items() if v.get("type") == "home"
                      and v.get("_user") == user), None)
        out = self._view(p, known)["view"]
        out["_user"] = user
        self.homes[user] = out
        return {"view": {k: v for k, v in out.items() if k != "_user"}}

    def _m_conversations_open(self, p: dict) -> dict:
        users = p.get("users") or ""
        first = ((users.split(",") if isinstance(users, str) else list(users)) or [""])[0].strip()
        channel = p.get("channel") or ("D" + first if first else "")
        if not channel:
            return _err("users_list_not_supplied")
        return {"no_op": False, "already_open": False, "channel": {"id": channel}}

    def _m_users_info(self, p: dict) -> dict:
        uid = str(p.get("user", ""))
        if not uid:
            return _err("user_not_found")
        return {"user": user_object(uid, self.team_id, self.users.get(uid))}

    def _m_team_info(self, p: dict) -> dict:
        return {"team": {"id": self.team_id, "name": self.team_name, "domain": TEAM_DOMAIN,
                         "url": f"https://{TEAM_DOMAIN}.slack.com/", "email_domain": "",
                         "icon": {"image_default": True}, "is_verified": False}}

    def _m_files_getUploadURLExternal(self, p: dict) -> dict:
        if not p.get("filename") or not p.get("length"):
            return _err("invalid_arguments")
        file_id = f"F{next(self._seq):010d}"
        self._pending_files[file_id] = {"filename": p["filename"], "content": None}
        return {"upload_url": f"{self.url}/upload/v1/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, p: dict) -> dict:
        files = p.get("files") or []
        if not isinstance(files, list) or any(f.get("id") not in self._pending_files
                                              for f in files):
            return _err("invalid_arguments")
        channels = [c for c in str(p.get("channels") or "").split(",") if c]
        channel_id = p.get("channel_id") or (channels[0] if channels else None)
        out = []
        for f in files:
            pend = self._pending_files.pop(f["id"])
            content = pend["content"] or b""
            self.uploads.append({
                "file_id": f["id"], "filename": pend["filename"],
                "title": f.get("title") or pend["filename"], "channel_id": channel_id,
                "content": content, "initial_comment": p.get("initial_comment"),
                "thread_ts": p.get("thread_ts")})
            out.append({"id": f["id"], "created": int(time.time()), "name": pend["filename"],
                        "title": f.get("title") or pend["filename"], "user": self.bot_user_id,
                        "size": len(content), "mimetype": "text/plain",
                        "url_private": f"{self.url}/files/{f['id']}",
                        "permalink": f"https://{TEAM_DOMAIN}.slack.com/files/{f['id']}"})
        return {"files": out}
