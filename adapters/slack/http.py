"""Slack's HTTP mode: the bolt app served on POST /slack/events.

Unauthenticated input is refused before it is parsed (401); a signed body that is not a request
Slack sends gets 400; a well-formed request nothing here listens for gets 200. Never a 500.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Sequence
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.request.internals import build_normalized_headers, extract_content_type
from slack_sdk.signature import SignatureVerifier

from adapters.slack.connection import Report, ignore_state, startup_error

log = logging.getLogger("hindsight.slack")
EVENTS_PATH = "/slack/events"


MAX_SKEW = 5 * 60  # Slack's rule: a request signed more than 5 minutes away from now is refused


def signature_problem(verifier: SignatureVerifier, raw: bytes, timestamp: str | None,
                      signature: str | None, now: float | None = None) -> str | None:
    """Why a request is not Slack's, or None if it is. Checks the raw bytes, before any parsing.

    The timestamp must be ASCII digits (``int()`` would take other scripts' digits, signs and
    spaces). slack_sdk signs text only, so a body that is not UTF-8 is checked over its bytes
    the same way: if it is signed, it is answered 400 (unreadable) rather than 401.
    """
    if not timestamp or len(timestamp) > 12 or not (timestamp.isascii() and timestamp.isdigit()):
        return "missing or malformed X-Slack-Request-Timestamp"
    if not signature or not signature.isascii():
        return "missing or malformed X-Slack-Signature"
    now = verifier.clock.now() if now is None else now
    if abs(now - int(timestamp)) > MAX_SKEW:
        return "stale X-Slack-Request-Timestamp"
    try:
        valid = verifier.is_valid(body=raw, timestamp=timestamp, signature=signature)
    except UnicodeDecodeError:
        mac = hmac.new(verifier.signing_secret.encode(), b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256)
        valid = hmac.compare_digest("v0=" + mac.hexdigest(), signature)
    return None if valid else "bad signature"


def read_body(text: str, content_type: str | None) -> object:
    """A request body as Slack sends it: JSON (events), a form with one ``payload`` field of
    JSON (interactivity), or a plain form (slash commands). Raises ValueError on bad JSON."""
    if not text:
        return {}
    if content_type == "application/json" or text.startswith("{"):
        return json.loads(text)
    fields = dict(parse_qsl(text, keep_blank_values=True))
    if "payload" in fields:
        return json.loads(fields["payload"])
    return fields


def _kind(payload: dict[str, object]) -> str:
    event = payload.get("event")
    kind = str(payload.get("type") or payload.get("command") or "?")[:40]
    return f"{kind}/{str(event.get('type'))[:40]}" if isinstance(event, dict) else kind


def _json_kind(value: object) -> str:
    return {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}.get(type(value), "null")


# The fields of the requests this app listens to, with the JSON type each must have when present
# (null is always allowed). bolt and the listeners read them without checking, and a wrong type
# would end in a 500 and a traceback. Events nobody listens to only need a type.
_OBJECT: type = dict
_TEXT: type = str
_LIST: type = list
_EVENT_FIELDS: dict[str, dict[str, type]] = {
    "message": {"user": _TEXT, "channel": _TEXT, "text": _TEXT, "ts": _TEXT, "thread_ts": _TEXT, "subtype": _TEXT,
                "team": _TEXT, "event_ts": _TEXT, "deleted_ts": _TEXT, "bot_id": _TEXT,
                "message": _OBJECT, "previous_message": _OBJECT},
    "app_home_opened": {"user": _TEXT, "channel": _TEXT, "tab": _TEXT, "team": _TEXT, "view": _OBJECT},
}
_INNER_MESSAGE = {"user": _TEXT, "text": _TEXT, "ts": _TEXT, "thread_ts": _TEXT, "bot_id": _TEXT, "subtype": _TEXT,
                  "edited": _OBJECT}
_TOP_FIELDS = {"team_id": _TEXT, "api_app_id": _TEXT, "event_id": _TEXT, "enterprise_id": _TEXT,
               "authorizations": _LIST}
_INTERACTIVE_FIELDS = {"user": _OBJECT, "team": _OBJECT, "channel": _OBJECT, "container": _OBJECT, "view": _OBJECT,
                       "message": _OBJECT, "actions": _LIST, "trigger_id": _TEXT, "response_url": _TEXT}
_VIEW_FIELDS = {"type": _TEXT, "id": _TEXT, "callback_id": _TEXT, "private_metadata": _TEXT, "state": _OBJECT,
                "blocks": _LIST, "team_id": _TEXT}


def _wrong_field(obj: dict[str, object], fields: dict[str, type], where: str) -> str | None:
    for name, kind in fields.items():
        value = obj.get(name)
        if value is not None and not isinstance(value, kind):
            return f"{where}.{name} is a JSON {_json_kind(value)}"
    return None


def shape_problem(payload: dict[str, object]) -> str | None:
    """Why a signed JSON object is not a request Slack sends, or None."""
    if "type" in payload and not isinstance(payload["type"], str):
        return f"its type is a JSON {_json_kind(payload['type'])}, not a string"
    problem = _wrong_field(payload, _TOP_FIELDS, "payload")
    if problem:
        return problem
    if "event" in payload:
        event = payload["event"]
        if not isinstance(event, dict):
            return f"its event is a JSON {_json_kind(event)}, not an object"
        kind = event.get("type")
        if not isinstance(kind, str):
            return "its event has no type"
        problem = _wrong_field(event, _EVENT_FIELDS.get(kind, {}), "event")
        for inner in ("message", "previous_message"):
            if problem is None and kind == "message" and isinstance(event.get(inner), dict):
                problem = _wrong_field(event[inner], _INNER_MESSAGE, f"event.{inner}")
        return problem
    if payload.get("type") in ("block_actions", "view_submission", "view_closed"):
        problem = _wrong_field(payload, _INTERACTIVE_FIELDS, "payload")
        actions = payload.get("actions")
        if problem is None and isinstance(actions, list) and not all(isinstance(a, dict) for a in actions):
            problem = "payload.actions holds something other than objects"
        view = payload.get("view")
        if problem is None and isinstance(view, dict):
            problem = _wrong_field(view, _VIEW_FIELDS, "view")
            state = view.get("state")
            values = state.get("values") if isinstance(state, dict) else None
            if problem is None and values is not None and not (
                    isinstance(values, dict) and all(isinstance(v, dict) for v in values.values())):
                problem = "view.state.values is not an object of objects"
        if problem is None and payload["type"] != "block_actions" and not isinstance(view, dict):
            problem = "a view payload without its view"
        return problem
    return None


def _reject(request: web.Request, status: int, reason: str) -> web.Response:
    log.warning("slack: rejected a request to %s from %s with HTTP %d: %s", request.path, request.remote, status,
                reason)
    return web.Response(status=status, body=json.dumps({"error": reason}).encode(), content_type="application/json")


class HttpConnection:
    """HTTP mode: the bolt app served on POST /slack/events.

    Unauthenticated input is rejected before it is parsed: the signature and timestamp are
    checked on the raw bytes first (401), then a signed body that cannot be read (not UTF-8,
    not JSON, not an object) gets 400. Each rejection is one log line; nothing here answers 500.
    """

    def __init__(self, app: AsyncApp, port: int, host: str = "0.0.0.0", *, signing_secret: str,
                 report: Report | None = None) -> None:
        self.app = app
        self.port = port
        self.host = host
        self.verifier = SignatureVerifier(signing_secret)
        self.report = report or ignore_state
        self.runner: web.AppRunner | None = None
        self.bound_port: int | None = None

    async def _dispatch(self, request: web.Request) -> web.Response:
        raw = await request.read()
        problem = signature_problem(self.verifier, raw, request.headers.get("X-Slack-Request-Timestamp"),
                                    request.headers.get("X-Slack-Signature"))
        if problem:
            return _reject(request, 401, problem)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _reject(request, 400, "the body is not UTF-8")
        headers: dict[str, str | Sequence[str]] = dict(request.headers)
        try:
            payload = read_body(text, extract_content_type(build_normalized_headers(headers)))
        except ValueError as exc:
            return _reject(request, 400, f"the body is not valid JSON ({str(exc)[:80]})")
        if not isinstance(payload, dict):
            return _reject(request, 400, f"the payload is a JSON {_json_kind(payload)}, not an object")
        shape = shape_problem(payload)
        if shape:
            return _reject(request, 400, f"the payload is not one Slack sends: {shape}")
        try:
            bolt_request = AsyncBoltRequest(body=text, query=request.query_string, headers=headers)
            if bolt_request.body != payload:
                # bolt reads any form body that merely contains the word "payload" (a slash command's
                # text, a channel name) as an interactive payload and loses it: use the real fields.
                bolt_request.body = payload
                bolt_request.context = build_async_context(AsyncBoltContext({}), payload)
        except Exception as exc:  # noqa: BLE001 - fields of the wrong type: the sender's error
            return _reject(request, 400, f"unusable payload ({type(exc).__name__}: {str(exc)[:80]})")
        try:
            response = await self.app.async_dispatch(bolt_request)
        except Exception as exc:  # noqa: BLE001 - bolt could not make sense of a signed payload
            return _reject(request, 400, f"unusable payload ({type(exc).__name__}: {str(exc)[:120]})")
        if response.status == 404:
            # Signed and well formed, but nothing here listens for it (app_rate_limited, an event
            # the app is subscribed to but does not use): Slack counts a 404 as a failed delivery
            # and can turn the subscription off, so it is acknowledged.
            log.info("slack: nothing handles a signed %s request (%s); acknowledged", _kind(payload), request.path)
            return web.Response(status=200)
        return await to_aiohttp_response(response)

    async def start(self) -> None:
        web_app = web.Application()
        web_app.router.add_post(EVENTS_PATH, self._dispatch)
        self.runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=2.0)
        await self.runner.setup()
        try:
            await web.TCPSite(self.runner, self.host, self.port).start()
        except OSError as exc:
            await self.runner.cleanup()
            self.runner = None
            raise startup_error(f"SLACK_HTTP_PORT={self.port}: cannot listen ({exc.strerror or exc})") from None
        self.bound_port = self.runner.addresses[0][1]
        log.info("slack: HTTP mode, listening on port %s at %s", self.bound_port, EVENTS_PATH)
        await self.report("up")  # HTTP mode has no connection to lose: up while it listens

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.bound_port}{EVENTS_PATH}"

    async def stop(self) -> None:
        runner, self.runner = self.runner, None
        if runner is not None:
            await runner.cleanup()
