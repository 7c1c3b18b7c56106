"""The connection to Slack: the Web API client, the token checks, Socket Mode and HTTP mode.

Tokens are checked before anything connects (a bad app token would make Socket Mode retry
for ever), and an error names the variable that is wrong, never its value.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import random
from dataclasses import dataclass
from typing import Awaitable, Callable, Sequence
from urllib.parse import parse_qsl

from aiohttp import ClientError, web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.internals import build_normalized_headers, extract_content_type
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import StartupError
from bot.health import ConnectionState

log = logging.getLogger("hindsight.slack")
CHECK_TIMEOUT = 15.0
EVENTS_PATH = "/slack/events"


class _DropTokenSkipped(logging.Filter):
    """bolt warns that the env's SLACK_BOT_TOKEN is unused when a client is given: expected here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def bolt_logger() -> logging.Logger:
    logger = logging.getLogger("hindsight.slack.bolt")
    if not any(isinstance(f, _DropTokenSkipped) for f in logger.filters):
        logger.addFilter(_DropTokenSkipped())
    return logger


class _QuietReconnects(logging.Filter):
    """slack_sdk logs each failed connection attempt as an error with a traceback; the
    watchdog already logs one line per attempt, so these become debug lines without one."""

    NOISY = ("Failed to connect", "Failed to retrieve WSS URL", "Failed to close the old session")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and record.getMessage().startswith(self.NOISY):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            record.exc_info, record.exc_text = None, None
        return True


def socket_logger() -> logging.Logger:
    logger = logging.getLogger("hindsight.slack.socket")
    if not any(isinstance(f, _QuietReconnects) for f in logger.filters):
        logger.addFilter(_QuietReconnects())
    return logger


def startup_error(message: str) -> StartupError:
    return StartupError(message)


def make_client(token: str, base_url: str | None = None, timeout: int = 30) -> AsyncWebClient:
    client = AsyncWebClient(token=token, timeout=timeout, base_url=base_url or AsyncWebClient.BASE_URL)
    return with_rate_limit_retry(client)


def with_rate_limit_retry(client: AsyncWebClient, retries: int = 3) -> AsyncWebClient:
    """slack_sdk does not honour 429 + Retry-After unless this handler is added."""
    if not any(isinstance(h, AsyncRateLimitErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=retries))
    return client


def _error_code(exc: SlackApiError) -> str:
    try:
        return str(exc.response.get("error") or exc.response.status_code)
    except Exception:  # noqa: BLE001 - a malformed response still gets a message
        return "unknown_error"


async def check_bot_token(client: AsyncWebClient, timeout: float = CHECK_TIMEOUT) -> dict:
    """auth.test with the bot token. Returns its answer (team_id, user_id, bot_id)."""
    try:
        resp = await asyncio.wait_for(client.auth_test(), timeout)
    except SlackApiError as exc:
        raise startup_error(f"SLACK_BOT_TOKEN was refused by Slack ({_error_code(exc)}): check the bot token "
                            "(xoxb-...) under OAuth & Permissions, and that the app is installed") from None
    except (asyncio.TimeoutError, ClientError, OSError) as exc:
        raise startup_error(f"could not reach Slack to check SLACK_BOT_TOKEN ({type(exc).__name__}); "
                            "check the network (or SLACK_API_URL)") from None
    return dict(resp.data) if isinstance(resp.data, dict) else {}


async def check_app_token(client: AsyncWebClient, app_token: str, timeout: float = CHECK_TIMEOUT) -> None:
    """apps.connections.open with the app-level token, as Socket Mode will do."""
    if not app_token.startswith("xapp-"):
        raise startup_error("SLACK_APP_TOKEN is not an app-level token: it must start with xapp- "
                            "(Basic Information > App-Level Tokens, scope connections:write)")
    try:
        await asyncio.wait_for(client.apps_connections_open(app_token=app_token), timeout)
    except SlackApiError as exc:
        raise startup_error(f"SLACK_APP_TOKEN was refused by Slack ({_error_code(exc)}): check the app-level "
                            "token (xapp-...) and its connections:write scope, and that Socket Mode is on") from None
    except (asyncio.TimeoutError, ClientError, OSError) as exc:
        raise startup_error(f"could not reach Slack to check SLACK_APP_TOKEN ({type(exc).__name__})") from None


Report = Callable[[ConnectionState], Awaitable[None]]  # how the connection's state is reported


async def _ignore(state: ConnectionState) -> None:
    pass


@dataclass(frozen=True)
class Supervision:
    """How the Socket Mode connection is watched and brought back (tests make it fast)."""

    poll: float = 1.0  # how often the connection is checked
    first_delay: float = 1.0  # the wait after a failed attempt; it doubles up to max_delay
    max_delay: float = 60.0
    attempt_timeout: float = 30.0  # one attempt: apps.connections.open and the websocket
    ping_interval: float = 10.0  # slack_sdk's ping-pong; a link silent for 4 pings counts as lost


# apps.connections.open errors that no retry can mend: the app token itself is refused.
FATAL_ERRORS = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
                          "not_allowed_token_type", "invalid_token", "missing_scope"})


class SocketConnection:
    """Socket Mode over aiohttp: no public URL needed. The connection is supervised.

    slack_sdk's own reconnection retries at a fixed interval (its ping interval), and its
    connect() keeps retrying a websocket URL that may be dead. So its auto-reconnect is off
    (its handling of Slack's ``disconnect`` message stays on), and a watchdog checks
    ``is_connected()``: when the link is lost (the socket closed, the ping-pong went
    silent) it reports ``reconnecting``, calls the client's own ``connect_to_new_endpoint()``
    with a growing delay between attempts, and reports ``up`` when it is back. A refused app
    token reports ``down`` and stops trying. Whether "reconnecting" has lasted too long is judged
    in the core (bot/health.py), from the states reported.
    """

    def __init__(self, app: AsyncApp, app_token: str, report: Report | None = None,
                 supervision: Supervision | None = None) -> None:
        self.app = app
        self.app_token = app_token
        self.report = report or _ignore
        self.supervision = supervision or Supervision()
        self.handler: AsyncSocketModeHandler | None = None
        self.delays: list[float] = []  # the waits between failed attempts, oldest first
        self._watch: asyncio.Task | None = None

    async def start(self) -> None:
        sup = self.supervision
        self.handler = AsyncSocketModeHandler(self.app, self.app_token, logger=socket_logger(),
                                              ping_interval=sup.ping_interval)
        link = self.handler.client  # slack_sdk's SocketModeClient
        link.default_auto_reconnect_enabled = False
        link.auto_reconnect_enabled = False
        try:
            await asyncio.wait_for(self.handler.connect_async(), sup.attempt_timeout)
        except (asyncio.TimeoutError, SlackApiError, ClientError, OSError) as exc:
            log.warning("slack: Socket Mode did not connect at start (%s); retrying", _describe(exc))
        await self.report("up" if await link.is_connected() else "reconnecting")
        self._watch = asyncio.get_running_loop().create_task(self._supervise(link), name="slack-socket-watch")

    async def _supervise(self, link: SocketModeClient) -> None:
        try:
            while True:
                if await link.is_connected():
                    await asyncio.sleep(self.supervision.poll)
                    continue
                log.warning("slack: the Socket Mode connection was lost; reconnecting")
                await self.report("reconnecting")
                if not await self._reconnect(link):
                    await self.report("down")
                    return
                log.info("slack: Socket Mode connection is back")
                await self.report("up")
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a watchdog that dies would hide a dead link: give up loudly
            log.error("slack: the Socket Mode watchdog failed (%s); giving up", _describe(exc))
            await self.report("down")

    async def _reconnect(self, link: SocketModeClient) -> bool:
        """Try until connected (True) or the app token is refused (False)."""
        sup = self.supervision
        attempt = 0
        while not await link.is_connected():
            # A connect() stuck on a dead URL (it retries the same one) fetches a new one next time.
            link.wss_uri = None
            try:
                await asyncio.wait_for(link.connect_to_new_endpoint(), sup.attempt_timeout)
            except SlackApiError as exc:
                code = _error_code(exc)
                if code in FATAL_ERRORS:
                    log.error("slack: Socket Mode cannot reconnect: apps.connections.open answered %s; "
                              "check SLACK_APP_TOKEN", code)
                    return False
                log.warning("slack: reconnecting Socket Mode failed: %s", code)
            except (asyncio.TimeoutError, ClientError, OSError) as exc:
                log.warning("slack: reconnecting Socket Mode failed: %s", _describe(exc))
            if await link.is_connected():
                break
            delay = min(sup.max_delay, sup.first_delay * 2 ** attempt) * random.uniform(0.8, 1.0)
            self.delays.append(delay)
            attempt += 1
            await asyncio.sleep(delay)
        return True

    async def stop(self) -> None:
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.cancel()
            await asyncio.gather(watch, return_exceptions=True)
        handler, self.handler = self.handler, None
        if handler is None:
            return
        with contextlib.suppress(Exception):
            await handler.close_async()
        # slack_sdk cancels its background tasks without awaiting them.
        c = handler.client
        tasks = [t for t in (c.message_processor, c.current_session_monitor, c.message_receiver) if t]
        await asyncio.gather(*tasks, return_exceptions=True)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SlackApiError):
        return _error_code(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


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


def shape_problem(payload: dict[str, object]) -> str | None:
    """Why a signed JSON object is not a request Slack sends, or None. bolt reads these fields
    without checking their types, and would answer 500 with a traceback."""
    if "event" in payload and not isinstance(payload["event"], dict):
        return f"its event is a JSON {_json_kind(payload['event'])}, not an object"
    event = payload.get("event")
    if isinstance(event, dict) and not isinstance(event.get("type"), str):
        return "its event has no type"
    if "type" in payload and not isinstance(payload["type"], str):
        return f"its type is a JSON {_json_kind(payload['type'])}, not a string"
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
        self.report = report or _ignore
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
