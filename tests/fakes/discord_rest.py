"""The REST half of :class:`tests.fakes.discord_server.FakeDiscord` (a mixin; state lives there).

Each route is named ``"METHOD /template"`` (``"PATCH /webhooks/{app}/{token}/messages/{mid}"``); that
name is what ``calls``/``wait_for``/``fail_next`` take, and the ``{parameters}`` are the keywords
they filter on.  Ids match digits only; ``token`` and ``emoji`` match one path segment, and a webhook
message id may be ``@original``.

Every response body is JSON with ``Content-Type: application/json`` exactly (discord.py only parses
that exact value; aiohttp's ``json_response`` would add ``; charset=utf-8``).  Bodiless answers are
204 with no Content-Type (discord.py would try to parse an empty body labelled JSON).  Errors use
Discord's shape ``{"message": ..., "code": ...}``.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from aiohttp import web

from . import discord_payloads as P
from .loopback import json_response

EPHEMERAL, LOADING = 1 << 6, 1 << 7
MAX_CONTENT = 2000


class Upload(NamedTuple):
    """A file received as ``files[n]`` of a multipart request."""
    channel_id: str | None
    message_id: str | None
    filename: str
    content_type: str
    data: bytes


def error(status: int, message: str, code: int, **extra: Any) -> web.Response:
    """A Discord error body, e.g. ``error(403, "Cannot send messages to this user", 50007)``."""
    return json_response({"message": message, "code": code, **extra}, status)


def no_content() -> web.Response:
    return web.Response(status=204)


_ROUTES: list[tuple[str, str, str]] = [
    ("GET", "/users/@me", "_r_me"),
    ("GET", "/oauth2/applications/@me", "_r_app"),
    ("GET", "/gateway", "_r_gateway"),
    ("GET", "/gateway/bot", "_r_gateway_bot"),
    ("GET|PUT", "/applications/{app}/commands", "_r_commands"),
    ("GET|PUT", "/applications/{app}/guilds/{guild}/commands", "_r_commands"),
    ("POST", "/interactions/{iid}/{token}/callback", "_r_callback"),
    ("POST", "/webhooks/{app}/{token}", "_r_followup"),
    ("GET|PATCH|DELETE", "/webhooks/{app}/{token}/messages/{mid}", "_r_webhook_msg"),
    ("GET", "/channels/{cid}", "_r_channel"),
    ("POST", "/channels/{cid}/messages", "_r_post_message"),
    ("GET|PATCH|DELETE", "/channels/{cid}/messages/{mid}", "_r_channel_msg"),
    ("POST", "/channels/{cid}/messages/{mid}/threads", "_r_thread_from_message"),
    ("POST", "/channels/{cid}/threads", "_r_thread"),
    ("POST", "/channels/{cid}/typing", "_r_typing"),
    ("PUT|DELETE", "/channels/{cid}/messages/{mid}/reactions/{emoji}/@me", "_r_reaction"),
    ("POST", "/users/@me/channels", "_r_dm"),
    ("GET", "/guilds/{gid}", "_r_guild"),
    ("GET", "/guilds/{gid}/members/{uid}", "_r_member"),
]
_ID = r"\d+"
_PARAM = {"token": r"[^/]+", "emoji": r"[^/]+", "mid": r"@original|\d+"}


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\{(\w+)\}", lambda m: f"(?P<{m[1]}>{_PARAM.get(m[1], _ID)})", template))


#: ``(route name, method, path pattern, handler name)``, one row per method.
ROUTES = [(f"{method} {template}", method, _pattern(template), name)
          for methods, template, name in _ROUTES for method in methods.split("|")]


def route_of(method: str, path: str) -> tuple[str, dict[str, str], str | None]:
    """The route name, path parameters and handler name of a REST request (``"METHOD /path"``,
    ``{}`` and None when no route matches)."""
    for route, m, rx, name in ROUTES:
        match = rx.fullmatch(path)
        if match and m == method:
            return route, match.groupdict(), name
    return f"{method} {path}", {}, None


async def read_body(request: web.Request) -> tuple[Any, list[tuple[int, str, str, bytes]]]:
    """Parse a JSON or multipart body; files come back as ``(index, filename, content_type, bytes)``."""
    if request.content_type.startswith("multipart/"):
        body, files = None, []
        reader = await request.multipart()
        async for part in reader:
            if part.name == "payload_json":
                body = json.loads(await part.text())
            elif part.name and part.name.startswith("files["):
                data = bytes(await part.read(decode=False))
                files.append((int(part.name[6:-1]), part.filename or "file",
                              part.headers.get("Content-Type", "application/octet-stream"), data))
        return body, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), []


class RestRoutes:
    """Handlers for the REST API; mixed into FakeDiscord."""

    async def _handle_rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"].rstrip("/")
        body, files = await read_body(request)
        route, params, name = route_of(request.method, path)

        async def answer() -> web.StreamResponse:
            if name is None:
                return error(404, "404: Not Found", 0)
            return await getattr(self, name)(request, body or {}, files, **params)

        return await self.serve(route, request, body, answer, params=params, path=path,
                                files=tuple((fname, ctype, data) for _, fname, ctype, data in files))

    async def _handle_attachment(self, request: web.Request) -> web.Response:
        blob = self._blobs.get(request.match_info["aid"])
        if blob is None:
            return web.Response(status=404)
        return web.Response(body=blob[1], headers={"Content-Type": blob[0]})

    # ---------------------------------------------------------------- messages (shared)
    def _store_message(self, msg: dict) -> None:
        box = self.messages[msg["channel_id"]]
        if not any(m["id"] == msg["id"] for m in box):
            box.append(msg)

    def _find_message(self, mid: str, cid: str | None = None) -> dict | None:
        boxes = [self.messages.get(cid, [])] if cid else list(self.messages.values())
        return next((m for box in boxes for m in box if m["id"] == str(mid)), None)

    def _unstore_message(self, msg: dict) -> None:
        box = self.messages.get(msg["channel_id"], [])
        box[:] = [m for m in box if m["id"] != msg["id"]]

    def _invalid(self, body: dict, files: list) -> web.Response | None:
        content = body.get("content") or ""
        if len(content) > MAX_CONTENT:
            return error(400, "Invalid Form Body", 50035, errors={"content": {"_errors": [
                {"code": "BASE_TYPE_MAX_LENGTH", "message": f"Must be {MAX_CONTENT} or fewer in length."}]}})
        if not files and not any(body.get(k) for k in ("content", "embeds", "components", "sticker_ids", "poll")):
            return error(400, "Cannot send an empty message", 50006)
        return None

    def _attachments(self, cid: str, mid: str, body: dict, files: list) -> list[dict]:
        meta = {str(a.get("id")): a for a in body.get("attachments") or []}
        out = []
        for index, filename, ctype, data in files:
            info = meta.get(str(index), {})
            aid, name = P.snowflake(), info.get("filename") or filename
            self.uploads.append(Upload(cid, mid, name, ctype, data))
            self._blobs[aid] = (ctype, data)
            url = f"{self.base_url}/attachments/{cid}/{aid}/{name}"
            out.append({"id": aid, "filename": name, "size": len(data), "url": url, "proxy_url": url,
                        "content_type": ctype, "description": info.get("description")})
        return out

    def _new_message(self, cid: str, body: dict, files: list, *, guild_id: str | None, webhook: bool = False,
                     extra_flags: int = 0) -> dict:
        mid = P.snowflake()
        msg = P.message(cid, self.bot_user, body.get("content") or "", guild_id=guild_id, message_id=mid,
                        embeds=body.get("embeds"), components=body.get("components"),
                        flags=(body.get("flags") or 0) | extra_flags,
                        attachments=self._attachments(cid, mid, body, files),
                        message_reference=body.get("message_reference"),
                        webhook_id=self.app_id if webhook else None, application_id=self.app_id if webhook else None)
        msg["tts"] = bool(body.get("tts"))
        return msg

    def _edit(self, msg: dict, body: dict, files: list) -> dict:
        for key, empty in (("content", ""), ("embeds", []), ("components", []), ("flags", 0)):
            if key in body:
                msg[key] = body[key] if body[key] is not None else empty
        if "attachments" in body:
            keep = {str(a.get("id")) for a in body["attachments"] or []}
            msg["attachments"] = [a for a in msg["attachments"] if a["id"] in keep]
        msg["attachments"] = msg["attachments"] + self._attachments(msg["channel_id"], msg["id"], body, files)
        msg["flags"] = msg.get("flags", 0) & ~LOADING
        msg["edited_timestamp"] = P.now_iso()
        return msg

    # ---------------------------------------------------------------- identity
    async def _r_me(self, request, body, files):
        if self.bad_token:
            return error(401, "401: Unauthorized", 0)
        return json_response(self.bot_user)

    async def _r_app(self, request, body, files):
        return json_response({
            "id": self.app_id, "name": self.bot_user["username"], "icon": None, "description": "", "summary": "",
            "type": None, "hook": True, "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64,
            "owner": self.owner, "team": None, "flags": 0, "rpc_origins": [], "redirect_uris": [], "tags": [],
            "interactions_endpoint_url": None, "approximate_guild_count": len(self.guilds), "bot": self.bot_user,
            "integration_types_config": {"0": {}}, "install_params": None, "custom_install_url": None,
            "role_connections_verification_url": None, "terms_of_service_url": None, "privacy_policy_url": None})

    async def _r_gateway_bot(self, request, body, files):
        return await self._r_gateway(request, body, files, bot=True)

    async def _r_gateway(self, request, body, files, bot=None):
        out: dict[str, Any] = {"url": self.gateway_url.rstrip("/")}
        if bot:
            out.update(shards=1, session_start_limit={"total": 1000, "remaining": 999, "reset_after": 0,
                                                      "max_concurrency": 1})
        return json_response(out)

    async def _r_commands(self, request, body, files, app, guild=None):
        if app != self.app_id:
            return error(404, "Unknown Application", 10002)
        if request.method == "GET":
            return json_response(self.commands.get(guild, []))
        known = {(c["name"], c.get("type", 1)): c["id"] for c in self.commands.get(guild, [])}
        out = []
        for cmd in body or []:
            kind, perms = cmd.get("type", 1), cmd.get("default_member_permissions")
            out.append({**cmd, "id": known.get((cmd["name"], kind)) or P.snowflake(), "application_id": self.app_id,
                        "version": P.snowflake(), "type": kind, "description": cmd.get("description", ""),
                        "options": cmd.get("options", []), "nsfw": cmd.get("nsfw", False),
                        "default_member_permissions": None if perms is None else str(perms),
                        **({"guild_id": guild} if guild else {})})
        self.commands[guild] = out
        return json_response(out)

    # ---------------------------------------------------------------- interactions
    async def _r_callback(self, request, body, files, iid, token):
        inter = self.interactions.get(token)
        if inter is None or inter["id"] != iid:
            return error(404, "Unknown interaction", 10062)
        if any(c["token"] == token for c in self.callbacks):
            return error(400, "Interaction has already been acknowledged.", 40060)
        kind, data = body.get("type"), body.get("data") or {}
        if kind == 4 and (bad := self._invalid(data, files)):
            return bad
        self.callbacks.append({"interaction_id": iid, "token": token, "type": kind, "data": data})
        ephemeral, msg = bool((data.get("flags") or 0) & EPHEMERAL), None
        if kind in (4, 5):
            msg = self._new_message(_channel_of(inter), data, files, guild_id=inter.get("guild_id"), webhook=True,
                                    extra_flags=LOADING if kind == 5 else 0)
            if not ephemeral:
                self._store_message(msg)
        elif kind in (6, 7) and "message" in inter:
            msg = self._find_message(inter["message"]["id"]) or dict(inter["message"])
            if kind == 7:
                self._edit(msg, data, files)
        if msg is not None:
            self.original_responses[token] = msg
        resource: dict[str, Any] = {"type": kind}
        if msg is not None:
            resource["message"] = msg
        return json_response({"interaction": {
            "id": iid, "type": inter["type"], "activity_instance_id": None,
            "response_message_id": msg["id"] if msg else None, "response_message_loading": kind == 5,
            "response_message_ephemeral": ephemeral}, "resource": resource})

    async def _r_followup(self, request, body, files, app, token):
        inter = self.interactions.get(token)
        if inter is None or app != self.app_id:
            return error(404, "Unknown Webhook", 10015)
        if bad := self._invalid(body, files):
            return bad
        msg = self._new_message(_channel_of(inter), body, files, guild_id=inter.get("guild_id"), webhook=True)
        self.followups[token].append(msg)
        if not msg["flags"] & EPHEMERAL:
            self._store_message(msg)
        return json_response(msg)

    async def _r_webhook_msg(self, request, body, files, app, token, mid):
        if mid == "@original":
            msg = self.original_responses.get(token)
        else:
            msg = next((m for m in self.followups.get(token, []) if m["id"] == mid), None)
        if msg is None or app != self.app_id:
            return error(404, "Unknown Message", 10008)
        if request.method == "DELETE":
            self._unstore_message(msg)
            self.original_responses = {t: m for t, m in self.original_responses.items() if m is not msg}
            self.followups[token] = [m for m in self.followups.get(token, []) if m is not msg]
            return no_content()
        if request.method == "PATCH":
            self._edit(msg, body, files)
        return json_response(msg)

    # ---------------------------------------------------------------- channels
    async def _r_channel(self, request, body, files, cid):
        ch = self.channels.get(cid)
        return json_response(ch) if ch else error(404, "Unknown Channel", 10003)

    async def _r_post_message(self, request, body, files, cid):
        ch = self.channels.get(cid)
        if ch is None:
            return error(404, "Unknown Channel", 10003)
        closed = {str(u) for u in self.closed_dms}
        if ch["type"] == P.DM and any(r["id"] in closed for r in ch["recipients"]):
            return error(403, "Cannot send messages to this user", 50007)
        if bad := self._invalid(body, files):
            return bad
        msg = self._new_message(cid, body, files, guild_id=ch.get("guild_id"))
        self._store_message(msg)
        if self.echo_own_messages and self.connected:
            await self.dispatch("MESSAGE_CREATE", msg)
        return json_response(msg)

    async def _r_channel_msg(self, request, body, files, cid, mid):
        msg = self._find_message(mid, cid)
        if msg is None:
            return error(404, "Unknown Message", 10008)
        if request.method == "DELETE":
            self._unstore_message(msg)
            return no_content()
        if request.method == "PATCH":
            if msg["author"]["id"] != self.bot_id:
                return error(403, "Cannot edit a message authored by another user", 50005)
            self._edit(msg, body, files)
        return json_response(msg)

    async def _start_thread(self, parent_id: str, thread_id: str | None, body: dict) -> web.Response:
        parent = self.channels.get(parent_id)
        if parent is None or "guild_id" not in parent:
            return error(404, "Unknown Channel", 10003)
        t = P.thread(thread_id, body.get("name") or "thread", guild_id=parent["guild_id"], parent_id=parent_id,
                     owner_id=self.bot_id, type=body.get("type") or P.PUBLIC_THREAD,
                     auto_archive_duration=body.get("auto_archive_duration") or 1440)
        self.channels[t["id"]] = t
        self.guilds[parent["guild_id"]]["threads"].append(t)
        if self.connected:  # Discord tells the bot about threads it creates, which it has joined
            await self.dispatch("THREAD_CREATE", P.thread_create(t, member_user_id=self.bot_id))
        return json_response(t, 201)

    async def _r_thread_from_message(self, request, body, files, cid, mid):
        msg = self._find_message(mid, cid)
        if msg is None:
            return error(404, "Unknown Message", 10008)
        if mid in self.channels:
            return error(400, "A thread has already been created for this message", 160004)
        response = await self._start_thread(cid, mid, body)  # like Discord: thread id == message id
        if mid in self.channels:
            update = P.thread_starter_update(msg, self.channels[mid])
            msg.update(thread=update["thread"], flags=update["flags"])
            if self.connected:  # and the starter message changes: it now has a thread
                await self.dispatch("MESSAGE_UPDATE", update)
        return response

    async def _r_thread(self, request, body, files, cid):
        return await self._start_thread(cid, None, body)

    async def _r_typing(self, request, body, files, cid):
        return no_content()

    async def _r_reaction(self, request, body, files, cid, mid, emoji):
        """The bot's own reaction on a message (recorded in ``reactions``)."""
        self.reactions.append((request.method, cid, mid, emoji))
        return no_content()

    async def _r_dm(self, request, body, files):
        uid = str(body.get("recipient_id"))
        if uid not in self.dm_channels:
            recipient = self.users.get(uid) or P.user(uid, f"user{uid}")
            ch = P.dm_channel(None, recipient)
            self.dm_channels[uid] = self.channels[ch["id"]] = ch
        return json_response(self.dm_channels[uid])

    async def _r_guild(self, request, body, files, gid):
        guild = self.guilds.get(gid)
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        return json_response({k: v for k, v in guild.items() if k not in ("members", "channels", "threads",
                                                                         "presences", "voice_states")})

    async def _r_member(self, request, body, files, gid, uid):
        guild = self.guilds.get(gid)
        found = next((m for m in (guild or {}).get("members", []) if m["user"]["id"] == uid), None)
        return json_response(found) if found else error(404, "Unknown Member", 10007)


def _channel_of(interaction: dict) -> str:
    """The channel an interaction came from: ``channel_id``, else the ``channel`` object's id (both
    are optional on Discord); "" when it has neither."""
    return str(interaction.get("channel_id") or (interaction.get("channel") or {}).get("id") or "")
