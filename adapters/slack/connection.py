"""The connection to Slack: the Web API client, the token checks and Socket Mode (HTTP mode is
in :mod:`adapters.slack.http`).

Tokens are checked before anything connects (a bad app token would make Socket Mode retry
for ever), and an error names the variable that is wrong, never its value.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass
from typing import Awaitable, Callable

from aiohttp import ClientError
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import StartupError
from bot.health import ConnectionState

log = logging.getLogger("hindsight.slack")
CHECK_TIMEOUT = 15.0


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


async def ignore_state(state: ConnectionState) -> None:
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
        self.report = report or ignore_state
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
